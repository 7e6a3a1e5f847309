"""Finding the submissions in what the instructor hands over.

PATH may be:

- a folder of notebooks: one student per file, the student id is the file's stem;
- a folder of folders: one student per folder (its name is the id) holding the notebook,
  possibly renamed; the two forms may be mixed;
- a zip file (an LMS export): members are matched with nbgrader zip_collect's convention,
  a regular expression with the named group ``student_id`` and optionally ``timestamp``
  and ``file_id`` (the name the student gave the file) (``--name-pattern``; the default
  reads Blackboard's ``<assignment>_<student>_attempt_<timestamp>_<file>.ipynb``);
  members inside a top folder per student, or named ``<student>.ipynb``, need no pattern.
  The zip is read in memory, with limits: nothing is written to disk, and members with
  ``..`` in their path, links and hidden or ``__MACOSX`` files are skipped.

When a student has several notebooks, the latest is graded (by timestamp in a zip; in a
folder, the one named like the assignment, else the last modified), with the note
``duplicate submissions``; a notebook whose name is not the assignment's is graded with
the note ``renamed notebook``. A student folder without a notebook is graded as an
invalid notebook.
"""

import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from autograder.results import DUPLICATES, RENAMED
from autograder.student import MAX_NOTEBOOK_BYTES

DEFAULT_PATTERN = (r"^(?:.*/)?(?:[^/]*_)?(?P<student_id>[^_/]+)_attempt_(?P<timestamp>[0-9\-]+)"
                   r"(?:_(?P<file_id>[^/]*?))?\.ipynb$")
MAX_MEMBERS = 20_000
MAX_ZIP_BYTES = 4_000_000_000


class CollectError(Exception):
    """PATH cannot be read as submissions."""


@dataclass
class Submission:
    student: str
    file: str            # the notebook's file name as submitted
    data: bytes
    notes: list = field(default_factory=list)


def _pick(student, candidates, assignment, by_name):
    """One submission from ``[(sort key, file name, data)]``: the latest (by its sort key),
    among those named like the assignment first if ``by_name``."""
    if not candidates:
        return Submission(student, "", b"", [])
    notes = [DUPLICATES] if len(candidates) > 1 else []
    exact = [c for c in candidates if by_name and Path(c[1]).stem == assignment]
    _, name, data = max(exact or candidates, key=lambda c: c[0])
    if Path(name).stem != assignment:
        notes.append(RENAMED)
    return Submission(student, name, data, notes)


def _read_file(path):
    if path.stat().st_size > MAX_NOTEBOOK_BYTES:
        return b"\0" * 1   # too large: graded as an invalid (binary) notebook without reading it
    return path.read_bytes()


def _from_folder(folder, assignment):
    subs = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_file() and entry.suffix == ".ipynb":
            subs.append(Submission(entry.stem, entry.name, _read_file(entry)))
        elif entry.is_dir():
            notebooks = [(p.stat().st_mtime, p.name, _read_file(p))
                         for p in sorted(entry.rglob("*.ipynb"))
                         if p.is_file() and ".ipynb_checkpoints" not in p.parts]
            subs.append(_pick(entry.name, notebooks, assignment, by_name=True))
    return subs


def _from_zip(path, assignment, pattern):
    regex = re.compile(pattern)
    by_student = {}
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        raise CollectError(f"{path}: not a readable zip file ({err})") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_ZIP_BYTES:
            raise CollectError(f"{path}: too many or too large members")
        for m in members:
            name = m.filename.replace("\\", "/")
            mode = m.external_attr >> 16
            if m.is_dir() or stat.S_ISLNK(mode) or not name.endswith(".ipynb") or \
                    "__MACOSX" in name or "/." in "/" + name:
                continue
            match = regex.match(name)
            parts = [p for p in name.split("/") if p not in ("", ".", "..")]
            file = parts[-1]
            if match:
                groups = match.groupdict()
                student, stamp = groups["student_id"], groups.get("timestamp") or ""
                file = f"{groups['file_id']}.ipynb" if groups.get("file_id") else file
            elif len(parts) >= 2:
                student, stamp = parts[-2], ""
            else:
                student, stamp = Path(file).stem, ""
            if m.file_size > MAX_NOTEBOOK_BYTES:
                data = b"\0"
            else:
                with archive.open(m) as f:
                    data = f.read(MAX_NOTEBOOK_BYTES + 1)
            by_student.setdefault(student, []).append(((stamp, name), file, data))
    return [_pick(s, c, assignment, by_name=False) for s, c in sorted(by_student.items())]


def collect(path, assignment, pattern=DEFAULT_PATTERN):
    """The submissions in ``path`` (a folder or a zip file), sorted by student."""
    path = Path(path)
    if path.is_dir():
        subs = _from_folder(path, assignment)
    elif path.is_file() and zipfile.is_zipfile(path):
        subs = _from_zip(path, assignment, pattern)
    else:
        raise CollectError(f"{path}: not a folder or a zip file")
    seen = {}
    for s in subs:
        if s.student in seen:
            raise CollectError(f"{path}: student {s.student!r} appears twice "
                               f"({seen[s.student]} and {s.file})")
        seen[s.student] = s.file
    return sorted(subs, key=lambda s: s.student)
