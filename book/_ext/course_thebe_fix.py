"""Sphinx extension: sphinx-thebe (loaded by Jupyter Book) registers its inline configuration
twice on every page; declaring the same const twice is a console error, so only the first
copy of each script is kept."""
import course


def drop_duplicate_scripts(app, pagename, templatename, context, doctree):
    """Keep the first copy of each script of the page."""
    seen, unique = set(), []  # runs last, after every script is added
    for script in context.get("script_files", []):
        key = (script.filename or "", repr(sorted(script.attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"][:] = unique


def setup(app):
    app.connect("html-page-context", drop_duplicate_scripts, priority=course.LAST_PRIORITY)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
