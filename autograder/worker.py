"""The untrusted side: runs one student's cells and exercises, answers in plain data.

It runs inside the sandbox (autograder.sandbox), forked from the warm zygote, with its
protocol on a dedicated socket (never stdout: student code owns stdout and stderr, which
go to a pipe the grader reads and truncates by bytes). The reference of the exercise it is
started for is withheld (autograder.withhold) before any student code runs. Each cell runs in an IPython shell
(magics work, an error ends only that cell); each exercise's cases are run with
:func:`course.checks.checker.run_student` and sent back as plain data. Nothing here is
trusted by the grader: a student can patch any of it in this process, and only ever
changes the outputs the grader then compares with the reference on its side.
"""

import io
import os
import signal
import sys

from autograder import protocol
from autograder.tripwire import Tripwire
from autograder.withhold import withhold
from course.checks import registry
from course.checks.checker import StudentRun, run_student
from course.checks.spec import Case

MAX_ERROR = 2000
_MISSING = object()


class _State:
    in_student_code = False


def _on_interrupt(signum, frame):
    """SIGINT from the grader (a cell ran too long) interrupts student code only."""
    if _State.in_student_code:
        raise KeyboardInterrupt()


def _new_shell():
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config
    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "NoColor"
    config.InteractiveShell.xmode = "Plain"
    shell = InteractiveShell.instance(config=config)
    shell.register_magic_function(lambda line: None, "line", "matplotlib")
    shell.system = shell.system_raw     # ``!cmd`` without a pseudo-terminal
    return shell


def _streams():
    for fd, name in ((1, "stdout"), (2, "stderr")):
        stream = io.TextIOWrapper(io.FileIO(fd, "w", closefd=False), encoding="utf-8",
                                  errors="backslashreplace", write_through=True)
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)


def _student(call, *args):
    """Run student code with SIGINT enabled; never returns in a forked child."""
    pid = os.getpid()
    _State.in_student_code = True
    try:
        return call(*args)
    finally:
        _State.in_student_code = False
        if os.getpid() != pid:
            os._exit(0)


def _exec(shell, code):
    result = _student(shell.run_cell, code, True)
    err = result.error_before_exec or result.error_in_exec
    return None if err is None else f"{type(err).__name__}: {err}"[:MAX_ERROR]


def _run_case(exercise, obj, args):
    try:
        return _student(run_student, exercise, obj, Case("", args))
    except BaseException as err:  # SystemExit, KeyboardInterrupt... inside the call
        return StudentRun(error=f"{type(err).__name__} {err}"[:MAX_ERROR])


def _encode_run(run):
    fields = {"output": run.output, "args_after": run.args_after,
              "not_written": bool(run.not_written),
              "error": None if run.error is None else str(run.error)[:MAX_ERROR]}
    try:
        return protocol.encode(fields)
    except Exception as err:  # not plain data, or a hostile object
        error = f"returned something that is not plain data ({err})"[:MAX_ERROR]
        return protocol.encode({"output": None, "args_after": None, "not_written": False,
                                "error": error})


def _run_exercise(fd, shell, tripwire, msg):
    exercise = registry.get(msg["exercise"])
    cases = [protocol.recv(fd) for _ in range(msg["cases"])]
    obj = shell.user_ns.get(exercise.name, _MISSING)
    if obj is _MISSING:
        protocol.send(fd, {"op": "ran", "defined": False, "is_reference": False,
                           "reference_called": False, "runs": 0})
        return
    is_reference = tripwire.is_reference(exercise, obj)
    tripwire.arm(exercise.id)
    texts = [_encode_run(_run_case(exercise, obj, args)) for args in cases]
    called = tripwire.disarm()
    protocol.send(fd, {"op": "ran", "defined": True, "is_reference": is_reference,
                       "reference_called": called, "runs": len(texts)})
    for text in texts:
        protocol.send_text(fd, text)


def serve(fd):
    """The worker's loop on protocol socket ``fd``; ends the process when the grader is done."""
    _streams()
    signal.signal(signal.SIGINT, _on_interrupt)
    start = protocol.expect(protocol.recv(fd), "start", exercises=list, notebook=str, text=str)
    name = os.path.basename(start["notebook"])
    if not name.endswith(".ipynb") or name.startswith("."):
        name = "submission.ipynb"
    with open(name, "w", encoding="utf-8") as f:
        f.write(start["text"])
    if isinstance(start.get("withhold"), str):
        withhold(registry.get(start["withhold"]))     # before any student code runs
    tripwire = Tripwire([registry.get(i) for i in start["exercises"]])
    shell = _new_shell()
    protocol.send(fd, {"op": "ready"})
    while True:
        try:
            msg = protocol.recv(fd)
        except protocol.Closed:
            break
        if msg.get("op") == "exec":
            protocol.send(fd, {"op": "executed", "error": _exec(shell, msg["code"])})
        elif msg.get("op") == "run":
            _run_exercise(fd, shell, tripwire, msg)
        else:
            break
    os._exit(0)
