"""Rules shared by the site build (book/_ext), the scripts and the tests.

- which notebooks make the course: the chapters of _toc.yml under notebooks/, in order;
- the stamp that `make outputs` writes into each .ipynb: the hash of the code that produced
  the outputs, the run times of both modes and the headline figures (the `key: value` lines
  printed by the last code cell, parsed once, here);
- where each notebook's deck and PDF are written in the site, and the deck's stacks with
  their estimated speaking time (the 90-minute plan);
- how Chromium is found and started, how the built site is served to it and what a page fetches;
- the one-line statement of the licences.

The Makefile installs this module into .venv (`pip install -e .`), so every part of the
repository imports it as `course`.
"""
import hashlib
import json
import re
import shutil
import threading
from contextlib import contextmanager
from functools import cache, partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
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


# The 90-minute plan (the presenting page): a horizontal stack of slides whose first cell
# (slide_type "slide") has this tag is for reading or a second session; its slides carry a
# small marker. Speaking time is estimated from the words on the slides and in the notes.
OPTIONAL_TAG = "optional"
LECTURE_MINUTES = 90
WORDS_PER_MINUTE = 130  # a calm lecturing pace


def deck_cells(nb):
    """(slide_type, cell) for each cell of a notebook that its deck shows: all but those
    tagged remove-cell or with slide_type skip."""
    for cell in nb.cells:
        kind = cell.metadata.get("slideshow", {}).get("slide_type")
        if kind != "skip" and "remove-cell" not in cell.metadata.get("tags", []):
            yield kind, cell


def deck_stacks(nb):
    """The horizontal stacks of a notebook's deck, in order: for each, its title (the first
    heading), its number of slides, the words of its slides' text and speaker notes, and
    whether it is optional. Only the cells of deck_cells count; code is counted through the
    notes that explain it."""
    stacks = []
    for kind, cell in deck_cells(nb):
        if kind == "slide":
            optional = OPTIONAL_TAG in cell.metadata.get("tags", [])
            stacks.append({"title": "", "slides": 0, "words": 0, "optional": optional})
        if not stacks:
            continue
        stack = stacks[-1]
        stack["slides"] += kind in ("slide", "subslide")
        if cell.cell_type == "markdown":
            stack["words"] += len(re.findall(r"\w+", cell.source))
            heading = re.search(r"^#+ (.+)$", cell.source, re.MULTILINE)
            if heading and not stack["title"] and kind != "notes":
                stack["title"] = heading.group(1).replace("*", "").strip()
    return stacks


def speaking_minutes(words):
    """Estimated minutes to present this many words, at WORDS_PER_MINUTE."""
    return words / WORDS_PER_MINUTE


@cache  # asked for every page and table row; the answer does not change during a run
def find_chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(directory):
    """Serve a folder over HTTP on a free port of localhost (like `make serve`) while the
    block runs; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def count_fetched(page):
    """Start recording what a Playwright page fetches: a dict {URL: bytes of the response
    body}, filled in as responses arrive. Open the page in a new browser context (nothing
    cached) and the sum is the first visit's weight, uncompressed (the server compresses nothing)."""
    fetched = {}
    page.on("requestfinished", lambda request: fetched.update(
        {request.url: request.sizes()["responseBodySize"]}))
    return fetched


if __name__ == "__main__":  # `python -m course`: the notebook sources, for the Makefile
    print(*(path.relative_to(ROOT) for path in notebooks()))
