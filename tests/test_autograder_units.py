"""The autograder's pieces, one at a time (no sandbox needed, except where marked)."""

import io
import json
import os
import shutil
import socket
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest

from autograder import plan as plan_mod
from autograder import protocol, reference_use
from autograder.collect import collect
from autograder.layout import Course, safe_name, student_file
from autograder.results import DUPLICATES, RENAMED, ExerciseResult, Result
from autograder.sandbox import namespaces_work
from autograder.source import SourceError, load_assignment, parse_check_cell, without_hidden_tests
from autograder.student import InvalidNotebook, read_cells
from course.checks import registry
from instructor_loop import grade_id, with_answers

HERE = Path(__file__).parent / "autograder"
SOURCE = HERE / "toy_course" / "solutions" / "toy_warmup.ipynb"
CORPUS = HERE / "corpus"


def forget_toy_chapter():
    """Leave the registry as the other tests expect it: without the toy chapter."""
    loaded = registry._loaded
    for key in [k for k in loaded if k.endswith("toy_specs.py")]:
        del loaded[key]
    for exercise_id in [i for i in loaded.get("__all__", {}) if i.startswith("toy.")]:
        del loaded["__all__"][exercise_id]


@pytest.fixture(autouse=True)
def toy_chapter(monkeypatch):
    monkeypatch.setenv("COURSE_CHECKS_EXTRA", str(HERE / "toy_specs.py"))
    yield
    forget_toy_chapter()


def test_the_registry_loads_extra_spec_modules():
    assert registry.get("toy.mean_rows").name == "mean_rows"
    assert "toy.count_positive" in {e.id for e in registry.all_exercises()}


def test_the_source_gives_slots_with_points_and_hidden_seeds():
    assignment = load_assignment(SOURCE)
    assert [(s.exercise_id, s.points, s.seeds) for s in assignment.slots] == [
        ("toy.mean_rows", 2.0, (None, 9101)), ("toy.relu_forward", 1.0, (None, 9202)),
        ("toy.count_positive", 1.0, (None, 9303))]
    assert without_hidden_tests('check("a")\n### BEGIN HIDDEN TESTS\ncheck("a", hidden_seed=1)\n'
                                '### END HIDDEN TESTS') == 'check("a")'


@pytest.mark.parametrize("text, problem", [
    ('check("toy.mean_rows")\nprint(1)', "line 2 is not check"),
    ('check("toy.mean_rows")\ncheck("toy.relu_forward")', "several exercises"),
    ('check("toy.mean_rows", hidden_seed="7")', "line 1 is not check"),
    ('x = check("toy.mean_rows")', "line 1 is not check"),
    ("pass", "line 1 is not check"),
    ("", "no check"),
])
def test_check_cells_must_be_plain_check_calls(text, problem):
    with pytest.raises(SourceError, match=problem):
        parse_check_cell(text)


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"), (b"  \n", "empty file"), (bytes(range(256)), "binary"),
    (b'{"cells": [', "not valid JSON"), (b"[1, 2]", "no cells"),
    (b'{"nbformat": 3, "worksheets": []}', "nbformat 3"),
    (b'{"nbformat": 4, "cells": [{"cell_type": "code", "source": 7}]}', "malformed source"),
    (b'{"nbformat": 4, "cells": [{"cell_type": "python"}]}', "malformed"),
])
def test_unusable_files_are_named(data, reason):
    with pytest.raises(InvalidNotebook, match=reason):
        read_cells(data)


def _plan(student):
    return plan_mod.make_plan(load_assignment(SOURCE), read_cells((CORPUS / student).read_bytes()))


def test_the_plan_runs_answers_and_the_locked_cells_grading_needs_only():
    plan = _plan("correct.ipynb")
    assert [(c.label, c.from_student, c.section) for c in plan.cells] == [
        ("setup_code", False, 0), ("mean_rows_answer", True, 0), ("threshold_code", False, 1),
        ("relu_forward_answer", True, 1), ("count_positive_answer", True, 2)]
    assert plan.notes == []


