import ast
import os
import statistics
import subprocess
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import jupytext
import pytest
from IPython.core.inputtransformer2 import TransformerManager

import course
from colab_run import run_alone
from course import CHROMIUM_ARGS, ROOT, find_chromium

HTML = course.SITE
BACKGROUND = pytest.StashKey()
SOURCES = course.notebooks()
SCREENSHOTS = ROOT / "_build" / "screenshots"
# Figures of the browser audits (axe-core, slide fit, PDF handouts), printed after the tests.
AUDIT = Counter()
FIGURE_AREAS = []  # share of the 1280x720 slide that each slide's figures cover
# For a slide element shown now (static deck or RISE), the <pre> blocks (code and printed
# output) with a line that wraps, or with text cut off: the browser draws more lines than
# the text has (rectangles of the text at different heights), or the text is wider or
# taller than its box. Each is reported with the start of its first line.
WRAPPED_PRE_JS = """slide => [...slide.querySelectorAll("pre")].filter(pre => pre.getClientRects().length).map(pre => {
  const lines = pre.textContent.split("\\n").filter(line => line.trim()).length;
  const range = document.createRange();
  range.selectNodeContents(pre);
  const tops = [];
  for (const rect of range.getClientRects())
    if (rect.width > 0 && !tops.some(top => Math.abs(top - rect.top) < 3)) tops.push(rect.top);
  const cut = pre.scrollWidth > pre.clientWidth + 1 || pre.scrollHeight > pre.clientHeight + 1;
  return {lines, drawn: tops.length, cut, start: pre.textContent.trim().split("\\n")[0].slice(0, 50)};
}).filter(pre => pre.drawn > pre.lines || pre.cut)"""


def wrapped_lines(pres):
    """The <pre> blocks found by WRAPPED_PRE_JS, one indented line each."""
    return "".join(f"\n    wierszy w tekście {pre['lines']}, na slajdzie {pre['drawn']}"
                   f"{', tekst ucięty' if pre['cut'] else ''}: „{pre['start']}…”" for pre in pres)


def pytest_generate_tests(metafunc):
    """Run every test that takes `source` once per notebook source (.py)."""
    if "source" in metafunc.fixturenames:
        metafunc.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])


def pytest_collection_modifyitems(items):
    """Mark what needs the built site or a browser (from the fixtures a test uses), so that
    `make test-quick` can leave them out; the notebook runs are marked where they are defined.
    Tests that wait for a background job (Background) go last, the notebook runs after the site."""
    for item in items:
        if {"browser", "visit", "jupyterlab"} & set(item.fixturenames):
            item.add_marker(pytest.mark.browser)
        if "site" in item.fixturenames:
            item.add_marker(pytest.mark.site)
    items.sort(key=lambda item: (bool(item.get_closest_marker("notebooks")), "site" in item.fixturenames))


def code_cells_as_python(source):
    """Each code cell of a notebook source as Python (IPython magics such as %config become
    calls) with its syntax tree."""
    for cell in jupytext.read(source).cells:
        if cell.cell_type == "code":
            python = TransformerManager().transform_cell(cell.source)
            yield python, ast.parse(python)


@cache
def definitions(source):
    """{name: source text} of the functions and classes defined at the top of the code cells."""
    return {node.name: ast.get_source_segment(python, node)
            for python, tree in code_cells_as_python(source) for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.ClassDef))}


def slides(source):
    """The deck's slides as the site shows them: for each, whether it has speaker notes,
    whether it shows a figure, and how many lines of code it shows."""
    deck = []
    for kind, cell in course.deck_cells(jupytext.read(source)):
        if kind in ("slide", "subslide"):
            deck.append({"notes": False, "figure": False, "code_lines": 0})
        if not deck:
            continue
        if kind == "notes":
            deck[-1]["notes"] = True
        elif cell.cell_type == "code":
            deck[-1]["figure"] |= "image" in cell.metadata.get("mystnb", {})
            if course.deck_shows_input(cell):
                deck[-1]["code_lines"] += len(cell.source.strip().splitlines())
    return deck


def slide_count(source):
    """Slides a deck of this notebook must have: its slide and subslide cells
    that the site does not remove."""
    return len(slides(source))


def build_site():
    """Build the whole book from scratch (as in CI), with warnings treated as errors; returns
    (exit code, log). The log goes to a file, not a pipe: a helper process that outlived the
    build (the KaTeX server once did) would keep a pipe open and the wait would never end."""
    with tempfile.TemporaryFile("w+") as log:
        returncode = course.clean_build(stdout=log, stderr=subprocess.STDOUT).returncode
        log.seek(0)
        return returncode, log.read()


