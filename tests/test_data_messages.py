"""Missing or corrupt data gives a clear Polish message saying what to run."""
import ast
import zipfile
import zlib
from types import SimpleNamespace

import jupytext
import numpy as np
import pytest

from conftest import ROOT

CNN = ROOT / "notebooks" / "02_cnn.py"


def offline():
    raise OSError("no network")


def notebook_function(source, name, **namespace):
    """Define one top-level function from a notebook's code cells, nothing else."""
    for cell in jupytext.read(source).cells:
        if cell.cell_type != "code" or f"def {name}(" not in cell.source:
            continue
        for node in ast.parse(cell.source).body:
            if isinstance(node, ast.FunctionDef) and node.name == name:
                exec(compile(ast.Module([node], []), str(source), "exec"), namespace)
                return namespace[name]
    raise LookupError(f"{source.name}: brak funkcji {name}")


def load_mnist_in(data_dir):
    keras = SimpleNamespace(datasets=SimpleNamespace(mnist=SimpleNamespace(load_data=offline)))
    return notebook_function(CNN, "load_mnist", np=np, keras=keras, DATA_DIR=data_dir,
                             zipfile=zipfile, zlib=zlib)


def test_missing_mnist_offline_says_to_run_make_data(tmp_path):
    with pytest.raises(FileNotFoundError, match="make data"):
        load_mnist_in(tmp_path)()


def test_corrupt_mnist_file_is_named_with_the_fix(tmp_path):
    (tmp_path / "mnist.npz").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(RuntimeError, match=r"mnist\.npz.*uszkodzony.*make data"):
        load_mnist_in(tmp_path)()
