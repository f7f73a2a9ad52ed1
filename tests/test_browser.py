"""Real-browser checks in headless Chromium, with every request off localhost blocked."""
import re

import jupytext
import pytest
from course import LICENCE_LINE, deck_path, deck_stacks

from conftest import (AUDIT, FIGURE_AREAS, SCREENSHOTS, WRAPPED_PRE_JS, site_pages, slide_count,
                      wrapped_lines)
from course_handouts import wait_for_math


def test_intro_page_loads_cleanly(visit):
    v = visit("index.html")
    v.page.wait_for_selector("article h1")
    v.screenshot("intro")
    v.assert_clean()


def test_notebook_page_loads_with_math_typeset(visit, source):
    v = visit(f"notebooks/{source.stem}.html")
    assert v.page.locator("span.math .katex, div.math .katex").count() > 0, "brak wzorów złożonych przez KaTeX"
    v.page.wait_for_selector("a[href*='colab.research.google.com']", state="attached")
    v.screenshot(source.stem)
    v.assert_clean()


def test_deck_initialises_and_steps_through_slides(visit, source):
    v = visit(deck_path(source))
    v.page.wait_for_selector(".reveal.ready", timeout=20000)
    total = v.page.inner_text(".slide-number").split("/")[-1].strip()
    assert int(total) == slide_count(source)
    rise = jupytext.read(source).metadata["rise"]
    config = v.page.evaluate("(({center, transition, width, height, slideNumber}) => "
                             "({center, transition, width, height, slideNumber}))(Reveal.getConfig())")
    assert config == {key: rise[key] for key in config}, "slajdy statyczne nie mają ustawień RISE"
    marked = v.page.evaluate("Reveal.getSlides().filter(s => getComputedStyle(s, '::after').content !== 'none').length")
    optional = sum(s["slides"] for s in deck_stacks(jupytext.read(source)) if s["optional"])
    assert marked == optional, f"{source.stem}: znacznik sekcji dodatkowej na {marked} slajdach, a powinien na {optional}"
    assert v.page.locator(".math .katex").count() > 0, f"{source.stem}: brak wzorów złożonych przez KaTeX"
    assert not v.page.locator(".katex-error").count(), f"{source.stem}: wzory, których KaTeX nie złożył"
    wait_for_math(v.page)
    v.screenshot(f"{source.stem}.slides")
    for _ in range(3):
        v.page.keyboard.press("ArrowRight")
    v.page.wait_for_function("location.hash.length > 2")
    v.screenshot(f"{source.stem}.slides.step3")
    licence = v.page.evaluate("Reveal.getSlides().at(-1).querySelector('.deck-licence:not(aside *)')?.textContent")
    assert licence == LICENCE_LINE, f"{source.stem}: ostatni slajd nie podaje licencji"
    v.assert_clean()


@pytest.mark.parametrize("opened", ["served", "from disk"])
def test_speaker_view_shows_the_notes_offline(visit, site, opened):
    """As the presenting page promises: with `make serve`, and with the deck opened from disk."""
    v = visit(deck_path("02_cnn") if opened == "served" else (site / deck_path("02_cnn")).as_uri())
    v.page.wait_for_selector(".reveal.ready", timeout=20000)
    v.page.keyboard.press("ArrowRight")
    notes = v.page.evaluate("Reveal.getCurrentSlide().querySelector('aside.notes').textContent.trim()")
    with v.page.expect_popup() as opened:
        v.page.keyboard.press("s")
    speaker = opened.value
    shown = speaker.locator(".speaker-controls-notes .value")
    shown.wait_for(timeout=20000)
    words = " ".join(notes.split()[:8])
    assert words and words in " ".join(shown.inner_text().split()), "widok prelegenta nie pokazuje notatek slajdu"
    speaker.wait_for_selector("#current-slide iframe", state="attached")
    v.assert_clean()


