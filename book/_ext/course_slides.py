"""Sphinx extension: one offline reveal.js deck per notebook, built with the site.

- copies the JavaScript the site and the decks need (reveal.js, MathJax, RequireJS,
  jQuery) from node_modules/ into _static/vendor/, so nothing loads from the web;
- writes _build/html/slides/<stem>.slides.html for every notebook page with
  nbconvert, hiding the cells the site hides (tags remove-cell, remove-input,
  hide-input) and taking the theme and layout from the notebook's RISE metadata;
- adds a "Slajdy" button to the header of each notebook page.
"""
import shutil
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter
from nbconvert.preprocessors import Preprocessor
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
# package in node_modules/ -> what to copy from it
VENDOR = {
    # reveal.js: what the deck template loads (core, themes with their fonts, the notes plugin)
    "reveal.js": ["LICENSE", "dist/reveal.css", "dist/reveal.js", "dist/theme", "plugin/notes/notes.js"],
    # MathJax 3 for the site and the decks: the component they load, its fonts, the TeX
    # extensions it autoloads, and the menu, safe-mode and accessibility parts it loads on
    # demand (not all of es5/).
    "mathjax": ["LICENSE", "es5/tex-chtml.js", "es5/output/chtml", "es5/input/tex", "es5/ui", "es5/a11y", "es5/sre"],
    "requirejs": ["require.js"],
    "jquery": ["LICENSE.txt", "dist/jquery.min.js"],
}
SLIDES_DIR = "slides"
VENDOR_URL = "../_static/vendor"
# RISE setting -> (nbconvert's SlidesExporter trait, its type). RISE's `scroll` has no
# counterpart: every static slide is tested to fit, and scrolling is for live outputs.
RISE_TO_REVEAL = {"theme": ("reveal_theme", str), "transition": ("reveal_transition", str),
                  "width": ("reveal_width", str), "height": ("reveal_height", str)}


def deck_path(pagename):
    return f"{SLIDES_DIR}/{Path(pagename).name}.slides.html"


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
        require_js_url=f"{VENDOR_URL}/requirejs/require.js",
        jquery_url=f"{VENDOR_URL}/jquery/dist/jquery.min.js",
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        reveal_number="c/t" if rise.get("slideNumber") else "",
    )
    for key, (trait, kind) in RISE_TO_REVEAL.items():
        if key in rise:
            setattr(exporter, trait, kind(rise[key]))
    return exporter


def write_deck(source, target):
    # before the exporter's own preprocessors, which mark where slides end
    nb, _ = HideLikeTheSite().preprocess(nbformat.read(source, as_version=4), {})
    exporter = make_exporter(nb.metadata.get("rise", {}))
    resources = {"static_url": "../_static", "language_code": "pl"}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")


def is_notebook(app, docname):
    return docname in app.env.found_docs and app.env.doc2path(docname).endswith(".ipynb")


def notebook_pages(app):
    """Page names of the book's notebooks, sorted."""
    return sorted(d for d in app.env.found_docs if is_notebook(app, d))


def copy_vendor_assets(app):
    modules = Path(app.srcdir) / "node_modules"
    target = Path(app.outdir) / "_static" / "vendor"
    for package, parts in VENDOR.items():
        for part in parts:
            src = modules / package / part
            if not src.exists():
                raise ExtensionError(
                    f"Brak {src}: biblioteki JavaScript instaluje `make assets` (npm ci).")
            dst = target / package / part
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst, dirs_exist_ok=True)
            else:
                shutil.copy2(src, dst)


def build_decks(app, exception):
    if exception or app.builder.format != "html":
        return
    copy_vendor_assets(app)
    for pagename in notebook_pages(app):
        source = Path(app.env.doc2path(pagename))
        target = Path(app.outdir) / deck_path(pagename)
        logger.info(f"slajdy: {source.name} -> {target.relative_to(app.outdir)}")
        write_deck(source, target)


def add_deck_button(app, pagename, templatename, context, doctree):
    if not is_notebook(app, pagename):
        return
    add_header_link(context, deck_path(pagename), "Slajdy (reveal.js)", "fas fa-person-chalkboard",
                    "slides-button")


def add_header_link(context, path, tooltip, icon, label):
    """A button in the page header (sphinx-book-theme) linking to a file of the build."""
    context.setdefault("header_buttons", []).append({
        "type": "link", "url": context["pathto"](path, 1), "tooltip": tooltip, "icon": icon,
        "label": label,
    })


def drop_duplicate_scripts(app, pagename, templatename, context, doctree):
    """sphinx-thebe registers its inline configuration twice; declaring the same
    const twice is a console error, so keep the first copy of each script."""
    seen, unique = set(), []  # runs last (priority 999), after every script is added
    for script in context.get("script_files", []):
        key = (script.filename or "", repr(sorted(script.attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"][:] = unique


def setup(app):
    app.connect("build-finished", build_decks)
    app.connect("html-page-context", drop_duplicate_scripts, priority=999)
    app.connect("html-page-context", add_deck_button, priority=502)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
