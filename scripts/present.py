"""JupyterLab with RISE for the live slideshow: `make present`, and the live test starts it too.

Usage: python scripts/present.py [jupyter lab options ...]
- The course's notebooks are trusted first, so that JupyterLab runs the scripts of their
  stored outputs (the convolution animation in 5.2); `make outputs` drops the trust.
- The server's root is the repository, and JupyterLab opens at notebooks/. Not notebooks/
  as the root: jupyterlab-rise 0.42.0 loads `files/<notebook's folder>/rise.css`, which for
  a notebook in the root is `files//rise.css`, refused with 403, so the slides would lose
  the course's styles (jupyterlab-contrib/rise issues 27, 87 and 98).
"""
import os
import subprocess
import sys
from pathlib import Path

import course

JUPYTER = str(Path(sys.executable).parent / "jupyter")
NOTEBOOKS_URL = "/lab/tree/notebooks"  # where JupyterLab opens


def command(*options):
    """The `jupyter lab` command line, with the options of the caller (port, token, ...)."""
    return [JUPYTER, "lab", f"--ServerApp.root_dir={course.ROOT}", f"--LabApp.default_url={NOTEBOOKS_URL}",
            *options]


def main(options):
    notebooks = [str(source.with_suffix(".ipynb")) for source in course.notebooks()]
    subprocess.run([JUPYTER, "trust", *notebooks], check=True)
    os.execv(JUPYTER, command(*options))  # the server replaces this process (Ctrl+C stops it)


if __name__ == "__main__":
    main(sys.argv[1:])
