"""Real-browser checks in headless Chromium, with every request off localhost blocked."""
import jupytext
from course import LICENCE_LINE, deck_path

from conftest import AUDIT, FIGURE_AREAS, slide_count
from course_handouts import wait_for_math


def test_intro_page_loads_cleanly(visit):
    v = visit("index.html")
    v.page.wait_for_selector("article h1")
    v.screenshot("intro")
    v.assert_clean()


def test_notebook_page_loads_with_math_typeset(visit, source):
    v = visit(f"notebooks/{source.stem}.html")
    assert v.page.locator("span.math, div.math").count() > 0, "brak wzorów na stronie"
    v.page.wait_for_selector("mjx-container", state="attached", timeout=20000)
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
    v.page.wait_for_selector("mjx-container", state="attached", timeout=20000)
    v.screenshot(f"{source.stem}.slides")
    for _ in range(3):
        v.page.keyboard.press("ArrowRight")
    v.page.wait_for_function("location.hash.length > 2")
    v.screenshot(f"{source.stem}.slides.step3")
    licence = v.page.evaluate("Reveal.getSlides().at(-1).querySelector('.deck-licence:not(aside *)')?.textContent")
    assert licence == LICENCE_LINE, f"{source.stem}: ostatni slajd nie podaje licencji"
    v.assert_clean()


def test_speaker_view_shows_the_notes_offline(visit):
    v = visit(deck_path("02_cnn"))
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
# number, title, the ways its content overflows the slide and the share its figures cover.
SLIDES_JS = """() => {
  const {width, height} = Reveal.getConfig();
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
    return {number: i + 1, title: title.replace("¶", "").trim(), problems, area};
  });
}"""
MIN_FIGURE_AREA = 0.25  # of a 1280x720 slide: smaller is hard to read from the back of a hall


def test_every_slide_fits_the_projector(visit, source):
    v = visit(deck_path(source))
    v.page.wait_for_selector(".reveal.ready", timeout=20000)
    wait_for_math(v.page)
    deck = v.page.evaluate(SLIDES_JS)
    AUDIT["slajdy sprawdzone na 1280x720"] += len(deck)
    FIGURE_AREAS.extend(s["area"] for s in deck if s["area"] > 0)
    overflowing = [s for s in deck if s["problems"]]
    assert not overflowing, f"{source.stem}.slides.html: treść wychodzi poza slajd 1280x720:\n" + "\n".join(
        f"  slajd {s['number']} ({s['title']}): {'; '.join(s['problems'])}" for s in overflowing)
    small = [s for s in deck if 0 < s["area"] < MIN_FIGURE_AREA]
    assert not small, (f"{source.stem}.slides.html: rysunek zajmuje mniej niż {MIN_FIGURE_AREA:.0%} slajdu; "
                       "skróć tekst nad nim albo postaw go obok tekstu (znacznik side-by-side):\n" + "\n".join(
                           f"  slajd {s['number']} ({s['title']}): {s['area']:.0%}" for s in small))


def test_search_finds_a_lecture_term(visit):
    v = visit("search.html?q=pooling")
    v.page.wait_for_selector("#search-results li a", timeout=20000)
    assert v.page.locator("#search-results li a[href*='02_cnn']").count() > 0
    v.assert_clean()
