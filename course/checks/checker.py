"""Running an exercise's cases on a student's object and judging the outputs.

The work is split at the grading boundary so that only plain data crosses it:

- :func:`run_student` (in the student's process) calls the student's object on one case's
  arguments and returns the output, the arguments as they are afterwards (to detect
  in-place changes), or the error it raised;
- :func:`judge` (in the grader's process) compares that with the reference's output,
  computed on the grader's side, and says what differs;
- :func:`conclude` (grader's side too) gathers every case's verdict in a :class:`Report`
  and names the likely mistake once, decided over all the cases
  (:mod:`course.checks.diagnose`).

:func:`evaluate` composes the three in one process, for notebooks and tests.
"""

import copy
import traceback
from dataclasses import dataclass
from typing import Any, Optional

import numpy as np

from course.checks.compare import difference
from course.checks.diagnose import error_text, likely_mistake


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


@dataclass
class Report:
    """All case results of one exercise; ``passed`` only if every case passed.

    ``mistake`` and ``diagnosis`` name the catalogued mistake that reproduces the student's
    code on every case, if one does (decided once for the whole exercise)."""

    exercise_id: str
    name: str
    points: int
    results: list
    mistake: Optional[str] = None
    diagnosis: Optional[str] = None

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
        """The catalogued mistake diagnosed, as a list (empty when none is named)."""
        return [self.mistake] if self.mistake else []


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
        return StudentRun(error=error_text(err) + (f" ({where})" if where else ""))
    return StudentRun(output=output, args_after=args)


def expected_output(exercise, case):
    """The reference's output on ``case`` (grader side)."""
    return exercise.call(exercise.reference, copy.deepcopy(case.args))


def _change(before, after):
    """0 if ``after`` equals ``before`` to within one ulp; 1 if it is off by a small step
    only (a perturbation undone by arithmetic, ``x[i] -= h``, or not undone); 2 if it was
    changed."""
    if isinstance(before, dict) and isinstance(after, dict) and before.keys() == after.keys():
        return max((_change(before[k], after[k]) for k in before), default=0)
    if isinstance(before, (list, tuple)) and isinstance(after, (list, tuple)) \
            and len(before) == len(after):
        return max((_change(b, a) for b, a in zip(before, after)), default=0)
    if isinstance(before, np.ndarray) and isinstance(after, np.ndarray) \
            and before.dtype == after.dtype and before.shape == after.shape \
            and before.dtype.kind == "f":
        with np.errstate(invalid="ignore"):
            off = np.abs(after.astype(np.float64) - before)
            same = (after == before) | (np.isnan(before) & np.isnan(after))
            if (same | (off <= np.spacing(np.abs(before)))).all():
                return 0
            return 1 if np.allclose(after, before, rtol=1e-3, atol=1e-3) else 2
    return 0 if difference(before, after, 0, 0) is None else 2


def _changed_inputs(exercise, before, after):
    """``{name: 1 or 2}`` of the inputs the code changed that it must leave alone."""
    if not exercise.pure or not isinstance(before, dict) or not isinstance(after, dict):
        return {}
    changes = {k: _change(before[k], after[k]) for k in before
               if k in after and k not in exercise.mutable}
    return {k: c for k, c in changes.items() if c}


def _in_place_problem(changed):
    names = ", ".join(repr(k) for k in changed)
    if all(c == 1 for c in changed.values()):
        return (f"left its input {names} changed by a small step (a perturbation not put "
                f"back exactly?): restore the saved value exactly")
    return f"modified its input {names} in place (work on a copy, or build a new array)"


def judge(exercise, case, run, expected=None):
    """Compare a :class:`StudentRun` with the reference on ``case`` (grader side)."""
    if run.not_written:
        return CaseResult(case.group, False, "not written yet: the code raises "
                                             "NotImplementedError (replace it with your solution)")
    if run.error:
        return CaseResult(case.group, False, f"raised {run.error}")
    if expected is None:
        expected = expected_output(exercise, case)
    problem = difference(expected, run.output, exercise.rtol, exercise.atol, exercise.exact_dtype,
                         names=exercise.output_names)
    changed = _changed_inputs(exercise, case.args, run.args_after)
    if changed:
        in_place = _in_place_problem(changed)
        problem = f"{problem}; it also {in_place}" if problem else in_place
    return CaseResult(case.group, not problem, problem)


def conclude(exercise, cases, runs, results, expected, points=None):
    """The :class:`Report` of the whole exercise: every case's result and, if some case
    failed, the likely mistake decided over all the cases (grader side)."""
    mistake = likely_mistake(exercise, cases, runs, expected, [not r.passed for r in results])
    return Report(exercise.id, exercise.name, exercise.points if points is None else points,
                  results, mistake.name if mistake else None,
                  mistake.diagnosis if mistake else None)


def evaluate(exercise, obj, cases):
    """Run every case in this process and return a :class:`Report`."""
    runs = [run_student(exercise, obj, case) for case in cases]
    expected = [None if run.error or run.not_written else expected_output(exercise, case)
                for case, run in zip(cases, runs)]
    results = [judge(exercise, case, run, e) for case, run, e in zip(cases, runs, expected)]
    return conclude(exercise, cases, runs, results, expected)
