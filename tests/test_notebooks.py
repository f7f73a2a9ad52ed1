"""Each topic is a jupytext pair whose .ipynb holds fresh full-mode outputs."""
import json
import re
from collections import defaultdict

import jupytext
import nbformat
from course import HEADLINE_LINE, PAGE_ONLY, code_hash, headline, is_removed, slide_type, stamp_of

from conftest import AUDIT, SOURCES, definitions, slides

FAST_LINE = 'FAST = os.environ.get("COURSE_FAST") == "1"'
DATA_DIR_LINE = 'DATA_DIR = Path(os.environ.get("COURSE_DATA_DIR", "../data"))'


def read_pair(source):
    ipynb = source.with_suffix(".ipynb")
    assert ipynb.exists(), f"{ipynb.name}: brak pary dla {source.name}; uruchom make sync"
    return jupytext.read(source), nbformat.read(ipynb, as_version=4)


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def test_there_are_notebooks():
    assert SOURCES, "notebooks/ nie zawiera żadnego notatnika NN_slug.py"


def test_pair_is_in_sync(source):
    text, ipynb = read_pair(source)
    assert len(text.cells) == len(ipynb.cells), (
        f"{source.name}: {len(text.cells)} komórek, a w .ipynb {len(ipynb.cells)}; uruchom make sync")
    for i, (a, b) in enumerate(zip(text.cells, ipynb.cells), start=1):
        where = f"{source.with_suffix('.ipynb').name}, komórka {i}"
        assert a.cell_type == b.cell_type, f"{where}: inny typ komórki niż w {source.name}"
        assert a.source == b.source, f"{where}: treść różni się od {source.name}; uruchom make sync"
        for key in ("tags", "slideshow", "mystnb"):
            assert a.metadata.get(key) == b.metadata.get(key), f"{where}: metadane {key!r} różnią się"


def test_jupyterlab_opens_the_pair(source):
    """JupyterLab's jupytext refuses to open a pair whose .ipynb is newer than the .py (as after
    `make sync`) unless both render to the same text; metadata keys must be in sorted order."""
    fmt = "py:percent"
    assert jupytext.writes(jupytext.read(source), fmt) == jupytext.writes(
        jupytext.read(source.with_suffix(".ipynb")), fmt), (
        f"{source.name}: JupyterLab nie otworzy pary; ułóż klucze metadanych komórek i nagłówka alfabetycznie")


def test_outputs_are_fresh_full_mode_outputs(source):
    _, ipynb = read_pair(source)
    stamp = stamp_of(ipynb)
    name = source.with_suffix(".ipynb").name
    assert stamp.get("mode") == "full", f"{name}: brak wyników trybu pełnego; uruchom make outputs"
    assert isinstance(stamp.get("fast_seconds"), int), f"{name}: brak czasu trybu szybkiego"
    assert stamp.get("source_sha256") == code_hash(ipynb), (
        f"{name}: wyniki pochodzą ze starszej wersji kodu; uruchom make outputs")
    for i, cell in enumerate(ipynb.cells, start=1):
        if cell.cell_type == "code":
            assert cell.execution_count is not None, f"{name}, komórka {i}: nie wykonana"
            errors = [o for o in cell.outputs if o.output_type == "error"]
            assert not errors, f"{name}, komórka {i}: zapisany błąd {errors[0].ename}"


def test_first_code_cell_is_the_shared_setup(source):
    """The mode switch in every notebook; DATA_DIR in those, and only those, that read data/."""
    first = code_cells(jupytext.read(source))[0].source
    assert FAST_LINE in first, f"{source.name}: pierwsza komórka kodu bez linii {FAST_LINE!r}"
    reads_data = "DATA_DIR /" in source.read_text(encoding="utf-8")
    assert (DATA_DIR_LINE in first) == reads_data, (
        f"{source.name}: linia {DATA_DIR_LINE!r} należy do pierwszej komórki wtedy i tylko wtedy, "
        "gdy notatnik czyta dane z DATA_DIR")


def test_a_helper_name_means_the_same_code_in_every_notebook():
    """Each notebook must run alone in Colab, so helpers are copied; the copies must not drift."""
    versions = defaultdict(lambda: defaultdict(list))
    for source in SOURCES:
        for name, code in definitions(source).items():
            versions[name][code].append(source.name)
    drift = {name: list(found.values()) for name, found in versions.items() if len(found) > 1}
    assert not drift, ("funkcje o tej samej nazwie, a innym kodzie (ujednolić albo zmienić nazwę): "
                       + "; ".join(f"{name} w {where}" for name, where in drift.items()))


def test_notebook_has_rise_settings(source):
    rise = jupytext.read(source).metadata.get("rise", {})
    assert {"theme", "transition", "center", "scroll", "width", "height", "slideNumber"} <= set(rise), (
        f"{source.name}: niepełne metadane RISE: {rise}")


def test_all_notebooks_present_alike():
    """One theme and one 1280x720 slide for every deck, static and live."""
    settings = {json.dumps(jupytext.read(s).metadata.get("rise"), sort_keys=True) for s in SOURCES}
    assert len(settings) == 1, f"różne ustawienia RISE: {settings}"
    rise = json.loads(settings.pop())
    assert (rise["width"], rise["height"]) == (1280, 720)


