"""The grader's handles on its zygote and on each sandboxed worker process."""

import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time

from autograder import protocol

START_SECONDS = 120.0   # the zygote's imports, on a cold disk


def _zygote_env():
    """A minimal environment: nothing of the grader's (tokens, paths) but what imports need."""
    keep = ("PATH", "LANG", "LC_ALL", "HOME", "COURSE_CHECKS_EXTRA", "NUMBA_CACHE_DIR",
            "NUMBA_NUM_THREADS", "COURSE_DATA_DIR")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env["PYTHONPATH"] = os.pathsep.join(os.path.abspath(p or ".") for p in sys.path
                                        if os.path.isdir(p or "."))
    return env


class Zygote:
    """A running ``python -m autograder.zygote``; :meth:`spawn` starts a worker. ``warm``:
    the ids of the exercises to be graded (the zygote runs their public cases once).
    ``library``: the autograder.withhold.LibraryCopy its sandboxes show where the library
    lives (None: the library itself)."""

    def __init__(self, warm=(), library=None):
        mine, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        env = _zygote_env() if library is None else library.env(_zygote_env())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "autograder.zygote", str(theirs.fileno()), ",".join(warm)],
            pass_fds=[theirs.fileno()], env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, cwd="/")
        theirs.close()
        self.socket = mine
        self.socket.settimeout(START_SECONDS)
        info = json.loads(self.socket.recv(65536) or b"{}")
        self.socket.settimeout(None)
        self.namespaces = bool(info.get("namespaces"))

    def spawn(self, uid, limits):
        return WorkerProcess(self, uid, limits)

    def close(self):
        self.socket.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class OutputDrain(threading.Thread):
    """Reads a worker's stdout+stderr pipe to the end: keeps the first bytes, counts the
    rest, and stops the worker once the total passes the hard limit."""

    def __init__(self, fd, kept, maximum, on_overflow):
        super().__init__(daemon=True)
        self.fd, self.kept, self.maximum, self.on_overflow = fd, kept, maximum, on_overflow
        self.head, self.total, self.overflowed = bytearray(), 0, False
        self.start()

    def run(self):
        while True:
            try:
                chunk = os.read(self.fd, 1 << 20)
            except OSError:
                break
            if not chunk:
                break
            if len(self.head) < self.kept:
                self.head += chunk[:self.kept - len(self.head)]
            self.total += len(chunk)
            if self.total > self.maximum and not self.overflowed:
                self.overflowed = True
                self.on_overflow()
        os.close(self.fd)


def describe_exit(code):
    """Why a worker stopped, from its exit code (negative: the signal that killed it)."""
    if code is None:
        return "the worker stopped"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        why = {"SIGSEGV": " (a segmentation fault)", "SIGXCPU": " (CPU time limit)",
               "SIGXFSZ": " (file size limit)", "SIGABRT": " (an abort)",
               "SIGKILL": " (killed)", "SIGBUS": " (a bus error)"}.get(name, "")
        return f"the worker was killed by {name}{why}"
    return f"the worker exited with code {code} (sys.exit or os._exit?)"


class WorkerProcess:
    """One sandboxed worker: its protocol socket, its output, its PID, its exit status."""

    def __init__(self, zygote, uid, limits):
        mine, theirs = socket.socketpair()
        out_r, out_w = os.pipe()
        status_r, status_w = os.pipe()
        config = json.dumps({"uid": uid, "limits": limits.to_json()}).encode()
        socket.send_fds(zygote.socket, [config], [theirs.fileno(), out_w, status_w])
        theirs.close()
        os.close(out_w)
        os.close(status_w)
        self.socket = mine
        self.socket.setblocking(False)
        self.fd = mine.fileno()
        self._status_fd, self._status_buf = status_r, b""
        self._exit = None
        first = self._status_line(time.monotonic() + START_SECONDS)
        if not first or not isinstance(first.get("pid"), int):
            self.socket.close()
            os.close(out_r)
            os.close(status_r)
            raise protocol.Closed("the zygote did not start a worker")
        self.pid = first["pid"]
        self._group = None if zygote.namespaces else self.pid   # it leads its own session
        self.output = OutputDrain(out_r, limits.output_kept, limits.output_max, self.kill)

    def _status_line(self, deadline):
        while b"\n" not in self._status_buf:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._status_fd], [], [], remaining)[0]:
                return None
            chunk = os.read(self._status_fd, 4096)
            if not chunk:
                return None
            self._status_buf += chunk
        line, self._status_buf = self._status_buf.split(b"\n", 1)
        return json.loads(line)

    def send(self, obj, deadline):
        protocol.send(self.fd, obj, deadline)

    def send_text(self, text, deadline):
        protocol.send_text(self.fd, text, deadline)

    def recv(self, deadline):
        return protocol.recv(self.fd, deadline)

    def recv_sized(self, deadline, max_bytes, max_values=None):
        return protocol.recv_sized(self.fd, deadline, max_bytes, max_values)

    def interrupt(self):
        self._signal(signal.SIGINT)

    def kill(self):
        """Kill the worker: as PID 1 of its namespace, everything it started dies with it
        (without namespaces: its process group)."""
        self._signal(signal.SIGKILL)
        if self._group:
            try:
                os.killpg(self._group, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def _signal(self, sig):
        try:
            os.kill(self.pid, sig)
        except ProcessLookupError:
            pass

    def exit_code(self, wait=5.0):
        """The worker's exit code once it has stopped (None if unknown)."""
        if self._exit is None:
            line = self._status_line(time.monotonic() + wait)
            self._exit = line.get("exit") if line else None
        return self._exit

    def close(self):
        """Stop the worker (if still running) and release everything."""
        self.kill()
        self.socket.close()
        self.exit_code(wait=5.0)
        os.close(self._status_fd)
        self.output.join(timeout=5.0)