@pytest.mark.parametrize("student, note", [
    ("edited_locked.ipynb", plan_mod.EDITED), ("deleted_locked.ipynb", plan_mod.DELETED),
    ("extra_cells.ipynb", plan_mod.EXTRA), ("missing_answer.ipynb", plan_mod.MISSING_ANSWER)])
def test_the_plan_notes_changes_and_keeps_the_instructors_cells(student, note):
    plan = _plan(student)
    assert plan.notes == [note]
    setup = next(c for c in plan.cells if c.label == "setup_code")
    assert setup.code.startswith("import numpy as np\n\nfrom course import ops")


def test_another_assignments_notebook_is_named_as_such():
    nb = json.loads((CORPUS / "correct.ipynb").read_text())
    for cell in nb["cells"]:
        if "nbgrader" in cell["metadata"]:
            cell["metadata"]["nbgrader"]["grade_id"] = "other_" + cell["metadata"]["nbgrader"][
                "grade_id"]
    plan = plan_mod.make_plan(load_assignment(SOURCE), read_cells(json.dumps(nb).encode()))
    assert plan.notes == [plan_mod.OTHER_NOTEBOOK]
    assert not any(c.label.endswith("_answer") for c in plan.cells)  # no answer to grade


def test_a_copied_cell_runs_as_an_extra_cell():
    nb = json.loads((CORPUS / "correct.ipynb").read_text())
    answer = next(c for c in nb["cells"] if grade_id(c) == "mean_rows_answer")
    at = nb["cells"].index(answer)
    nb["cells"].insert(at + 1, dict(answer, source="def mean_rows(x):\n    return x.sum(axis=1)\n"))
    plan = plan_mod.make_plan(load_assignment(SOURCE), read_cells(json.dumps(nb).encode()))
    assert plan.notes == [plan_mod.EXTRA, plan_mod.DUPLICATE_IDS]
    assert [c.label for c in plan.cells[1:3]] == ["mean_rows_answer", "extra cell 1"]


def _reference_found(answer, extra=None):
    nb = with_answers(json.loads((CORPUS / "correct.ipynb").read_text()),
                      {"relu_forward_answer": answer})
    if extra:
        nb["cells"].append({"cell_type": "code", "metadata": {}, "source": extra, "outputs": [],
                            "execution_count": None})
    plan = plan_mod.make_plan(load_assignment(SOURCE), read_cells(json.dumps(nb).encode()))
    return reference_use.Finder(plan).find(registry.get("toy.relu_forward"))


@pytest.mark.parametrize("answer", [
    "from course.ops import relu_forward",
    "from course.ops.activations import relu_forward as relu_forward",
    "def relu_forward(x):\n    return ops.relu_forward(x)",
    "import course.ops.activations as act\ndef relu_forward(x):\n    return act.relu_forward(x)",
    "import course\ndef relu_forward(x):\n    return course.ops.relu_forward(x)",
    "def relu_forward(x):\n    f = getattr(ops, 'relu_forward')\n    return f(x)",
    "from course.checks import get\n"
    "def relu_forward(x):\n    return get('toy.relu_forward').reference(x)",
    "relu_forward = ops.relu_forward",
    "class relu_forward:\n    __call__ = staticmethod(ops.relu_forward)",
])
def test_the_reference_is_found_in_the_answer(answer):
    assert _reference_found(answer)


@pytest.mark.parametrize("answer, extra", [
    ("def relu_forward(x):\n    out = np.maximum(x, 0)\n    return out, out", None),
    ("def relu_forward(x):\n    out = np.maximum(x, 0)\n    return out, out",
     "mine = relu_forward(np.ones(3))\n"
     "assert np.allclose(mine[0], ops.relu_forward(np.ones(3))[0])"),
    ("def relu_forward(x):\n    out, _ = ops.sigmoid_forward(x)\n"
     "    return np.maximum(x, 0), out", None),
    ("def relu_forward(x):\n    return (x > 0) * x,", None),
    ("def relu_forward(x) %%%", None),
])
def test_other_references_and_tests_beside_the_answer_are_allowed(answer, extra):
    assert _reference_found(answer, extra) is None


