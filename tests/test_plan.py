"""The 90-minute plan on the presenting page (directive course-plan, from course.deck_stacks):
it lists every stack of every built deck, marks as optional the stacks whose slides carry the
marker, and its core path fits the lecture."""
import re

import jupytext
import nbformat
from bs4 import BeautifulSoup

import course
from conftest import SOURCES
from course_topics import CoursePlan


def test_deck_stacks_count_what_the_deck_shows():
    """Slides and words (slide text and notes) per stack; cells the deck leaves out count for nothing."""
    cell = nbformat.v4.new_markdown_cell
    nb = nbformat.v4.new_notebook(cells=[
        cell("# Tytuł\n\nraz dwa", metadata={"slideshow": {"slide_type": "slide"}}),
        cell("trzy cztery pięć", metadata={"slideshow": {"slide_type": "notes"}}),
        cell("pominięte słowa", metadata={"slideshow": {"slide_type": course.PAGE_ONLY}}),
        nbformat.v4.new_code_cell("print('kod się nie liczy')"),
        cell("## *Pooling* dla chętnych", metadata={"slideshow": {"slide_type": "slide"}, "tags": [course.OPTIONAL_TAG]}),
        cell("### Drugi slajd", metadata={"slideshow": {"slide_type": "subslide"}}),
        cell("### Usunięty", metadata={"slideshow": {"slide_type": "subslide"}, "tags": [course.REMOVE_CELL]}),
    ])
    assert course.deck_stacks(nb) == [
        {"title": "Tytuł", "slides": 1, "words": 6, "optional": False},
        {"title": "Pooling dla chętnych", "slides": 2, "words": 5, "optional": True},
    ]


def test_optional_tag_marks_whole_stacks(source):
    """Only a stack's first cell (slide) carries the tag; the title slide and the summary stay in the talk."""
    nb = jupytext.read(source)
    misplaced = [cell.source.splitlines()[0] for cell in nb.cells
                 if course.OPTIONAL_TAG in cell.metadata.get("tags", [])
                 and cell.metadata.get("slideshow", {}).get("slide_type") != "slide"]
    assert not misplaced, f"{source.name}: znacznik {course.OPTIONAL_TAG} poza pierwszą komórką sekcji: {misplaced}"
    stacks = course.deck_stacks(nb)
    assert not stacks[0]["optional"] and not stacks[-1]["optional"], (
        f"{source.name}: slajd tytułowy i podsumowanie należą do rdzenia wykładu")


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def built_stacks(site, source):
    """The horizontal stacks of the built deck: title, slides and whether they carry the marker."""
    def title(stack):
        return stack.find(["h1", "h2"]).get_text().replace("¶", "").strip()
    return [(title(stack), len(stack.find_all("section", recursive=False)), bool(stack.select(".celltag_optional")))
            for stack in soup(site / course.deck_path(source)).select(".reveal .slides > section")]


def rows(table):
    return [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]


def test_plan_lists_the_stacks_of_the_decks(site):
    """One table per deck, one row per stack, in order, with its slides and its role."""
    tables = soup(site / "book" / "presenting.html").select("table.course-plan")
    assert len(tables) == len(SOURCES), "strona „Prezentowanie wykładu” nie ma planu każdej talii"
    optional = CoursePlan.ROLES[True]
    for source, table in zip(SOURCES, tables):
        planned = [(title, int(slides), role == optional) for title, slides, _, role in rows(table)]
        assert planned == built_stacks(site, source), f"{source.stem}: plan nie zgadza się z talią"


def test_core_path_fits_the_lecture(site):
    """The total row of the summary: the core path of all topics within LECTURE_MINUTES."""
    summary = rows(soup(site / "book" / "presenting.html").select_one("table.course-plan-summary"))
    minutes = {topic: int(re.match(r"\d+", core_time).group()) for topic, _, core_time, _, _ in summary}
    assert minutes["Razem"] <= course.LECTURE_MINUTES, (
        f"rdzeń wykładu trwa {minutes['Razem']} min, a ma się zmieścić w {course.LECTURE_MINUTES}; oznacz "
        f"kolejne sekcje znacznikiem {course.OPTIONAL_TAG}. Rdzeń tematów: {minutes}")
