"""Real-browser checks in headless Chromium, with every request off localhost blocked."""
import os
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, slide_count

SCREENSHOTS = ROOT / "_build" / "screenshots"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def base_url(site):
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        message = "Brak Chromium (apt-get install chromium): testów w przeglądarce nie uruchomiono"
        if os.environ.get("CI"):
            pytest.fail(message + "; w CI przeglądarka jest wymagana")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class Visit:
    """A page opened with outside requests blocked, recording console errors."""

    def __init__(self, browser, url):
        self.errors, self.blocked = [], []
        self.context = browser.new_context(viewport={"width": 1280, "height": 720})
        self.context.route("**/*", self.route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url, wait_until="load")

    def route(self, route):
        if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost"):
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

    def open_page(path):
        opened.append(Visit(browser, f"{base_url}/{path}"))
        return opened[-1]

    yield open_page
    for v in opened:
        v.context.close()


def test_intro_page_loads_cleanly(visit):
    v = visit("index.html")
    v.page.wait_for_selector("article h1")
    v.screenshot("intro")
    v.assert_clean()


def test_notebook_page_loads_with_math_typeset(visit, source):
    v = visit(f"notebooks/{source.stem}.html")
    assert v.page.locator("span.math, div.math").count() > 0, "brak wzorów na stronie"
    v.page.wait_for_selector("mjx-container", state="attached", timeout=20000)
    v.page.wait_for_selector("a[href*='colab.research.google.com']", state="attached")
    v.screenshot(source.stem)
    v.assert_clean()


def test_deck_initialises_and_steps_through_slides(visit, source):
    v = visit(f"slides/{source.stem}.slides.html")
    v.page.wait_for_selector(".reveal.ready", timeout=20000)
    total = v.page.inner_text(".slide-number").split("/")[-1].strip()
    assert int(total) == slide_count(source)
    v.page.wait_for_selector(".MathJax_CHTML", state="attached", timeout=20000)
    v.screenshot(f"{source.stem}.slides")
    for _ in range(3):
        v.page.keyboard.press("ArrowRight")
    v.page.wait_for_function("location.hash.length > 2")
    v.screenshot(f"{source.stem}.slides.step3")
    v.assert_clean()


def test_search_finds_a_lecture_term(visit):
    v = visit("search.html?q=pooling")
    v.page.wait_for_selector("#search-results li a", timeout=20000)
    assert v.page.locator("#search-results li a[href*='02_cnn']").count() > 0
    v.assert_clean()
