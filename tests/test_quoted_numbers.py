"""The numbers the notebooks' prose quotes are the numbers in their stored outputs.

Each notebook lists in its `topic.quoted` metadata (the header of its .py) the headline keys
its text quotes, with the decimal places the text uses; the text must contain each value
as course.quoted_numbers writes it (0,309; 19,6%).
"""
import re

import nbformat
import pytest
from course import quoted_numbers, topic

from conftest import SOURCES

NOTEBOOKS = {source.stem: nbformat.read(source.with_suffix(".ipynb"), as_version=4) for source in SOURCES}
CASES = [(stem, key) for stem, nb in NOTEBOOKS.items() for key in topic(nb).get("quoted", {})]


def test_every_notebook_says_what_its_text_quotes(source):
    assert topic(NOTEBOOKS[source.stem]).get("quoted"), (
        f"{source.with_suffix('.ipynb').name}: brak metadanych topic.quoted (klucze wyników cytowanych "
        "w tekście); dopisz je w nagłówku pliku .py i uruchom make sync")


@pytest.mark.parametrize("stem, key", CASES, ids=[f"{s}-{k}" for s, k in CASES])
def test_prose_quotes_the_stored_number(stem, key):
    nb = NOTEBOOKS[stem]
    expected = quoted_numbers(nb)[key]
    prose = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    assert re.search(rf"(?<![\d,]){re.escape(expected)}(?!\d)", prose), (
        f"{stem}: tekst nie podaje {key} = {expected} z zapisanego wyniku; popraw tekst notatnika")
