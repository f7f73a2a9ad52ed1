"""Sphinx extension: a page fetches only what it shows.

- Formulas are typeset when the site is built, by KaTeX (sphinxcontrib-katex, running the
  npm package's script in node): a page with formulas loads KaTeX's stylesheet and the
  fonts its formulas use, no script; a page without formulas loads neither.
- sphinx-design's stylesheet and script only on a page that uses its components (none does now).
- No Font Awesome script (1.5 MB, every icon as JavaScript): the theme's stylesheet already
  draws the icons with Font Awesome's webfonts (_static/vendor/fontawesome/).
- No Font Awesome brand font (120 kB for the one brand icon, the repository's logo): the
  repository button draws a solid icon, from the font every page already loads.
- No search index (200 kB) outside the search page: the theme loads it on every page for
  search-as-you-type, which the site does not use (the search box opens search.html).
"""
import re
from pathlib import Path

from docutils import nodes

import course

KATEX_SCRIPT = "node_modules/katex/dist/katex.min.js"  # the version of the copied stylesheet
KATEX_FILES = {"katex.min.css", "katex-math.css"}
DESIGN_FILES = {"sphinx-design.min.css", "design-tabs.js"}
DESIGN_CLASS = re.compile(r'class="([^"]* )?sd-')
ICON_SCRIPT = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')
SEARCH_SCRIPTS = re.compile(r'\s*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js'
                            r'|searchindex\.js)"></script>')
REPOSITORY_ICON = "fas fa-code-branch"
ICON_FILES = ["scripts/fontawesome.js", "scripts/fontawesome.js.map"]  # in _static/


def use_npm_katex(app, config):
    """Typeset with the npm package's KaTeX (an absolute path: the extension resolves
    relative ones against its own folder)."""
    config.katex_js_path = str(Path(app.srcdir) / KATEX_SCRIPT)


def has_math(doctree):
    return doctree is not None and doctree.next_node(
        lambda node: isinstance(node, (nodes.math, nodes.math_block))) is not None


def files_only_where_used(app, pagename, templatename, context, doctree):
    """Take out the stylesheets and scripts of what the page does not use (Sphinx restores
    the lists for the next page)."""
    unused = set()
    if not has_math(doctree):
        unused |= KATEX_FILES
    if not DESIGN_CLASS.search(context.get("body", "")):
        unused |= DESIGN_FILES
    for key in ("css_files", "script_files"):
        context[key][:] = [f for f in context[key] if str(f.filename).rsplit("/", 1)[-1] not in unused]


def repository_icon_without_brand_font(app, pagename, templatename, context, doctree):
    for button in context.get("header_buttons", []):
        if button.get("label") == "source-repository-button":
            button["icon"] = REPOSITORY_ICON


def without_unused_scripts(app):
    """The theme's layout writes these tags itself: take them out of the rendered pages (the
    search page keeps the search scripts)."""
    if app.builder.format != "html":
        return
    templates = app.builder.templates
    render = templates.render

    def light(template, context):
        html = ICON_SCRIPT.sub("", render(template, context))
        return html if context.get("pagename") == "search" else SEARCH_SCRIPTS.sub("", html)

    templates.render = light


def drop_icon_files(app, exception):
    if not exception and app.builder.format == "html":
        for name in ICON_FILES:
            (Path(app.outdir) / "_static" / name).unlink(missing_ok=True)


def setup(app):
    app.connect("config-inited", use_npm_katex)
    app.connect("builder-inited", without_unused_scripts)
    app.connect("html-page-context", files_only_where_used)
    app.connect("html-page-context", repository_icon_without_brand_font, priority=course.REPOSITORY_BUTTON_PRIORITY)
    app.connect("build-finished", drop_icon_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
