"""Every chapter runs: the solutions top to bottom with every check passing; the fresh
student versions top to bottom too ("Run All" reaches the last cell), each check showing
its failure without stopping the notebook, except under grading, where a failing check
raises so that it scores 0."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from notebook_runner import ROOT, errors, execute, is_check_cell

SOLUTIONS = sorted((ROOT / "solutions").glob("ch*.ipynb"))
STUDENT = sorted((ROOT / "notebooks").glob("ch*.ipynb"))


def test_every_chapter_has_its_student_version():
    assert len(SOLUTIONS) == 12
    assert [p.name for p in STUDENT] == [p.name for p in SOLUTIONS]


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_solution_notebook_runs_and_passes_every_check(path):
    # strict, as under grading: a failing check would raise and show up here
    problems = [(i, ename, evalue[:300])
                for i, cell, ename, evalue in errors(execute(path, strict=True))]
    assert not problems, problems


def _shown(cell):
    """The text a cell displayed (HTML and plain outputs)."""
    texts = []
    for out in cell.get("outputs", []):
        texts.append(out.get("text", ""))
        texts.extend(out.get("data", {}).get(kind, "") for kind in ("text/html", "text/plain"))
    return "".join("".join(t) if isinstance(t, list) else t for t in texts)


@pytest.mark.parametrize("path", STUDENT, ids=lambda p: p.stem)
def test_fresh_student_notebook_runs_to_the_end_showing_each_unanswered_check(path):
    nb = execute(path)
    assert not errors(nb), [(i, ename, evalue[:300]) for i, _, ename, evalue in errors(nb)]
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert code[-1].get("execution_count"), "Run All did not reach the last cell"
    checks = [c for c in nb.cells if is_check_cell(c)]
    assert checks and all("not written yet" in _shown(c) for c in checks), \
        "every check of a fresh notebook shows that its exercise is not written yet"


def test_student_notebooks_are_in_sync_with_the_solutions():
    from autograder.layout import Course
    from autograder.release import release
    assert {status for _, status in release(Course(ROOT), check=True)} == {"in sync"}


def test_nbgrader_autograde_scores_a_fresh_student_notebook_zero(tmp_path):
    """Under nbgrader (NBGRADER_EXECUTION is set) a failing check still raises."""
    name = "ch04_backprop"
    root = tmp_path / "nbgrader"
    (root / "source" / name).mkdir(parents=True)
    shutil.copy(ROOT / "solutions" / f"{name}.ipynb", root / "source" / name)
    submitted = root / "submitted" / "fresh" / name
    submitted.mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", submitted)
    (root / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.root = {str(root)!r}\n"
        f"c.CourseDirectory.db_url = 'sqlite:///{root}/gradebook.db'\n")
    env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"]}
    for command in (["generate_assignment", name, "--force"],
                    ["autograde", name, "--create", "--force"],
                    ["export", "--to", str(root / "grades.csv")]):
        done = subprocess.run([sys.executable, "-m", "nbgrader", *command], cwd=root, env=env,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    header, row = (line.split(",") for line in (root / "grades.csv").read_text().splitlines())
    row = dict(zip(header, row))
    assert float(row["raw_score"]) == 0 < float(row["max_score"])


def test_every_chapter_from_3_on_grades_at_least_8_exercises():
    from collections import Counter

    from course.checks import registry
    per_chapter = Counter(ex.id.split(".")[0] for ex in registry.all_exercises())
    assert sum(per_chapter.values()) == 101
    assert {f"ch{n}" for n in range(1, 13)} == set(per_chapter)
    assert all(per_chapter[f"ch{n}"] >= 8 for n in range(3, 13)), per_chapter
