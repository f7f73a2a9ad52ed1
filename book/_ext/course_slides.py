"""Sphinx extension: one offline reveal.js deck per notebook, built with the site.

- writes _build/html/slides/<stem>.slides.html (course.deck_path) for every notebook page with
  nbconvert, hiding what the site hides (course.is_removed, course.deck_shows_input) and
  taking the theme and layout from the notebook's RISE metadata;
- adds a "Slajdy" button to the header of each notebook page.
The decks load reveal.js and KaTeX's stylesheet and fonts from _static/vendor/ (course_assets);
their formulas are typeset by KaTeX while the decks are written, as the pages' are.
"""
from pathlib import Path

import nbformat
from jinja2 import pass_context
from nbconvert import SlidesExporter
from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath
from nbconvert.preprocessors import Preprocessor
from sphinx.util import logging
from sphinxcontrib.katex import render_latex

import course

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
VENDOR_URL = "../_static/vendor"
# RISE setting -> (nbconvert's SlidesExporter trait, its type). RISE's `scroll` has no
# counterpart: every static slide is tested to fit, and scrolling is for live outputs.
RISE_TO_REVEAL = {"theme": ("reveal_theme", str), "transition": ("reveal_transition", str),
                  "width": ("reveal_width", str), "height": ("reveal_height", str),
                  "slideNumber": ("reveal_number", str)}


class HideLikeTheSite(Preprocessor):
    """Drop what the site hides: removed cells, the input of cells whose input is hidden,
    and stderr output."""

    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if not course.is_removed(c)]
        for cell in nb.cells:
            if cell.cell_type == "code":
                if not course.deck_shows_input(cell):
                    cell.metadata["transient"] = {"remove_source": True}
                cell.outputs = [o for o in cell.outputs if o.get("name") != "stderr"]
        return nb, resources


class KatexRenderer(IPythonRenderer):
    """Markdown whose formulas KaTeX typesets (sphinxcontrib-katex's server, started for the site)."""

    def block_math(self, body):
        return f'<div class="math">{render_latex(body, {"displayMode": True})}</div>'

    def inline_math(self, body):
        return f'<span class="math">{render_latex(body)}</span>'

    def latex_environment(self, name, body):
        return self.block_math(f"\\begin{{{name}}}{body}\\end{{{name}}}")


class DeckExporter(SlidesExporter):
    """nbconvert's reveal.js slides whose Markdown formulas KaTeX typesets."""

    @pass_context  # as the method it replaces: the cell's attachments are in the context
    def markdown2html(self, context, source):
        renderer = KatexRenderer(escape=False, attachments=context.get("cell", {}).get("attachments", {}),
                                 anchor_link_text=self.anchor_link_text,
                                 exclude_anchor_links=self.exclude_anchor_links)
        return MarkdownWithMath(renderer=renderer).render(source)


def make_exporter(rise):
    exporter = DeckExporter(
        extra_template_basedirs=[str(HERE.parent / "_templates")],
        template_name="deck",
        reveal_url_prefix=f"{VENDOR_URL}/reveal.js",
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    for key, (trait, kind) in RISE_TO_REVEAL.items():
        if key in rise:
            setattr(exporter, trait, kind(rise[key]))
    return exporter


def write_deck(source, target, language):
    # before the exporter's own preprocessors, which mark where slides end
    nb, _ = HideLikeTheSite().preprocess(nbformat.read(source, as_version=4), {})
    exporter = make_exporter(nb.metadata.get("rise", {}))
    resources = {"static_url": "../_static", "language_code": language, "licence_line": course.LICENCE_LINE}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")


def build_decks(app, exception):
    if exception or app.builder.format != "html":
        return
    for pagename in course.notebook_pages(app):
        source = Path(app.env.doc2path(pagename))
        target = Path(app.outdir) / course.deck_path(pagename)
        logger.info(f"slajdy: {source.name} -> {target.relative_to(app.outdir)}")
        write_deck(source, target, app.config.language)


def add_deck_button(app, pagename, templatename, context, doctree):
    if not course.is_notebook(app, pagename):
        return
    course.add_header_link(context, course.deck_path(pagename), "Slajdy (reveal.js)",
                           "fas fa-person-chalkboard", "slides-button")


def setup(app):
    app.setup_extension("course_assets")
    app.connect("build-finished", build_decks, priority=course.DECKS_PRIORITY)
    app.connect("html-page-context", add_deck_button, priority=course.DECK_BUTTON_PRIORITY)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
