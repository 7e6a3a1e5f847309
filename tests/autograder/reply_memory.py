"""Peak memory of the grading process under a hostile reply (a measurement, not a test):

    python tests/autograder/reply_memory.py [correct]

Grades one toy submission whose ``count_positive`` forges the worker's reply: 60 MB of
JSON holding 20 million empty lists, within the answer budget in bytes (make_corpus's
``huge_reply``); with ``correct``, the correct notebook instead. Prints the grading
process's peak RSS before and after grading, and the exercise's status.
"""

import json
import os
import resource
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    os.environ["COURSE_CHECKS_EXTRA"] = str(HERE / "toy_specs.py")
    sys.path.insert(0, str(HERE.parents[1]))
    sys.path.insert(0, str(HERE))
    from autograder.batch import grade_batch
    from autograder.layout import Course
    from make_corpus import CORRECT, HUGE_REPLY, _answer, released

    answers = CORRECT if sys.argv[1:] == ["correct"] else \
        {**CORRECT, "count_positive_answer": HUGE_REPLY}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        shutil.copytree(HERE / "toy_course" / "solutions", tmp / "course" / "solutions")
        (tmp / "submissions").mkdir()
        (tmp / "submissions" / "student.ipynb").write_text(json.dumps(_answer(released(), answers)))
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        (result,) = grade_batch(Course(tmp / "course"), tmp / "submissions", log=lambda _: None)
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    count = next(e for e in result.exercises if e.exercise_id == "toy.count_positive")
    print(f"count_positive: {count.status} ({count.diagnosis.splitlines()[0]})")
    print(f"grading process peak RSS: {before / 1024:.0f} MB before grading, "
          f"{after / 1024:.0f} MB after")


if __name__ == "__main__":
    main()
