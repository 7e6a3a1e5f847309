"""Regenerate the autograder's test corpus: ``python tests/autograder/make_corpus.py``.

Each submission starts from the student version of the toy chapter
(toy_course/solutions/toy_warmup.ipynb, released with nbgrader) and changes what a real
student, or an attacker, would change. ``expected.csv`` is the table the whole corpus,
graded in one batch, must give: one row per student, the score of each exercise, the total
and the status.
"""

import copy
import json
import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SOURCE = HERE / "toy_course" / "solutions" / "toy_warmup.ipynb"

MEAN = "def mean_rows(x):\n    return x.mean(axis=1)\n"
RELU = "def relu_forward(x):\n    out = np.maximum(x, THRESHOLD)\n    return out, out\n"
COUNT = "def count_positive(x):\n    return int(np.sum(x > THRESHOLD))\n"
CORRECT = {"mean_rows_answer": MEAN, "relu_forward_answer": RELU, "count_positive_answer": COUNT}
WRONG = {"mean_rows_answer": "def mean_rows(x):\n    return x.mean(axis=0)\n",
         "relu_forward_answer": "def relu_forward(x):\n    return np.minimum(x, 0), None\n",
         "count_positive_answer": "def count_positive(x):\n    return int(np.sum(x >= 0))\n"}

SNOOP = '''import json, os

def _readable_files():
    """Every notebook, gradebook or result file this process can read, but its own."""
    skip = {"proc", "sys", "usr", "dev", ".pyenv", "site-packages", ".git"}
    for folder, subfolders, files in os.walk("/"):
        subfolders[:] = [d for d in subfolders if d not in skip]
        for f in files:
            path = os.path.join(folder, f)
            if f.endswith((".ipynb", ".db", ".json")) and not path.startswith(os.getcwd()):
                yield path

for _path in _readable_files():
    print("SNOOPED", _path)
    try:
        _cells = json.load(open(_path))["cells"]
    except Exception:
        continue
    for _cell in _cells:
        _code = "".join(_cell.get("source", ""))
        if "def " in _code and "return" in _code and "NotImplementedError" not in _code:
            try:
                exec(_code)
                print("STOLEN from", _path)
            except Exception:
                pass

if "mean_rows" not in dir():
    def mean_rows(x):
        return x.sum(axis=1)
'''

GRADEBOOK_WRITER = '''import glob, json, os, sqlite3

for _top in ["/"]:
    for _folder, _subs, _files in os.walk(_top):
        _subs[:] = [d for d in _subs if d not in ("proc", "sys", "usr", "dev", ".pyenv", ".git")]
        for _f in _files:
            _path = os.path.join(_folder, _f)
            if _f.endswith(".db"):
                try:
                    _db = sqlite3.connect(_path)
                    _db.execute("UPDATE grade SET auto_score = 100")
                    _db.commit()
                    print("WROTE GRADEBOOK", _path)
                except Exception as err:
                    pass
            elif _f.endswith(".json") and "results" in _folder:
                try:
                    _r = json.load(open(_path))
                    for _e in _r["exercises"]:
                        _e["score"] = 0.0 if _r["student"] == "correct" else 100.0
                    json.dump(_r, open(_path, "w"))
                    print("WROTE RESULT", _path)
                except Exception:
                    pass
'''

NJIT_LOOP = '''from numba import njit

@njit
def _spin(x):
    total = 0.0
    i = 0
    while i >= 0:
        total += x[i % x.shape[0], 0]
        i = (i + 1) % 1000
    return total

def mean_rows(x):
    _spin(x)
    return x.mean(axis=1)
'''

PATCH_NUMPY = '''import numpy
numpy.allclose = lambda *a, **k: True
numpy.isclose = lambda a, b, *args, **k: numpy.ones(numpy.shape(a), dtype=bool)
numpy.array_equal = lambda *a, **k: True
numpy.testing.assert_allclose = lambda *a, **k: None
numpy.ndarray = type("ndarray", (), {})
'''

