"""Sphinx extension: PDF handouts of the decks.

When Chromium is installed, every deck written by course_slides is printed in
reveal.js print mode (`?print-pdf`: one page per slide) to slides/<stem>.pdf by
headless Chromium driven with Playwright, and the topic page gets a "PDF" button.
Without Chromium the build says so and writes no PDF (and links none).
"""
from pathlib import Path

from sphinx.util import logging

import course
from course_slides import add_header_link, is_notebook, notebook_pages

logger = logging.getLogger(__name__)

def wait_for_math(page):
    """Wait until MathJax 3 has typeset the page (and the deck has refitted its figures)."""
    page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=30000)
    page.evaluate("MathJax.startup.promise")


def print_deck(browser, deck, target):
    """Open a deck in print mode, wait for the layout and the formulas, save the PDF."""
    page = browser.new_page()
    page.goto(f"{deck.as_uri()}?print-pdf")
    page.wait_for_selector(".reveal .pdf-page", state="attached", timeout=30000)
    wait_for_math(page)
    page.pdf(path=str(target), prefer_css_page_size=True, print_background=True)
    page.close()


def print_handouts(app, exception):
    if exception or app.builder.format != "html":
        return
    chromium = course.find_chromium()
    if not chromium:
        logger.info("PDF: brak Chromium (apt-get install chromium), slajdów w PDF nie będzie")
        return
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=course.CHROMIUM_ARGS)
        for pagename in notebook_pages(app):
            deck, target = (Path(app.outdir) / path(pagename) for path in (course.deck_path, course.pdf_path))
            logger.info(f"PDF: {deck.name} -> {target.relative_to(app.outdir)}")
            print_deck(browser, deck, target)
        browser.close()


def add_pdf_button(app, pagename, templatename, context, doctree):
    if not course.find_chromium() or not is_notebook(app, pagename):
        return
    add_header_link(context, course.pdf_path(pagename), "Slajdy w PDF (materiały do druku)",
                    "fas fa-file-pdf", "pdf-button")


def setup(app):
    app.setup_extension("course_slides")
    app.connect("build-finished", print_handouts, priority=600)  # after the decks (500)
    app.connect("html-page-context", add_pdf_button, priority=503)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
