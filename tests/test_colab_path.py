"""Every notebook runs under nbval (fast mode) the way Colab runs it: copied alone into an
empty folder, no data/ beside it, nothing of the repository importable, no network. Its
downloads go through the same calls as in Colab, pointed at local copies by this harness,
not by the notebook: `pip download`/`pip install` through pip's own PIP_NO_INDEX and
PIP_FIND_LINKS, Keras' MNIST download through colab_kernel/sitecustomize.py.

Each notebook runs once. The local-data path (data/ from `make data`) is covered by the
loaders' own tests (test_data_messages.py); their copies are identical in every notebook.

A package that Colab lacks (colab_packages.txt) is installed by the notebook itself."""
import ast
import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT, SOURCES, code_cells_as_python, definitions

DATA = ROOT / "data"


def defines(source, name):
    return name in definitions(source)


def offline_environment(keras_home, **extra):
    """The test's environment less the course's settings and pip's, with no network for the kernel."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("COURSE_DATA_DIR", "PYTHONPATH") and not key.startswith("PIP_")}
    env.update(COURSE_FAST="1", PYTHONPATH=str(ROOT / "tests" / "colab_kernel"), KERAS_HOME=str(keras_home),
               PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", **extra)
    return env


def run_nbval(notebook, env):
    """Runs nbval on one notebook in a fresh pytest; asserts that every code cell passed."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-c", os.devnull,
         "--rootdir", str(notebook.parent), "--nbval-lax", "--nbval-cell-timeout=600", str(notebook)],
        env=env, cwd=notebook.parent, capture_output=True, text=True)
    cells = sum(c.cell_type == "code" for c in nbformat.read(notebook, as_version=4).cells)
    assert result.returncode == 0 and f"{cells} passed" in result.stdout, result.stdout[-6000:]


@pytest.mark.notebooks
@pytest.mark.parametrize("notebook_source", SOURCES, ids=[s.stem for s in SOURCES])
def test_notebook_runs_alone_like_in_colab(notebook_source, tmp_path):
    content = tmp_path / "content"  # Colab's working folder; no ../data next to it
    content.mkdir()
    notebook = Path(shutil.copy(notebook_source.with_suffix(".ipynb"), content))
    keras_home = tmp_path / "keras"
    run_nbval(notebook, offline_environment(keras_home, PIP_FIND_LINKS=str(DATA / "cache"),
                                            COURSE_TEST_MNIST=str(DATA / "mnist.npz")))
    assert [p.name for p in content.iterdir()] == [notebook.name], "notatnik zostawił pliki obok siebie"
    downloaded = (keras_home / "datasets" / "mnist.npz").exists()
    assert downloaded == defines(notebook_source, "load_mnist"), "MNIST nie przyszedł z pobrania Keras"


def pins(path):
    """{distribution: version} of the name==version lines of a requirements file."""
    found = re.findall(r"^([A-Za-z0-9_.-]+)==([^\s;]+)", path.read_text(encoding="utf-8"), re.MULTILINE)
    return {canonical(name): version for name, version in found}


def canonical(distribution):
    name = re.sub(r"[-_.]+", "-", distribution).lower()
    return {"tensorflow-cpu": "tensorflow"}.get(name, name)  # requirements.txt: the CPU wheel on Linux


def third_party_imports(source):
    modules = set()
    for _, tree in code_cells_as_python(source):
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules.add(node.module.split(".")[0])
    return sorted(modules - set(sys.stdlib_module_names))


def test_every_import_is_in_colab_or_installed_by_the_notebook(source):
    colab, required = pins(ROOT / "tests" / "colab_packages.txt"), pins(ROOT / "requirements.txt")
    distributions = packages_distributions()
    for module in third_party_imports(source):
        package = canonical(distributions[module][0])
        install = f'"pip", "install", "-q", "{package}=={required.get(package)}"'
        assert package in colab or install in source.read_text(encoding="utf-8"), (
            f"{source.name}: Colab nie ma pakietu {package} (tests/colab_packages.txt); "
            f"notatnik musi go zainstalować sam: subprocess.run([sys.executable, \"-m\", {install}])")
