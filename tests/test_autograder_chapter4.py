"""The instructor's whole loop on the real chapter 4, through the command line:
release -> grade (an LMS zip, in parallel) -> feedback -> export, and nbgrader agrees."""

import json
import shutil
import zipfile
from pathlib import Path

from autograder.cli import main
from autograder.layout import Course
from instructor_loop import grade_feedback_export, grade_id, nbgrader_totals, with_answers

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "solutions" / "ch04_backprop.ipynb"


def test_release_grade_feedback_export_on_chapter_4(tmp_path, capsys):
    course = tmp_path / "course"
    (course / "solutions").mkdir(parents=True)
    shutil.copy(CHAPTER, course / "solutions")
    assert main(["--course", str(course), "release"]) == 0
    assert main(["--course", str(course), "release", "--check"]) == 0
    released = json.loads((course / "notebooks" / "ch04_backprop.ipynb").read_text())
    solution = json.loads(CHAPTER.read_text())
    relu_stub = next(c["source"] for c in released["cells"]
                     if grade_id(c) == "relu_backward_answer")
    students = {
        "ada": solution,                                                      # 17
        "bo": released,                                                       # 0, not written
        "cy": with_answers(released, {"dense_backward_answer":                # used the reference
                                      "def dense_backward(dout, cache, need_dx=True):\n"
                                      "    return ops.dense_backward(dout, cache, need_dx)\n"}),
        "di": with_answers(solution, {"relu_backward_answer": relu_stub}),    # 16
    }
    archive = tmp_path / "lms_export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for student, nb in students.items():
            z.writestr(f"ch04_{student}_attempt_2024-05-01-12-00-00_ch04_backprop.ipynb",
                       json.dumps(nb))
    table = grade_feedback_export(course, archive, tmp_path / "grades.csv")
    assert {s: (float(r["total"]), r["status"]) for s, r in table.items()} == {
        "ada": (17.0, "ok"), "bo": (0.0, "nothing written"),
        "cy": (0.0, "used the reference: ch4.dense_backward"), "di": (16.0, "ok")}
    assert table["di"]["ch4.relu_backward"] == "0" and table["di"]["ch4.dense_backward"] == "3"

    assert nbgrader_totals(Course(course).gradebook_url, tmp_path) == \
        {s: float(r["total"]) for s, r in table.items()}

    page = (course / "feedback" / "di" / "ch04_backprop" / "ch04_backprop.html").read_text()
    assert "16 / 17" in page and "relu_backward: not written yet" in page
    for seed in ("4101", "4202", "hidden_seed", "HIDDEN"):
        assert seed not in page
