"""The instructor's whole loop on the real chapter 4, through the command line:
release -> grade (an LMS zip, in parallel) -> feedback -> export, and nbgrader agrees."""

import csv
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from autograder.cli import main

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "solutions" / "ch04_backprop.ipynb"


def _with_answers(nb, answers):
    nb = json.loads(json.dumps(nb))
    for cell in nb["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell["source"] = answers[grade_id]
    return nb


def test_release_grade_feedback_export_on_chapter_4(tmp_path, capsys):
    course = tmp_path / "course"
    (course / "solutions").mkdir(parents=True)
    shutil.copy(CHAPTER, course / "solutions")
    assert main(["--course", str(course), "release"]) == 0
    assert main(["--course", str(course), "release", "--check"]) == 0
    released = json.loads((course / "notebooks" / "ch04_backprop.ipynb").read_text())
    solution = json.loads(CHAPTER.read_text())
    relu_stub = next(c["source"] for c in released["cells"]
                     if c["metadata"].get("nbgrader", {}).get("grade_id") == "relu_backward_answer")
    students = {
        "ada": solution,                                                      # 15
        "bo": released,                                                       # 0, not written
        "cy": _with_answers(released, {"dense_backward_answer":               # used the reference
                                       "def dense_backward(dout, cache, need_dx=True):\n"
                                       "    return ops.dense_backward(dout, cache, need_dx)\n"}),
        "di": _with_answers(solution, {"relu_backward_answer": relu_stub}),   # 14
    }
    archive = tmp_path / "lms_export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for student, nb in students.items():
            z.writestr(f"ch04_{student}_attempt_2024-05-01-12-00-00_ch04_backprop.ipynb",
                       json.dumps(nb))
    assert main(["--course", str(course), "grade", str(archive), "-j", "2"]) == 0
    assert main(["--course", str(course), "feedback"]) == 0
    target = tmp_path / "grades.csv"
    assert main(["--course", str(course), "export", "-o", str(target)]) == 0

    with open(target, newline="") as f:
        table = {r["student"]: r for r in csv.DictReader(f)}
    assert {s: (float(r["total"]), r["status"]) for s, r in table.items()} == {
        "ada": (15.0, "ok"), "bo": (0.0, "ok"),
        "cy": (0.0, "used the reference: ch4.dense_backward"), "di": (14.0, "ok")}
    assert table["di"]["ch4.relu_backward"] == "0" and table["di"]["ch4.dense_backward"] == "3"

    exported = tmp_path / "nbgrader.csv"
    subprocess.run([sys.executable, "-m", "nbgrader", "export",
                    f"--CourseDirectory.db_url=sqlite:///{course}/autograder_data/gradebook.db",
                    f"--CsvExportPlugin.to={exported}"], cwd=tmp_path, check=True,
                   capture_output=True)
    with open(exported, newline="") as f:
        assert {r["student_id"]: float(r["score"]) for r in csv.DictReader(f)} == \
            {s: float(r["total"]) for s, r in table.items()}

    page = (course / "feedback" / "di" / "ch04_backprop" / "ch04_backprop.html").read_text()
    assert "14 / 15" in page and "relu_backward: not written yet" in page
    for seed in ("4101", "4202", "hidden_seed", "HIDDEN"):
        assert seed not in page
