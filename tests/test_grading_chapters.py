"""Every chapter graded end to end: the solution earns full marks (with our autograder and
with nbgrader's autograde), a freshly released notebook earns zero, and a notebook that
answers every exercise with one of its catalogued mistakes loses exactly those points,
its feedback naming each mistake."""

import html
import json
import shutil

import pytest

from autograder.bench import nbgrader as nbgrader_autograde
from autograder.cli import main
from course.checks import registry
from instructor_loop import grade_feedback_export, grade_id, with_answers
from notebook_runner import ROOT

CHAPTERS = sorted((ROOT / "solutions").glob("ch*.ipynb"))


def chapter_exercises(path):
    prefix = "ch" + str(int(path.stem[2:4])) + "."
    return [ex for ex in registry.all_exercises() if ex.id.startswith(prefix)]


def with_mistakes(released, exercises):
    """Each answer cell replaced by the exercise's first catalogued mistake."""
    answers = {}
    for ex in exercises:
        mutant = ex.mistakes[0].mutant
        answers[f"{ex.name}_answer"] = (f"from {mutant.__module__} import {mutant.__name__} "
                                        f"as {ex.name}\n")
    return with_answers(released, answers)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_is_graded_as_its_answers_deserve(chapter, tmp_path):
    exercises = chapter_exercises(chapter)
    full = sum(ex.points for ex in exercises)
    course = tmp_path / "course"
    (course / "solutions").mkdir(parents=True)
    shutil.copy(chapter, course / "solutions")
    assert main(["--course", str(course), "release"]) == 0
    released = json.loads((course / "notebooks" / chapter.name).read_text())
    answer_ids = {grade_id(c) for c in released["cells"]}
    assert {f"{ex.name}_answer" for ex in exercises} <= answer_ids

    submissions = tmp_path / "submitted"
    submissions.mkdir()
    for student, nb in {"solution": json.loads(chapter.read_text()), "fresh": released,
                        "mistakes": with_mistakes(released, exercises)}.items():
        (submissions / f"{student}.ipynb").write_text(json.dumps(nb))
    table = grade_feedback_export(course, submissions, tmp_path / "grades.csv")

    assert (float(table["solution"]["total"]), table["solution"]["status"]) == (full, "ok")
    assert (float(table["fresh"]["total"]), table["fresh"]["status"]) == (0, "nothing written")
    mistakes = table["mistakes"]
    assert mistakes["status"] == "ok" and float(mistakes["total"]) == 0
    assert all(mistakes[ex.id] == "0" for ex in exercises)
    page = html.unescape(
        (course / "feedback" / "mistakes" / chapter.stem / f"{chapter.stem}.html").read_text())
    for ex in exercises:
        assert ex.mistakes[0].name in page, f"feedback does not name {ex.mistakes[0].name!r}"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_nbgrader_autograde_gives_the_solution_full_marks(chapter, tmp_path):
    full = sum(ex.points for ex in chapter_exercises(chapter))
    _, totals = nbgrader_autograde(chapter, 1, tmp_path)
    assert [float(t) for t in totals] == [full]
