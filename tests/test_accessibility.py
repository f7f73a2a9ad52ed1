"""axe-core audit (npm, injected into headless Chromium) of every page and every deck.

A critical or serious violation fails the test unless tests/axe_allowlist.yml lists it
with its reason; an allow-list entry that no longer matches anything fails too.
"""
from fnmatch import fnmatch

import pytest
import yaml
from course import deck_path

from conftest import AUDIT, ROOT, SOURCES, Visit, site_pages

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ALLOWLIST = yaml.safe_load((ROOT / "tests" / "axe_allowlist.yml").read_text(encoding="utf-8"))
BLOCKING = {"critical", "serious"}


def allowlist_entry(path, violation, node):
    """Index of the allow-list entry that covers this violation, or None."""
    for i, entry in enumerate(ALLOWLIST):
        if (entry["rule"] == violation["id"] and fnmatch(path, entry.get("pages", "*"))
                and entry["element"] in node["html"]):
            return i
    return None


@pytest.fixture(scope="module")
def audit(site, browser, base_url):
    """Run axe-core on every page and every deck (in print view, where reveal.js lays out
    all slides at once); count violations by impact; collect the blocking ones."""
    found = {"pages": [], "decks": [], "used": set()}
    for impact in ("critical", "serious", "moderate", "minor"):
        AUDIT[f"axe: {impact}"] += 0  # listed in the summary even when there are none
    paths = [("pages", p) for p in site_pages(site)]
    paths += [("decks", f"{deck_path(s)}?print-pdf") for s in SOURCES]
    for kind, path in paths:
        v = Visit(browser, f"{base_url}/{path}")
        if kind == "decks":  # wait until reveal.js has laid out the pages
            v.page.wait_for_selector(".reveal .pdf-page", state="attached", timeout=30000)
        v.page.add_script_tag(path=str(AXE))
        result = v.page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        AUDIT[f"axe: {'strony' if kind == 'pages' else 'talie slajdów'}"] += 1
        AUDIT["axe: slajdy"] += v.page.locator(".pdf-page").count()
        for violation in result["violations"]:
            for node in violation["nodes"]:
                entry = allowlist_entry(path, violation, node) if violation["impact"] in BLOCKING else None
                if entry is not None:
                    found["used"].add(entry)
                    AUDIT["axe: dozwolone (axe_allowlist.yml)"] += 1
                    continue
                AUDIT[f"axe: {violation['impact']}"] += 1
                if violation["impact"] in BLOCKING:
                    found[kind].append(f"{path}: [{violation['impact']}] {violation['id']} "
                                       f"({violation['help']}): {node['target']}")
        v.context.close()
    return found


def test_pages_have_no_serious_accessibility_violation(audit):
    assert not audit["pages"], "\n".join(audit["pages"])


def test_decks_have_no_serious_accessibility_violation(audit):
    assert not audit["decks"], "\n".join(audit["decks"])


def test_every_allowlist_entry_is_still_needed(audit):
    unused = [entry for i, entry in enumerate(ALLOWLIST) if i not in audit["used"]]
    assert not unused, f"Wpisy axe_allowlist.yml, które niczego już nie dotyczą: {unused}"
