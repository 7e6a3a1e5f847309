import numpy as np
import pytest

from course.checks import Case, Exercise, Mistake, evaluate, plain
from course.checks.checker import judge, run_student
from course.checks.compare import difference
from course.checks.report import render_html, render_text


def mean_rows(x):
    return x.mean(axis=1)


def _wrong_axis(x):
    return x.mean(axis=0)


def _sum_not_mean(x):
    return x.sum(axis=1)


def _cases(rng, hidden):
    n = 6 if hidden else 2
    cases = [Case("random shapes", {"x": rng.standard_normal((rng.integers(2, 5), 3))})
             for _ in range(n)]
    cases.append(Case("one row", {"x": np.ones((1, 3))}))
    return cases


EXERCISE = Exercise(
    id="toy.mean_rows", name="mean_rows", reference=mean_rows, make_cases=_cases,
    mistakes=[Mistake("wrong axis", "You averaged over axis 0 (columns).", _wrong_axis),
              Mistake("sum instead of mean", "Divide by the number of columns.", _sum_not_mean)])


def test_reference_passes_visible_and_hidden_cases():
    for hidden in (False, True):
        report = evaluate(EXERCISE, mean_rows, EXERCISE.cases(1, hidden))
        assert report.passed and report.score == 1
    assert len(EXERCISE.cases(1, True)) > len(EXERCISE.cases(1, False))


@pytest.mark.parametrize("mistake", EXERCISE.mistakes, ids=lambda m: m.name)
def test_each_mistake_is_diagnosed_by_name(mistake):
    report = evaluate(EXERCISE, mistake.mutant, EXERCISE.cases(1, False))
    assert not report.passed and report.score == 0
    assert report.mistakes() == [mistake.name]
    assert mistake.diagnosis in render_text(report, color=False)


def test_not_written_errors_and_in_place_changes_are_explained():
    def not_written(x):
        raise NotImplementedError()

    def crashes(x):
        return x.mean(axis=3)

    def in_place(x):
        x -= 1
        return x.mean(axis=1) + 1

    cases = EXERCISE.cases(1, False)
    assert evaluate(EXERCISE, not_written, cases).not_written
    text = render_text(evaluate(EXERCISE, crashes, cases), color=False)
    assert "raised AxisError" in text or "raised numpy.exceptions.AxisError" in text or "raised" in text
    report = evaluate(EXERCISE, in_place, cases)
    assert not report.passed and "modified its input 'x' in place" in render_text(report, False)


def test_report_renders_one_line_per_group():
    report = evaluate(EXERCISE, _wrong_axis, EXERCISE.cases(1, False))
    text = render_text(report, color=False)
    assert "random shapes (0/2 cases passed)" in text and "one row" in text
    assert "likely mistake (wrong axis)" in text
    html = render_html(report)
    assert "✗" in html and "wrong axis" in html


def test_difference_names_shape_dtype_index_and_error():
    e = np.arange(6.0).reshape(2, 3)
    assert "shape (3, 2), expected (2, 3)" in difference(e, e.T)
    assert "integer dtype" in difference(e, e.astype(int))
    bad = e.copy()
    bad[1, 2] += 1
    assert "index [1, 2]" in difference(e, bad)
    assert "should be a tuple of 2 values (dx, dW)" in difference((e, e), e, names=("dx", "dW"))
    assert "dW differs" in difference((e, e), (e, bad), names=("dx", "dW"))
    assert "has inf at index [0, 0]" in difference(e, np.full((2, 3), np.inf))
    assert difference(e, e + 1e-9) is None


def test_judging_across_the_boundary_needs_only_plain_data():
    from course.checks.checker import StudentRun, conclude, expected_output
    cases = EXERCISE.cases(3, True)
    runs, results = [], []
    for case in cases:
        sent = Case(case.group, plain.loads(plain.dumps(case.args)))
        run = run_student(EXERCISE, _sum_not_mean, sent)
        wire = plain.loads(plain.dumps({"output": run.output, "args_after": run.args_after}))
        runs.append(StudentRun(wire["output"], wire["args_after"]))
        result = judge(EXERCISE, case, runs[-1])
        results.append(result)
    report = conclude(EXERCISE, cases, runs, results, [expected_output(EXERCISE, c) for c in cases])
    assert not result.passed and report.mistake == "sum instead of mean"


def test_plain_codec_refuses_non_plain_data_and_malformed_messages():
    with pytest.raises(plain.PlainDataError):
        plain.dumps(object())
    with pytest.raises(plain.PlainDataError):
        plain.dumps(np.array([object()]))
    for text in ['{"__ndarray__": "AAAA", "dtype": "object", "shape": [1]}',
                 '{"__ndarray__": "AAAA", "dtype": "float64", "shape": [5]}',
                 '{"__ndarray__": "", "dtype": "float64", "shape": [100000, 100000, 100]}',
                 '{"__reduce__": "os.system"}', "[1, 2", "7"]:
        with pytest.raises(plain.PlainDataError):
            plain.loads(text)
    value = (np.float32(2.5), np.arange(3, dtype=np.int64), {"k": [None, True, "s"]}, float("inf"))
    back = plain.loads(plain.dumps(value))
    assert back[0] == 2.5 and back[1].dtype == np.int64 and back[2] == {"k": [None, True, "s"]}
    assert back[3] == float("inf")
