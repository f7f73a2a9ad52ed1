"""The headline protocol and the stamp of `make outputs`.

A notebook's last code cell prints its headline figures, one `key: value` line each.
`make outputs` stores them in the .ipynb's metadata (STAMP_KEY) with the hash of the code
that produced the outputs and the run times of both modes. The notebook's `topic` metadata
(the header of its .py) says what the site and the text make of them: `result`, the
landing page's sentence with {key} placeholders, and `quoted`, the keys its prose quotes
with their decimal places (as polish_number takes them).
"""
import hashlib
import json
import re

from .polish import polish_number

STAMP_KEY = "course"  # key of the stamp in the .ipynb metadata
HEADLINE_LINE = re.compile(r"^([A-Za-z0-9_]+): (\S.*)$")


def code_hash(nb):
    """SHA-256 of the code cells' sources: prose edits do not make outputs stale."""
    sources = [cell.source for cell in nb.cells if cell.cell_type == "code"]
    return hashlib.sha256(json.dumps(sources, ensure_ascii=False).encode()).hexdigest()


def printed_headline(nb):
    """The `key: value` lines that the last code cell printed, as a dict."""
    last = [cell for cell in nb.cells if cell.cell_type == "code"][-1]
    text = "".join(o.get("text", "") for o in last.outputs if o.get("name") == "stdout")
    lines = text.strip().splitlines()
    bad = [line for line in lines if not HEADLINE_LINE.match(line)]
    if not lines or bad:
        raise ValueError(f"ostatnia komórka kodu ma drukować wiersze `klucz: wartość`, a drukuje {bad or 'nic'}")
    return dict(HEADLINE_LINE.match(line).groups() for line in lines)


def stamp(nb, seconds, fast_seconds):
    """Mark full-mode outputs with their code's hash, both run times and the headline figures."""
    nb.metadata[STAMP_KEY] = {"source_sha256": code_hash(nb), "mode": "full",
                              "seconds": round(seconds), "fast_seconds": round(fast_seconds),
                              "headline": printed_headline(nb)}


def stamp_of(nb):
    return nb.metadata.get(STAMP_KEY, {})


def headline(nb):
    """The headline figures stored by `make outputs` ({} when the notebook was never stamped)."""
    return stamp_of(nb).get("headline", {})


def topic(nb):
    """The notebook's `topic` metadata: summary, result and quoted."""
    return nb.metadata.get("topic", {})


def quoted_numbers(nb):
    """{key: the stored value as the text quotes it} for each key of `topic.quoted`."""
    return {key: polish_number(headline(nb)[key], digits) for key, digits in topic(nb).get("quoted", {}).items()}


def result_sentence(nb):
    """The landing page's result sentence, with the stored figures written the Polish way."""
    figures = {key: polish_number(value) for key, value in headline(nb).items()}
    return topic(nb)["result"].format(**figures)
