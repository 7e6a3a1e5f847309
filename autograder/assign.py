"""Which assignment a submitted notebook is, told from its own cells.

Submissions are named after students (``alice.ipynb``), so the file name says nothing. A
notebook's cells carry the nbgrader ids (``grade_id``) of the source they were released
from; the ids that only one source has are that assignment's marks. A notebook belongs to
the assignment whose marks its cells carry most; one that carries none (an empty or broken
file, every cell deleted) is told by its file name if that names exactly one assignment,
else it is not told (None).
"""

from pathlib import Path

from autograder.student import InvalidNotebook, read_cells


class Teller:
    """Tells notebooks apart among ``sources`` ({name: autograder.source.Assignment})."""

    def __init__(self, sources):
        ids = {name: {c.grade_id for c in a.cells if c.grade_id} for name, a in sources.items()}
        self.marks = {name: own - set().union(*(ids[o] for o in ids if o != name))
                      for name, own in ids.items()}

    def __call__(self, data, file):
        """The assignment of a notebook's bytes, or None."""
        if len(self.marks) == 1:
            return next(iter(self.marks))
        try:
            found = {c.grade_id for c in read_cells(data) if c.grade_id}
        except InvalidNotebook:
            found = set()
        counts = {name: len(found & marks) for name, marks in self.marks.items()}
        best = max(counts, key=counts.get)
        if counts[best] and list(counts.values()).count(counts[best]) == 1:
            return best
        named = [name for name in self.marks if name in Path(file).stem]
        return named[0] if len(named) == 1 else None
