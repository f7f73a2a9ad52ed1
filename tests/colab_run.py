"""A notebook run the way Colab runs it, under nbval (fast mode): copied alone into an empty
folder, no data/ beside it, nothing of the repository importable, no network. Its downloads
go through the same calls as in Colab, pointed at local copies by this harness, not by the
notebook: `pip download`/`pip install` through pip's own PIP_NO_INDEX and PIP_FIND_LINKS,
Keras' MNIST download through colab_kernel/sitecustomize.py."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

from course import ROOT

DATA = ROOT / "data"


def offline_environment(keras_home, **extra):
    """The test's environment less the course's settings and pip's, with no network for the kernel."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("COURSE_DATA_DIR", "PYTHONPATH") and not key.startswith("PIP_")}
    env.update(COURSE_FAST="1", PYTHONPATH=str(ROOT / "tests" / "colab_kernel"), KERAS_HOME=str(keras_home),
               PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", **extra)
    return env


def run_alone(source, folder):
    """Runs the notebook of `source` in folder/content (Colab's working folder), with Keras'
    home in folder/keras; returns the folder and the finished nbval process."""
    content = folder / "content"
    content.mkdir(parents=True)
    notebook = Path(shutil.copy(source.with_suffix(".ipynb"), content))
    env = offline_environment(folder / "keras", PIP_FIND_LINKS=str(DATA / "cache"),
                              COURSE_TEST_MNIST=str(DATA / "mnist.npz"))
    return folder, subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-c", os.devnull,
         "--rootdir", str(content), "--nbval-lax", "--nbval-cell-timeout=600", str(notebook)],
        env=env, cwd=content, capture_output=True, text=True)
