"""The checker never misleads: realistic student code outside the catalogue, for a few of
the course's exercises.

- correct alternatives (other numpy calls, another order of operations) pass;
- a likely mistake is named only when its mutant reproduces the student on every case: a
  match on the batch of one alone, or the same exception text alone, names nothing, while
  a catalogued mistake written in the student's own way is still named;
- every output that differs is reported, not only the first;
- a float64 result where the reference keeps float32 is a difference;
- an input restored to within one ulp is unchanged; one restored by arithmetic is told to
  restore the saved value exactly;
- the reason of a mistake is shown, its corrected code only at the instructor's switch.
"""

import re

import numpy as np
import pytest

from course.checks import evaluate, registry
from course.checks.fixes import SHOW_FIXES_ENV, split
from course.checks.report import render_html, render_text, without_fixes

DENSE_BACKWARD = registry.get("ch4.dense_backward")
SIGMOID_FORWARD = registry.get("ch3.sigmoid_forward")
NUMGRAD_ARRAY = registry.get("ch4.numerical_gradient_array")


def _report(exercise, student, hidden=False):
    seed = 12345 if hidden else exercise.public_seed
    return evaluate(exercise, student, exercise.cases(seed, hidden))


def _problems(report):
    return [r.problem for r in report.results if not r.passed]


# -- correct alternatives --------------------------------------------------------------------

def dense_backward_einsum(dout, cache, need_dx=True):
    x, W, has_bias = cache
    dW = np.einsum("nd,nm->dm", x, dout)
    db = np.sum(dout, axis=0) if has_bias else None
    dx = np.dot(dout, W.T) if need_dx else None
    return dx, dW, db


def dense_backward_loops(dout, cache, need_dx=True):
    x, W, has_bias = cache
    dW = np.zeros_like(W)
    for n in range(x.shape[0]):
        dW += np.outer(x[n], dout[n])
    db = dout.T @ np.ones(dout.shape[0]) if has_bias else None
    return (np.matmul(dout, W.transpose()) if need_dx else None), dW, db


def sigmoid_forward_tanh_form(x):
    out = (0.5 * (1 + np.tanh(x / 2))).astype(x.dtype)
    return out, out


def numerical_gradient_array_restores_old(f, x, dout, h=1e-5):
    grad = np.zeros(x.shape)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        saved = x[i].copy()
        x[i] = saved + h
        plus = np.array(f(x), dtype=np.float64)
        x[i] = saved - h
        minus = np.array(f(x), dtype=np.float64)
        x[i] = saved
        grad[i] = ((plus - minus) * dout).sum() / (2 * h)
    return grad


@pytest.mark.parametrize("exercise,student", [
    (DENSE_BACKWARD, dense_backward_einsum), (DENSE_BACKWARD, dense_backward_loops),
    (SIGMOID_FORWARD, sigmoid_forward_tanh_form),
    (NUMGRAD_ARRAY, numerical_gradient_array_restores_old)], ids=lambda v: getattr(v, "__name__", ""))
def test_correct_alternatives_pass_visible_and_hidden_cases(exercise, student):
    for hidden in (False, True):
        report = _report(exercise, student, hidden)
        assert report.passed, _problems(report)[:1]


# -- the likely mistake: every case, never a degenerate one alone -----------------------------

def dense_backward_db_mean_keepdims(dout, cache, need_dx=True):
    """db averaged with keepdims: on a batch of one that is exactly the catalogued
    'db not summed over the batch' (dout itself), elsewhere it is not."""
    x, W, has_bias = cache
    db = dout.mean(axis=0, keepdims=True) if has_bias else None
    return (dout @ W.T if need_dx else None), x.T @ dout, db


def dense_backward_db_axis_one(dout, cache, need_dx=True):
    """The catalogued 'db summed over the wrong axis', written the student's way."""
    x, W, has_bias = cache
    db = np.sum(dout, 1) if has_bias else None
    return (np.dot(dout, W.T) if need_dx else None), np.einsum("nd,nm->dm", x, dout), db


def dense_backward_dx_W_and_db_axis_one(dout, cache, need_dx=True):
    """dout @ W raises the catalogued mutant's exact error on non-square shapes, but on
    square ones db is wrong too, which that mutant does not reproduce."""
    x, W, has_bias = cache
    db = dout.sum(axis=1) if has_bias else None
    return (dout @ W if need_dx else None), x.T @ dout, db


