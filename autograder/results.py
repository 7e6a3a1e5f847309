"""The result of grading one submission, its statuses, and its JSON file.

Exercise statuses. A real outcome (the answer was judged): ``passed`` (full points),
``failed``, ``not written`` (still raises NotImplementedError), ``not defined`` (the name
does not exist after its cells ran). A failure (no judgement possible; 0 points):
``timeout``, ``crash`` (the worker died: segfault, os._exit, a limit), ``used the
reference``, ``tampering`` (the worker's answer broke the protocol), ``invalid notebook``
(the file could not be used; every exercise gets it).

A submission's status (the CSV's ``status`` column) is ``ok``, or ``invalid notebook:
<why>``, or ``nothing written`` (every exercise still raises NotImplementedError: a blank
notebook), or the failures by exercise and the notes, e.g.
``timeout: toy.mean_rows; extra cells``; ``grader error: ...`` marks a fault of the grader
(such a result is not kept, so the next run grades it again). Notes never cost points.
"""

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from typing import Optional

PASSED, FAILED, NOT_WRITTEN, NOT_DEFINED = "passed", "failed", "not written", "not defined"
TIMEOUT, CRASH, USED_REFERENCE, TAMPERING = "timeout", "crash", "used the reference", "tampering"
FAILURES = (TIMEOUT, CRASH, USED_REFERENCE, TAMPERING)
INVALID = "invalid notebook"
CELL_TIMEOUT, CELL_CRASH = "cell timeout", "cell crash"
RENAMED, DUPLICATES = "renamed notebook", "duplicate submissions"
NOTHING_WRITTEN = "nothing written"


@dataclass
class ExerciseResult:
    exercise_id: str
    grade_id: str
    points: float
    score: float
    status: str
    diagnosis: str = ""


@dataclass
class Result:
    student: str
    assignment: str
    file: str
    key: str
    exercises: list = field(default_factory=list)
    invalid: Optional[str] = None     # why the notebook could not be used
    grader_error: Optional[str] = None  # a fault of the grader (the result is not kept)
    notes: list = field(default_factory=list)
    cells: list = field(default_factory=list)   # [label, outcome] of cells that did not run cleanly
    output: str = ""                  # the start of the worker's stdout and stderr
    output_bytes: int = 0
    seconds: float = 0.0
    isolation: str = ""

    @property
    def total(self):
        return sum(e.score for e in self.exercises)

    @property
    def status(self):
        if self.grader_error:
            return f"grader error: {self.grader_error}"
        if self.invalid:
            return f"{INVALID}: {self.invalid}"
        blank = self.exercises and all(e.status == NOT_WRITTEN for e in self.exercises)
        parts = [NOTHING_WRITTEN] if blank else []
        for kind in FAILURES:
            ids = [e.exercise_id for e in self.exercises if e.status == kind]
            if ids:
                parts.append(f"{kind}: {', '.join(ids)}")
        return "; ".join(parts + self.notes) or "ok"

    def to_json(self):
        return json.dumps(asdict(self), indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text):
        data = json.loads(text)
        data["exercises"] = [ExerciseResult(**e) for e in data["exercises"]]
        return cls(**data)


def write(path, result):
    """Write atomically (a crash never leaves half a file)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(result.to_json())
    os.replace(tmp, path)


def read(path):
    """The result in ``path``, or None if it is missing or unreadable."""
    try:
        return Result.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, KeyError):
        return None