PATCH_CHECKS = '''import course.checks
import course.checks.checker as _checker
import course.checks.compare as _compare
from course.checks.checker import CaseResult, StudentRun
_compare.difference = lambda *a, **k: None
_compare.same = lambda *a, **k: True
_checker.judge = lambda exercise, case, run, expected=None: CaseResult(case.group, True)
_checker.run_student = lambda exercise, obj, case: StudentRun(output=None, args_after=case.args)
course.checks.check = lambda *a, **k: None
check = lambda *a, **k: None
'''

TRANSFORMER = MEAN + '''
def _blank(lines):
    return []

get_ipython().input_transformers_cleanup.append(_blank)
'''

TAMPER = '''import os

def count_positive(x):
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith("socket:"):
                os.write(int(fd), b"\\x00\\x00\\x00\\x07garbage")
        except OSError:
            pass
    return int(np.sum(x > THRESHOLD))
'''

MEMORY_BOMB = '''_hog = []

def count_positive(x):
    if not _hog:
        try:
            while True:
                _hog.append(np.ones(10**7))     # 80 MB more, written, each time
        except MemoryError:
            print(f"MemoryError after {len(_hog) * 80} MB")
            _hog[:] = [None]
    return int(np.sum(x > THRESHOLD))
'''

WARNS = '''import sys, warnings

def mean_rows(x):
    warnings.warn("a warning that must not cost points")
    print("and some stderr", file=sys.stderr)
    with np.errstate(divide="warn"):
        np.ones(1) / np.zeros(1)
    return x.mean(axis=1)
'''

HUGE_REPLY = '''import os, struct, sys

def _frame(text):
    data = text.encode()
    return struct.pack(">I", len(data)) + data

def _cases():
    frame = sys._getframe(1)
    while frame is not None:
        msg = frame.f_locals.get("msg")
        if isinstance(msg, dict) and "cases" in msg:
            return msg["cases"]
        frame = frame.f_back
    return 1

def count_positive(x):
    n = _cases()
    header = ('{"__dict__": {"op": "ran", "defined": true, "is_reference": false, '
              '"reference_called": false, "runs": {"__int__": "%d"}}}' % n)
    small = '{"__dict__": {"output": null, "args_after": null, "error": null, "not_written": false}}'
    huge = ('{"__dict__": {"output": [' + "[]," * (20_000_000 - 1) + '[]], "args_after": null, '
            '"error": null, "not_written": false}}')
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith("socket:"):
                os.write(int(fd), _frame(header) + _frame(huge) + b"".join([_frame(small)] * (n - 1)))
                os._exit(0)
        except OSError:
            pass
    return int(np.sum(x > THRESHOLD))
'''

# Reaching the reference while its exercise is graded: before, these four were credited.
REF_SOURCE_TEXT = """import importlib, importlib.util, os
_source = open(importlib.import_module("course.ops.activations").__file__).read()
with open("copied_activations.py", "w") as _f:
    _f.write(_source)
_spec = importlib.util.spec_from_file_location("copied", os.path.abspath("copied_activations.py"))
_copied = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_copied)

def relu_forward(x):
    return getattr(_copied, "relu_" + "forward")(x)
"""
REF_CLOSURE = """import importlib
_w = getattr(importlib.import_module("course.ops"), "relu_" + "forward")
_inner = [c.cell_contents for c in (_w.__closure__ or ())
          if getattr(c.cell_contents, "__name__", "") == _w.__name__]
_original = _inner[0] if _inner else _w

def relu_forward(x):
    return _original(x)
"""
REF_PARTIAL = """import functools, importlib
_p = functools.partial(getattr(importlib.import_module("course.ops"), "relu_" + "forward"))

def relu_forward(x):
    return _p(x)
"""
REF_COMPILED_IN_PACKAGE = """import importlib
_ops = importlib.import_module("course.ops")
_ns = {"_ops": _ops}
exec(compile("def relu_forward(x):\\n    return getattr(_ops, 'relu_forward')(x)\\n",
             _ops.__file__, "exec"), _ns)
relu_forward = _ns["relu_forward"]
"""
REF_GC = """import gc
_found = [f for f in gc.get_objects() if callable(f) and
          getattr(f, "__name__", "") == "relu_" + "forward" and
          "course" in getattr(getattr(f, "__code__", None), "co_filename", "")]

def relu_forward(x):
    for f in _found:
        try:
            return f(x)
        except Exception:
            pass
    raise RuntimeError("no reference found")
"""

