"""The built website and decks: pages, launch links, decks, links, alt texts, sizes."""
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jupytext
import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup

import course
from course import deck_path, deck_shows_input, duration, result_sentence, stamp_of, topic

from conftest import ROOT, SOURCES, slide_count

MAX_PAGE_BYTES = 3 * 1024 * 1024
# (tag, attribute) pairs whose URL the browser loads or follows
URL_ATTRS = [("a", "href"), ("img", "src"), ("script", "src"), ("link", "href"),
             ("source", "src"), ("iframe", "src")]
LOADED = {"img", "script", "link", "source", "iframe"}


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def own_html_files(site):
    """Pages and decks the project writes (not the vendored libraries)."""
    return [p for p in site.rglob("*.html") if "_static" not in p.parts]


def repository():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["repository"]


def test_site_opens_at_the_landing_page(site):
    assert (site / "index.html").read_text() == '<meta http-equiv="Refresh" content="0; url=book/intro.html" />\n'
    assert soup(site / "book" / "intro.html").h1.get_text().startswith("Wykład 5: sieci rekurencyjne i splotowe")


def test_every_notebook_has_a_page(site, source):
    assert (site / "notebooks" / f"{source.stem}.html").exists()


def colab_url(source):
    repo = repository()
    return course.colab_url(repo["url"], repo["branch"], f"notebooks/{source.stem}")


def test_every_notebook_has_a_colab_link(site, source):
    expected = colab_url(source)
    assert expected.endswith(f"/notebooks/{source.stem}.ipynb") and source.with_suffix(".ipynb").exists()
    links = [a["href"] for a in soup(site / "notebooks" / f"{source.stem}.html").find_all("a", href=True)]
    assert expected in links, f"{source.stem}: brak linku do Colab {expected}"


def test_every_notebook_page_links_to_its_deck(site, source):
    page = soup(site / "notebooks" / f"{source.stem}.html")
    deck = f"../{deck_path(source)}"
    assert page.find("a", href=deck), f"{source.stem}: strona nie prowadzi do {deck}"
    assert (site / deck_path(source)).exists()


def test_every_notebook_page_has_a_download_button(site, source):
    page = soup(site / "notebooks" / f"{source.stem}.html")
    assert page.find("a", href=f"../_sources/notebooks/{source.stem}.ipynb")


def test_deck_has_one_slide_per_slide_cell(site, source):
    deck = soup(site / deck_path(source))
    leaves = [s for s in deck.select(".slides section") if not s.find("section")]
    assert len(leaves) == slide_count(source)


def test_deck_hides_the_cells_the_site_hides(site, source):
    deck = "\n".join(pre.get_text() for pre in soup(site / deck_path(source)).find_all("pre"))
    for cell in jupytext.read(source).cells:
        if cell.cell_type == "code" and not deck_shows_input(cell):
            first_line = cell.source.strip().splitlines()[0]
            assert first_line not in deck, f"{source.stem}: ukryty kod {first_line!r} jest na slajdach"


def local_target(page, url):
    """The file a relative URL points to, or None for external and in-page URLs."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return (page.parent / unquote(parts.path)).resolve()


def url_nodes(site):
    """(page, tag, attribute, element) for every URL in the project's pages and decks,
    each page parsed once."""
    for page in own_html_files(site):
        parsed = soup(page)
        for tag, attr in URL_ATTRS:
            for node in parsed.find_all(tag, attrs={attr: True}):
                yield page, tag, attr, node


def test_no_test_machinery_visible_on_pages_or_decks(site):
    shown = [p.relative_to(site) for p in own_html_files(site) if "nbval" in soup(p).get_text().lower()]
    assert not shown, f"tekst nbval widać na: {shown}"


def test_no_broken_internal_link_or_missing_image(site):
    broken = []
    for page, _, attr, node in url_nodes(site):
        target = local_target(page, node[attr])
        if target and not target.exists():
            broken.append(f"{page.relative_to(site)}: {node[attr]}")
    assert not broken, "Zepsute odnośniki:\n" + "\n".join(broken)


def test_every_image_has_alt_text(site):
    missing = [f"{page.relative_to(site)}: {str(img)[:120]}"
               for page in own_html_files(site)
               for img in soup(page).find_all("img") if not img.get("alt", "").strip()]
    assert not missing, "Obrazy bez tekstu alternatywnego:\n" + "\n".join(missing)


def test_nothing_is_loaded_from_another_host(site):
    remote = []
    for page, tag, attr, node in url_nodes(site):
        if tag not in LOADED:
            continue
        if tag == "link" and "stylesheet" not in node.get("rel", []) and "preload" not in node.get("rel", []):
            continue
        if urlsplit(node[attr]).netloc:
            remote.append(f"{page.relative_to(site)}: <{tag} {attr}={node[attr]}>")
    assert not remote, "Zasoby z innych serwerów:\n" + "\n".join(remote)


def test_site_works_from_a_sub_path(site):
    """GitHub Pages serves the site from /<repo>/: no page or deck may link from the root."""
    rooted = [f"{page.relative_to(site)}: <{tag} {attr}={node[attr]}>" for page, tag, attr, node in url_nodes(site)
              if node[attr].startswith("/") and not node[attr].startswith("//")]
    assert not rooted, "Adresy od korzenia serwera (nie zadziałają spod /<repozytorium>/):\n" + "\n".join(rooted)


def page_weight(page):
    """Bytes of an HTML file plus the project's images it shows."""
    total = page.stat().st_size
    for img in soup(page).find_all("img", src=True):
        target = local_target(page, img["src"])
        if target and target.exists() and "_static" not in target.parts:
            total += target.stat().st_size
    return total


@pytest.mark.parametrize("kind", ["notebooks/{}.html", "slides/{}.slides.html"])
def test_topic_page_and_deck_stay_under_3_mb(site, source, kind):
    page = site / kind.format(source.stem)
    assert page_weight(page) < MAX_PAGE_BYTES, f"{page.name}: {page_weight(page) / 2**20:.1f} MB"


def topic_rows(site):
    """Notebook stem -> row of the topics table on the landing page."""
    rows = soup(site / "book" / "intro.html").select("table.course-topics tbody tr")
    return {Path(row.find("a")["href"]).stem: row for row in rows}


def test_landing_page_lists_the_topics_in_order(site):
    assert list(topic_rows(site)) == [s.stem for s in SOURCES]


def test_landing_page_row_has_links_times_and_result(site, source):
    row = topic_rows(site)[source.stem]
    hrefs = {a["href"] for a in row.find_all("a")}
    assert {f"../notebooks/{source.stem}.html", f"../{deck_path(source)}",
            colab_url(source)} <= hrefs, hrefs
    nb = nbformat.read(source.with_suffix(".ipynb"), as_version=4)
    stamp = stamp_of(nb)
    assert row.find_all("td")[1].get_text(" ").split() == (
        f"szybki: {duration(stamp['fast_seconds'])} pełny: {duration(stamp['seconds'])}").split()
    assert row.find_all("td")[2].get_text().strip() == result_sentence(nb)
    assert row.find_all("td")[0].get_text(" ").split() == (
        jupytext.read(source).cells[0].source.splitlines()[0].lstrip("# ").replace("*", "").split()
        + topic(nb)["summary"].split())
