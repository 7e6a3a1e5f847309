"""Speed benchmark: ours against ``nbgrader autograde`` on copies of one chapter.

    python -m autograder.bench [--copies 100] [--jobs 2] [--assignment ch04_backprop]

Makes COPIES copies of the chapter's solution notebook, grades them with
``autograder grade -j JOBS`` in a temporary course folder, then with
``nbgrader autograde`` in a temporary nbgrader course folder (same machine, one after the
other), and prints both wall-clock times, the ratio and the totals each gave. Both run as
fresh commands, start-up included. It is a benchmark, not a test.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder.layout import Course
from autograder.tools import tool_env

NBGRADER_CONFIG = """c = get_config()
c.CourseDirectory.root = {root!r}
c.CourseDirectory.db_url = "sqlite:///{root}/gradebook.db"
"""


def _timed(command, cwd):
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=tool_env())
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return elapsed


def ours(source, copies, jobs, tmp):
    root = tmp / "ours"
    (root / "solutions").mkdir(parents=True)
    shutil.copy(source, root / "solutions")
    submissions = tmp / "submissions"
    submissions.mkdir()
    for i in range(copies):
        shutil.copy(source, submissions / f"student{i:03d}.ipynb")
    seconds = _timed([sys.executable, "-m", "autograder", "--course", str(root), "grade",
                      str(submissions), "-j", str(jobs)], root)
    export = root / "grades.csv"
    _timed([sys.executable, "-m", "autograder", "--course", str(root), "export", "-o",
            str(export)], root)
    totals = [line.split(",")[-2] for line in export.read_text().splitlines()[1:]]
    return seconds, totals


def nbgrader(source, copies, tmp):
    root, name = tmp / "nbgrader", source.stem
    (root / "source" / name).mkdir(parents=True)
    shutil.copy(source, root / "source" / name)
    (root / "nbgrader_config.py").write_text(NBGRADER_CONFIG.format(root=str(root)))
    _timed([sys.executable, "-m", "nbgrader", "generate_assignment", name, "--force"], root)
    for i in range(copies):
        folder = root / "submitted" / f"student{i:03d}" / name
        folder.mkdir(parents=True)
        shutil.copy(source, folder)
    seconds = _timed([sys.executable, "-m", "nbgrader", "autograde", name, "--create", "--force"], root)
    export = root / "grades.csv"
    _timed([sys.executable, "-m", "nbgrader", "export", "--to", str(export)], root)
    totals = [line.split(",")[-2] for line in export.read_text().splitlines()[1:]]
    return seconds, totals


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m autograder.bench", description=__doc__)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--assignment", default="ch04_backprop")
    parser.add_argument("--course", type=Path, help="the course folder (default: found from here)")
    args = parser.parse_args(argv)
    course = Course(args.course.resolve()) if args.course else Course.find()
    source = course.source(args.assignment)
    with tempfile.TemporaryDirectory(prefix="autograder-bench-") as tmp:
        tmp = Path(tmp)
        t_ours, s_ours = ours(source, args.copies, args.jobs, tmp)
        print(f"autograder grade -j {args.jobs}: {t_ours:7.1f} s for {args.copies} copies "
              f"({t_ours / args.copies:.2f} s each); totals {sorted(set(s_ours))}", flush=True)
        t_nb, s_nb = nbgrader(source, args.copies, tmp)
        print(f"nbgrader autograde:      {t_nb:7.1f} s for {args.copies} copies "
              f"({t_nb / args.copies:.2f} s each); totals {sorted(set(s_nb))}")
    print(f"ratio: ours takes {t_ours / t_nb:.1%} of nbgrader's time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
