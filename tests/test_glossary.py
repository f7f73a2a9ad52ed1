"""The glossary covers the notebooks: every English term they set in italics has an entry.

Italics in the notebooks' prose are for English terms only (CONTRIBUTING.md). A Polish
case ending on an English word (*autoencodera*, *poolingu*) counts as the word itself.
"""
import re

import jupytext

from conftest import ROOT

GLOSSARY = ROOT / "book" / "glossary.md"
ITALIC = re.compile(r"(?<![*\w])\*(?![*\s])([^*\n]+?)(?<!\s)\*(?![*\w])")
NOT_PROSE = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$|`[^`\n]+`", re.DOTALL)  # math and code
POLISH_ENDINGS = ("iem", "em", "ze", "ach", "ami", "om", "ów", "ie", "a", "u", "y")


def glossary_terms():
    """The terms of the {glossary} block: its unindented lines."""
    text = GLOSSARY.read_text(encoding="utf-8")
    block = re.search(r"```\{glossary\}\n(.*?)```", text, re.DOTALL).group(1)
    return {line.strip().lower() for line in block.splitlines()
            if line.strip() and not line[0].isspace() and not line.startswith(":")}


def italic_terms(source):
    """(cell number, term) for every italic phrase in the notebook's markdown cells."""
    for i, cell in enumerate(jupytext.read(source).cells, start=1):
        if cell.cell_type == "markdown":
            for term in ITALIC.findall(NOT_PROSE.sub("", cell.source)):
                yield i, term


def in_glossary(term, terms):
    word = term.lower()
    return word in terms or any(word.endswith(end) and word[:-len(end)] in terms
                                for end in POLISH_ENDINGS)


def test_every_italic_term_has_a_glossary_entry(source):
    terms = glossary_terms()
    missing = [f"komórka {i}: *{term}*" for i, term in italic_terms(source)
               if not in_glossary(term, terms)]
    assert not missing, (f"{source.name}: terminy w kursywie bez wpisu w book/glossary.md:\n"
                         + "\n".join(missing))


def test_glossary_page_shows_every_term(site):
    page = (site / "book" / "glossary.html").read_text(encoding="utf-8")
    shown = re.findall(r'<dt id="term-', page)
    assert len(shown) == len(glossary_terms())