def test_a_match_on_the_batch_of_one_alone_names_no_mistake():
    mutant = next(m for m in DENSE_BACKWARD.mistakes if m.name == "db not summed over the batch")
    batch_of_one = next(c for c in DENSE_BACKWARD.cases(DENSE_BACKWARD.public_seed, False)
                        if c.group == "batch of 1")
    student = DENSE_BACKWARD.call(dense_backward_db_mean_keepdims, batch_of_one.args)
    catalogued = DENSE_BACKWARD.call(mutant.mutant, batch_of_one.args)
    assert np.array_equal(student[2], catalogued[2])   # the degenerate case cannot tell them apart
    report = _report(DENSE_BACKWARD, dense_backward_db_mean_keepdims)
    assert not report.passed and report.mistakes() == []
    text = render_text(report, color=False)
    assert "likely mistake" not in text and "db has shape (1, 3), expected (3,)" in text


def test_the_same_exception_text_alone_names_no_mistake():
    mutant = next(m for m in DENSE_BACKWARD.mistakes if m.name == "W instead of W.T in dx")
    report = _report(DENSE_BACKWARD, dense_backward_dx_W_and_db_axis_one)
    raised = [r for r in report.results if r.problem and r.problem.startswith("raised")]
    assert raised and not report.passed
    assert report.mistakes() == [], f"named {report.mistakes()} though {mutant.name!r} " \
                                    f"does not reproduce the square shapes"


def test_a_catalogued_mistake_written_another_way_is_still_named_once_at_the_top():
    report = _report(DENSE_BACKWARD, dense_backward_db_axis_one)
    assert report.mistakes() == ["db summed over the wrong axis"]
    lines = render_text(report, color=False).split("\n")
    assert lines[1].startswith("  likely mistake (db summed over the wrong axis): ")
    assert sum("likely mistake" in line for line in lines) == 1
    assert sum(line.lstrip().startswith("✗") for line in lines) >= 3
    assert render_html(report).count("likely mistake") == 1


def test_an_error_raising_catalogued_mistake_is_named_when_it_reproduces_every_case():
    def dense_backward_dx_W(dout, cache, need_dx=True):
        x, W, has_bias = cache
        return (dout @ W if need_dx else None), x.T @ dout, (dout.sum(0) if has_bias else None)
    report = _report(DENSE_BACKWARD, dense_backward_dx_W)
    assert any(r.problem and r.problem.startswith("raised") for r in report.results)
    assert report.mistakes() == ["W instead of W.T in dx"]


# -- every differing output is reported --------------------------------------------------------

def dense_backward_two_wrong(dout, cache, need_dx=True):
    """dW transposed and db summed over the units: two wrong outputs, no single mutant."""
    x, W, has_bias = cache
    db = dout.sum(axis=1) if has_bias else None
    return (dout @ W.T if need_dx else None), dout.T @ x, db


def test_two_wrong_outputs_are_both_reported_and_a_right_one_is_not():
    report = _report(DENSE_BACKWARD, dense_backward_two_wrong)
    random_shapes = next(r for r in report.results if r.group == "random shapes")
    assert "dW has shape" in random_shapes.problem and "db has shape" in random_shapes.problem
    assert "dx" not in random_shapes.problem
    assert report.mistakes() == []
    only_db = next(r for r in _report(DENSE_BACKWARD, dense_backward_db_axis_one).results
                   if r.group == "random shapes")
    assert "db " in only_db.problem and "dW" not in only_db.problem


# -- float32 is kept ---------------------------------------------------------------------------

def sigmoid_forward_in_float64(x):
    out = 1 / (1 + np.exp(-np.asarray(x, dtype=np.float64)))
    return out, out


def test_a_float64_result_for_float32_inputs_is_reported():
    report = _report(SIGMOID_FORWARD, sigmoid_forward_in_float64)
    failed = {r.group: r.problem for r in report.results if not r.passed}
    assert list(failed) == ["float32"]
    assert "has dtype float64, expected float32" in failed["float32"]


# -- inputs changed in place -------------------------------------------------------------------

def numerical_gradient_array_one_ulp_off(f, x, dout, h=1e-5):
    """Puts every entry back one ulp above where it was: within one ulp is restored."""
    grad = numerical_gradient_array_restores_old(f, x, dout, h)
    x[...] = np.nextafter(x, np.inf)
    return grad


