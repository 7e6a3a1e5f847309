"""Grading one submission: merge it with the source, run it in the sandbox, judge here.

Nothing the student's process says is trusted beyond being plain data: each run is
checked for its shape (output, args_after, error, not_written) and judged with
:func:`course.checks.checker.judge` against the reference's output computed on this side;
the likely mistake is decided once over every case (:func:`course.checks.checker.conclude`).
The diagnosis stored holds the corrected code of the mistake, on its own line: the results
are the instructor's; the feedback pages leave that line out unless asked to show it.
"""

import time
import warnings

import numpy as np

from autograder import reference_use
from autograder.cases import prepare
from autograder.plan import make_plan
from autograder.results import (CELL_CRASH, CELL_TIMEOUT, CRASH, FAILED, INVALID, NOT_DEFINED,
                                NOT_WRITTEN, PASSED, TAMPERING, TIMEOUT, USED_REFERENCE,
                                ExerciseResult, Result)
from autograder.session import Session
from autograder.student import InvalidNotebook, read_cells
from course.checks.checker import CaseResult, StudentRun, conclude, judge
from course.checks.report import render_text


class _Tampered(Exception):
    pass


def _student_run(run):
    if not isinstance(run, dict) or set(run) != {"output", "args_after", "error", "not_written"}:
        raise _Tampered("a run is not {output, args_after, error, not_written}")
    if not isinstance(run["args_after"], (dict, type(None))) or \
            not isinstance(run["error"], (str, type(None))) or \
            not isinstance(run["not_written"], bool):
        raise _Tampered("a run has fields of the wrong type")
    return StudentRun(run["output"], run["args_after"], run["error"], run["not_written"])


def _not_defined(slot, session, k):
    """Why the exercise's name is missing: the worst thing that happened in its cells."""
    events = session.section_events(k)
    for kind, status in (("timeout", TIMEOUT), ("crash", CRASH), ("tampering", TAMPERING)):
        for e in events:
            if e.kind == kind:
                return status, f"{slot.name} is not defined: the cell {e.label} {e.detail}"
    errors = [f"the cell {e.label} raised {e.detail}" for e in events if e.kind == "error"]
    why = f" ({'; '.join(errors)})" if errors else ""
    return NOT_DEFINED, f"{slot.name} is not defined{why}"


def _judge_case(exercise, case, run, expected):
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")   # the mutants' overflows, on the grader's side
        try:
            return judge(exercise, case, run, expected)
        except Exception as err:  # an output too odd to compare (a ragged list...)
            return CaseResult(case.group, False, f"the result could not be compared with the "
                                                 f"expected one ({type(err).__name__}: {err})")


def _judge(slot, prepared, outcome, session, k):
    header = outcome.header
    if not header["defined"]:
        return _not_defined(slot, session, k) + (0.0,)
    if header["is_reference"] or header["reference_called"]:
        return USED_REFERENCE, f"{slot.name} calls the reference {prepared.exercise.name} " \
                               f"it should implement", 0.0
    try:
        runs = [_student_run(r) for r in outcome.runs]
    except _Tampered as err:
        return TAMPERING, str(err), 0.0
    results = [_judge_case(prepared.exercise, case, run, expected)
               for case, run, expected in zip(prepared.cases, runs, prepared.expected)]
    report = conclude(prepared.exercise, prepared.cases, runs, results, prepared.expected,
                      slot.points)
    status = PASSED if report.passed else NOT_WRITTEN if report.not_written else FAILED
    text = render_text(report, color=False, show_fix=True)
    return status, text, slot.points if report.passed else 0.0


def grade(assignment, submission, key, zygote, uid, limits):
    """The :class:`Result` of one submission (never raises for anything the student did)."""
    started = time.monotonic()
    result = Result(submission.student, assignment.name, submission.file, key,
                    notes=list(submission.notes))   # final notes below, once graded
    try:
        if submission.problem:
            raise InvalidNotebook(submission.problem)
        if not submission.file:
            raise InvalidNotebook("no notebook found")
        cells = read_cells(submission.data)
    except InvalidNotebook as err:
        result.invalid = str(err)
        result.exercises = [ExerciseResult(s.exercise_id, s.grade_id, s.points, 0.0, INVALID,
                                           f"not graded: {err}") for s in assignment.slots]
        return result
    plan = make_plan(assignment, cells)
    references = reference_use.Finder(plan)
    session = Session(zygote, uid, limits, plan, [s.exercise_id for s in assignment.slots],
                      submission.file, submission.data.decode("utf-8"))
    try:
        for k, slot in enumerate(assignment.slots):
            prepared = prepare(slot.exercise_id, slot.seeds)
            static = references.find(prepared.exercise)
            if static:
                status, diagnosis, score = USED_REFERENCE, static, 0.0
            else:
                outcome = session.run(k, slot.exercise_id, prepared.texts, prepared.budgets)
                if outcome.kind == "ran":
                    status, diagnosis, score = _judge(slot, prepared, outcome, session, k)
                else:
                    status, diagnosis, score = outcome.kind, outcome.detail, 0.0
            result.exercises.append(ExerciseResult(slot.exercise_id, slot.grade_id, slot.points,
                                                   score, status, diagnosis))
    finally:
        session.close()
    events = [e for _, e in sorted(session.events.items())]
    cell_notes = {"timeout": CELL_TIMEOUT, "interrupted": CELL_TIMEOUT, "crash": CELL_CRASH}
    result.notes = list(dict.fromkeys(plan.notes + [cell_notes[e.kind] for e in events
                                                    if e.kind in cell_notes] + submission.notes))
    result.cells = [[e.label, f"{e.kind}: {e.detail}"] for e in events]
    result.output, result.output_bytes = session.output()
    result.seconds = round(time.monotonic() - started, 3)
    return result
