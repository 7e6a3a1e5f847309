# Two commands for a newcomer:  `make course` (set up, open the course)  and  `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: course test setup bench release clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

setup: $(VENV)/.installed

# Jupyter refuses to run as root unless told; in a container root is the usual user.
ROOT_FLAG = $(if $(filter 0,$(shell id -u)),--allow-root)

course: setup
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/

# COURSE_SMALL_DATA=1: notebooks train on small synthetic data, so the suite needs no downloads
test: setup
	COURSE_SMALL_DATA=1 $(BIN)/python -m pytest

bench: setup
	$(BIN)/python -m course.benchmarks.mlp

clean:
	rm -rf $(VENV) .pytest_cache
