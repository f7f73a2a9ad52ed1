"""Sphinx extension: PDF handouts of the decks.

When Chromium is installed, every deck written by course_slides is printed in
reveal.js print mode (`?print-pdf`: one page per slide) to slides/<stem>.pdf by
headless Chromium driven with Playwright, and the topic page gets a "PDF" button.
Without Chromium the build says so and writes no PDF (and links none).
"""
from pathlib import Path

from sphinx.util import logging

import course

logger = logging.getLogger(__name__)

def wait_for_math(page):
    """Wait until the fonts of the formulas (typeset when the site was built) have loaded,
    and a deck has refitted its figures to them."""
    page.evaluate("document.fonts.ready.then(() => window.fitDeckFigures?.())")


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
        for pagename in course.notebook_pages(app):
            deck, target = (Path(app.outdir) / path(pagename) for path in (course.deck_path, course.pdf_path))
            logger.info(f"PDF: {deck.name} -> {target.relative_to(app.outdir)}")
            print_deck(browser, deck, target)
        browser.close()


def add_pdf_button(app, pagename, templatename, context, doctree):
    if not course.find_chromium() or not course.is_notebook(app, pagename):
        return
    course.add_header_link(context, course.pdf_path(pagename), "Slajdy w PDF (materiały do druku)",
                           "fas fa-file-pdf", "pdf-button")


def setup(app):
    app.setup_extension("course_slides")
    app.connect("build-finished", print_handouts, priority=course.PDF_PRIORITY)  # after the decks
    app.connect("html-page-context", add_pdf_button, priority=course.PDF_BUTTON_PRIORITY)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
