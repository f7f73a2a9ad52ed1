"""For the Makefile: `python -m course notebooks` prints the notebook sources,
`python -m course build-flags` the flags of `jupyter-book build`."""
import sys

from .build import BUILD_FLAGS
from .paths import ROOT, notebooks

ANSWERS = {"notebooks": lambda: [path.relative_to(ROOT) for path in notebooks()],
           "build-flags": lambda: BUILD_FLAGS}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ANSWERS:
        sys.exit(f"użycie: python -m course {'|'.join(ANSWERS)}")
    print(*ANSWERS[sys.argv[1]]())
