"""What runs in the student's worker: the source's structure with the student's answers.

Everything locked comes from the source; the student's copy contributes only the text of
its answer cells (matched by ``grade_id``) and its own extra code cells, which run where
they stand (after the source cell they follow). Check cells never run in the worker: the
grader checks over the protocol. Locked cells that grading cannot need (no later cell reads
what they bind) are skipped, and nothing after the last check cell runs.

What the merge notices becomes a note of the submission (the score still counts; it is
graded on the instructor's cells): edited or deleted read-only cells, missing answer cells,
extra cells, duplicate cell ids; and a notebook with nbgrader cells none of which belong to
this assignment (another chapter's notebook handed in) is named as such instead.
"""

from dataclasses import dataclass, field

from autograder import names
from autograder.source import ANSWER, FREE, LOCKED

EDITED = "edited read-only cells"
DELETED = "deleted read-only cells"
MISSING_ANSWER = "missing solution cells"
EXTRA = "extra cells"
DUPLICATE_IDS = "duplicate cell ids"
OTHER_NOTEBOOK = "not this assignment's notebook (none of its graded cells match)"


@dataclass
class RunCell:
    label: str          # the grade_id, or "extra cell <n>"
    code: str
    from_student: bool
    section: int        # the index of the first slot graded after this cell


@dataclass
class Plan:
    cells: list
    notes: list = field(default_factory=list)


def _normal(text):
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def _match(assignment, student_cells):
    """``(matched {grade_id: cell}, extra code cells by anchor source index, notes)``."""
    known = {c.grade_id: c for c in assignment.cells if c.grade_id}
    matched, extra, notes = {}, {}, set()
    anchor = -1
    for cell in student_cells:
        if cell.grade_id in known and cell.grade_id not in matched:
            matched[cell.grade_id] = cell
            anchor = known[cell.grade_id].index
            continue
        if cell.grade_id in matched:
            notes.add(DUPLICATE_IDS)
        if cell.cell_type == "code":
            extra.setdefault(anchor, []).append(cell)
    return matched, extra, notes


def make_plan(assignment, student_cells):
    """The :class:`Plan` of a student's cells (see the module's docstring)."""
    matched, extra, notes = _match(assignment, student_cells)
    n_free_source = sum(1 for c in assignment.cells if c.kind == FREE)
    if sum(len(v) for v in extra.values()) > n_free_source:
        notes.add(EXTRA)
    check_positions = [s.cell_index for s in assignment.slots]
    cells, n_extra = [], 0

    def section(index):
        return next((k for k, pos in enumerate(check_positions) if pos > index),
                    len(check_positions))

    for extra_cell in extra.get(-1, []):
        n_extra += 1
        cells.append(RunCell(f"extra cell {n_extra}", extra_cell.text, True, 0))
    for src in assignment.cells:
        mine = matched.get(src.grade_id)
        if src.kind == ANSWER:
            if mine is None or mine.cell_type != "code":
                notes.add(MISSING_ANSWER)
            else:
                cells.append(RunCell(src.grade_id, mine.text, True, section(src.index)))
        elif src.grade_id:
            if mine is None:
                notes.add(DELETED)
            elif _normal(mine.text) not in (_normal(src.released), _normal(src.text)):
                notes.add(EDITED)
            if src.kind == LOCKED:
                cells.append(RunCell(src.grade_id, src.text, False, section(src.index)))
        for extra_cell in extra.get(src.index, []):
            n_extra += 1
            cells.append(RunCell(f"extra cell {n_extra}", extra_cell.text, True,
                                 section(src.index)))
    if not matched and any(c.grade_id for c in student_cells):
        notes = {OTHER_NOTEBOOK}
    wanted = {s.name for s in assignment.slots}
    order = [OTHER_NOTEBOOK, EDITED, DELETED, MISSING_ANSWER, EXTRA, DUPLICATE_IDS]
    return Plan(_needed(cells, len(check_positions), wanted),
                [n for n in order if n in notes])


def _needed(cells, n_slots, wanted):
    """The cells grading may need: every student cell before the last check, and the locked
    cells that bind (or mutate) a name read by a later needed cell."""
    demand, keep = set(wanted), []
    for cell in reversed([c for c in cells if c.section < n_slots]):
        found = names.analyse(cell.code)
        if found is None:
            keep.append(cell)   # not Python: it runs, fails, and is reported
            continue
        bound, read = found
        if cell.from_student or names.STAR in bound or bound & demand:
            keep.append(cell)
            demand |= read
    return keep[::-1]
