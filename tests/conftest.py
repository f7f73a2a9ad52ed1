import subprocess
import sys
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

HTML = ROOT / "_build" / "html"
SOURCES = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.py"))


def pytest_generate_tests(metafunc):
    """Run every test that takes `source` once per notebook source (.py)."""
    if "source" in metafunc.fixturenames:
        metafunc.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])


def slide_count(source):
    """Slides a deck of this notebook must have: its slide and subslide cells
    that the site does not remove."""
    return sum(cell.metadata.get("slideshow", {}).get("slide_type") in ("slide", "subslide")
               and "remove-cell" not in cell.metadata.get("tags", [])
               for cell in jupytext.read(source).cells)


@pytest.fixture(scope="session")
def site():
    """Build the whole book once, from scratch, with warnings treated as errors."""
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--all",
           "--warningiserror", "--nitpick", "--keep-going"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    log = result.stdout + result.stderr
    assert result.returncode == 0, "Budowanie strony nie powiodło się:\n" + log[-6000:]
    return HTML
