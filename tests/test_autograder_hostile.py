"""Hostile and malformed input the grader must survive, each built here: a reply that
would cost gigabytes to decode, the graded chapter's references reached by the back door,
spreadsheet formulas as student ids, names that are not UTF-8, odd files named for what
they are."""

import csv
import json
import os
import socket
import subprocess
import sys
import threading
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from autograder import protocol
from autograder import results as res
from autograder.budget import TooComplex, budget, check_structure
from autograder.collect import collect
from autograder.export import export_csv, neutralised
from autograder.layout import Course, student_file
from autograder.student import InvalidNotebook, read_cells
from autograder.withhold import LibraryCopy
from course.checks import plain, registry
from test_autograder_units import CORPUS, HERE, toy_chapter  # noqa: F401 (autouse)

EMPTY_LISTS = 2_000_000


def _frame_of_empty_lists(count):
    """A run frame whose output is ``count`` empty lists (3 bytes each)."""
    return ('{"__dict__": {"output": [' + "[]," * (count - 1) + '[]], "args_after": null, '
            '"error": null, "not_written": false}}')


def _receive(text, max_values):
    """Send ``text`` as one frame through a socket pair and receive it with a budget;
    ``(outcome, peak bytes allocated while receiving)``."""
    mine, theirs = socket.socketpair()
    data = text.encode()
    frame = protocol.HEADER.pack(len(data)) + data    # built before measuring; sent as is
    writer = threading.Thread(target=theirs.sendall, args=(frame,))
    tracemalloc.start()
    writer.start()
    try:
        outcome = protocol.recv_sized(mine.fileno(), None, 1 << 30, max_values)[0]
    except protocol.TooLarge as err:
        outcome = err
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    writer.join()
    mine.close()
    theirs.close()
    return outcome, peak


def test_a_reply_of_millions_of_empty_lists_is_refused_before_it_is_built():
    text = _frame_of_empty_lists(EMPTY_LISTS)
    expected, args = 3, {"x": np.zeros(20)}
    outcome, peak = _receive(text, budget(expected, args))
    assert isinstance(outcome, protocol.TooLarge) and "values" in str(outcome)
    # the frame is held (as bytes, then as text), never its two million lists (~110 MB)
    assert peak < 3 * len(text)


def test_an_honest_answer_of_the_expected_shape_fits_its_budget():
    expected = np.arange(300 * 200, dtype=np.float64).reshape(300, 200)
    args = {"x": expected.copy(), "axis": 1, "shape": (300, 200)}
    limit = budget(expected, args)
    for answer in (expected, expected.tolist(), [expected, args], {"out": expected.tolist()}):
        run = plain.dumps({"output": answer, "args_after": args, "error": None,
                           "not_written": False})
        check_structure(run, limit)
        outcome, _ = _receive(run, limit)
        assert not isinstance(outcome, Exception)


def test_nesting_past_the_depth_limit_is_refused_while_counting():
    with pytest.raises(TooComplex, match="nested deeper"):
        check_structure("[" * 40 + "]" * 40, 10_000)
    check_structure('["[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["]', 10)   # in a string


def _csv_cells(path):
    with open(path, newline="", encoding="utf-8") as f:
        return [cell for row in csv.reader(f) for cell in row]


FORMULAS = ["=HYPERLINK(\"http://x\")", "+1+2", "-3+4", "@SUM(A1)", "\tcmd", "\rcmd",
            "=cmd|' /C calc'!A0"]


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(tmp_path):
    course = Course(tmp_path)
    (tmp_path / "solutions").mkdir()
    (tmp_path / "solutions" / "toy_warmup.ipynb").write_bytes(
        (HERE / "toy_course" / "solutions" / "toy_warmup.ipynb").read_bytes())
    for student in FORMULAS + ["plain"]:
        result = res.Result(student, "toy_warmup", f"{student}.ipynb", "k",
                            [res.ExerciseResult("toy.mean_rows", "mean_rows_check", 2, 2.0,
                                                res.PASSED)],
                            notes=["=1+1 in a note"] if student == "plain" else [])
        res.write(course.results("toy_warmup") / student_file(student), result)
    export_csv(course, "toy_warmup", tmp_path / "grades.csv")
    cells = _csv_cells(tmp_path / "grades.csv")
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert {"'" + s for s in FORMULAS} <= set(cells)
    assert "2" in cells and "plain" in cells
    assert neutralised("-1.5") == "-1.5"      # numbers stay numbers


