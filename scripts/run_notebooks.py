"""Execute notebooks in full mode and store their outputs in the .ipynb pair.

Usage: python scripts/run_notebooks.py [notebooks/02_cnn.py ...]   (no argument: all of them)
The .py source is read with jupytext and run top to bottom with nbclient in the
notebooks/ folder, first in fast mode (only timed), then in full mode; the full-mode
notebook is stamped (course.stamp: code hash, both times, headline figures) and written
to the .ipynb.
"""
import os
import sys
import time
from pathlib import Path

import jupytext
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import course


class NotebookFailed(Exception):
    pass


def execute(source, fast=False):
    """Run a notebook source top to bottom; return the notebook and the seconds taken."""
    nb = jupytext.read(source)
    env = {key: value for key, value in os.environ.items() if key != "COURSE_FAST"}
    if fast:
        env["COURSE_FAST"] = "1"
    start = time.perf_counter()
    # TensorFlow's C++ start-up log goes to this terminal, not into the stored outputs
    client = NotebookClient(nb, timeout=None, kernel_name="python3",
                            extra_arguments=["--IPKernelApp.capture_fd_output=False"],
                            resources={"metadata": {"path": str(source.parent)}})
    try:
        client.execute(env=env)
    except CellExecutionError as err:
        raise NotebookFailed(f"{source}: błąd wykonania, wyniki nie zostały zapisane.\n{err}") from err
    return nb, time.perf_counter() - start


def main(sources):
    for source in sources:
        _, fast_seconds = execute(source, fast=True)
        nb, seconds = execute(source)
        course.stamp(nb, seconds, fast_seconds)
        jupytext.write(nb, source.with_suffix(".ipynb"))
        print(f"{source.with_suffix('.ipynb')}: tryb pełny {seconds:.0f} s, szybki {fast_seconds:.0f} s")


if __name__ == "__main__":
    try:
        main([Path(arg) for arg in sys.argv[1:]] or course.notebooks())
    except (NotebookFailed, ValueError) as err:
        sys.exit(str(err))
