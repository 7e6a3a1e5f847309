"""The instructor's side of grading, for the tests: notebooks with chosen answers, the
grade -> feedback -> export loop through the command line, and nbgrader's own export."""

import csv
import json
import subprocess
import sys

from autograder.cli import main
from autograder.tools import tool_env


def grade_id(cell):
    """The cell's nbgrader ``grade_id`` (None for a cell nbgrader does not know)."""
    return cell["metadata"].get("nbgrader", {}).get("grade_id")


def with_answers(nb, answers):
    """A copy of the notebook ``nb`` whose cells named in ``answers`` ({grade_id: source})
    hold the given source."""
    nb = json.loads(json.dumps(nb))
    for cell in nb["cells"]:
        if grade_id(cell) in answers:
            cell["source"] = answers[grade_id(cell)]
    return nb


def grade_feedback_export(course, submissions, grades_csv):
    """``autograder grade SUBMISSIONS -j 2``, ``feedback`` and ``export -o GRADES_CSV`` on the
    course folder ``course``; the exported table as ``{student: row}``."""
    assert main(["--course", str(course), "grade", str(submissions), "-j", "2"]) == 0
    assert main(["--course", str(course), "feedback"]) == 0
    assert main(["--course", str(course), "export", "-o", str(grades_csv)]) == 0
    with open(grades_csv, newline="") as f:
        return {row["student"]: row for row in csv.DictReader(f)}


def nbgrader_totals(gradebook_url, workdir):
    """``nbgrader export`` of the gradebook at ``gradebook_url``: ``{student: total score}``."""
    target = workdir / "nbgrader.csv"
    subprocess.run([sys.executable, "-m", "nbgrader", "export",
                    f"--CourseDirectory.db_url={gradebook_url}",
                    f"--CsvExportPlugin.to={target}"], cwd=workdir, check=True,
                   capture_output=True, env=tool_env())
    with open(target, newline="") as f:
        return {r["student_id"]: float(r["score"]) for r in csv.DictReader(f)}
