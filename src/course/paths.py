"""Where things are: the repository, its notebooks (the table of contents), each notebook's
deck and PDF in the built site, and its address in Colab."""
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "_build" / "html"  # the built site: what `make site` writes and `make serve` serves
SLIDES_DIR = "slides"  # decks and PDFs, inside the built site


def notebooks():
    """The .py sources of the course's notebooks, in the order of the table of contents."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]
    return [ROOT / f"{name}.py" for name in files if name.startswith("notebooks/")]


def deck_path(name):
    """The deck of a notebook (page name or path), relative to the site's root."""
    return f"{SLIDES_DIR}/{Path(name).stem}.slides.html"


def pdf_path(name):
    return f"{SLIDES_DIR}/{Path(name).stem}.pdf"


def colab_url(repository_url, branch, notebook):
    """Colab's address of a notebook (path without suffix: notebooks/02_cnn) in a GitHub repository."""
    owner_repo = urlsplit(repository_url).path.strip("/")
    return f"https://colab.research.google.com/github/{owner_repo}/blob/{branch}/{notebook}.ipynb"
