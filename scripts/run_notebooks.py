"""Execute notebooks in full mode and store their outputs in the .ipynb pair.

Usage: python scripts/run_notebooks.py notebooks/02_cnn.py [...]
The .py source is read with jupytext, run top to bottom with nbclient in the
notebooks/ folder, stamped (scripts/notebook_stamp.py) and written to the .ipynb.
"""
import os
import sys
import time
from pathlib import Path

import jupytext
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from notebook_stamp import stamp


def run(source):
    nb = jupytext.read(source)
    env_fast = os.environ.pop("COURSE_FAST", None)  # outputs are always full mode
    start = time.perf_counter()
    try:
        NotebookClient(nb, timeout=None, kernel_name="python3",
                       resources={"metadata": {"path": str(source.parent)}}).execute()
    except CellExecutionError as err:
        sys.exit(f"{source}: błąd wykonania, wyniki nie zostały zapisane.\n{err}")
    finally:
        if env_fast is not None:
            os.environ["COURSE_FAST"] = env_fast
    seconds = time.perf_counter() - start
    stamp(nb, seconds)
    jupytext.write(nb, source.with_suffix(".ipynb"))
    print(f"{source.with_suffix('.ipynb')}: tryb pełny, {seconds:.0f} s")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        run(Path(arg))
