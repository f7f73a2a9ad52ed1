"""Every notebook runs alone the way Colab runs it (colab_run.py), once per `make test`, in
the background while other tests run (conftest.py). The local-data path (data/ from `make data`)
is covered by the loaders' own tests (test_data_messages.py); their copies are identical in
every notebook.

A package that Colab lacks (colab_packages.txt) is installed by the notebook itself."""
import ast
import re
import sys
from importlib.metadata import packages_distributions

import nbformat
import pytest

from conftest import ROOT, SOURCES, code_cells_as_python, definitions


def defines(source, name):
    return name in definitions(source)


@pytest.mark.notebooks
@pytest.mark.parametrize("notebook_source", SOURCES, ids=[s.stem for s in SOURCES])
def test_notebook_runs_alone_like_in_colab(notebook_source, background):
    folder, result = background(notebook_source)
    notebook = folder / "content" / notebook_source.with_suffix(".ipynb").name
    cells = sum(c.cell_type == "code" for c in nbformat.read(notebook, as_version=4).cells)
    assert result.returncode == 0 and f"{cells} passed" in result.stdout, result.stdout[-6000:]
    assert [p.name for p in notebook.parent.iterdir()] == [notebook.name], "notatnik zostawił pliki obok siebie"
    downloaded = (folder / "keras" / "datasets" / "mnist.npz").exists()
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
