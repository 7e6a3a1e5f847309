# Two commands for a newcomer:  `make course` (set up, open the course)  and  `make test`.
# Everything runs on the interpreter in .venv (tools are found from it, never from PATH).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: course instructor test setup bench release clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

setup: $(VENV)/.installed

# the student's lab on notebooks/ (no instructor tools)
course: setup
	$(BIN)/python -m course.lab

# the instructor's lab on the course folder, with nbgrader's tools
instructor: setup
	$(BIN)/python -m course.lab --instructor

# COURSE_SMALL_DATA=1: notebooks train on small synthetic data, so the suite needs no downloads
test: setup
	COURSE_SMALL_DATA=1 $(BIN)/python -m pytest

bench: setup
	$(BIN)/python -m course.benchmarks.mlp

clean:
	rm -rf $(VENV) .pytest_cache
