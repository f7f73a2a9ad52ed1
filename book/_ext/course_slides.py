"""Sphinx extension: one offline reveal.js deck per notebook, built with the site.

- writes _build/html/slides/<stem>.slides.html (course.deck_path) for every notebook page with
  nbconvert, hiding the cells the site hides (tags remove-cell, remove-input,
  hide-input) and taking the theme and layout from the notebook's RISE metadata;
- adds a "Slajdy" button to the header of each notebook page.
The decks load reveal.js and MathJax from _static/vendor/ (course_assets).
"""
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter
from nbconvert.preprocessors import Preprocessor
from sphinx.util import logging

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
    """Drop what the site hides: remove-cell cells, the input of remove-input and
    hide-input cells, and stderr output."""

    def preprocess(self, nb, resources):
        nb.cells = [c for c in nb.cells if "remove-cell" not in c.metadata.get("tags", [])]
        for cell in nb.cells:
            tags = cell.metadata.get("tags", [])
            if cell.cell_type == "code":
                if {"remove-input", "hide-input"} & set(tags):
                    cell.metadata["transient"] = {"remove_source": True}
                cell.outputs = [o for o in cell.outputs if o.get("name") != "stderr"]
        return nb, resources


def make_exporter(rise):
    exporter = SlidesExporter(
        extra_template_basedirs=[str(HERE.parent / "_templates")],
        template_name="deck",
        reveal_url_prefix=f"{VENDOR_URL}/reveal.js",
        mathjax_url=f"{VENDOR_URL}/mathjax/es5/tex-chtml.js",
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


def is_notebook(app, docname):
    return docname in app.env.found_docs and app.env.doc2path(docname).endswith(".ipynb")


def notebook_pages(app):
    """Page names of the book's notebooks, sorted."""
    return sorted(d for d in app.env.found_docs if is_notebook(app, d))


def build_decks(app, exception):
    if exception or app.builder.format != "html":
        return
    for pagename in notebook_pages(app):
        source = Path(app.env.doc2path(pagename))
        target = Path(app.outdir) / course.deck_path(pagename)
        logger.info(f"slajdy: {source.name} -> {target.relative_to(app.outdir)}")
        write_deck(source, target, app.config.language)


def add_deck_button(app, pagename, templatename, context, doctree):
    if not is_notebook(app, pagename):
        return
    add_header_link(context, course.deck_path(pagename), "Slajdy (reveal.js)", "fas fa-person-chalkboard",
                    "slides-button")


def add_header_link(context, path, tooltip, icon, label):
    """A button in the page header (sphinx-book-theme) linking to a file of the build."""
    context.setdefault("header_buttons", []).append({
        "type": "link", "url": context["pathto"](path, 1), "tooltip": tooltip, "icon": icon,
        "label": label,
    })


def setup(app):
    app.setup_extension("course_assets")
    app.connect("build-finished", build_decks)
    app.connect("html-page-context", add_deck_button, priority=502)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