def test_names_that_are_not_utf8_or_too_long_are_graded_not_fatal(tmp_path):
    good = (CORPUS / "correct.ipynb").read_bytes()
    folder = tmp_path / os.fsdecode(b"caf\xe9")
    folder.mkdir()
    (folder / os.fsdecode(b"\xff.ipynb")).write_bytes(good)
    (tmp_path / os.fsdecode(b"r\xe9sum\xe9.ipynb")).write_bytes(good)
    (tmp_path / ("x" * 240 + ".ipynb")).write_bytes(good)
    subs = collect(tmp_path, "toy_warmup")
    assert [s.student for s in subs] == ["caf\\xe9", "r\\xe9sum\\xe9", "x" * 240]
    assert subs[0].file == "\\xff.ipynb" and subs[0].data == good
    for sub in subs:
        name = student_file(sub.student)
        assert len(name.encode()) < 255 and "/" not in name
        res.write(tmp_path / name, res.Result(sub.student, "toy_warmup", sub.file, "k"))
        assert res.read(tmp_path / name).student == sub.student


def test_odd_files_are_named_for_what_they_are(tmp_path):
    huge = tmp_path / "huge.ipynb"
    with open(huge, "wb") as f:
        f.truncate(1 << 30)                  # 1 GB, sparse: never read
    (tmp_path / "link.ipynb").symlink_to(CORPUS / "correct.ipynb")
    os.mkfifo(tmp_path / "pipe.ipynb")      # reading it would wait forever
    problems = {s.student: s.problem for s in collect(tmp_path, "toy_warmup")}
    assert problems == {"huge": "too large (1,073,741,824 bytes; the limit is 50,000,000)",
                        "link": "a link, not a file", "pipe": "not a regular file"}
    cells = [{"cell_type": "code", "metadata": {}, "source": ""}] * 200_000
    for data, reason in [
            (json.dumps({"nbformat": 4, "cells": cells}).encode(),
             "too many cells (200,000; the limit is 5,000)"),
            (b'{"nbformat": 4,\n "cells": [\xff]}', "not UTF-8 text (byte 0xFF at line 2, column 12)"),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "not a text file (binary data)")]:
        with pytest.raises(InvalidNotebook) as err:
            read_cells(data)
        assert str(err.value) == reason


def test_the_graded_exercises_reference_is_withheld_in_memory_and_on_disk():
    relu = registry.get("toy.relu_forward")
    library = LibraryCopy([relu, registry.get("toy.mean_rows")])
    copied = (library.copy / "ops" / "activations.py").read_text()
    real = Path(relu.reference.__code__.co_filename)
    try:
        assert "not available while grading" in copied and "np.maximum" not in \
            copied.split("def relu_forward")[1].split("def ")[0]
        assert "def relu_backward(dout" in copied               # the other references stay
        assert len(copied.encode()) == real.stat().st_size      # numba's caches stay valid
        assert "not available" not in real.read_text()          # the library is untouched
    finally:
        library.close()
    assert not library.folder.exists()
    probe = (
        "import functools, gc, course.ops as ops, course.ops.activations as a\n"
        "from course.checks import registry\n"
        "from autograder.tripwire import Tripwire\n"
        "from autograder.withhold import withhold\n"
        "saved, partial = ops.relu_forward, functools.partial(ops.relu_forward)\n"
        "withhold(registry.get('toy.relu_forward'))\n"
        "Tripwire([registry.get('toy.relu_forward')])\n"
        "inner = [c.cell_contents for c in ops.relu_forward.__closure__\n"
        "         if callable(c.cell_contents)][0]\n"
        "found = [f for f in gc.get_objects() if getattr(f, '__name__', '') == 'relu_forward']\n"
        "for f in [saved, partial, a.relu_forward, ops.relu_forward, inner,\n"
        "          registry.get('toy.relu_forward').reference] + found:\n"
        "    try:\n        print('RAN', f(1.0))\n"
        "    except RuntimeError as err:\n        print(err)\n"
        "print('backward', a.relu_backward(__import__('numpy').ones(2), a.relu_forward.__doc__ "
        "and __import__('numpy').array([1.0, -1.0])))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env={**os.environ, "COURSE_CHECKS_EXTRA": str(HERE / "toy_specs.py")})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "RAN" not in done.stdout and len(lines) >= 7
    assert set(lines[:-1]) == {"course.ops.activations.relu_forward is not available while grading"}
    assert lines[-1] == "backward [1. 0.]"
