"""The warm zygote: a clean process that has imported numpy, numba, matplotlib, IPython
and the course library once, and forks a sandboxed worker per request in milliseconds.

``python -m autograder.zygote FD [IDS]``: FD is a SOCK_SEQPACKET socket to the grader; IDS
(comma-separated exercise ids) are warmed up: their references run once on their public
cases, so that numba functions they use are compiled before any fork. It never
sees instructor data (the grader sends hidden cases to the worker, not here) nor student
data (the notebook goes straight to the worker), so a fork inherits nothing secret.

Requests (JSON, with three file descriptors attached: the worker's protocol socket, the
write end of its output pipe, the write end of its status pipe):
``{"uid": int|None, "limits": "<Limits JSON>"}``. The zygote forks; the child enters the
sandbox (autograder.sandbox) and serves (autograder.worker). The zygote exits when the
grader's end of FD closes.
"""

import json
import os
import signal
import socket
import sys
import tempfile
import traceback

PRELOAD_ENV = {"MPLBACKEND": "Agg", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
               "MKL_NUM_THREADS": "1"}


def _preload():
    """Import what student code and the worker use, so that no fork pays for it."""
    import IPython.core.interactiveshell  # noqa: F401
    import matplotlib.pyplot  # noqa: F401
    import numba  # noqa: F401
    import numpy  # noqa: F401

    import course.keras  # noqa: F401
    import course.ops  # noqa: F401
    from autograder import worker  # noqa: F401
    from course.checks import registry
    registry.all_exercises()


def _warm(exercise_ids):
    """Run each exercise's reference on its public (visible) cases once."""
    import copy

    from course.checks import registry
    for exercise_id in exercise_ids:
        exercise = registry.get(exercise_id)
        for case in exercise.cases(exercise.public_seed):
            try:
                exercise.call(exercise.reference, copy.deepcopy(case.args))
            except Exception:
                pass


def _child(control, config, stage, namespaces, fds):
    """The forked child: sandbox, then serve; never returns into the zygote's loop."""
    from autograder import sandbox, worker
    try:
        control.close()
        signal.signal(signal.SIGINT, signal.default_int_handler)
        proto, out, status = fds
        worker.serve(sandbox.enter(config, stage, namespaces, status, proto, out))
    except BaseException:
        traceback.print_exc()     # to the worker's output once sandboxed, for the record
    finally:
        os._exit(70)


def main():
    os.environ.update(PRELOAD_ENV)
    control = socket.socket(fileno=int(sys.argv[1]))
    _preload()
    _warm([i for i in (sys.argv[2] if len(sys.argv) > 2 else "").split(",") if i])
    from autograder import sandbox
    stage = tempfile.mkdtemp(prefix="autograder-root-")
    namespaces = os.getuid() == 0 and sandbox.namespaces_work()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    control.send(json.dumps({"namespaces": namespaces}).encode())
    try:
        while True:
            msg, fds, _, _ = socket.recv_fds(control, 65536, 3)
            if not msg or len(fds) != 3:
                break
            config = json.loads(msg)
            if os.fork() == 0:
                _child(control, config, stage, namespaces, fds)
            for fd in fds:
                os.close(fd)
    finally:
        os.rmdir(stage)


if __name__ == "__main__":
    main()