PARTLY_RIGHT = {"mean_rows_answer": MEAN, "relu_forward_answer": WRONG["relu_forward_answer"]}
SYNTAX_ERROR = "def mean_rows(x)\n    return x.mean(axis=1)\n"
MAGICS = "%time _ = 1\n!echo a shell command\n" + RELU
PY_LOOP = "def mean_rows(x):\n    while True:\n        pass\n"
CELL_LOOP = MEAN + "\nwhile True:\n    pass\n"
SEGFAULT = ("import ctypes\n\ndef relu_forward(x):\n    ctypes.string_at(0)\n"
            "    return np.maximum(x, 0), None\n")
FORK_BOMB = MEAN + "\nimport os\nwhile True:\n    os.fork()\n"
BIG_OUTPUT = RELU + '\nprint("x" * 50_000_000)\n'
SYS_EXIT = {"mean_rows_answer": "import sys\n\ndef mean_rows(x):\n    sys.exit(0)\n",
            "relu_forward_answer": RELU + "\nimport sys\nsys.exit(1)\n",
            "count_positive_answer": COUNT}
OS_EXIT = {"mean_rows_answer": MEAN,
           "relu_forward_answer": RELU + "\nimport os\nos._exit(0)\n",
           "count_positive_answer": "import os\n\ndef count_positive(x):\n    os._exit(3)\n"}
IMPORTS_REFERENCE = "from course.ops import relu_forward\n"
CALLS_REFERENCE = ("import importlib\n_m = importlib.import_module('course.' + 'ops')\n\n"
                   "def relu_forward(x):\n    return getattr(_m, 'relu_' + 'forward')(x)\n")
USES_EXTRA_CELL = "def mean_rows(x):\n    return _row_means(x)\n"
NBFORMAT3 = b'{"nbformat": 3, "nbformat_minor": 0, "worksheets": []}'
INVALID = "invalid notebook: "

