"""Sphinx extension: a page fetches only the scripts it uses.

- MathJax only on pages with math. Sphinx also loads it on a page whose table of contents
  includes a page with math, which is the landing page: it lists every topic.
- No Font Awesome script (1.5 MB, every icon as JavaScript): the theme's stylesheet already
  draws the icons with Font Awesome's webfonts (_static/vendor/fontawesome/).
"""
import re
from pathlib import Path

from docutils import nodes

ICON_SCRIPT = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')
ICON_FILES = ["scripts/fontawesome.js", "scripts/fontawesome.js.map"]  # in _static/


def has_math(doctree):
    return doctree is not None and doctree.next_node(
        lambda node: isinstance(node, (nodes.math, nodes.math_block))) is not None


def mathjax_only_with_math(app, pagename, templatename, context, doctree):
    if has_math(doctree):
        return
    context["script_files"][:] = [
        script for script in context["script_files"]
        if not str(script.filename).endswith(app.config.mathjax_path)  # Sphinx adds _static/
        and not script.attributes.get("body", "").startswith("window.MathJax")]


def without_icon_script(app):
    """The theme's layout writes the script's tag itself: take it out of every rendered page."""
    if app.builder.format != "html":
        return
    templates = app.builder.templates
    render = templates.render
    templates.render = lambda template, context: ICON_SCRIPT.sub("", render(template, context))


def drop_icon_files(app, exception):
    if not exception and app.builder.format == "html":
        for name in ICON_FILES:
            (Path(app.outdir) / "_static" / name).unlink(missing_ok=True)


def setup(app):
    app.connect("builder-inited", without_icon_script)
    app.connect("html-page-context", mathjax_only_with_math, priority=600)  # after sphinx.ext.mathjax (500)
    app.connect("build-finished", drop_icon_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
