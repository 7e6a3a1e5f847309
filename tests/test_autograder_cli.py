"""The instructor's loop as README.md gives it, run verbatim from a shell whose PATH does
not hold the virtual environment's bin folder: the tools come from the interpreter."""

import csv
import json
import re
import shlex
import shutil
import subprocess

import pytest

from autograder.tools import scripts_folder
from instructor_loop import with_answers
from notebook_runner import ROOT
from test_grading_chapters import chapter_exercises, with_mistakes

CHAPTERS = ("ch01_tensors", "ch03_forward")


def readme_grading_commands():
    """The commands of README.md's Grading section, in order (comments dropped)."""
    section = (ROOT / "README.md").read_text().split("## Grading", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.strip()]


def bare_env(home):
    """A fresh machine's login: HOME and a PATH of system folders only."""
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "COURSE_SMALL_DATA": "1"}


def run(command, cwd, env):
    done = subprocess.run(shlex.split(command), cwd=cwd, env=env, capture_output=True,
                          text=True)
    assert done.returncode == 0, f"{command}:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def test_the_venv_bin_folder_is_not_on_the_test_path():
    assert scripts_folder() not in bare_env("/tmp")["PATH"].split(":")
    assert shutil.which("alembic", path=bare_env("/tmp")["PATH"]) is None


def test_readme_loop_grades_student_named_notebooks_of_two_chapters(tmp_path):
    course = tmp_path / "course"
    (course / "solutions").mkdir(parents=True)
    for name in CHAPTERS:
        shutil.copy(ROOT / "solutions" / f"{name}.ipynb", course / "solutions")
    (course / ".venv").symlink_to(ROOT / ".venv")       # as in a clone: .venv/bin/autograder
    env = bare_env(tmp_path / "home")
    (tmp_path / "home").mkdir()
    release, grade, feedback, export = readme_grading_commands()
    assert (release.split()[:2], grade, export) == (
        [".venv/bin/autograder", "release"], ".venv/bin/autograder grade submissions/ -j 2",
        ".venv/bin/autograder export -o grades.csv")
    run(release, course, env)
    assert run(release + " --check", course, env).count("in sync") == 2

    solution = {n: json.loads((ROOT / "solutions" / f"{n}.ipynb").read_text()) for n in CHAPTERS}
    released = {n: json.loads((course / "notebooks" / f"{n}.ipynb").read_text())
                for n in CHAPTERS}
    paths = {n: ROOT / "solutions" / f"{n}.ipynb" for n in CHAPTERS}
    ch1, ch3 = CHAPTERS
    first_two = {f"{ex.name}_answer" for ex in chapter_exercises(paths[ch3])[:2]}
    partly = with_answers(released[ch3], {c["metadata"]["nbgrader"]["grade_id"]: c["source"]
                                          for c in solution[ch3]["cells"]
                                          if c["metadata"].get("nbgrader", {}).get("grade_id")
                                          in first_two})
    submissions = course / "submissions"
    (submissions / "dave").mkdir(parents=True)
    for path, nb in {"alice.ipynb": solution[ch1], "bob.ipynb": solution[ch3],
                     "carol.ipynb": released[ch1], "erin.ipynb": partly,
                     "dave/first chapter.ipynb": with_mistakes(released[ch1],
                                                               chapter_exercises(paths[ch1])),
                     "dave/third.ipynb": solution[ch3]}.items():
        (submissions / path).write_text(json.dumps(nb))
    for command in (grade, feedback, export):
        run(command, course, env)

    with open(course / "grades.csv", newline="") as f:
        table = {row["student"]: row for row in csv.DictReader(f)}
    full = {n: sum(ex.points for ex in chapter_exercises(paths[n])) for n in CHAPTERS}
    partial = sum(ex.points for ex in chapter_exercises(paths[ch3])[:2])

    def cell(student, name, column):
        return table[student][f"{name} {column}"]

    assert sorted(table) == ["alice", "bob", "carol", "dave", "erin"]
    assert (cell("alice", ch1, "total"), cell("alice", ch1, "status")) == (f"{full[ch1]:g}", "ok")
    assert cell("alice", ch3, "status") == "not submitted"
    assert (cell("bob", ch3, "total"), cell("bob", ch3, "status")) == (f"{full[ch3]:g}", "ok")
    assert (cell("carol", ch1, "total"), cell("carol", ch1, "status")) == ("0", "nothing written")
    assert cell("dave", ch1, "total") == "0" and "renamed notebook" in cell("dave", ch1, "status")
    assert cell("dave", ch3, "total") == f"{full[ch3]:g}"
    assert float(table["dave"]["total"]) == full[ch3]
    assert (cell("erin", ch3, "total"), cell("erin", ch3, "status")) == (f"{partial:g}", "ok")
    for ex in chapter_exercises(paths[ch3]):
        assert table["bob"][ex.id] == f"{ex.points:g}"
    for student, name in (("alice", ch1), ("bob", ch3), ("dave", ch1), ("dave", ch3)):
        assert (course / "feedback" / student / name / f"{name}.html").is_file()


def test_a_tool_that_fails_is_named_with_its_own_error(tmp_path, monkeypatch):
    from autograder import release
    from autograder.layout import Course, CourseError
    from test_autograder_units import HERE, forget_toy_chapter
    monkeypatch.setenv("COURSE_CHECKS_EXTRA", str(HERE / "toy_specs.py"))
    monkeypatch.setenv("PATH", "/usr/bin:/bin")                 # and no interpreter's tools:
    monkeypatch.setattr(release, "use_interpreter_tools", lambda: None)   # alembic is missing
    shutil.copytree(HERE / "toy_course" / "solutions", tmp_path / "solutions")
    try:
        with pytest.raises(CourseError) as err:
            release.release(Course(tmp_path))
    finally:
        forget_toy_chapter()
    first = str(err.value).splitlines()[0]
    assert first == ("nbgrader could not release toy_warmup.ipynb: FileNotFoundError: "
                     "[Errno 2] No such file or directory: 'alembic'")
