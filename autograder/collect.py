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

Each notebook's assignment is told by ``assignment``: a name (every notebook is that
assignment's) or a function of the notebook's bytes and file name (see autograder.assign),
so one folder, or one student's folder, may hold several chapters: each student gets one
submission per assignment. A file or folder name that is not valid UTF-8 becomes a student
id with its bytes escaped (``caf\\xe9``); a file that cannot be read, or is too large, is
graded with a status that says so.
"""

import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from autograder.results import DUPLICATES, RENAMED
from autograder.student import MAX_NOTEBOOK_BYTES, too_large

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
    assignment: str = ""   # which assignment it is (None: could not be told)
    problem: str = ""      # why the file could not be read (it is graded as invalid)


@dataclass
class Candidate:
    """One notebook found for a student."""

    order: tuple         # which is the latest: (timestamp or mtime, name)
    file: str
    data: bytes
    problem: str = ""
    named_by_student: bool = True   # False: the file's name is the student id (alice.ipynb)


def text_name(name):
    """A file name as text: bytes that are not UTF-8 (kept by Python as surrogates) are
    shown escaped, ``caf\\xe9``, so the id can be printed, quoted and written anywhere."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _pick(student, candidates, assignment, by_name):
    """One submission of ``assignment`` from its candidates: the latest (by its order),
    among those named like the assignment first if ``by_name``."""
    if not candidates:
        return Submission(student, "", b"", [], assignment)
    notes = [DUPLICATES] if len(candidates) > 1 else []
    exact = [c for c in candidates if by_name and Path(c.file).stem == assignment]
    best = max(exact or candidates, key=lambda c: c.order)
    if assignment and best.named_by_student and Path(best.file).stem != assignment:
        notes.append(RENAMED)
    return Submission(student, best.file, best.data, notes, assignment, best.problem)


def _read_file(path, order):
    """A :class:`Candidate` for ``path``, without reading a file too large to grade."""
    name = text_name(path.name)
    try:
        if path.is_symlink():
            return Candidate(order, name, b"", "a link, not a file")
        if not path.is_file():
            return Candidate(order, name, b"", "not a regular file")
        size = path.stat().st_size
        if size > MAX_NOTEBOOK_BYTES:
            return Candidate(order, name, b"", too_large(size))
        return Candidate(order, name, path.read_bytes())
    except OSError as err:
        return Candidate(order, name, b"", f"could not be read ({err.strerror})")


def _mtime(path):
    try:
        return path.lstat().st_mtime
    except OSError:
        return 0.0


def _from_folder(folder):
    """``{student: [candidates]}`` of a folder."""
    found = {}
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.suffix == ".ipynb" and not entry.is_dir():
            student = text_name(entry.stem)
            candidate = _read_file(entry, (_mtime(entry), entry.name))
            candidate.named_by_student = False
            found.setdefault(student, []).append(candidate)
        elif entry.is_dir() and not entry.is_symlink():
            student = text_name(entry.name)
            notebooks = [_read_file(p, (_mtime(p), p.name)) for p in sorted(entry.rglob("*.ipynb"))
                         if not p.is_dir() and ".ipynb_checkpoints" not in p.parts]
            found.setdefault(student, []).extend(notebooks)
    return found


def _from_zip(path, pattern):
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
                candidate = Candidate((stamp, name), file, b"", too_large(m.file_size))
            else:
                with archive.open(m) as f:
                    candidate = Candidate((stamp, name), file, f.read(MAX_NOTEBOOK_BYTES + 1))
            by_student.setdefault(student, []).append(candidate)
    return by_student


def collect(path, assignment, pattern=DEFAULT_PATTERN):
    """The submissions in ``path`` (a folder or a zip file), sorted by student: one per
    student and assignment. ``assignment``: a name, or a function ``(data, file name) ->
    name or None`` telling each notebook's."""
    path = Path(path)
    if path.is_dir():
        found, by_name = _from_folder(path), True
    elif path.is_file() and zipfile.is_zipfile(path):
        found, by_name = _from_zip(path, pattern), False
    else:
        raise CollectError(f"{path}: not a folder or a zip file")
    tell = (lambda data, file: assignment) if isinstance(assignment, str) else assignment
    subs = []
    for student, candidates in sorted(found.items()):
        if not candidates:
            subs.append(_pick(student, [], None, by_name))
            continue
        by_assignment = {}
        for c in candidates:
            by_assignment.setdefault(tell(c.data, c.file), []).append(c)
        for name, group in by_assignment.items():
            subs.append(_pick(student, group, name, by_name))
    return sorted(subs, key=lambda s: (s.student, s.assignment or ""))
