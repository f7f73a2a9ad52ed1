"""The stamp a notebook's outputs carry: which code produced them, in which mode."""
import hashlib
import json

STAMP_KEY = "course"


def code_hash(nb):
    """SHA-256 of the code cells' sources: prose edits do not make outputs stale."""
    sources = [cell.source for cell in nb.cells if cell.cell_type == "code"]
    return hashlib.sha256(json.dumps(sources, ensure_ascii=False).encode()).hexdigest()


def stamp(nb, seconds, fast_seconds):
    """Mark full-mode outputs with their code's hash and the run times of both modes."""
    nb.metadata[STAMP_KEY] = {"source_sha256": code_hash(nb), "mode": "full",
                              "seconds": round(seconds), "fast_seconds": round(fast_seconds)}
