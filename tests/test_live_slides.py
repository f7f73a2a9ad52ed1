"""The live slideshow as a lecturer gives it: JupyterLab with RISE (jupyterlab-rise), started
by the script of `make present` (scripts/present.py: same server root, same trusted notebooks),
each notebook opened in RISE's slideshow view in headless Chromium and stepped through with
the space bar. The static decks are tested against `slides(source)` in test_browser.py; the
live slides are held to the same list, slide by slide.

The test opens /rise/notebooks/<notebook>.ipynb, the page that Alt+R shows in a panel beside
the notebook. It does not press Alt+R in JupyterLab: RISE saves the notebook first, and the
jupytext pairing would then rewrite the .py source in the repository."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from conftest import WRAPPED_PRE_JS, Visit, slides, wrapped_lines
from course import ROOT

# For the slide shown now: its index among all slides, and what it shows.
CURRENT_SLIDE_JS = """async () => {
  const all = [...document.querySelectorAll(".reveal .slides section:not(:has(section))")];
  const slide = document.querySelector(".reveal .slides section.present:not(:has(section))");
  const shown = el => el.getClientRects().length > 0;
  const inputs = [...slide.querySelectorAll(".jp-CodeCell .jp-Cell-inputWrapper")].filter(shown);
  const fragments = [...slide.querySelectorAll(".fragment")];
  const images = [...slide.querySelectorAll(".jp-OutputArea-output img")];
  await Promise.all(images.map(img => img.decode().catch(() => null)));
  return {
    index: all.indexOf(slide), count: all.length,
    code_lines: inputs.reduce((n, el) => n + el.querySelectorAll(".cm-line").length, 0),
    placeholders: inputs.filter(el => el.querySelector(".jp-InputPlaceholder")).length,
    figures: images.filter(img => img.naturalWidth > 0 && img.offsetHeight > 0).length,
    notes: slide.querySelectorAll("aside.notes").length > 0,
    fragments: fragments.length,
    fragments_shown: fragments.filter(f => f.classList.contains("visible")).length,
    wrapped: (WRAPPED_PRE_JS)(slide),
  };
}""".replace("WRAPPED_PRE_JS", WRAPPED_PRE_JS)
# The course's styles (notebooks/rise.css) in force, with the stylesheet's request answered:
# the title slide's heading as that file sets it (RISE's own is in capitals at 4rem), and the
# collapsed input of the hidden-input cells not displayed (RISE shows it in large type).
COURSE_STYLE_JS = """() => {
  const heading = document.querySelector(".reveal .slides section.present h1");
  const style = getComputedStyle(heading), root = getComputedStyle(document.documentElement);
  const collapsed = [...document.querySelectorAll(".reveal .jp-Cell-inputWrapper:has(.jp-InputPlaceholder)")];
  const rules = () => { try { return document.getElementById("rise-custom-css").sheet.cssRules.length; }
                        catch { return 0; } };  // a refused request leaves a sheet without rules to read
  return {loaded: rules() > 0,
          transform: style.textTransform, size: parseFloat(style.fontSize),
          expected: 2.5 * parseFloat(root.getPropertyValue("--jp-content-font-size1")),
          collapsed: collapsed.length, collapsed_shown: collapsed.filter(el => getComputedStyle(el).display !== "none").length};
}"""
MAX_STEPS = 500  # space-bar presses for a whole deck: its slides plus its fragments


@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory):
    """JupyterLab started as `make present` starts it, on a free local port, without a token
    or a browser, with its settings, workspaces and trust database in a temporary folder;
    stopped after the tests."""
    home = tmp_path_factory.mktemp("jupyterlab")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, str(ROOT / "scripts" / "present.py"), "--no-browser",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               "--IdentityProvider.token=", "--ServerApp.password="]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI runners often run as root
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"), "JUPYTER_DATA_DIR": str(home / "data"),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"), "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
    log = home / "jupyterlab.log"
    with log.open("w") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            assert server.poll() is None, "JupyterLab nie wystartował:\n" + log.read_text()[-3000:]
            try:
                urllib.request.urlopen(f"{url}/api/status", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab nie odpowiada po 60 s:\n" + log.read_text()[-3000:])
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def open_slideshow(browser, jupyterlab, source):
    v = Visit(browser, f"{jupyterlab}/rise/notebooks/{source.stem}.ipynb")
    v.page.wait_for_selector(".reveal.ready", timeout=60000)
    v.page.wait_for_selector(".reveal mjx-container", state="attached", timeout=20000)
    return v


FIGURE_SHOWN_JS = """() => [...document.querySelectorAll(
  ".reveal .slides section.present:not(:has(section)) .jp-OutputArea-output img")].some(img => img.naturalWidth > 0 && img.offsetHeight > 0)"""


def step_through(page, static):
    """Press the space bar until the last slide: each slide as it first appears, with
    the most fragments it showed while on it. JupyterLab renders cells as they come into
    view, so on a slide that should show a figure the figure gets a few seconds to appear."""
    seen = {}
    for _ in range(MAX_STEPS):
        now = page.evaluate(CURRENT_SLIDE_JS)
        index = now["index"]
        if index not in seen and index < len(static) and static[index]["figure"] and not now["figures"]:
            try:
                page.wait_for_function(FIGURE_SHOWN_JS, timeout=5000)
                now = page.evaluate(CURRENT_SLIDE_JS)
            except PlaywrightTimeout:
                pass  # reported by the test, with the slide's number
        first = seen.setdefault(now["index"], {**now, "fragments_on_arrival": now["fragments_shown"]})
        first["fragments_shown"] = max(first["fragments_shown"], now["fragments_shown"])
        if len(seen) == now["count"] and now["index"] == now["count"] - 1 \
                and now["fragments_shown"] == now["fragments"]:
            break
        page.keyboard.press("Space")
    return [seen[i] for i in sorted(seen)]


def test_present_opens_at_the_notebooks(jupyterlab):
    """The address `make present` opens in the browser leads to the notebooks' folder."""
    with urllib.request.urlopen(f"{jupyterlab}/", timeout=10) as response:
        assert urlsplit(response.url).path == "/lab/tree/notebooks"