class Background:
    """The slow subprocesses, the site build and the notebook runs, started as soon as the
    tests are collected: the build first, with the quick tests, then the notebooks two at a
    time (each keeps about one core busy). A test waits for the job it needs.

    The notebooks wait for the build: under that load the build's KaTeX server (sphinxcontrib-
    katex) once started too slowly, its first connection was refused and the build failed."""

    def __init__(self, notebooks, site):
        self.folder = tempfile.TemporaryDirectory(prefix="course-tests-")
        self.pool = ThreadPoolExecutor(max_workers=2)
        self.jobs = {"site": self.pool.submit(build_site)} if site else {}
        for source in notebooks:
            self.jobs[source] = self.pool.submit(self.run_after_build, source)

    def run_after_build(self, source):
        if "site" in self.jobs:
            self.jobs["site"].result()
        return run_alone(source, Path(self.folder.name) / source.stem)

    def __call__(self, key):
        return self.jobs[key].result()

    def close(self):
        self.pool.shutdown(cancel_futures=True)
        self.folder.cleanup()


def pytest_collection_finish(session):
    notebooks = [item.callspec.params["notebook_source"] for item in session.items
                 if item.get_closest_marker("notebooks")]
    site = any("site" in item.fixturenames for item in session.items)
    session.config.stash[BACKGROUND] = Background(notebooks, site)


def pytest_sessionfinish(session):
    if BACKGROUND in session.config.stash:
        session.config.stash[BACKGROUND].close()


@pytest.fixture(scope="session")
def background(request):
    return request.config.stash[BACKGROUND]


@pytest.fixture(scope="session")
def site(background):
    """The whole book, built once in the background with warnings treated as errors."""
    returncode, log = background("site")
    assert returncode == 0, "Budowanie strony nie powiodło się:\n" + log[-6000:]
    return HTML


def chromium():
    """Debian's Chromium; without it the browser tests skip, and fail in CI."""
    executable = find_chromium()
    if not executable:
        message = "Brak Chromium (apt-get install chromium): testów w przeglądarce nie uruchomiono"
        if os.environ.get("CI"):
            pytest.fail(message + "; w CI przeglądarka jest wymagana")
        pytest.skip(message)
    return executable


@pytest.fixture(scope="session")
def base_url(site):
    with course.served(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    executable = chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def site_pages(site):
    """Every page of the book (not the vendored files, the decks or the root redirect)."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if not {"_static", "slides", "_sources"} & set(p.relative_to(site).parts))
    return [p for p in pages if p != "index.html"]


class Visit:
    """A page opened at 1280x720 (or the size given) in a new browser context, so nothing is
    cached, with outside requests blocked, recording console errors and what it fetches."""

    def __init__(self, browser, url, viewport=(1280, 720)):
        self.errors, self.blocked = [], []
        self.context = browser.new_context(viewport=dict(zip(("width", "height"), viewport)))
        self.context.route("**/*", self.route)
        self.page = self.context.new_page()
        self.fetched = course.count_fetched(self.page)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        response = self.page.goto(url, wait_until="load")
        assert response.ok, f"{url}: HTTP {response.status}"

    def route(self, route):
        url = urlsplit(route.request.url)
        if url.hostname in ("127.0.0.1", "localhost") or url.scheme == "file":
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def screenshot(self, name):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))

    def assert_clean(self):
        assert not self.blocked, f"Żądania poza localhost: {self.blocked}"
        assert not self.errors, f"Błędy w konsoli: {self.errors}"


@pytest.fixture
def visit(browser, base_url):
    opened = []

    def open_page(path, **options):
        """A page of the site, served as by `make serve`; a file:// URL opens a built file from disk."""
        opened.append(Visit(browser, path if path.startswith("file:") else f"{base_url}/{path}", **options))
        return opened[-1]

    yield open_page
    for v in opened:
        v.context.close()


def pytest_terminal_summary(terminalreporter):
    if FIGURE_AREAS:
        AUDIT["rysunki na slajdach: mediana powierzchni (%)"] = round(100 * statistics.median(FIGURE_AREAS))
        AUDIT["rysunki na slajdach: najmniejsza powierzchnia (%)"] = round(100 * min(FIGURE_AREAS))
    if AUDIT:
        terminalreporter.write_sep("-", "audyt w przeglądarce")
        for key, value in sorted(AUDIT.items()):
            terminalreporter.write_line(f"{key}: {value}")
