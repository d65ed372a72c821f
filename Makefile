# dlviz: `make run` starts the app, `make test` runs every test headless.
# Both create .venv on first use and reinstall when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
APP    := $(VENV)/.installed-app
TEST   := $(VENV)/.installed-test

.PHONY: run test test-fast bench bench-gpu screenshot screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(APP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(APP) $@

run: $(APP)
	$(BIN)/python main.py

# Test processes (pytest-xdist). One process kept one of two cores idle about half
# the time (Qt waits, file work, Python between TensorFlow calls): two ran the
# suite in 12 min where one took 19. More need ~2 GB of memory each.
WORKERS ?= 2

# The whole suite, headless (tests/conftest.py sets QT_QPA_PLATFORM=offscreen).
test: $(TEST)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n $(WORKERS) --durations=15

# Everything but the tests marked slow (real training, the full-size models).
test-fast: $(TEST)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n $(WORKERS) -m "not slow"

BENCH  := $(VENV)/.installed-bench

$(BENCH): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	touch $(APP) $(TEST) $@

# Every script in benchmarks/ but the helpers they share (_common.py, ...).
bench: $(BENCH)
	@for script in benchmarks/[!_]*.py; do \
		echo "== $$script"; $(BIN)/python $$script || exit 1; \
	done

# Whenever a GPU is at hand (under eight minutes on one): the device named as the
# status bar names it, VGG-16 training with and without live probes in mixed
# precision, a drop on VGG-16 at 224. Without a GPU it says so and exits 0.
bench-gpu: $(TEST)
	$(BIN)/python benchmarks/gpu_check.py

# The README's pictures in resources/screenshots/ from the real window, headless
# (about a minute on two cores; trains AlexNet mini on the shapes once).
screenshots: $(APP)
	$(BIN)/python scripts/make_screenshots.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