# For every slide of a deck, shown in turn (so the deck's script has fitted its figures): its
# number, title, the ways its content overflows the slide, the share its figures cover and
# its <pre> blocks whose lines wrap or are cut.
SLIDES_JS = """() => {
  const {width, height} = Reveal.getConfig();
  const wrapped = WRAPPED_PRE_JS;
  return Reveal.getSlides().map((slide, i) => {
    const {h, v} = Reveal.getIndices(slide);
    Reveal.slide(h, v);
    const wide = [...slide.querySelectorAll("pre, table, img, .jp-OutputArea-output")]
      .filter(el => el.scrollWidth > el.clientWidth + 1 || el.offsetWidth > width);
    const problems = [];
    if (slide.scrollHeight > height) problems.push(`${slide.scrollHeight} px wysokości na ${height} px`);
    if (slide.scrollWidth > width || wide.length) problems.push(`za szerokie: ${wide.length || 1} element(y)`);
    const area = [...slide.querySelectorAll(".jp-RenderedImage img")]
      .reduce((sum, img) => sum + img.offsetWidth * img.offsetHeight, 0) / (width * height);
    const title = (slide.querySelector("h1, h2, h3") || {}).textContent || "";
    return {number: i + 1, title: title.replace("¶", "").trim(), problems, area, wrapped: wrapped(slide)};
  });
}""".replace("WRAPPED_PRE_JS", WRAPPED_PRE_JS)
MIN_FIGURE_AREA = 0.25  # of a 1280x720 slide: smaller is hard to read from the back of a hall


def deck_slides(visit, source):
    """The deck's slides as SLIDES_JS measures them, once its formulas are typeset."""
    v = visit(deck_path(source))
    v.page.wait_for_selector(".reveal.ready", timeout=20000)
    wait_for_math(v.page)
    return v.page.evaluate(SLIDES_JS)


def test_every_slide_fits_the_projector(visit, source):
    deck = deck_slides(visit, source)
    AUDIT["slajdy sprawdzone na 1280x720"] += len(deck)
    FIGURE_AREAS.extend(s["area"] for s in deck if s["area"] > 0)
    overflowing = [s for s in deck if s["problems"]]
    assert not overflowing, f"{source.stem}.slides.html: treść wychodzi poza slajd 1280x720:\n" + "\n".join(
        f"  slajd {s['number']} ({s['title']}): {'; '.join(s['problems'])}" for s in overflowing)
    small = [s for s in deck if 0 < s["area"] < MIN_FIGURE_AREA]
    assert not small, (f"{source.stem}.slides.html: rysunek zajmuje mniej niż {MIN_FIGURE_AREA:.0%} slajdu; "
                       "skróć tekst nad nim albo postaw go obok tekstu (znacznik side-by-side):\n" + "\n".join(
                           f"  slajd {s['number']} ({s['title']}): {s['area']:.0%}" for s in small))


def test_no_printed_line_wraps_on_a_slide(visit, source):
    """Every line of code and printed output stays one line on the slide: the slide-fit test
    lets a wrapped line pass as long as the slide still fits, but a table or a list printed
    with its lines broken mid-word is hard to read."""
    wrapping = [s for s in deck_slides(visit, source) if s["wrapped"]]
    assert not wrapping, (f"{source.stem}.slides.html: wiersze wydruku się łamią; skróć kolumny albo wydrukuj mniej:\n"
                          + "\n".join(f"  slajd {s['number']} ({s['title']}):{wrapped_lines(s['wrapped'])}" for s in wrapping))


def test_search_finds_a_lecture_term(visit):
    v = visit("search.html?q=pooling")
    v.page.wait_for_selector("#search-results li a", timeout=20000)
    assert v.page.locator("#search-results li a[href*='02_cnn']").count() > 0
    v.assert_clean()


PHONE = (390, 844)
# On a page at phone width: how far the page scrolls sideways, and the elements shown that
# stick out of the screen, unless they sit in a box that scrolls sideways by itself (a code
# block, a wide table or output) and that box fits the screen. KaTeX's MathML copy of a
# formula (for screen readers) is drawn nowhere, and its stretchy glyphs are drawn wide and
# cut to their box by design.
TOO_WIDE_JS = """() => {
  const width = document.documentElement.clientWidth;
  const fits = el => { const box = el.getBoundingClientRect(); return box.left >= -1 && box.right <= width + 1; };
  const scrollsInItsBox = el => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement)
      if (/auto|scroll/.test(getComputedStyle(box).overflowX) && fits(box)) return true;
    return false;
  };
  const wide = [...document.body.querySelectorAll("*")].filter(el => el.getClientRects().length
    && getComputedStyle(el).visibility === "visible" && !fits(el) && !scrollsInItsBox(el)
    && !el.closest(".katex-mathml, .katex svg"));
  return {scroll: document.documentElement.scrollWidth - width,
          wide: wide.map(el => `<${el.tagName.toLowerCase()} class="${el.className}"> ${el.textContent.trim().slice(0, 40)}`)};
}"""