def numerical_gradient_array_undoes_by_arithmetic(f, x, dout, h=1e-5):
    """Undoes the step with arithmetic, and then some: off by a few ulps, not by h."""
    grad = numerical_gradient_array_restores_old(f, x, dout, h)
    for _ in range(4):
        x[...] = np.nextafter(x, np.inf)
    return grad


def numerical_gradient_array_steps_back(f, x, dout, h=1e-5):
    """Undoes each step with x[i] -= 2h, x[i] += h instead of putting the saved value back."""
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        x[i] += h
        plus = np.array(f(x), dtype=np.float64)
        x[i] -= 2 * h
        minus = np.array(f(x), dtype=np.float64)
        x[i] += h
        grad[i] = np.sum((plus - minus) * dout) / (2 * h)
    return grad


def test_a_step_undone_by_arithmetic_passes_or_is_told_to_restore_exactly():
    for hidden in (False, True):
        report = _report(NUMGRAD_ARRAY, numerical_gradient_array_steps_back, hidden)
        assert all("restore the saved value exactly" in p for p in _problems(report))
        assert report.mistakes() == []


def test_a_value_restored_to_within_one_ulp_passes():
    assert _report(NUMGRAD_ARRAY, numerical_gradient_array_one_ulp_off).passed


def test_a_value_restored_by_arithmetic_is_told_to_restore_the_saved_value_exactly():
    report = _report(NUMGRAD_ARRAY, numerical_gradient_array_undoes_by_arithmetic)
    problems = _problems(report)
    assert problems and all("restore the saved value exactly" in p for p in problems)
    assert not any("work on a copy" in p for p in problems)
    assert report.mistakes() == []


# -- the corrected code stays out of the student's view ---------------------------------------

ASSIGNMENT = re.compile(r"(^|[\s,])[A-Za-z_][\w.]*(\[[^\]]*\])?\s*[-+*/]?=\s")


@pytest.mark.parametrize("exercise", registry.all_exercises(), ids=lambda e: e.id)
def test_no_catalogued_reason_spells_out_an_assignment_and_nothing_is_lost(exercise):
    for mistake in exercise.mistakes:
        reason, fix = split(mistake.diagnosis)
        assert not ASSIGNMENT.search(reason), (mistake.name, reason)
        words = set(re.findall(r"\w+", mistake.diagnosis))
        assert words == set(re.findall(r"\w+", reason + " " + fix)), mistake.name


def test_the_corrected_code_is_shown_only_at_the_instructors_switch(monkeypatch):
    report = _report(DENSE_BACKWARD, dense_backward_db_axis_one)
    report.mistake, report.diagnosis = "dW transposed", next(
        m.diagnosis for m in DENSE_BACKWARD.mistakes if m.name == "dW transposed")
    monkeypatch.delenv(SHOW_FIXES_ENV, raising=False)
    for text in (render_text(report, color=False), render_html(report)):
        assert "shape (D, M)" in text and "x.T @ dout" not in text
    monkeypatch.setenv(SHOW_FIXES_ENV, "1")
    for text in (render_text(report, color=False), render_html(report)):
        assert "corrected code: " in text and "dW = x.T @ dout, not dout.T @ x." in text
    shown = render_text(report, color=False, show_fix=True)
    assert "x.T @ dout" not in without_fixes(shown)


def test_feedback_pages_hide_the_corrected_code_unless_asked(monkeypatch):
    from autograder.feedback import render
    from autograder.results import FAILED, ExerciseResult, Result
    monkeypatch.delenv(SHOW_FIXES_ENV, raising=False)
    def dense_backward_db_unsummed(dout, cache, need_dx=True):
        x, W, has_bias = cache
        return (dout @ W.T if need_dx else None), x.T @ dout, (1.0 * dout if has_bias else None)
    report = _report(DENSE_BACKWARD, dense_backward_db_unsummed)
    graded = render_text(report, color=False, show_fix=True)   # what grading stores
    assert "corrected code: db = dout.sum(axis=0)" in graded
    result = Result("ann", "ch04_backprop", "ann.ipynb", "key", exercises=[
        ExerciseResult(DENSE_BACKWARD.id, "dense_backward", 3, 0.0, FAILED, graded)])
    page = render(result)
    assert "likely mistake (db not summed over the batch)" in page
    assert "corrected code" not in page and "db has shape" in page
    assert "corrected code" in render(result, show_fix=True)
