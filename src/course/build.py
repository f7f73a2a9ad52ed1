"""The site build (Jupyter Book, with the Sphinx extensions in book/_ext): its command and
flags, the order of the extensions' steps, the helpers they share, and the licence line."""
import shutil
import subprocess
import sys
from pathlib import Path

from .paths import ROOT, SITE

# `make site`, the tests and the benchmark build alike: a warning fails the build, a broken
# reference too, and all of them are reported at once
BUILD_FLAGS = ["--warningiserror", "--nitpick", "--keep-going"]

# Sphinx runs the handlers of one event by priority, lowest first (default 500).
# build-finished: the vendored files, then the decks that load them, then their PDFs.
VENDOR_PRIORITY = 400
DECKS_PRIORITY = 500
PDF_PRIORITY = 600
# html-page-context: the deck's and the PDF's buttons, and the repository button's icon,
# after the book theme's buttons (501); duplicate scripts dropped when all are in.
DECK_BUTTON_PRIORITY = 502
PDF_BUTTON_PRIORITY = 503
REPOSITORY_BUTTON_PRIORITY = 502
LAST_PRIORITY = 999

# The course's licences (LICENSE.md), in one line: the site's footer and each deck's closing slide
LICENCE_LINE = "Tekst i rysunki: licencja CC BY-SA 4.0 · kod: licencja MIT"


def build_command(*options):
    """`jupyter-book build` of the repository with BUILD_FLAGS, then the options given."""
    return [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), *BUILD_FLAGS, *options]


def clean_build(*options, **run_options):
    """A build from scratch, as in CI: removes SITE, then builds every page (--all) with
    build_command; returns the finished process (subprocess.run with run_options)."""
    shutil.rmtree(SITE, ignore_errors=True)
    return subprocess.run(build_command("--all", *options), **run_options)


def is_notebook(app, docname):
    return docname in app.env.found_docs and app.env.doc2path(docname).endswith(".ipynb")


def notebook_pages(app):
    """Page names of the book's notebooks, sorted."""
    return sorted(d for d in app.env.found_docs if is_notebook(app, d))


def add_header_link(context, path, tooltip, icon, label):
    """A button in the page header (sphinx-book-theme) linking to a file of the build."""
    context.setdefault("header_buttons", []).append({
        "type": "link", "url": context["pathto"](path, 1), "tooltip": tooltip, "icon": icon,
        "label": label,
    })