def test_the_protocol_carries_plain_data_only():
    a, b = socket.socketpair()
    try:
        value = {"x": np.arange(6.0).reshape(2, 3), "n": 3, "t": (None, "s")}
        protocol.send(a.fileno(), value)
        back = protocol.recv(b.fileno(), time.monotonic() + 5)
        assert np.array_equal(back["x"], value["x"]) and back["n"] == 3 and back["t"] == (None, "s")
        for raw in (b"\xff\xff\xff\xff", protocol.HEADER.pack(5) + b"[1, 2",
                    protocol.HEADER.pack(2) + b"\x80\x81",
                    protocol.HEADER.pack(27) + b'{"__reduce__": "os.system"}'):
            a.sendall(raw)
            with pytest.raises(protocol.ProtocolError):
                protocol.recv(b.fileno(), time.monotonic() + 5)
        with pytest.raises(protocol.Timeout):
            protocol.recv(b.fileno(), time.monotonic() + 0.1)
        with pytest.raises(protocol.ProtocolError, match="expected 'ready'"):
            protocol.expect({"op": "ran"}, "ready")
        with pytest.raises(protocol.ProtocolError, match="wrong type"):
            protocol.expect({"op": "ran", "runs": True}, "ran", runs=int)
        a.close()
        with pytest.raises(protocol.Closed):
            protocol.recv(b.fileno(), time.monotonic() + 5)
    finally:
        a.close()
        b.close()


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in members:
            if name.startswith("link:"):
                info = zipfile.ZipInfo(name[5:])
                info.external_attr = (0o120777 << 16)
                z.writestr(info, "/etc/passwd")
            else:
                z.writestr(name, data)
    return buffer.getvalue()


def test_an_lms_zip_is_read_in_memory_safely(tmp_path):
    good = (CORPUS / "correct.ipynb").read_bytes()
    wrong = (CORPUS / "wrong.ipynb").read_bytes()
    archive = tmp_path / "export.zip"
    archive.write_bytes(_zip([
        ("toy_alice_attempt_2024-03-01-10-00-00_toy_warmup.ipynb", wrong),
        ("toy_alice_attempt_2024-03-02-09-00-00_my work.ipynb", good),
        ("bob/toy_warmup.ipynb", good),
        ("../../escaped.ipynb", good),
        ("dave/../../escaped.ipynb", good),
        ("link:carol/toy_warmup.ipynb", b""),
        ("__MACOSX/bob/._toy_warmup.ipynb", b"junk"),
        ("bob/notes.txt", b"not a notebook"),
    ]))
    before = set(Path(tmp_path.parent).rglob("*"))
    subs = {s.student: s for s in collect(archive, "toy_warmup")}
    assert set(Path(tmp_path.parent).rglob("*")) == before      # nothing extracted
    assert sorted(subs) == ["alice", "bob"]             # no traversal, no link, no junk
    assert subs["alice"].data == good and subs["alice"].notes == [DUPLICATES, RENAMED]
    assert subs["bob"].notes == [] and subs["bob"].file == "toy_warmup.ipynb"


def test_a_folder_may_mix_notebooks_and_student_folders(tmp_path):
    shutil.copy(CORPUS / "correct.ipynb", tmp_path / "ann.ipynb")
    (tmp_path / "ben").mkdir()
    shutil.copy(CORPUS / "wrong.ipynb", tmp_path / "ben" / "toy_warmup.ipynb")
    (tmp_path / "cat").mkdir()
    subs = collect(tmp_path, "toy_warmup")
    assert [(s.student, s.file, s.notes) for s in subs] == [
        ("ann", "ann.ipynb", []), ("ben", "toy_warmup.ipynb", []), ("cat", "", [])]


