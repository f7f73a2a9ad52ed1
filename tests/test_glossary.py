"""The glossary is the course's table of terms, and the notebooks and pages follow it.

Italics in the prose are for English terms only (CONTRIBUTING.md). Each glossary entry
names the English term(s) and, in bold, the term the course writes: a Polish term, an
English word the field uses in Polish (bold italics), or an abbreviation. An English term
with a Polish equivalent appears once per text, where it is introduced, and the Polish term
is used there. A Polish case ending on an English word (*autoencodera*, *poolingu*) counts
as the word itself.
"""
import re

import jupytext
import pytest

from conftest import ROOT, SOURCES

GLOSSARY = ROOT / "book" / "glossary.md"
PAGES = sorted(p for p in (ROOT / "book").glob("*.md") if p != GLOSSARY)
ITALIC = re.compile(r"(?<![*\w])\*(?![*\s])([^*\n]+?)(?<!\s)\*(?![*\w])")
NOT_PROSE = re.compile(r"```.*?```|\$\$.*?\$\$|\$[^$\n]+\$|`[^`\n]+`", re.DOTALL)  # code and math
QUOTED = re.compile(r"\[[^\]]*\]\([^)]*\)|„[^”]*”|\([^()\s]*://[^()\s]*\)")  # links, quotations, URLs
POLISH_ENDINGS = ("iem", "em", "ze", "ach", "ami", "om", "ów", "ie", "a", "u", "y")
# A rejected variant that is right in another sense: a sentence with one of these words uses
# it in that sense ("dopełnienie" is padding no more, but still the object of a sentence in 5.5).
GRAMMAR = re.compile(r"podmiot|szyk|przypad|biernik|dopełniacz|orzecz|zdani", re.IGNORECASE)
OTHER_SENSE = {"dopełnienie": GRAMMAR, "dopełniać": GRAMMAR}
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n\s*[-*|]\s+|\n\s*\n")


def glossary_entries():
    """{English term: (term used in the text, kept in English?, rejected variants)}."""
    text = GLOSSARY.read_text(encoding="utf-8")
    block = re.search(r"```\{glossary\}\n(.*?)```", text, re.DOTALL).group(1)
    entries = {}
    for names, body in re.findall(r"((?:^\S[^\n]*\n)+)((?:^[ \t]+[^\n]*\n?)+)", block, re.MULTILINE):
        used = re.search(r"\*\*(.+?)\*\*(?!\*)", body).group(1).rstrip(".")
        english = used.startswith("*")
        used = re.sub(r"\s*\(.*?\)", "", used.strip("*").rstrip(".*"))
        body = re.sub(r"\s+", " ", body)
        rejected = re.findall(r"„([^”]+)”", " ".join(body.split("Nie piszemy:")[1:]))
        for name in names.split("\n"):
            if name.strip() and not name.startswith(":"):
                entries[name.strip()] = (used, english, rejected)
    return entries


def prose(markdown):
    """The running text of a markdown cell or page, without code, math, links and quotations."""
    return QUOTED.sub(" ", NOT_PROSE.sub(" ", markdown)).replace("*", "")


def texts():
    """(name, markdown) for every notebook and book page."""
    for source in SOURCES:
        cells = jupytext.read(source).cells
        yield source.name, "\n\n".join(c.source for c in cells if c.cell_type == "markdown")
    for page in PAGES:
        yield page.name, page.read_text(encoding="utf-8")


TEXTS = dict(texts())


def english_pattern(term):
    """An English term as a whole word, with or without a Polish case ending."""
    endings = "|".join(POLISH_ENDINGS)
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?:{endings})?(?![\w-])", re.IGNORECASE)


def polish_pattern(term):
    """A Polish term in any case: each word cut to its stem (the last two letters dropped)."""
    stems = [re.escape(word[:max(3, len(word) - 2)]) for word in term.split()]
    return re.compile(r"(?<![\w-])" + r"\w*\s+".join(stems) + r"\w*", re.IGNORECASE)


def english_uses(term, text, entries):
    """Uses of an English term, not counting those inside a longer entry (*denoising autoencoder*)."""
    for longer in entries:
        if longer != term and term.lower() in longer.lower():
            text = english_pattern(longer).sub(" ", text)
    return english_pattern(term).findall(text)


def in_glossary(term, entries):
    names, word = {name.lower() for name in entries}, term.lower()
    return word in names or any(word.endswith(end) and word[:-len(end)] in names for end in POLISH_ENDINGS)