def test_every_figure_cell_has_alt_text(source):
    _, ipynb = read_pair(source)
    for i, cell in enumerate(ipynb.cells, start=1):
        has_image = any("image/png" in o.get("data", {}) for o in cell.get("outputs", []))
        alt = cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "").strip()
        assert alt or not has_image, f"{source.name}, komórka {i}: rysunek bez tekstu alternatywnego"


def test_headline_figures_are_stored_with_the_stamp(source):
    """`make outputs` stores the `key: value` lines of the last code cell in the stamp."""
    _, ipynb = read_pair(source)
    lines = [f"{key}: {value}" for key, value in headline(ipynb).items()]
    assert lines and all(HEADLINE_LINE.match(line) for line in lines), (
        f"{source.name}: brak wyników `klucz: wartość` w metadanych; uruchom make outputs ({lines!r})")
    assert headline(ipynb)["fast_mode"] == "False"


def test_cells_removed_from_the_site_are_skipped_by_rise(source):
    """The static deck drops removed cells; the page-only slide type makes RISE drop them too.
    (Cells with hidden input stay on slides: the static deck shows their output.)"""
    for i, cell in enumerate(jupytext.read(source).cells, start=1):
        if is_removed(cell):
            assert slide_type(cell) == PAGE_ONLY, (
                f"{source.name}, komórka {i}: ukryta na stronie, a nie {PAGE_ONLY} w RISE")


TF_START_UP_LOG = re.compile(r"absl::InitializeLog|^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ \S+:\d+\]", re.M)
THOUSANDS = re.compile(r"\b[1-9]\d{0,2}(?:,\d{3})+\b")


def printed_text(cell):
    """Everything a code cell's stored outputs show as text (streams and plain or HTML data)."""
    parts = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        parts += [output.get("text", ""), data.get("text/plain", ""), data.get("text/html", "")]
    return "".join(parts)


def test_stored_outputs_have_no_tensorflow_start_up_log(source):
    """A student opening the .ipynb (Colab, Jupyter) sees the lesson, not TensorFlow's C++ log."""
    _, ipynb = read_pair(source)
    for i, cell in enumerate(ipynb.cells, start=1):
        match = TF_START_UP_LOG.search(printed_text(cell))
        assert not match, f"{source.name}, komórka {i}: zapisany dziennik TensorFlow {match.group()!r}"


def test_printed_numbers_have_no_thousands_separators(source):
    """A Polish reader takes 5,318 for a decimal: printed numbers have no comma separators."""
    _, ipynb = read_pair(source)
    for i, cell in enumerate(ipynb.cells, start=1):
        match = THOUSANDS.search(printed_text(cell))
        assert not match, f"{source.name}, komórka {i}: liczba z separatorem tysięcy {match.group()!r}"


def test_teaching_slides_have_speaker_notes(source):
    deck = slides(source)
    AUDIT["slajdy (źródła)"] += len(deck)
    AUDIT["slajdy z notatkami prowadzącego"] += sum(s["notes"] for s in deck)
    AUDIT["najwięcej kodu na slajdzie (wiersze)"] = max(AUDIT["najwięcej kodu na slajdzie (wiersze)"],
                                                        max(s["code_lines"] for s in deck))
    missing = [i for i, s in enumerate(deck, start=1) if s["figure"] and not s["notes"]]
    assert not missing, f"{source.name}: slajdy z rysunkiem bez notatek prowadzącego: {missing}"
    share = sum(s["notes"] for s in deck) / len(deck)
    assert share >= 0.8, f"{source.name}: notatki ma {share:.0%} slajdów, a powinno co najmniej 80%"


def test_code_on_a_slide_fits_a_lecture_hall(source):
    long = {i: s["code_lines"] for i, s in enumerate(slides(source), start=1) if s["code_lines"] > 12}
    assert not long, (f"{source.name}: slajdy z więcej niż 12 wierszami kodu (numer: wiersze): {long}; "
                      'przenieś część kodu do komórki tylko na stronę (slide_type "skip") albo ukryj '
                      'wejście znacznikiem hide-input (CONTRIBUTING.md)')


def test_check_cells_are_short_and_say_what_they_check(source):
    """Colab shows the cells the site and the decks hide: a check reads as one commented step."""
    checks = [(i, cell.source.splitlines()) for i, cell in enumerate(jupytext.read(source).cells, start=1)
              if cell.cell_type == "code" and is_removed(cell)
              and "assert" in cell.source]
    bad = [i for i, lines in checks if not lines[0].startswith("# sprawdzenie: ") or len(lines) > 8]
    assert not bad, (f"{source.name}: komórki sprawdzające {bad} mają zaczynać się komentarzem "
                     "„# sprawdzenie: …” i mieć najwyżej 8 wierszy")


def test_no_nbval_comment_anywhere_a_reader_looks(source):
    ipynb = nbformat.read(source.with_suffix(".ipynb"), as_version=4)
    marked = [i for i, cell in enumerate(ipynb.cells, start=1) if "NBVAL" in cell.source]
    assert not marked, (f"{source.name}: komórki {marked} mają komentarz NBVAL; użyj znacznika "
                        'tags=["nbval-check-output"]')
