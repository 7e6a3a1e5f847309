"""Reading a student's notebook file, which may be anything: strict checks, no trust.

Only three things are taken from each cell: its type, its text, and the ``grade_id`` in
its nbgrader metadata (to match it with the source's cell). Everything else (outputs,
other metadata, the kernel) is ignored.
"""

import json
from dataclasses import dataclass
from typing import Optional

MAX_NOTEBOOK_BYTES = 50_000_000
MAX_CELLS = 5_000


class InvalidNotebook(Exception):
    """A file that is not a usable notebook; the message is the reason shown."""


@dataclass
class StudentCell:
    cell_type: str
    grade_id: Optional[str]
    text: str


def _text(value, where):
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(s, str) for s in value):
        return "".join(value)
    raise InvalidNotebook(f"{where} has a malformed source")


def too_large(size):
    """The status of a file of ``size`` bytes, over the limit."""
    return f"too large ({size:,} bytes; the limit is {MAX_NOTEBOOK_BYTES:,})"


def _where(data, offset):
    """``line L, column C`` of byte ``offset`` (both counted from 1)."""
    line, column = data.count(b"\n", 0, offset) + 1, offset - data.rfind(b"\n", 0, offset)
    return f"line {line}, column {column}"


def read_cells(data):
    """The cells of a notebook file's bytes; raises :class:`InvalidNotebook`."""
    if len(data) > MAX_NOTEBOOK_BYTES:
        raise InvalidNotebook(too_large(len(data)))
    if not data.strip():
        raise InvalidNotebook("empty file")
    if b"\0" in data:
        raise InvalidNotebook("not a text file (binary data)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InvalidNotebook(f"not UTF-8 text (byte 0x{data[err.start]:02X} at "
                              f"{_where(data, err.start)})") from None
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as err:
        raise InvalidNotebook(f"not valid JSON (line {err.lineno}, column {err.colno})") from None
    except (ValueError, RecursionError):
        raise InvalidNotebook("not valid JSON") from None
    if not isinstance(nb, dict) or "cells" not in nb and "worksheets" not in nb:
        raise InvalidNotebook("not a notebook (no cells)")
    if nb.get("nbformat") != 4:
        raise InvalidNotebook(f"nbformat {nb.get('nbformat')!r} is not supported (need 4)")
    if not isinstance(nb.get("cells"), list):
        raise InvalidNotebook("not a notebook (malformed cell list)")
    if len(nb["cells"]) > MAX_CELLS:
        raise InvalidNotebook(f"too many cells ({len(nb['cells']):,}; the limit is {MAX_CELLS:,})")
    cells = []
    for i, cell in enumerate(nb["cells"]):
        where = f"cell {i}"
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown", "raw"):
            raise InvalidNotebook(f"{where} is malformed")
        meta = cell.get("metadata")
        nbgrader = meta.get("nbgrader") if isinstance(meta, dict) else None
        grade_id = nbgrader.get("grade_id") if isinstance(nbgrader, dict) else None
        cells.append(StudentCell(cell["cell_type"], grade_id if isinstance(grade_id, str) else None,
                                 _text(cell.get("source", ""), where)))
    return cells
