"""Running an exercise's cases on a student's object and judging the outputs.

The work is split at the grading boundary so that only plain data crosses it:

- :func:`run_student` (in the student's process) calls the student's object on one case's
  arguments and returns the output, the arguments as they are afterwards (to detect
  in-place changes), or the error it raised;
- :func:`judge` (in the grader's process) compares that with the reference's output,
  computed on the grader's side, and names the catalogued mistake the output matches.

:func:`evaluate` composes the two in one process, for notebooks and tests.
"""

import copy
import traceback
import warnings
from dataclasses import dataclass
from typing import Any, Optional

import numpy as np

from course.checks.compare import difference, same


@dataclass
class StudentRun:
    """What the student's code did on one case (plain data)."""

    output: Any = None
    args_after: Any = None
    error: Optional[str] = None
    not_written: bool = False


@dataclass
class CaseResult:
    """The verdict on one case."""

    group: str
    passed: bool
    problem: Optional[str] = None
    mistake: Optional[str] = None
    diagnosis: Optional[str] = None


@dataclass
class Report:
    """All case results of one exercise; ``passed`` only if every case passed."""

    exercise_id: str
    name: str
    points: int
    results: list

    @property
    def passed(self):
        return bool(self.results) and all(r.passed for r in self.results)

    @property
    def score(self):
        return self.points if self.passed else 0

    @property
    def not_written(self):
        return any(r.problem and r.problem.startswith("not written yet") for r in self.results)

    def groups(self):
        """``[(group, passed_count, total, first failing result or None)]`` in case order."""
        out = {}
        for r in self.results:
            n_ok, n, first = out.get(r.group, (0, 0, None))
            out[r.group] = (n_ok + r.passed, n + 1, first if first or r.passed else r)
        return [(g, *v) for g, v in out.items()]

    def mistakes(self):
        """The distinct catalogued mistakes diagnosed, in order."""
        seen = []
        for r in self.results:
            if r.mistake and r.mistake not in seen:
                seen.append(r.mistake)
        return seen


def run_student(exercise, obj, case):
    """Call ``obj`` on a copy of ``case.args``; never raises. Runs in the student's process."""
    args = copy.deepcopy(case.args)
    try:
        output = exercise.call(obj, args)
    except NotImplementedError:
        return StudentRun(not_written=True)
    except Exception as err:  # the student's code may raise anything
        frames = traceback.extract_tb(err.__traceback__)
        where = next((f"line {f.lineno} of {f.name}" for f in reversed(frames)
                      if f.filename.startswith("<") or "ipykernel" in f.filename), None)
        return StudentRun(error=_error_text(err) + (f" ({where})" if where else ""))
    return StudentRun(output=output, args_after=args)


def expected_output(exercise, case):
    """The reference's output on ``case`` (grader side)."""
    return exercise.call(exercise.reference, copy.deepcopy(case.args))


def _changed_inputs(before, after):
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    return [k for k in before if k in after and difference(before[k], after[k], 0, 0) is not None]


def _error_text(err):
    return f"{type(err).__name__}: {err}"


def _diagnose(exercise, case, expected, got=None, error=None):
    """The catalogued mistake whose mutant gives the student's output (or raises the
    student's error) on this case, where the reference does not."""
    tol = (exercise.rtol, exercise.atol, exercise.exact_dtype)
    for mistake in exercise.mistakes:
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the mutants' warnings are not the student's
                wrong = exercise.call(mistake.mutant, copy.deepcopy(case.args))
        except Exception as err:
            if error is not None and error.startswith(_error_text(err)):
                return mistake
            continue
        if error is None and not same(expected, wrong, *tol) and same(wrong, got, *tol):
            return mistake
    return None


def judge(exercise, case, run, expected=None):
    """Compare a :class:`StudentRun` with the reference on ``case`` (grader side)."""
    if run.not_written:
        return CaseResult(case.group, False, "not written yet: the code raises "
                                             "NotImplementedError (replace it with your solution)")
    if run.error:
        mistake = _diagnose(exercise, case, None, error=run.error)
        return CaseResult(case.group, False, f"raised {run.error}",
                          mistake.name if mistake else None, mistake.diagnosis if mistake else None)
    if expected is None:
        expected = expected_output(exercise, case)
    problem = difference(expected, run.output, exercise.rtol, exercise.atol, exercise.exact_dtype,
                         names=exercise.output_names)
    changed = ([k for k in _changed_inputs(case.args, run.args_after)
                if k not in exercise.mutable] if exercise.pure else [])
    in_place_only = bool(changed) and not problem
    if in_place_only:
        problem = (f"modified its input {', '.join(repr(k) for k in changed)} in place "
                   f"(work on a copy, or build a new array)")
    if not problem:
        return CaseResult(case.group, True)
    mistake = _diagnose(exercise, case, expected, got=run.output)
    if mistake is None and changed and not in_place_only:
        return CaseResult(case.group, False, problem, "in-place change of an input",
                          f"It also modified {', '.join(repr(k) for k in changed)} in place.")
    return CaseResult(case.group, False, problem,
                      mistake.name if mistake else None, mistake.diagnosis if mistake else None)


def evaluate(exercise, obj, cases):
    """Run every case in this process and return a :class:`Report`."""
    results = [judge(exercise, case, run_student(exercise, obj, case)) for case in cases]
    return Report(exercise.id, exercise.name, exercise.points, results)
