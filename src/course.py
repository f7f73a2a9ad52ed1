"""Rules shared by the site build (book/_ext), the scripts and the tests.

- which notebooks make the course: the chapters of _toc.yml under notebooks/, in order;
- the stamp that `make outputs` writes into each .ipynb: the hash of the code that produced
  the outputs, the run times of both modes and the headline figures (the `key: value` lines
  printed by the last code cell, parsed once, here);
- where each notebook's deck and PDF are written in the site;
- how Chromium is found and started;
- the one-line statement of the licences.

The Makefile installs this module into .venv (`pip install -e .`), so every part of the
repository imports it as `course`.
"""
import hashlib
import json
import shutil
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
STAMP_KEY = "course"  # key of the stamp in the .ipynb metadata
SLIDES_DIR = "slides"  # decks and PDFs, inside the built site
# The course's licences (LICENSE.md), in one line: the site's footer and each deck's closing slide
LICENCE_LINE = "Tekst i rysunki: licencja CC BY-SA 4.0 · kod: licencja MIT"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def notebooks():
    """The .py sources of the course's notebooks, in the order of the table of contents."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]
    return [ROOT / f"{name}.py" for name in files if name.startswith("notebooks/")]


def code_hash(nb):
    """SHA-256 of the code cells' sources: prose edits do not make outputs stale."""
    sources = [cell.source for cell in nb.cells if cell.cell_type == "code"]
    return hashlib.sha256(json.dumps(sources, ensure_ascii=False).encode()).hexdigest()


def printed_headline(nb):
    """The `key: value` lines that the last code cell printed, as a dict."""
    last = [cell for cell in nb.cells if cell.cell_type == "code"][-1]
    text = "".join(o.get("text", "") for o in last.outputs if o.get("name") == "stdout")
    lines = text.strip().splitlines()
    bad = [line for line in lines if ": " not in line]
    if not lines or bad:
        raise ValueError(f"ostatnia komórka kodu ma drukować wiersze `klucz: wartość`, a drukuje {bad or 'nic'}")
    return dict(line.split(": ", 1) for line in lines)


def stamp(nb, seconds, fast_seconds):
    """Mark full-mode outputs with their code's hash, both run times and the headline figures."""
    nb.metadata[STAMP_KEY] = {"source_sha256": code_hash(nb), "mode": "full",
                              "seconds": round(seconds), "fast_seconds": round(fast_seconds),
                              "headline": printed_headline(nb)}


def stamp_of(nb):
    return nb.metadata.get(STAMP_KEY, {})


def headline(nb):
    """The headline figures stored by `make outputs` ({} when the notebook was never stamped)."""
    return stamp_of(nb).get("headline", {})


def deck_path(name):
    """The deck of a notebook (page name or path), relative to the site's root."""
    return f"{SLIDES_DIR}/{Path(name).stem}.slides.html"


def pdf_path(name):
    return f"{SLIDES_DIR}/{Path(name).stem}.pdf"


@cache  # asked for every page and table row; the answer does not change during a run
def find_chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


if __name__ == "__main__":  # `python -m course`: the notebook sources, for the Makefile
    print(*(path.relative_to(ROOT) for path in notebooks()))
