"""Numbers agree with their nouns in the printed outputs.

Polish rule: 1 takes the singular (1 zdanie); a number ending in 2-4, except 12-14, takes the
nominative plural (2 zdania, 22 zdania); any other number the genitive plural (5 zdań,
12 zdań, 1263 zdań). After a word that governs the genitive (z, do, od, bez, około...) the
genitive plural is right for every number: „z 24 znaków”. The prose is not scanned for this:
there a noun can govern the genitive too („wektory 32 słów”), which a pattern cannot tell apart.
The prose and the tables write numbers in one style, without a thousands separator: 38926.
"""
import json
import re

import jupytext

from conftest import ROOT, SOURCES

# Nouns the course prints with a count: (singular, plural after 2-4, plural after 5 and more).
NOUNS = [("obraz", "obrazy", "obrazów"), ("słowo", "słowa", "słów"), ("token", "tokeny", "tokenów"),
         ("zdanie", "zdania", "zdań"), ("cyfra", "cyfry", "cyfr"), ("parametr", "parametry", "parametrów"),
         ("epoka", "epoki", "epok"), ("krok", "kroki", "kroków"), ("znak", "znaki", "znaków"),
         ("ciąg", "ciągi", "ciągów"), ("miesiąc", "miesiące", "miesięcy"), ("para", "pary", "par"),
         ("przykład", "przykłady", "przykładów"), ("kanał", "kanały", "kanałów"),
         ("neuron", "neurony", "neuronów"), ("warstwa", "warstwy", "warstw"), ("próbka", "próbki", "próbek"),
         ("ziarno", "ziarna", "ziaren"), ("model", "modele", "modeli"), ("błąd", "błędy", "błędów"),
         ("tydzień", "tygodnie", "tygodni"), ("wiersz", "wiersze", "wierszy"), ("klasa", "klasy", "klas"),
         ("bajt", "bajty", "bajtów"), ("grupa", "grupy", "grup"), ("data", "daty", "dat")]
FORMS = {form: (one, few, many) for one, few, many in NOUNS for form in (one, few, many)}
GENITIVE_AFTER = {"z", "ze", "do", "od", "bez", "około", "ok.", "dla", "spośród", "wśród", "u", "według",
                  "zamiast", "wobec", "blisko"}
# A whole number (not a part of 0.5, 1,5, 3–4, 28×28 or 10:1) and the word after it (not a unit: tokenów/s).
COUNT = re.compile(r"(?<![\d.,–\-×/:^])\b(\d+) ([a-ząćęłńóśźż]+)(?![\w/]|[.,]\d)")


# A number with groups of three digits split by a space (plain, non-breaking, thin): 38 926.
GROUPED = re.compile(r"(?<![\d,.])\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?!\d|,\d)")
MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.DOTALL)


def form_for(n, one, few, many):
    """The form the rule asks for after the number n."""
    return one if n == 1 else few if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else many


def disagreements(text):
    """Pairs „number noun” in the text whose noun has the wrong form."""
    wrong = []
    for match in COUNT.finditer(text):
        number, word = match.groups()
        if word not in FORMS:
            continue
        one, few, many = FORMS[word]
        right = form_for(int(number), one, few, many)
        before = text[:match.start()].split()[-1:] or [""]
        governed = before[0].lower().strip("(„") in GENITIVE_AFTER and word == many
        if word not in (right, one) and not governed:
            wrong.append(f"„{number} {word}” (powinno być „{number} {right}”)")
    return wrong


def printed_text(notebook):
    """Text of the stored outputs of a notebook (streams and plain-text results)."""
    parts = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            text = output.get("text") or output.get("data", {}).get("text/plain", "")
            parts.append("".join(text))
    return "\n".join(parts)


def test_the_rule_catches_the_slips_found_in_review():
    """The forms found in issue 26 fail; right forms and governed genitives pass."""
    for slip in ["8903 słów", "32 słów", "122 słów", "373 tokenów", "1263 zdań: 1263 zdania"]:
        assert disagreements(slip), slip
    right = ("1 zdanie, 2 zdania, 5 zdań, 12 zdań, 22 zdania, 1263 zdania, z 24 znaków, 0.5 epoki, "
             "28×28 obrazów, z 1199882 do 225034 parametrów, 424062 tokenów/s")
    assert not disagreements(right), disagreements(right)


def test_printed_counts_agree_with_their_nouns(source):
    notebook = json.loads(source.with_suffix(".ipynb").read_text(encoding="utf-8"))
    wrong = disagreements(printed_text(notebook))
    assert not wrong, (f"{source.with_suffix('.ipynb').name}: liczebnik nie zgadza się z rzeczownikiem "
                       f"w wynikach (użyj funkcji plural): " + ", ".join(wrong))


def prose_texts():
    """(name, markdown without formulas) for every notebook and book page."""
    for source in SOURCES:
        cells = jupytext.read(source).cells
        yield source.name, "\n".join(c.source for c in cells if c.cell_type == "markdown")
    for page in sorted((ROOT / "book").glob("*.md")):
        yield page.name, page.read_text(encoding="utf-8")


def test_prose_writes_numbers_without_thousands_separator():
    assert GROUPED.findall("38 926 i 1 000 000, ale nie 38926, 0,5 ani 3 000,5") == ["38 926", "1 000 000"]
    grouped = {name: GROUPED.findall(MATH.sub(" ", text)) for name, text in prose_texts()}
    grouped = {name: found for name, found in grouped.items() if found}
    assert not grouped, f"liczby ze spacją między tysiącami (piszemy 38926): {grouped}"
