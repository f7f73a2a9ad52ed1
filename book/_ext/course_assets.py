"""Sphinx extension: copies what the site and the decks load from npm packages (reveal.js,
KaTeX's stylesheet and fonts) from node_modules/ (`npm ci`) into _static/vendor/, with the
packages' licence files, so nothing loads from the web."""
import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

import course

# package in node_modules/ -> what to copy from it
VENDOR = {
    # reveal.js: what the deck template loads (core, themes with their fonts, the notes plugin)
    "reveal.js": ["LICENSE", "dist/reveal.css", "dist/reveal.js", "dist/theme", "plugin/notes/notes.js"],
    # KaTeX: formulas are typeset when the site is built (course_light_pages); pages with
    # formulas load its stylesheet and the fonts it names (browsers take the woff2 ones)
    "katex": ["LICENSE", "dist/katex.min.css", "dist/fonts/*.woff2"],
}

# The theme (pydata-sphinx-theme) ships Font Awesome's fonts in _static/vendor/fontawesome/
# and their licence notice beside its script: file to write -> notice to copy (in _static/).
THEME_NOTICES = {"vendor/fontawesome/LICENSE.txt": "scripts/fontawesome.js.LICENSE.txt"}


def copy_vendor_assets(app):
    modules = Path(app.srcdir) / "node_modules"
    target = Path(app.outdir) / "_static" / "vendor"
    for package, parts in VENDOR.items():
        for part in parts:
            found = sorted((modules / package).glob(part))
            if not found:
                raise ExtensionError(
                    f"Brak {modules / package / part}: biblioteki JavaScript instaluje `make assets` (npm ci).")
            for src in found:
                copy(src, target / src.relative_to(modules))


def copy(src, dst):
    dst.parent.mkdir(parents=True, exist_ok=True)
    if src.is_dir():
        shutil.copytree(src, dst, dirs_exist_ok=True)
    else:
        shutil.copy2(src, dst)


def copy_theme_notices(app):
    """Put each licence notice the theme ships elsewhere beside the files it covers."""
    static = Path(app.outdir) / "_static"
    for target, notice in THEME_NOTICES.items():
        if (static / notice).exists():
            shutil.copy2(static / notice, static / target)


def copy_when_built(app, exception):
    if not exception and app.builder.format == "html":
        copy_vendor_assets(app)
        copy_theme_notices(app)


def setup(app):
    app.connect("build-finished", copy_when_built, priority=course.VENDOR_PRIORITY)  # before the decks
    return {"parallel_read_safe": True, "parallel_write_safe": True}