def test_live_slides_have_the_course_style(browser, jupyterlab):
    """rise.css is loaded from the notebooks' folder and styles the slides."""
    v = open_slideshow(browser, jupyterlab, ROOT / "notebooks" / "03_autoencoder.py")
    style = v.page.evaluate(COURSE_STYLE_JS)
    assert style["loaded"], "RISE nie wczytał notebooks/rise.css"
    assert style["transform"] == "none" and style["size"] == style["expected"], (
        f"nagłówek slajdu tytułowego bez stylu z rise.css: {style}")
    assert style["collapsed"] and not style["collapsed_shown"], f"widać zwinięty kod komórek z ukrytym wejściem: {style}"
    v.assert_clean()


def test_live_slideshow_shows_what_the_static_deck_shows(browser, jupyterlab, source):
    """Same slides, in the same order; code only where the static deck shows code, line for
    line (no code above a figure drawn by a helper call, a check that rise.css applies);
    every figure and speaker note in place; fragments hidden on arrival and shown by the
    space bar; no printed line wrapped; a clean console."""
    v = open_slideshow(browser, jupyterlab, source)
    static = slides(source)
    live = step_through(v.page, static)
    v.screenshot(f"{source.stem}.live")
    assert len(live) == len(static), f"{source.stem}: na żywo {len(live)} slajdów, statycznie {len(static)}"
    for number, (shown, expected) in enumerate(zip(live, static), start=1):
        where = f"{source.stem}, slajd {number} na żywo"
        assert shown["placeholders"] == 0, (f"{where}: widać zwinięty kod (…) komórki z ukrytym wejściem; "
                                            "czy RISE wczytał notebooks/rise.css?")
        assert shown["code_lines"] == expected["code_lines"], (
            f"{where}: {shown['code_lines']} wierszy kodu, a w slajdach statycznych {expected['code_lines']}; "
            "komórka ze znacznikiem hide-input/remove-input potrzebuje jupyter.source_hidden")
        assert shown["figures"] >= expected["figure"], f"{where}: brak rysunku"
        assert shown["notes"] == expected["notes"], f"{where}: notatki prowadzącego nie na swoim miejscu"
        assert shown["fragments_on_arrival"] == 0 and shown["fragments_shown"] == shown["fragments"], (
            f"{where}: fragmenty nie pojawiają się po kolei ({shown})")
    wrapping = [(number, shown["wrapped"]) for number, shown in enumerate(live, start=1) if shown["wrapped"]]
    assert not wrapping, f"{source.stem}: na żywo wiersze wydruku się łamią:\n" + "\n".join(
        f"  slajd {number}:{wrapped_lines(pres)}" for number, pres in wrapping)
    v.assert_clean()


def test_live_speaker_view_follows_the_slideshow(browser, jupyterlab):
    """S opens reveal.js' speaker view; it loads the notebook twice more (current and next
    slide), so it gets a generous timeout, then it must follow the space bar."""
    v = open_slideshow(browser, jupyterlab, ROOT / "notebooks" / "02_cnn.py")
    notes_js = ("document.querySelector('.reveal .slides section.present:not(:has(section)) aside.notes')"
                ".textContent.split(/\\s+/).filter(Boolean).slice(0, 6).join(' ')")
    with v.page.expect_popup() as opened:
        v.page.keyboard.press("s")
    speaker = opened.value
    for _ in range(2):
        words = v.page.evaluate(notes_js)
        speaker.wait_for_function("words => document.querySelector('.speaker-controls-notes')?.innerText"
                                  ".split(/\\s+/).join(' ').includes(words)", arg=words, timeout=60000)
        v.page.bring_to_front()
        v.page.keyboard.press("Space")
    v.assert_clean()
