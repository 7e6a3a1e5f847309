"""Scores into nbgrader's gradebook, so that formgrader and ``nbgrader export`` agree.

The gradebook lives in the grader's private folder. Its assignment, notebook and cells are
recorded by nbgrader's own preprocessors (ComputeChecksums, SaveCells, as
``nbgrader generate_assignment`` does); each graded exercise's score becomes the
``auto_score`` of its check cell's grade, exactly as ``nbgrader autograde`` would store it
(a manual score set in formgrader still wins).
"""

import copy
import subprocess
import warnings

import nbformat

from autograder.layout import CourseError
from autograder.tools import use_interpreter_tools


def record_cells(db_url, source_path):
    """Record the assignment of ``source_path`` (name = notebook = stem) and its cells."""
    from nbgrader.api import Gradebook
    from nbgrader.preprocessors import ComputeChecksums, SaveCells
    name = source_path.stem
    nb = nbformat.read(str(source_path), as_version=4)
    use_interpreter_tools()     # a new gradebook runs ``alembic``
    try:
        with Gradebook(db_url) as gb:
            gb.update_or_create_assignment(name)
    except (OSError, subprocess.CalledProcessError) as err:   # ``alembic`` could not run
        raise CourseError(f"nbgrader could not create the gradebook {db_url}: {err}") from None
    resources = {"nbgrader": {"notebook": name, "assignment": name, "db_url": db_url}}
    nb, resources = ComputeChecksums().preprocess(copy.deepcopy(nb), resources)
    try:
        SaveCells().preprocess(nb, resources)
    except RuntimeError as err:   # nbgrader refuses new cells once there are submissions
        raise CourseError(f"gradebook: {err}") from None


def record(course, assignment, results):
    """Write the results' scores into the gradebook."""
    from nbgrader.api import Gradebook
    from sqlalchemy.exc import SAWarning
    record_cells(course.gradebook_url, course.source(assignment.name))
    with Gradebook(course.gradebook_url) as gb, warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)   # nbgrader's own, under SQLAlchemy 2
        for r in results:
            gb.update_or_create_student(r.student)
            gb.update_or_create_submission(assignment.name, r.student)
            for e in r.exercises:
                grade = gb.find_grade(e.grade_id, assignment.name, assignment.name, r.student)
                grade.auto_score = e.score
                grade.needs_manual_grade = grade.manual_score is not None
            gb.db.commit()