# student -> (answer cells, notebook change, expected scores (mean, relu, count), status)
CASES = {
    "correct": (CORRECT, None, (2, 1, 1), "ok"),
    "wrong": (WRONG, None, (0, 0, 0), "ok"),
    "partly_right": (PARTLY_RIGHT, None, (2, 0, 0), "ok"),
    "not_written": ({}, None, (0, 0, 0), "nothing written"),
    "syntax_error": ({**CORRECT, "mean_rows_answer": SYNTAX_ERROR}, None, (0, 1, 1), "ok"),
    "magics": ({**CORRECT, "relu_forward_answer": MAGICS}, None, (2, 1, 1), "ok"),
    "python_loop": ({**CORRECT, "mean_rows_answer": PY_LOOP}, None, (0, 1, 1),
                    "timeout: toy.mean_rows"),
    "njit_loop": ({**CORRECT, "mean_rows_answer": NJIT_LOOP}, None, (0, 1, 1),
                  "timeout: toy.mean_rows"),
    "cell_loop": ({**CORRECT, "mean_rows_answer": CELL_LOOP}, None, (2, 1, 1), "cell timeout"),
    "segfault": ({**CORRECT, "relu_forward_answer": SEGFAULT}, None, (2, 0, 1),
                 "crash: toy.relu_forward"),
    "memory_bomb": ({**CORRECT, "count_positive_answer": MEMORY_BOMB}, None, (2, 1, 1), "ok"),
    "fork_bomb": ({**CORRECT, "mean_rows_answer": FORK_BOMB}, None, (2, 1, 1), "ok"),
    "big_output": ({**CORRECT, "relu_forward_answer": BIG_OUTPUT}, None, (2, 1, 1), "ok"),
    "snooping": ({"mean_rows_answer": SNOOP}, None, (0, 0, 0), "ok"),
    "gradebook_writer": ({"mean_rows_answer": GRADEBOOK_WRITER}, None, (0, 0, 0), "ok"),
    "input_transformer": ({"mean_rows_answer": TRANSFORMER}, None, (2, 0, 0), "ok"),
    "patch_numpy": ({**WRONG, "mean_rows_answer": PATCH_NUMPY + WRONG["mean_rows_answer"]},
                    None, (0, 0, 0), "ok"),
    "patch_checks": ({**WRONG, "mean_rows_answer": PATCH_CHECKS + WRONG["mean_rows_answer"]},
                     None, (0, 0, 0), "ok"),
    "sys_exit": (SYS_EXIT, None, (0, 1, 1), "ok"),
    "os_exit": (OS_EXIT, None, (2, 0, 0),
                "crash: toy.relu_forward, toy.count_positive; cell crash"),
    "protocol_tamper": ({**CORRECT, "count_positive_answer": TAMPER}, None, (2, 1, 0),
                        "tampering: toy.count_positive"),
    "uses_reference": ({**CORRECT, "relu_forward_answer": IMPORTS_REFERENCE}, None, (2, 0, 1),
                       "used the reference: toy.relu_forward"),
    "reference_tripwire": ({**CORRECT, "relu_forward_answer": CALLS_REFERENCE}, None, (2, 0, 1),
                           "used the reference: toy.relu_forward"),
    "warns": ({**CORRECT, "mean_rows_answer": WARNS}, None, (2, 1, 1), "ok"),
    "edited_locked": (CORRECT, "edit_locked", (2, 1, 1), "edited read-only cells"),
    "deleted_locked": (CORRECT, "delete_locked", (2, 1, 1), "deleted read-only cells"),
    "extra_cells": ({**CORRECT, "mean_rows_answer": USES_EXTRA_CELL}, "extra_cell", (2, 1, 1),
                    "extra cells"),
    "missing_answer": (CORRECT, "delete_answer", (2, 1, 0), "missing solution cells"),
    "invalid_json": (None, b'{"cells": [', (0, 0, 0),
                     INVALID + "not valid JSON (line 1, column 12)"),
    "empty": (None, b"", (0, 0, 0), INVALID + "empty file"),
    "binary": (None, bytes(range(256)) * 4, (0, 0, 0), INVALID + "not a text file (binary data)"),
    "nbformat3": (None, NBFORMAT3, (0, 0, 0), INVALID + "nbformat 3 is not supported (need 4)"),
    "renamed": (CORRECT, "folder:Copy of toy_warmup.ipynb", (2, 1, 1), "renamed notebook"),
    "duplicates": (CORRECT, "duplicates", (2, 1, 1), "duplicate submissions"),
    "no_notebook": (None, "no_notebook", (0, 0, 0), INVALID + "no notebook found"),
    "huge_reply": ({**CORRECT, "count_positive_answer": HUGE_REPLY}, None, (2, 1, 0), "ok"),
    "reference_source_text": ({**CORRECT, "relu_forward_answer": REF_SOURCE_TEXT}, None,
                              (2, 0, 1), "ok"),
    "reference_closure": ({**CORRECT, "relu_forward_answer": REF_CLOSURE}, None, (2, 0, 1),
                          "ok"),
    "reference_partial": ({**CORRECT, "relu_forward_answer": REF_PARTIAL}, None, (2, 0, 1),
                          "used the reference: toy.relu_forward"),
    "reference_compiled_in_package": ({**CORRECT, "relu_forward_answer":
                                       REF_COMPILED_IN_PACKAGE}, None, (2, 0, 1), "ok"),
    "reference_gc": ({**CORRECT, "relu_forward_answer": REF_GC}, None, (2, 0, 1), "ok"),
    "not_utf8": (None, b'{"cells": [], "nbformat": 4, "metadata": {"name": "caf\xe9"}}',
                 (0, 0, 0), INVALID + "not UTF-8 text (byte 0xE9 at line 1, column 55)"),
    "=HYPERLINK(1)": (CORRECT, None, (2, 1, 1), "ok"),
}

# Built when the corpus is graded, not kept in the repository: a file too large to keep,
# a notebook of too many cells, a folder whose name is not UTF-8.
GENERATED = {
    "too_large": (0, 0, 0, INVALID + "too large (50,000,001 bytes; the limit is 50,000,000)"),
    "too_many_cells": (0, 0, 0, INVALID + "too many cells (200,000; the limit is 5,000)"),
    "caf\\xe9": (2, 1, 1, "renamed notebook"),
}


