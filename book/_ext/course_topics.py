"""Sphinx extension: the `course-topics` directive, the table of topics on the landing page.

Its body is YAML, one entry per notebook:

    - notebook: notebooks/02_cnn
      summary: one line about the topic
      result: "dokładność {cnn_test_accuracy}"   # filled from the headline figures

Everything else comes from the committed .ipynb: the title (first heading), the run
times of both modes (the stamp of `make outputs`) and the headline figures (the
`key: value` lines of the last code cell), so the page shows what the last run measured.
"""
import os
import re
import sys
from pathlib import Path

import nbformat
import yaml
from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx import addnodes
from sphinx.errors import ExtensionError

from course_handouts import find_chromium, pdf_path
from course_slides import deck_path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from notebook_stamp import STAMP_KEY  # noqa: E402 (the repository's scripts/)
from run_notebooks import headline  # noqa: E402

COLUMNS = [("Temat", 5), ("Czas wykonania", 2), ("Najważniejszy wynik", 3), ("Materiały", 2)]


def polish_numbers(figures):
    """Headline values as a Polish reader writes them: 0,9923, not 0.9923."""
    return {key: re.sub(r"^(-?\d+)\.(\d+)$", r"\1,\2", value) for key, value in figures.items()}


def duration(seconds):
    minutes, seconds = divmod(int(seconds), 60)
    text = f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"
    return text.replace(" ", "\u00a0")  # never broken across lines


def colab_url(config, notebook):
    owner_repo = config.html_theme_options["repository_url"].split("github.com/")[1].strip("/")
    branch = config.html_theme_options.get("repository_branch", "main")
    return f"https://colab.research.google.com/github/{owner_repo}/blob/{branch}/{notebook}.ipynb"


def paragraph(*children):
    para = nodes.paragraph()
    para.extend(children)
    return para


def link(text, url):
    return nodes.reference(text, text, refuri=url)


def page_link(text, docname):
    """A link to a page of the book, resolved by Sphinx (as plain text)."""
    xref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget=f"/{docname}",
                                 refexplicit=True)
    xref += nodes.inline(text, text)
    return xref


def link_list(links):
    """The links separated by middle dots."""
    return [part for a in links for part in (nodes.Text(" · "), a)][1:]


class CourseTopics(Directive):
    has_content = True

    def run(self):
        env = self.state.document.settings.env
        here = os.path.dirname(env.docname)
        rows = []
        for entry in yaml.safe_load("\n".join(self.content)):
            path = Path(env.srcdir) / f"{entry['notebook']}.ipynb"
            if not path.exists():
                raise ExtensionError(f"course-topics: brak notatnika {path}")
            env.note_dependency(str(path))
            rows.append(self.row(entry, nbformat.read(path, as_version=4), here, env))
        return [self.table(rows)]

    def row(self, entry, nb, here, env):
        notebook = entry["notebook"]
        heading = next(c.source.splitlines()[0] for c in nb.cells if c.cell_type == "markdown")
        title = re.sub(r"\*([^*]+)\*", r"\1", heading.lstrip("# "))  # without Markdown italics
        stamp = nb.metadata.get(STAMP_KEY, {})
        if "fast_seconds" not in stamp:
            raise ExtensionError(f"course-topics: {notebook}.ipynb nie ma czasów wykonania; "
                                 f"uruchom make outputs NB={notebook}.py")
        links = [page_link("Czytaj", notebook),
                 link("Slajdy", os.path.relpath(deck_path(notebook), here))]
        if find_chromium():
            links.append(link("PDF", os.path.relpath(pdf_path(notebook), here)))
        links.append(link("Colab", colab_url(env.config, notebook)))
        times = [paragraph(nodes.Text(f"{mode}: {duration(stamp[key])}"))
                 for mode, key in (("szybki", "fast_seconds"), ("pełny", "seconds"))]
        result = entry["result"].format(**polish_numbers(headline(nb)))
        return [[paragraph(page_link(title, notebook)),
                 paragraph(nodes.Text(entry["summary"]))],
                times, [paragraph(nodes.Text(result))], [paragraph(*link_list(links))]]

    def table(self, rows):
        group = nodes.tgroup(cols=len(COLUMNS))
        group.extend(nodes.colspec(colwidth=width) for _, width in COLUMNS)
        group += nodes.thead("", self.table_row([[paragraph(nodes.Text(name))] for name, _ in COLUMNS]))
        group += nodes.tbody("", *[self.table_row(row) for row in rows])
        return nodes.table("", group, classes=["course-topics"])

    @staticmethod
    def table_row(cells):
        return nodes.row("", *[nodes.entry("", *content) for content in cells])


def setup(app):
    app.setup_extension("course_handouts")
    app.add_directive("course-topics", CourseTopics)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
