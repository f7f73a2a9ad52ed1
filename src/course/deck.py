"""What the page and the decks show of a notebook's cells (cell tags and slide types), and a
deck's horizontal stacks with their estimated speaking time (the 90-minute plan)."""
import re

REMOVE_CELL = "remove-cell"  # tag: the cell is neither on the page nor on the slides
# tags: the slides show the output alone; the page leaves out (remove-input) or folds (hide-input) the code
INPUT_HIDDEN = frozenset({"remove-input", "hide-input"})
PAGE_ONLY = "skip"  # slide type: on the page (and in Colab), not on the slides
# tag on a stack's first cell (slide type "slide"): for reading or a second session; its
# slides carry a small marker
OPTIONAL_TAG = "optional"
LECTURE_MINUTES = 90
WORDS_PER_MINUTE = 130  # a calm lecturing pace


def tags(cell):
    return set(cell.metadata.get("tags", []))


def slide_type(cell):
    return cell.metadata.get("slideshow", {}).get("slide_type")


def is_removed(cell):
    return REMOVE_CELL in tags(cell)


def deck_shows_input(cell):
    """Whether the decks show this cell's code (of a code cell on a deck, they show the output)."""
    return cell.cell_type == "code" and not is_removed(cell) and not INPUT_HIDDEN & tags(cell)


def deck_cells(nb):
    """(slide_type, cell) for each cell of a notebook that its deck shows: all but those
    removed or page-only."""
    for cell in nb.cells:
        if slide_type(cell) != PAGE_ONLY and not is_removed(cell):
            yield slide_type(cell), cell


def deck_stacks(nb):
    """The horizontal stacks of a notebook's deck, in order: for each, its title (the first
    heading), its number of slides, the words of its slides' text and speaker notes, and
    whether it is optional. Only the cells of deck_cells count; code is counted through the
    notes that explain it."""
    stacks = []
    for kind, cell in deck_cells(nb):
        if kind == "slide":
            stacks.append({"title": "", "slides": 0, "words": 0, "optional": OPTIONAL_TAG in tags(cell)})
        if not stacks:
            continue
        stack = stacks[-1]
        stack["slides"] += kind in ("slide", "subslide")
        if cell.cell_type == "markdown":
            stack["words"] += len(re.findall(r"\w+", cell.source))
            heading = re.search(r"^#+ (.+)$", cell.source, re.MULTILINE)
            if heading and not stack["title"] and kind != "notes":
                stack["title"] = heading.group(1).replace("*", "").strip()
    return stacks


def speaking_minutes(words):
    """Estimated minutes to present this many words, at WORDS_PER_MINUTE."""
    return words / WORDS_PER_MINUTE
