"""Grading a batch: every submission of PATH, in parallel, resumable and idempotent.

Each finished submission's result is written at once (atomically) to the private results
folder, under a key made of the submission's bytes, the source notebook, the specs and
checker code, the limits and the grader's version. A re-run skips every submission whose
result has the same key, so an interrupted batch resumes where it stopped and a repeated
one changes nothing. ``-j N`` grades N submissions at a time, in N processes, each with
its own zygote and (as root) its own sandbox uid.
"""

import hashlib
import multiprocessing
import os
import sys
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from autograder import gradebook
from autograder import results as res
from autograder.assign import Teller
from autograder.collect import DEFAULT_PATTERN, collect
from autograder.grade import grade
from autograder.layout import CourseError, student_file
from autograder.limits import Limits
from autograder.runner import Zygote
from autograder.sandbox import describe, exposed, namespaces_work, python_readable_by_others
from autograder.source import load_assignment
from autograder.version import __version__
from autograder.withhold import LibraryCopy
from course import checks
from course.checks import registry

UID_BASE = 61000


def _code_digest(assignment):
    """A digest of the checker's code and of the specs of the assignment's exercises."""
    files = set(Path(checks.__file__).parent.glob("*.py"))
    for slot in assignment.slots:
        module = sys.modules.get(registry.get(slot.exercise_id).make_cases.__module__)
        if module is not None and getattr(module, "__file__", None):
            files.add(Path(module.__file__))
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(f.read_bytes())
    return h.hexdigest()


def submission_key(base, submission):
    """The key of a submission's result: ``base`` (grader, source, code, limits) and the
    submission itself (its bytes, its file name, what collecting it noted)."""
    h = hashlib.sha256(base.encode())
    h.update(submission.file.encode() + b"\0" + "|".join(submission.notes).encode() + b"\0")
    h.update(submission.data)
    return h.hexdigest()


class _Grader:
    """The per-process state: the assignment, the limits, the library copy the sandboxes
    show (autograder.withhold), a zygote started on first use."""

    def __init__(self, assignment, limits, uid, library):
        self.assignment, self.limits, self.uid, self.library = assignment, limits, uid, library
        self.zygote = None

    def grade(self, submission, key):
        if self.zygote is None or self.zygote.process.poll() is not None:
            self.zygote = Zygote([s.exercise_id for s in self.assignment.slots], self.library)
        try:
            result = grade(self.assignment, submission, key, self.zygote, self.uid, self.limits)
        except Exception as err:  # a grader bug must not stop the batch; not cached
            result = res.Result(submission.student, self.assignment.name, submission.file, "",
                                grader_error=f"{type(err).__name__}: {err}")
            traceback.print_exc()
        result.isolation = describe(self.zygote.namespaces, self.uid)
        return result


_grader = None


def _init_process(assignment, limits, uid_base, slots, library):
    global _grader
    slot = slots.get()
    _grader = _Grader(assignment, limits, uid_base + slot if os.getuid() == 0 else None, library)


def _grade_in_process(submission, key):
    return _grader.grade(submission, key).to_json()


def grade_batch(course, path, assignment=None, jobs=1, limits=Limits(), force=False,
                pattern=DEFAULT_PATTERN, uid_base=UID_BASE, log=print):
    """Grade every submission in ``path``; the results of this batch, sorted by assignment
    and student. Each notebook's assignment is told from its cells (autograder.assign)
    unless ``assignment`` is given."""
    if os.getuid() == 0 and not namespaces_work() and not python_readable_by_others():
        raise CourseError(f"namespaces are not permitted here and the sandbox user cannot read "
                          f"Python ({sys.prefix}): allow namespaces (e.g. a privileged "
                          f"container) or install Python where other users can read it")
    names = [assignment] if assignment else course.assignments()
    sources = {name: load_assignment(course.source(name)) for name in names}
    submissions = collect(path, assignment or Teller(sources), pattern)
    told = Counter(s.assignment for s in submissions if s.assignment)
    if not told and submissions:
        raise CourseError(f"cannot tell which assignment the notebooks in {path} are (none "
                          f"holds the cells of one): use --assignment ({', '.join(names)})")
    for sub in submissions:   # an empty or broken file: the batch's most common assignment
        sub.assignment = sub.assignment or told.most_common(1)[0][0]
    for place in (course.root, Path(path)):
        if exposed(place):
            log(f"WARNING: {place} is inside {exposed(place)}, which the sandbox can read: "
                f"move it elsewhere")
    batch = []
    for name in sorted(told):
        batch += _grade_assignment(course, sources[name],
                                   [s for s in submissions if s.assignment == name],
                                   jobs, limits, force, uid_base, log)
    return batch


def _grade_assignment(course, source, submissions, jobs, limits, force, uid_base, log):
    """Grade the submissions of one assignment (resuming); their results."""
    name, folder = source.name, course.results(source.name)
    base = "|".join([__version__, source.digest, _code_digest(source), limits.to_json()])
    finished, todo = {}, []
    for sub in submissions:
        key = submission_key(base, sub)
        old = res.read(folder / student_file(sub.student))
        if old is not None and old.key == key and not force:
            finished[sub.student] = old
        else:
            todo.append((sub, key))
    log(f"{name}: {len(submissions)} submissions, {len(finished)} already graded, "
        f"{len(todo)} to grade")

    def done(result):
        if not result.grader_error:
            res.write(folder / student_file(result.student), result)
        finished[result.student] = result
        log(f"  {result.student}: {result.total:g} ({result.status})")

    library = LibraryCopy([registry.get(s.exercise_id) for s in source.slots]) \
        if todo else None
    try:
        _grade_todo(source, todo, jobs, limits, uid_base, library, done)
    finally:
        if library is not None:
            library.close()
    batch = [finished[s.student] for s in submissions]
    gradebook.record(course, source, [r for r in batch if not r.grader_error])
    return batch


def _grade_todo(source, todo, jobs, limits, uid_base, library, done):
    """Grade ``todo`` ([(submission, key)]), ``jobs`` at a time; ``done(result)`` for each."""
    if jobs <= 1 or len(todo) <= 1:
        grader = _Grader(source, limits, uid_base if os.getuid() == 0 else None, library)
        try:
            for sub, key in todo:
                done(grader.grade(sub, key))
        finally:
            if grader.zygote is not None:
                grader.zygote.close()
    else:
        context = multiprocessing.get_context("fork")
        slots = context.Queue()
        for slot in range(jobs):
            slots.put(slot)
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_process,
                                 initargs=(source, limits, uid_base, slots, library)) as pool:
            futures = {pool.submit(_grade_in_process, sub, key): sub for sub, key in todo}
            for future in as_completed(futures):
                try:
                    done(res.Result.from_json(future.result()))
                except Exception as err:  # a grading process died: not kept, graded next run
                    sub = futures[future]
                    done(res.Result(sub.student, source.name, sub.file, "",
                                    grader_error=f"{type(err).__name__}: {err}"))
