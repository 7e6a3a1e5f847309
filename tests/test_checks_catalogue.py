"""Every exercise of the course: the reference passes, every catalogued mistake is caught
with its own diagnosis, and every mutant is self-contained source a notebook can hold."""

import inspect

import pytest

from course.checks import Case, evaluate, plain, registry
from course.checks.checker import StudentRun, conclude, expected_output, judge, run_student

EXERCISES = registry.all_exercises()
MISTAKES = [(ex, m) for ex in EXERCISES for m in ex.mistakes]


def test_ids_are_unique_and_well_formed():
    ids = [ex.id for ex in EXERCISES]
    assert len(ids) == len(set(ids))
    for ex in EXERCISES:
        assert ex.id.split(".")[0].startswith("ch") and ex.points >= 1 and ex.mistakes


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_reference_passes_visible_and_hidden_cases(exercise):
    for seed, hidden in ((exercise.public_seed, False), (12345, True)):
        report = evaluate(exercise, exercise.reference, exercise.cases(seed, hidden))
        failures = [r for r in report.results if not r.passed]
        assert not failures, failures[0].problem


@pytest.mark.parametrize("exercise,mistake", MISTAKES, ids=lambda v: getattr(v, "id", None)
                         or getattr(v, "name", None))
def test_each_mistake_fails_with_its_own_diagnosis(exercise, mistake):
    report = evaluate(exercise, mistake.mutant, exercise.cases(exercise.public_seed, False))
    assert not report.passed, f"the visible check does not catch '{mistake.name}'"
    assert mistake.name in report.mistakes(), (
        f"'{mistake.name}' was caught but diagnosed as {report.mistakes()}")


@pytest.mark.parametrize("exercise,mistake", MISTAKES, ids=lambda v: getattr(v, "id", None)
                         or getattr(v, "name", None))
def test_each_mistake_is_named_across_the_grading_boundary(exercise, mistake):
    """As the autograder does it: the run crosses the plain-data codec, the verdict and the
    likely mistake are decided on the other side, over every case."""
    cases = exercise.cases(exercise.public_seed, False)
    runs = []
    for case in cases:
        run = run_student(exercise, mistake.mutant, Case(case.group,
                                                          plain.loads(plain.dumps(case.args))))
        wire = plain.loads(plain.dumps([run.output, run.args_after, run.error]))
        runs.append(StudentRun(*wire, run.not_written))
    expected = [expected_output(exercise, case) for case in cases]
    results = [judge(exercise, c, r, e) for c, r, e in zip(cases, runs, expected)]
    report = conclude(exercise, cases, runs, results, expected)
    assert not report.passed and report.mistakes() == [mistake.name]


@pytest.mark.parametrize("exercise,mistake", MISTAKES, ids=lambda v: getattr(v, "id", None)
                         or getattr(v, "name", None))
def test_mutant_source_is_self_contained(exercise, mistake):
    source = inspect.getsource(mistake.mutant)
    assert source.lstrip().startswith(("def ", "class ")), "a mutant is a top-level def or class"
