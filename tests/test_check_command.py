"""Checking an exercise outside Jupyter (``python -m course.checks``), and when a failing
check raises: under grading and in scripts, but not in a student's notebook."""

import json
import subprocess
import sys

import pytest

from course.checks import CheckFailed, check
from course.checks import notebook as check_cell
from course.checks.__main__ import main

RELU_RIGHT = "import numpy as np\ndef relu_backward(dout, cache):\n    return dout * (cache > 0)\n"
RELU_WRONG = "import numpy as np\ndef relu_backward(dout, cache):\n    return dout * (cache >= 0)\n"


def _notebook(tmp_path, *cells):
    nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
          "cells": [{"cell_type": "code", "source": src, "metadata": meta, "outputs": [],
                     "execution_count": None} for src, meta in cells]}
    path = tmp_path / "answers.ipynb"
    path.write_text(json.dumps(nb))
    return path


def test_a_right_answer_in_a_python_file_passes(tmp_path, capsys):
    path = tmp_path / "mine.py"
    path.write_text(RELU_RIGHT)
    assert main(["ch4.relu_backward", str(path)]) == 0
    assert "all checks passed" in capsys.readouterr().out


def test_a_notebook_runs_up_to_the_answer_without_its_check_cells(tmp_path, capsys):
    grade = {"nbgrader": {"grade": True, "grade_id": "relu_backward_check", "points": 1}}
    path = _notebook(tmp_path,
                     ("%matplotlib inline\nimport numpy as np", {}),
                     ("def gradient_check(f):\n    return f\n", {}),   # not a check cell
                     (RELU_WRONG + "relu_backward = gradient_check(relu_backward)\n", {}),
                     ('check("ch4.relu_backward")', grade),
                     ("raise RuntimeError('a later cell must not run')", {}))
    assert main(["ch4.relu_backward", str(path)]) == 1
    out = capsys.readouterr().out
    assert "relu_backward" in out and "✗" in out


def test_unusable_input_exits_2_with_a_reason(tmp_path, capsys):
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json")
    assert main(["ch4.relu_backward", str(broken)]) == 2
    assert "not a readable notebook" in capsys.readouterr().err
    other = tmp_path / "other.py"
    other.write_text("x = 1\n")
    assert main(["ch4.relu_backward", str(other)]) == 2
    assert "does not define relu_backward" in capsys.readouterr().err
    assert main(["ch4.no_such_exercise", str(other)]) == 2
    assert "no exercise 'ch4.no_such_exercise'" in capsys.readouterr().err
    crashing = tmp_path / "crash.py"
    crashing.write_text("1 / 0\n")
    assert main(["ch4.relu_backward", str(crashing)]) == 2
    assert "ZeroDivisionError" in capsys.readouterr().err


def test_the_command_runs_as_a_module(tmp_path):
    path = tmp_path / "mine.py"
    path.write_text(RELU_RIGHT)
    done = subprocess.run([sys.executable, "-m", "course.checks", "ch4.relu_backward", str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    listing = subprocess.run([sys.executable, "-m", "course.checks", "--list", "ch4"],
                             capture_output=True, text=True).stdout
    assert "ch4.relu_backward" in listing and "ch3." not in listing


def _wrong_relu(dout, cache):
    return dout * (cache >= 0)


@pytest.mark.parametrize("env, in_notebook, raises", [
    ({}, False, True),                                   # a script, a test: raise
    ({}, True, False),                                   # a student's notebook: show, go on
    ({"NBGRADER_EXECUTION": "autograde"}, True, True),   # nbgrader autograde
    ({"NBGRADER_EXECUTION": "validate"}, True, True),    # nbgrader validate
    ({"COURSE_CHECKS_STRICT": "1"}, True, True),
])
def test_a_failing_check_raises_only_where_a_failure_must_count(monkeypatch, capsys, env,
                                                                 in_notebook, raises):
    for name in ("NBGRADER_EXECUTION", "COURSE_CHECKS_STRICT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(check_cell, "_in_notebook", lambda: in_notebook)
    monkeypatch.setattr(check_cell, "_show", lambda html_text, plain: print(plain))
    if raises:
        with pytest.raises(CheckFailed):
            check("ch4.relu_backward", _wrong_relu)
    else:
        check("ch4.relu_backward", _wrong_relu)
    assert "relu_backward" in capsys.readouterr().out