def generate(folder):
    """Write the GENERATED submissions into ``folder``."""
    (folder / "too_large.ipynb").write_bytes(b" " * 50_000_000 + b"{")
    cells = [{"cell_type": "markdown", "metadata": {}, "source": "x"}] * 200_000
    (folder / "too_many_cells.ipynb").write_text(json.dumps({"nbformat": 4, "cells": cells}))
    student = folder / os.fsdecode(b"caf\xe9")
    student.mkdir()
    text = json.dumps(_answer(released(), CORRECT))
    (student / "my notebook.ipynb").write_text(text)


def released():
    """The student version of the toy chapter, as nbgrader generates it."""
    import tempfile

    from autograder.release import generate
    with tempfile.TemporaryDirectory() as tmp:
        return json.loads(generate([SOURCE], f"sqlite:///{tmp}/gb.db")["toy_warmup"])


def _answer(nb, answers):
    for cell in nb["cells"]:
        gid = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell["source"] = answers[gid]
    return nb


def _change(nb, how):
    cells = nb["cells"]
    gid = lambda c: c["metadata"].get("nbgrader", {}).get("grade_id")  # noqa: E731
    if how == "edit_locked":
        for c in cells:
            if gid(c) == "setup_code":
                c["source"] = "import numpy as np\nnp.mean = None   # sabotage, ignored\n"
            if gid(c) == "mean_rows_check":
                c["source"] = "pass"
    elif how == "delete_locked":
        nb["cells"] = [c for c in cells
                       if not str(gid(c)).endswith("_check") and gid(c) != "intro_md"]
    elif how == "extra_cell":
        at = next(i for i, c in enumerate(cells) if gid(c) == "setup_code")
        cells.insert(at + 1, {"cell_type": "code", "execution_count": None, "metadata": {},
                              "outputs": [],
                              "source": "def _row_means(x):\n    return x.mean(axis=1)\n"})
    elif how == "delete_answer":
        nb["cells"] = [c for c in cells if gid(c) != "count_positive_answer"]
    return nb


def _row(student, row):
    *scores, status = row
    quoted = [f'"{c}"' if "," in c else c for c in (student, status)]
    return ",".join([quoted[0]] + [f"{x}" for x in scores] + [f"{sum(scores)}", quoted[1]])


def main():
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    CORPUS.mkdir()
    base = released()
    rows = ["student,toy.mean_rows,toy.relu_forward,toy.count_positive,total,status"]
    for student, (answers, change, scores, status) in CASES.items():
        if answers is None and isinstance(change, bytes):
            (CORPUS / f"{student}.ipynb").write_bytes(change)
        elif change == "no_notebook":
            (CORPUS / student).mkdir()
            (CORPUS / student / "notes.txt").write_text("I forgot to attach my notebook.\n")
        else:
            nb = _answer(copy.deepcopy(base), answers)
            if change and not change.startswith(("folder:", "duplicates")):
                nb = _change(nb, change)
            text = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
            if change and change.startswith("folder:"):
                (CORPUS / student).mkdir()
                (CORPUS / student / change[len("folder:"):]).write_text(text)
            elif change == "duplicates":
                (CORPUS / student).mkdir()
                (CORPUS / student / "toy_warmup.ipynb").write_text(text)
                wrong = json.dumps(_answer(copy.deepcopy(base), WRONG), indent=1) + "\n"
                (CORPUS / student / "toy_warmup-first-try.ipynb").write_text(wrong)
            else:
                (CORPUS / f"{student}.ipynb").write_text(text)
        rows.append(_row(student, (*scores, status)))
    rows += [_row(student, row) for student, row in GENERATED.items()]
    (HERE / "expected.csv").write_text("\n".join(rows) + "\n")
    print(f"{len(CASES)} submissions in {CORPUS}")


if __name__ == "__main__":
    os.environ.setdefault("COURSE_CHECKS_EXTRA", str(HERE / "toy_specs.py"))
    sys.path.insert(0, str(HERE.parents[1]))
    main()
