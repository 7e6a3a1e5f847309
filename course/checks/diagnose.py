"""Naming the likely mistake of a failed exercise, once, from every case.

A catalogued mistake is named only when its mutant *reproduces* what the student's code
did on every case of the exercise, the passing cases included:

- where the student's code raised, the mutant raises the same error (same type and text);
- where it returned, the mutant returns the same output (within the exercise's tolerance)
  and that output passes or fails against the reference as the student's does.

A match on some cases only (a batch of one, a single layer, where many different wrong
programs give the same output) is no evidence, and neither is the same exception text
on one case. When no mistake, or more than one, reproduces everything, none is named:
the report then shows only what differs, which is never wrong.

This runs on the grader's side (and in the notebook's process for the visible check):
it needs the cases, the student's runs (plain data) and the reference's outputs.
"""

import copy
import warnings

import numpy as np

from course.checks.compare import same


def error_text(err):
    """How an exception is described: ``"ValueError: shapes ..."``."""
    return f"{type(err).__name__}: {err}"


def _run_mutant(exercise, mistake, case):
    """``(output, error_text)`` of the mutant on ``case`` (one of them None)."""
    try:
        return exercise.call(mistake.mutant, copy.deepcopy(case.args)), None
    except Exception as err:   # a mutant may raise where the student's code raised
        return None, error_text(err)


def _agrees(exercise, a, b):
    return same(a, b, exercise.rtol, exercise.atol, exercise.exact_dtype)


def _passes(exercise, expected, output):
    return _agrees(exercise, expected, output)


def _reproduces(exercise, mistake, case, run, expected):
    output, error = _run_mutant(exercise, mistake, case)
    if run.error:
        return error is not None and run.error.startswith(error)
    if error is not None:
        return False
    return (_agrees(exercise, output, run.output)
            and _passes(exercise, expected, output) == _passes(exercise, expected, run.output))


def likely_mistake(exercise, cases, runs, expected, failed):
    """The one catalogued :class:`~course.checks.spec.Mistake` whose mutant reproduces
    ``runs`` (the student's :class:`~course.checks.checker.StudentRun` of each case) on
    every case, or None.

    Args:
        cases, runs, expected: one entry per case; ``expected`` holds the reference's
            outputs (None where the student's code raised, when they were not computed).
        failed: one bool per case, whether the student failed it; the failing cases are
            tried first, so that most mutants are dismissed after one call.
    """
    if not any(failed) or any(run.not_written for run in runs):
        return None
    order = sorted(range(len(cases)), key=lambda i: not failed[i])
    found = []
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")   # the mutants' warnings are not the student's
        for mistake in exercise.mistakes:
            if all(_reproduces(exercise, mistake, cases[i], runs[i], expected[i]) for i in order):
                found.append(mistake)
    return found[0] if len(found) == 1 else None
