"""Benchmark: fast-mode seconds per notebook, site build seconds and size, what a first
visit to the landing page and to a topic page fetches (in headless Chromium), and each
notebook in full mode with its headline figures (e.g. CNN seconds per epoch and seconds to
reach 0.991 validation accuracy), and last the README's two commands in a fresh clone of the
committed tree (`make site`, then `make test`), as a new student or CI meets them.
Reports, asserts nothing; writes no notebook.

Usage: python scripts/bench.py [--no-full] [--no-clone]
"""
import subprocess
import sys
import tempfile
import time

import course
from course import ROOT
from run_notebooks import execute

# the landing page and a topic page with figures and formulas
WEIGHED_PAGES = ["book/intro.html", "notebooks/02_cnn.html"]


def build_site_seconds():
    """Seconds for a clean build (no files left over from earlier builds)."""
    start = time.perf_counter()
    course.clean_build("--quiet", check=True, capture_output=True)
    return time.perf_counter() - start


def build_megabytes():
    """Size of everything the site and the decks ship (_build/html), in MB."""
    return sum(f.stat().st_size for f in course.SITE.rglob("*") if f.is_file()) / 1e6


def first_visits():
    """(page, bytes, requests): everything each page fetches on a first visit, nothing cached."""
    from playwright.sync_api import sync_playwright
    with course.served(course.SITE) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=course.find_chromium(), args=course.CHROMIUM_ARGS)
        for path in WEIGHED_PAGES:
            page = browser.new_page()  # in a new context: an empty cache
            fetched = course.count_fetched(page)
            page.goto(f"{base}/{path}", wait_until="networkidle")
            yield path, sum(fetched.values()), len(fetched)
            page.close()
        browser.close()


def fresh_clone_seconds():
    """(command, seconds): `make site`, then `make test`, in a fresh clone of HEAD."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["git", "clone", "--quiet", str(ROOT), tmp], check=True)
        for target in ["site", "test"]:
            start = time.perf_counter()
            subprocess.run(["make", target], cwd=tmp, check=True, capture_output=True)
            yield f"make {target}", time.perf_counter() - start


def main(full=True, clone=True):
    for source in course.notebooks():
        _, seconds = execute(source, fast=True)
        print(f"{source.stem}: tryb szybki {seconds:.1f} s", flush=True)
    print(f"site_build_seconds: {build_site_seconds():.1f}", flush=True)
    print(f"site_build_megabytes: {build_megabytes():.1f}", flush=True)
    if course.find_chromium():
        for path, size, requests in first_visits():
            print(f"first_visit_megabytes {path}: {size / 1e6:.2f} ({requests} żądań)", flush=True)
    else:
        print("first_visit_megabytes: brak Chromium (apt-get install chromium), nie zmierzono")
    if full:
        for source in course.notebooks():
            nb, seconds = execute(source, fast=False)
            print(f"{source.stem}: tryb pełny {seconds:.1f} s", flush=True)
            for key, value in course.printed_headline(nb).items():
                print(f"  {key}: {value}")
    if clone:
        for command, seconds in fresh_clone_seconds():
            print(f"fresh_clone {command}: {seconds:.0f} s", flush=True)


if __name__ == "__main__":
    main(full="--no-full" not in sys.argv[1:], clone="--no-clone" not in sys.argv[1:])
