"""Execute notebooks in full mode and store their outputs in the .ipynb pair.

Usage: python scripts/run_notebooks.py notebooks/02_cnn.py [...]
The .py source is read with jupytext and run top to bottom with nbclient in the
notebooks/ folder, first in fast mode (only timed), then in full mode; the full-mode
notebook is stamped with both times (scripts/notebook_stamp.py) and written to the .ipynb.
"""
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import jupytext
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from notebook_stamp import stamp


@contextmanager
def course_mode(fast):
    """Set COURSE_FAST for the kernels started inside the block."""
    saved = os.environ.pop("COURSE_FAST", None)
    if fast:
        os.environ["COURSE_FAST"] = "1"
    try:
        yield
    finally:
        os.environ.pop("COURSE_FAST", None)
        if saved is not None:
            os.environ["COURSE_FAST"] = saved


def execute(source, fast=False):
    """Run a notebook source top to bottom; return the notebook and the seconds taken."""
    nb = jupytext.read(source)
    start = time.perf_counter()
    with course_mode(fast):
        try:
            # TensorFlow's C++ start-up log goes to this terminal, not into the stored outputs
            NotebookClient(nb, timeout=None, kernel_name="python3",
                           extra_arguments=["--IPKernelApp.capture_fd_output=False"],
                           resources={"metadata": {"path": str(source.parent)}}).execute()
        except CellExecutionError as err:
            sys.exit(f"{source}: błąd wykonania, wyniki nie zostały zapisane.\n{err}")
    return nb, time.perf_counter() - start


def headline_lines(nb):
    """The lines the last code cell printed: the notebook's headline `key: value` figures."""
    last = [c for c in nb.cells if c.cell_type == "code"][-1]
    text = "".join(o.get("text", "") for o in last.outputs if o.get("name") == "stdout")
    return text.strip().splitlines()


def headline(nb):
    return dict(line.split(": ", 1) for line in headline_lines(nb))


def main(sources):
    for source in sources:
        _, fast_seconds = execute(source, fast=True)
        nb, seconds = execute(source)
        stamp(nb, seconds, fast_seconds)
        jupytext.write(nb, source.with_suffix(".ipynb"))
        print(f"{source.with_suffix('.ipynb')}: tryb pełny {seconds:.0f} s, szybki {fast_seconds:.0f} s")


if __name__ == "__main__":
    main([Path(arg) for arg in sys.argv[1:]])