@pytest.mark.parametrize("name", TEXTS)
def test_every_italic_term_has_a_glossary_entry(name):
    entries = glossary_entries()
    missing = [f"*{term}*" for term in ITALIC.findall(NOT_PROSE.sub("", TEXTS[name]))
               if not in_glossary(term, entries)]
    assert not missing, (f"{name}: terminy w kursywie bez wpisu w book/glossary.md: "
                         + ", ".join(missing))


@pytest.mark.parametrize("name", TEXTS)
def test_english_term_only_where_it_is_introduced(name):
    text, problems, entries = prose(TEXTS[name]), [], glossary_entries()
    for term, (used, english, _) in entries.items():
        if english or term.isupper() or term.lower() == used.lower():
            continue
        found = english_uses(term, text, entries)
        if len(found) > 1:
            problems.append(f"„{term}” występuje {len(found)} razy; po pierwszym razie pisz „{used}”")
        elif found and not polish_pattern(used).search(text):
            problems.append(f"jest „{term}”, ale brak polskiego terminu „{used}”")
    assert not problems, f"{name}, terminologia według book/glossary.md:\n" + "\n".join(problems)


def rejected_uses(variant, text):
    """Sentences of the text that use a rejected variant (in any case), not in its other sense."""
    other = OTHER_SENSE.get(variant)
    return [" ".join(s.split())[:80] for s in SENTENCE_END.split(text)
            if polish_pattern(variant).search(s) and not (other and other.search(s))]


@pytest.mark.parametrize("name", TEXTS)
def test_rejected_variants_are_not_used(name):
    text = prose(TEXTS[name])
    variants = {(variant, term) for term, _, rejected in glossary_entries().values() for variant in rejected}
    used = [f"„{variant}” (piszemy „{term}”): „{sentence}”"
            for variant, term in sorted(variants) for sentence in rejected_uses(variant, text)]
    assert not used, f"{name}: warianty odrzucone w book/glossary.md:\n" + "\n".join(used)


def test_rejected_variants_would_catch_the_old_slips():
    """Each slip found in review (issue 26) is caught; the grammatical object is not."""
    entries = glossary_entries()
    rejected = {variant for _, _, variants in entries.values() for variant in variants}
    slips = ["Token 0 zostawiamy na dopełnienie.", "Puste miejsce w oknie CBOW.",
             "Dla całej paczki zdań naraz.", "SGD z malejącym krokiem.", "Adam dobiera krok osobno.",
             "Prefiks dopełniony zerami.", "Miara: dokładne dopasowanie.", "Próbkowanie negatywne.",
             "Każda sieć RNN ma stan."]
    for slip in slips:
        assert any(rejected_uses(variant, slip) for variant in rejected), slip
    for grammar in ["Podmiot z „the”, dopełnienie z „a”.", "Miesiąc w dopełniaczu."]:
        assert not any(rejected_uses(variant, grammar) for variant in rejected), grammar


def polish_spelling_terms():
    """English names the course writes as Polish words: plain bold, inflected in Polish spelling."""
    text = GLOSSARY.read_text(encoding="utf-8")
    return [term for term, (used, english, _) in glossary_entries().items()
            if not english and used.lower() == term.lower()
            and re.search(rf"^{re.escape(term)}\n(?:[ \t]+[^\n]*\n)*?[^\n]*polską pisownią", text,
                          re.MULTILINE)]


@pytest.mark.parametrize("name", TEXTS)
def test_polish_spelling_terms_are_plain_and_inflected_in_polish(name):
    raw, text = NOT_PROSE.sub(" ", TEXTS[name]), prose(TEXTS[name])
    problems = []
    for term in polish_spelling_terms():
        problems += [f"*{word}* (bez kursywy)" for word in ITALIC.findall(raw)
                     if english_pattern(term).fullmatch(word)]
        problems += [f"„{word}” (polska pisownia, np. softmaksu)" for word in english_pattern(term).findall(text)
                     if word.lower() != term.lower()]
    assert not problems, f"{name}, według book/glossary.md: " + ", ".join(problems)


def test_glossary_page_shows_every_term(site):
    page = (site / "book" / "glossary.html").read_text(encoding="utf-8")
    shown = re.findall(r'<dt id="term-', page)
    assert len(shown) == len(glossary_entries())