def test_student_ids_become_safe_file_names():
    assert safe_name("alice.smith-2") == "alice.smith-2"
    ids = ("..", "../../etc/passwd", ".hidden", "a b/c\\d", "a%2Eb", "a.b")
    names = {safe_name(s) for s in ids}
    assert len(names) == 6
    assert all("/" not in n and not n.startswith(".") for n in names)
    assert student_file("..") == "%2E%2E.json"


def test_the_status_tells_real_zeros_from_failures():
    def ex(status, score=0.0):
        return ExerciseResult("toy.x", "x_check", 1.0, score, status)

    assert Result("s", "a", "f", "k", [ex("failed"), ex("not written")]).status == "ok"
    r = Result("s", "a", "f", "k", [ex("timeout"), ex("crash"), ex("passed", 1.0)],
               notes=["extra cells"])
    assert r.status == "timeout: toy.x; crash: toy.x; extra cells" and r.total == 1.0
    assert Result("s", "a", "f", "k", invalid="empty file").status == "invalid notebook: empty file"
    assert Result.from_json(r.to_json()) == r


def test_release_generates_notebooks_with_nbgrader_and_checks_sync(tmp_path):
    from autograder.release import release
    shutil.copytree(SOURCE.parent, tmp_path / "solutions")
    course = Course(tmp_path)
    assert release(course) == [("toy_warmup", "written")]
    released = (tmp_path / "notebooks" / "toy_warmup.ipynb").read_text()
    assert "hidden_seed" not in released and "raise NotImplementedError()" in released
    assert "np.maximum" not in released
    assert release(course, check=True) == [("toy_warmup", "in sync")]
    (tmp_path / "notebooks" / "toy_warmup.ipynb").write_text(released.replace("Warm-up", "Warm"))
    assert release(course, check=True) == [("toy_warmup", "out of sync")]


@pytest.mark.skipif(os.getuid() != 0 or not namespaces_work(),
                    reason="the full sandbox needs root and namespaces")
def test_the_sandbox_sees_no_course_no_network_no_other_process(tmp_path):
    from autograder.collect import Submission
    from autograder.grade import grade
    from autograder.limits import Limits
    from autograder.runner import Zygote
    probe = ("import os, socket\n"
             "print('UID', os.getuid(), os.getgroups())\n"
             "print('ROOT', sorted(os.listdir('/')))\n"
             f"print('COURSE', os.path.exists({str(SOURCE.parents[1])!r}), "
             f"os.path.exists({str(HERE)!r}))\n"
             "print('PIDS', sorted(p for p in os.listdir('/proc') if p.isdigit()))\n"
             "try:\n    socket.create_connection(('1.1.1.1', 53), timeout=2)\n"
             "    print('NET yes')\nexcept OSError as err:\n    print('NET', err.errno)\n"
             "try:\n    open('/usr/evil', 'w')\n"
             "except OSError as err:\n    print('USR', err.errno)\n"
             "def mean_rows(x):\n    return x.mean(axis=1)\n")
    nb = with_answers(json.loads((CORPUS / "correct.ipynb").read_text()),
                      {"mean_rows_answer": probe})
    zygote = Zygote()
    try:
        result = grade(load_assignment(SOURCE), Submission("probe", "toy_warmup.ipynb",
                                                           json.dumps(nb).encode()),
                       "k", zygote, 61000, Limits())
    finally:
        zygote.close()
    out = dict(line.split(" ", 1) for line in result.output.splitlines() if line[:3].isupper())
    assert result.total == 4
    assert out["UID"] == "61000 []"
    assert out["COURSE"] == "False False"
    import course
    library_top = Path(course.__file__).resolve().parts[1]   # e.g. "work" for /work/main/course
    assert f"'{library_top}'" in out["ROOT"]                 # only the bound library paths
    assert "solutions" not in out["ROOT"] and "autograder_data" not in out["ROOT"]
    assert out["PIDS"] == "['1']"
    assert out["NET"] == "101"      # ENETUNREACH
    assert out["USR"] in ("13", "30")   # EACCES or EROFS
