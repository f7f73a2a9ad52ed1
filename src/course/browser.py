"""Chromium for the PDF handouts, the tests and the benchmark: how it is found and started,
how the built site is served to it, and what a page fetches."""
import shutil
import threading
from contextlib import contextmanager
from functools import cache, partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


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
