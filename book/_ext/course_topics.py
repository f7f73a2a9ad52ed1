"""Sphinx extension: the `course-topics` directive, the table of topics on the landing page,
and the `course-plan` directive, the 90-minute plan on the presenting page.

Topics: one row per notebook of the table of contents (course.notebooks()), all of it from the
committed .ipynb: the title (Sphinx's title of the page), the summary and the result
sentence (the notebook's `topic` metadata, e.g. `result: "dokładność {cnn_test_accuracy}"`),
the run times of both modes and the headline figures (the stamp of `make outputs`), so the
page shows what the last run measured.

Plan: for every deck, its horizontal stacks (course.deck_stacks) with their estimated
speaking time, marked as the talk or, with the cell tag course.OPTIONAL_TAG, for reading or a
second session; above them, the time of the core path and of the whole deck, and the total.
"""
import os

import nbformat
from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx import addnodes
from sphinx.errors import ExtensionError

import course

COLUMNS = [("Temat", 5), ("Czas wykonania", 2), ("Najważniejszy wynik", 3), ("Materiały", 2)]


def colab_url(config, notebook):
    options = config.html_theme_options
    return course.colab_url(options["repository_url"], options.get("repository_branch", "main"), notebook)


def paragraph(*children):
    para = nodes.paragraph()
    para.extend(children)
    return para


def link(text, url):
    return nodes.reference(text, text, refuri=url)


def page_link(docname, text=None):
    """A link to a page of the book, resolved by Sphinx; without text, the page's title."""
    xref = addnodes.pending_xref("", refdomain="std", reftype="doc", reftarget=f"/{docname}",
                                 refexplicit=text is not None)
    xref += nodes.inline(text or docname, text or docname)
    return xref


def link_list(links):
    """The links separated by middle dots."""
    return [part for a in links for part in (nodes.Text(" · "), a)][1:]


class CourseTopics(Directive):
    def run(self):
        env = self.state.document.settings.env
        here = os.path.dirname(env.docname)
        rows = []
        for source in course.notebooks():
            path = source.with_suffix(".ipynb")
            if not path.exists():
                raise ExtensionError(f"course-topics: brak notatnika {path}; uruchom make sync")
            env.note_dependency(str(path))
            notebook = path.relative_to(course.ROOT).with_suffix("").as_posix()
            rows.append(self.row(notebook, nbformat.read(path, as_version=4), here, env))
        return [table(COLUMNS, rows, ["course-topics"])]

    def row(self, notebook, nb, here, env):
        stamp, topic = course.stamp_of(nb), course.topic(nb)
        if "headline" not in stamp:
            raise ExtensionError(f"course-topics: {notebook}.ipynb nie ma czasów wykonania ani "
                                 f"wyników; uruchom make outputs NB={notebook}.py")
        if not {"summary", "result"} <= set(topic):
            raise ExtensionError(f"course-topics: {notebook}.py nie ma w nagłówku metadanych "
                                 "topic.summary i topic.result (opis w CONTRIBUTING.md)")
        links = [page_link(notebook, "Czytaj"),
                 link("Slajdy", os.path.relpath(course.deck_path(notebook), here))]
        if course.find_chromium():
            links.append(link("PDF", os.path.relpath(course.pdf_path(notebook), here)))
        links.append(link("Colab", colab_url(env.config, notebook)))
        times = [paragraph(nodes.Text(f"{mode}: {course.duration(stamp[key])}"))
                 for mode, key in (("szybki", "fast_seconds"), ("pełny", "seconds"))]
        return [[paragraph(page_link(notebook)), paragraph(nodes.Text(topic["summary"]))],
                times, [paragraph(nodes.Text(course.result_sentence(nb)))], [paragraph(*link_list(links))]]



def table(columns, rows, classes, caption=None):
    """A table with (name, width) columns; each cell of a row is a list of nodes or a text."""
    def row(cells):
        return nodes.row("", *[nodes.entry("", *(cell if isinstance(cell, list) else [paragraph(nodes.Text(str(cell)))]))
                               for cell in cells])
    group = nodes.tgroup(cols=len(columns))
    group.extend(nodes.colspec(colwidth=width) for _, width in columns)
    group += nodes.thead("", row([name for name, _ in columns]))
    group += nodes.tbody("", *[row(cells) for cells in rows])
    result = nodes.table("", classes=classes)
    if caption:
        result += nodes.title(caption, caption)
    result += group
    return result


def minutes(words):
    return f"{round(course.speaking_minutes(words))}\u00a0min"  # never broken across lines


class CoursePlan(Directive):
    """The 90-minute plan: a summary table (core path and whole deck of every topic, and the
    total), then one table per deck listing its stacks."""
    SUMMARY = [("Temat", 5), ("Rdzeń: slajdy", 2), ("Rdzeń: czas", 2), ("Cała talia: slajdy", 2),
               ("Cała talia: czas", 2)]
    STACKS = [("Sekcja", 6), ("Slajdy", 1), ("Czas", 1), ("W planie 90 minut", 3)]
    ROLES = {False: "wykład", True: "do czytania lub na drugie zajęcia"}

    def run(self):
        env = self.state.document.settings.env
        decks = []
        for source in course.notebooks():
            path = source.with_suffix(".ipynb")
            env.note_dependency(str(path))
            decks.append(course.deck_stacks(nbformat.read(path, as_version=4)))
        return [self.estimate(decks), self.summary(decks), *(self.deck(stacks) for stacks in decks)]

    @staticmethod
    def estimate(decks):
        stacks = [s for deck in decks for s in deck]
        core = minutes(sum(s["words"] for s in stacks if not s["optional"]))
        return paragraph(nodes.Text(
            f"Szacunek: słowa na slajdach i w notatkach prelegenta, {course.WORDS_PER_MINUTE} słów na minutę. "
            f"Rdzeń wszystkich tematów: {core} (limit: {course.LECTURE_MINUTES}\u00a0min); "
            f"całe talie: {minutes(sum(s['words'] for s in stacks))}."))

    def summary(self, decks):
        def sums(stacks):
            core = [s for s in stacks if not s["optional"]]
            return [sum(s["slides"] for s in core), sum(s["words"] for s in core),
                    sum(s["slides"] for s in stacks), sum(s["words"] for s in stacks)]
        rows = [[stacks[0]["title"], *sums(stacks)] for stacks in decks]
        rows.append(["Razem", *sums([s for stacks in decks for s in stacks])])
        return table(self.SUMMARY, [[title, core, minutes(core_words), every, minutes(words)]
                                    for title, core, core_words, every, words in rows], ["course-plan-summary"])

    def deck(self, stacks):
        rows = [[s["title"], s["slides"], minutes(s["words"]), self.ROLES[s["optional"]]] for s in stacks]
        return table(self.STACKS, rows, ["course-plan"], caption=stacks[0]["title"])


def setup(app):
    app.setup_extension("course_handouts")
    app.add_directive("course-topics", CourseTopics)
    app.add_directive("course-plan", CoursePlan)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
