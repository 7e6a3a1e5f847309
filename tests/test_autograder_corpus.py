"""The autograder's corpus: every submission in tests/autograder/corpus, and those
make_corpus.generate builds (too large to keep, or named in bytes git cannot keep), gets
exactly the score and status of tests/autograder/expected.csv, graded in one batch, twice."""

import csv
import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from autograder import results as res
from autograder.batch import grade_batch
from autograder.export import rows
from autograder.feedback import write_feedback
from autograder.layout import Course, student_file
from autograder.limits import Limits
from autograder.sandbox import namespaces_work
from instructor_loop import nbgrader_totals
from test_autograder_units import forget_toy_chapter

HERE = Path(__file__).parent / "autograder"
pytestmark = pytest.mark.skipif(
    os.getuid() != 0 or not namespaces_work(),
    reason="the expected table assumes the full sandbox (root, namespaces permitted)")
CORPUS = HERE / "corpus"
_spec = importlib.util.spec_from_file_location("make_corpus", HERE / "make_corpus.py")
make_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_corpus)
LIMITS = Limits(exercise_seconds=6, cell_seconds=3, memory_mb=1024)


def expected_table():
    with open(HERE / "expected.csv", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, sorted(reader)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The corpus graded once, then again with --force, then resumed; the course and logs."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COURSE_CHECKS_EXTRA", str(HERE / "toy_specs.py"))
        root = tmp_path_factory.mktemp("course")
        shutil.copytree(HERE / "toy_course" / "solutions", root / "solutions")
        corpus = tmp_path_factory.mktemp("submissions") / "corpus"
        shutil.copytree(CORPUS, corpus)
        make_corpus.generate(corpus)
        course = Course(root)
        tables, logs = [], []
        for force in (False, True, False):
            log = []
            grade_batch(course, corpus, jobs=2, limits=LIMITS, force=force, log=log.append)
            tables.append(rows(course, "toy_warmup"))
            logs.append(log)
        yield course, tables, logs
    forget_toy_chapter()


def test_the_corpus_gives_the_expected_table_twice_in_a_row(graded):
    _, tables, logs = graded
    header, expected = expected_table()
    for got_header, got in tables:
        assert got_header == header
        mismatches = [(g, e) for g, e in zip(got, expected) if g != e]
        assert not mismatches and len(got) == len(expected)
    n = len(expected)
    assert f"{n} submissions, 0 already graded, {n} to grade" in logs[0][0]
    assert f"{n} submissions, {n} already graded, 0 to grade" in logs[2][0]


def result(course, student):
    return res.read(course.results("toy_warmup") / student_file(student))


def test_snooping_finds_nothing_of_the_instructor_or_other_students(graded):
    course, _, _ = graded
    out = result(course, "snooping").output
    assert "STOLEN" not in out
    for secret in ("solutions", "corpus", "autograder_data", "toy_course", "gradebook"):
        assert secret not in out


def test_the_gradebook_agrees_with_our_table_and_nobody_wrote_it(graded, tmp_path):
    course, tables, _ = graded
    theirs = nbgrader_totals(course.gradebook_url, tmp_path)
    header, table = tables[-1]
    ours = {r[0]: float(r[header.index("total")]) for r in table}
    assert theirs == ours
    assert "WROTE" not in result(course, "gradebook_writer").output


def test_output_is_cut_by_bytes_memory_is_bounded_and_warnings_cost_nothing(graded):
    course, _, _ = graded
    big = result(course, "big_output")
    assert big.output_bytes > 50_000_000 and len(big.output.encode()) <= LIMITS.output_kept
    assert "MemoryError after" in result(course, "memory_bomb").output
    warns = result(course, "warns")
    assert warns.total == 4 and "a warning that must not cost points" in warns.output


def test_failures_are_explained(graded):
    course, _, _ = graded
    diagnosis = {e.exercise_id: e.diagnosis for e in result(course, "segfault").exercises}
    assert "SIGSEGV" in diagnosis["toy.relu_forward"]
    wrong = {e.exercise_id: e.diagnosis for e in result(course, "wrong").exercises}
    assert "You averaged over axis 0" in wrong["toy.mean_rows"]
    assert "ReLU keeps max(x, 0)" in wrong["toy.relu_forward"]
    cell_loop = result(course, "cell_loop")
    assert cell_loop.cells and "interrupted" in cell_loop.cells[0][1]


def test_feedback_shows_scores_and_diagnoses_but_no_hidden_tests(graded):
    course, _, _ = graded
    paths = write_feedback(course, "toy_warmup")
    assert len(paths) == len(expected_table()[1])
    source = (course.solutions / "toy_warmup.ipynb").read_text()
    for path in paths:
        page = path.read_text()
        assert "HIDDEN" not in page and "hidden_seed" not in page
        for seed in ("9101", "9202", "9303"):
            assert seed in source and seed not in page
    page = (course.feedback / "wrong" / "toy_warmup" / "toy_warmup.html").read_text()
    assert "0 / 4" in page and "You averaged over axis 0" in page
