"""The ``autograder`` command: release, grade, feedback, export, isolation.

    autograder release [--check]
    autograder grade PATH [-a ASSIGNMENT] [-j N] [--force] [limits...]
    autograder feedback [-a ASSIGNMENT] [--show-fixes]
    autograder export [-a ASSIGNMENT] [-o FILE]
    autograder isolation

Every command takes ``--course DIR`` (default: the current folder or its nearest parent
holding solutions/). See autograder/README.md.
"""

import argparse
import sys
from dataclasses import fields
from pathlib import Path

from autograder.collect import DEFAULT_PATTERN, CollectError
from autograder.layout import Course, CourseError
from autograder.limits import Limits
from autograder.source import SourceError
from autograder.tools import use_interpreter_tools

LIMIT_HELP = {
    "exercise_seconds": "wall clock of one exercise's cases",
    "cell_seconds": "wall clock of one cell",
    "submission_seconds": "wall clock of a whole submission",
    "cpu_seconds": "CPU time of each worker process",
    "memory_mb": "address space of each worker process, MB",
    "processes": "processes and threads of the sandbox user",
    "file_mb": "largest file the student's code may write, MB",
    "disk_mb": "writable space of the sandbox, MB",
    "open_files": "open files per process",
    "answer_mb": "plain data one exercise may send back, MB",
    "output_kept": "bytes of output kept in the result",
    "output_max": "bytes of output after which the worker is stopped",
}


def _parser():
    parser = argparse.ArgumentParser(
        prog="autograder", description="Grade notebook submissions in isolation: release, "
                                       "grade, feedback, export.")
    parser.add_argument("--course", type=Path, help="the course folder (holding solutions/)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("release", help="generate notebooks/ from solutions/ with nbgrader")
    p.add_argument("--check", action="store_true",
                   help="only check that notebooks/ is in sync (exit 1 if not)")

    p = sub.add_parser("grade", help="grade every submission in PATH")
    p.add_argument("path", type=Path, help="a folder of notebooks, of student folders, or a zip")
    p.add_argument("-a", "--assignment",
                   help="grade every notebook as this assignment (default: told from each "
                        "notebook's cells)")
    p.add_argument("-j", "--jobs", type=int, default=1, help="submissions graded at a time")
    p.add_argument("--force", action="store_true", help="re-grade finished submissions too")
    p.add_argument("--name-pattern", default=DEFAULT_PATTERN,
                   help="regular expression for LMS zip members, nbgrader zip_collect style, "
                        "with the group student_id and optionally timestamp")
    p.add_argument("--uid-base", type=int, default=61000,
                   help="as root, sandbox uids are UID_BASE + slot (no such users needed)")
    for f in fields(Limits):
        p.add_argument("--" + f.name.replace("_", "-"), type=type(f.default), default=f.default,
                       help=f"{LIMIT_HELP[f.name]} (default {f.default})")

    p = sub.add_parser("feedback", help="write feedback/<student>/<assignment>/*.html")
    p.add_argument("-a", "--assignment", help="default: every graded assignment")
    p.add_argument("--show-fixes", action="store_true", default=None,
                   help="show the corrected code of each diagnosed mistake (default: hidden, "
                        "unless COURSE_SHOW_FIXES=1)")

    p = sub.add_parser("export", help="write a CSV of the scores, one row per student")
    p.add_argument("-a", "--assignment", help="default: every graded assignment")
    p.add_argument("-o", "--output", type=Path,
                   help="default: grades_<assignment>.csv (grades.csv for several)")

    sub.add_parser("isolation", help="show which isolation measures work on this machine")
    return parser


def _graded(course, assignment):
    names = [assignment] if assignment else course.graded_assignments()
    if not names:
        raise CourseError("nothing graded yet: run autograder grade PATH first")
    return names


def _release(course, args):
    from autograder.release import release
    states = release(course, check=args.check)
    for name, state in states:
        print(f"{name}: {state}")
    return 1 if any(state == "out of sync" for _, state in states) else 0


def _grade(course, args):
    from autograder.batch import grade_batch
    limits = Limits(**{f.name: getattr(args, f.name) for f in fields(Limits)})
    batch = grade_batch(course, args.path, args.assignment, args.jobs, limits, args.force,
                        args.name_pattern, args.uid_base)
    if batch:
        print(f"\n{'student':24} {'assignment':20} {'score':>8}  status")
        for r in batch:
            max_total = sum(e.points for e in r.exercises)
            print(f"{r.student:24} {r.assignment:20} {r.total:>5g}/{max_total:<3g} {r.status}")
        print(f"\nisolation: {batch[0].isolation}")
    return 0


def _feedback(course, args):
    from autograder.feedback import write_feedback
    for name in _graded(course, args.assignment):
        paths = write_feedback(course, name, args.show_fixes)
        print(f"{name}: {len(paths)} feedback pages in {course.feedback}")
    return 0


def _export(course, args):
    from autograder.export import export_csv
    names = _graded(course, args.assignment)
    target = args.output or Path(f"grades_{names[0]}.csv" if len(names) == 1 else "grades.csv")
    count = export_csv(course, names, target)
    print(f"{', '.join(names)}: {count} students written to {target}")
    return 0


def _isolation(course, args):
    import os

    from autograder.runner import Zygote
    from autograder.sandbox import describe
    zygote = Zygote()
    try:
        print(describe(zygote.namespaces, 61000 if os.getuid() == 0 else None))
    finally:
        zygote.close()
    return 0


def main(argv=None):
    args = _parser().parse_args(argv)
    use_interpreter_tools()
    try:
        course = Course(args.course.resolve()) if args.course else Course.find()
        command = {"release": _release, "grade": _grade, "feedback": _feedback,
                   "export": _export, "isolation": _isolation}[args.command]
        return command(course, args)
    except (CourseError, SourceError, CollectError) as err:
        print(f"autograder: {err}", file=sys.stderr)
        return 2
