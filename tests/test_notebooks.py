"""Every chapter runs: the solutions top to bottom with every check passing, the student
versions with errors only where an exercise is still unanswered."""

import pytest

from notebook_runner import ROOT, errors, execute, is_check_cell

SOLUTIONS = sorted((ROOT / "solutions").glob("ch*.ipynb"))
STUDENT = sorted((ROOT / "notebooks").glob("ch*.ipynb"))


def test_there_are_seven_chapters_with_student_versions():
    assert len(SOLUTIONS) == 7
    assert [p.name for p in STUDENT] == [p.name for p in SOLUTIONS]


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_solution_notebook_runs_and_passes_every_check(path):
    problems = [(i, ename, evalue[:300]) for i, cell, ename, evalue in errors(execute(path))]
    assert not problems, problems


@pytest.mark.parametrize("path", STUDENT, ids=lambda p: p.stem)
def test_fresh_student_notebook_fails_only_its_unanswered_checks(path):
    nb = execute(path)
    unexpected = [(i, ename, evalue[:300]) for i, cell, ename, evalue in errors(nb)
                  if not (is_check_cell(cell) and ename == "CheckFailed")]
    assert not unexpected, unexpected
    failed_checks = {i for i, cell, ename, _ in errors(nb) if is_check_cell(cell)}
    all_checks = {i for i, cell in enumerate(nb.cells) if is_check_cell(cell)}
    assert failed_checks == all_checks, "a fresh notebook must earn nothing"


def test_student_notebooks_are_in_sync_with_the_solutions():
    from autograder.layout import Course
    from autograder.release import release
    assert {status for _, status in release(Course(ROOT), check=True)} == {"in sync"}
