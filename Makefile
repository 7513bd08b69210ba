# Development tasks. The README's two commands go through build/dev.sh, which
# does its own set-up; these targets do too.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup run test lint format bench bundle e2e clean

setup:
	bash build/dev.sh setup

run:
	bash build/dev.sh run

test:
	bash build/dev.sh test

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(VENV)/bin/fkstod lint

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.benchmarks

bundle: setup
	bash build/bundle.sh

e2e: bundle
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m e2e tests/e2e

clean:
	rm -rf build/work build/dist .pytest_cache