def test_every_page_fits_a_phone(site, visit):
    """At 390x844 nothing needs sideways scrolling but code, tables and outputs in their own box."""
    problems = []
    for path in site_pages(site):
        v = visit(path, viewport=PHONE)
        if v.page.locator(".math").count():
            wait_for_math(v.page)
        found = v.page.evaluate(TOO_WIDE_JS)
        if found["scroll"] > 0 or found["wide"]:
            problems.append(f"{path}: strona przewija się w bok o {found['scroll']} px; za szerokie:"
                            + "".join(f"\n    {el}" for el in found["wide"][:10]))
        AUDIT["strony sprawdzone na 390x844"] += 1
        v.context.close()
    assert not problems, "Na ekranie telefonu (390 px) treść wychodzi poza ekran:\n" + "\n".join(problems)


def test_topics_links_are_on_a_phone_screen(visit):
    """The landing page's table is one card per topic on a phone: every link is on screen."""
    v = visit("book/intro.html", viewport=PHONE)
    links = v.page.evaluate("""() => [...document.querySelectorAll("table.course-topics a")].map(a => {
      const box = a.getBoundingClientRect();
      return {text: a.textContent, shown: a.checkVisibility() && box.left >= 0 && box.right <= innerWidth};
    })""")
    v.page.locator("table.course-topics").screenshot(path=str(SCREENSHOTS / "intro.phone.topics.png"))
    assert {"Czytaj", "Slajdy", "Colab"} <= {link["text"] for link in links}
    hidden = [link["text"] for link in links if not link["shown"]]
    assert not hidden, f"linki tabeli tematów poza ekranem 390 px: {hidden}"


MAX_PAGE_BYTES = 1_500_000  # all a page fetches on a first visit, besides its figures
EMBEDDED_IMAGE = re.compile(rb"data:image/[a-z+]+;base64,[A-Za-z0-9+/=\\\n]+")  # animation frames


def figure_bytes(site, path, fetched):
    """What a page's figures weigh: its image files and the images embedded in its HTML."""
    embedded = sum(map(len, EMBEDDED_IMAGE.findall((site / path).read_bytes())))
    return embedded + sum(size for url, size in fetched.items() if "/_images/" in url)


def test_pages_fetch_only_what_they_show(site, visit):
    """On a first visit (nothing cached) no page fetches Font Awesome's script (the theme's CSS
    draws the icons) or a script for formulas (KaTeX typesets them when the site is built),
    only a page with formulas fetches KaTeX's stylesheet, and every page fetches at most
    1.5 MB besides its figures."""
    problems, heaviest = [], 0
    for path in site_pages(site):
        v = visit(path)
        v.page.wait_for_load_state("networkidle")
        urls = " ".join(v.fetched)
        has_math = v.page.locator(".math").count() > 0
        if "fontawesome.js" in urls:
            problems.append(f"{path}: pobiera fontawesome.js")
        if re.search(r"mathjax|katex[^/]*\.js", urls, re.I):
            problems.append(f"{path}: pobiera skrypt do wzorów")
        if ("katex.min.css" in urls) != has_math:
            problems.append(f"{path}: arkusz KaTeX {'nie ' if has_math else ''}wczytany, a wzory {'są' if has_math else 'nie'}")
        if v.page.locator(".katex-error").count():
            problems.append(f"{path}: wzory, których KaTeX nie złożył")
        weight = sum(v.fetched.values()) - figure_bytes(site, path, v.fetched)
        heaviest = max(heaviest, weight)
        if weight > MAX_PAGE_BYTES:
            problems.append(f"{path}: {weight / 1e6:.2f} MB bez rysunków w {len(v.fetched)} żądaniach")
        v.context.close()
    AUDIT["pierwsza wizyta: najcięższa strona bez rysunków (MB)"] = round(heaviest / 1e6, 2)
    assert not problems, "\n".join(problems)
