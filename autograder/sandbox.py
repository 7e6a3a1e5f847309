"""Putting a freshly forked process into the sandbox (Linux).

The zygote forks a child for each worker; the child calls :func:`enter`, which:

1. closes every file descriptor but the worker's three;
2. where the kernel allows (root, or a permissive container), unshares new mount, PID,
   network, IPC and UTS namespaces, then forks again: the grandchild is PID 1 of its own
   PID namespace (killing it kills every process the student started) and the child stays
   behind as a trusted reaper that reports the grandchild's PID and exit status;
3. in the grandchild: builds a new root on a size-limited tmpfs with read-only bind mounts
   of the system, Python, the course library and the datasets folder only (never the
   course folder: no solutions, hidden tests, gradebook or other submissions exist
   inside), a fresh /proc and a private /tmp, and chroots into it; the network namespace
   has no interface up;
4. starts a new session (a process group the grader can kill), applies the resource
   limits, sets no-new-privileges, and when running as root drops to the sandbox user (a
   uid of its own per parallel slot, no groups).

Without namespaces (not root) it still gets its own session, an empty scratch folder and
the limits, but sees the file system as the grader's user does (see the README).
"""

import ctypes
import json
import os
import shutil
import signal
import sys
import tempfile

import course
from autograder import limits as limits_mod
from autograder.limits import Limits
from autograder.withhold import COPY_ENV

CLONE_NEWNS, CLONE_NEWUTS, CLONE_NEWIPC = 0x00020000, 0x04000000, 0x08000000
CLONE_NEWPID, CLONE_NEWNET = 0x20000000, 0x40000000
NAMESPACES = CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT = 1, 2, 4, 32
MS_BIND, MS_REC, MS_PRIVATE = 4096, 16384, 1 << 18
PR_SET_PDEATHSIG, PR_SET_NO_NEW_PRIVS = 1, 38
HOME = "/home/student"
DEVICES = ("null", "zero", "full", "random", "urandom")

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result, what):
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(source, target, fstype=None, flags=0, data=None):
    enc = lambda s: None if s is None else s.encode()  # noqa: E731
    _check(_libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)),
           f"mount {target}")


def _prctl(option, value):
    _check(_libc.prctl(option, ctypes.c_ulong(value), 0, 0, 0), "prctl")


def data_folder():
    """The datasets the sandbox may read (for locked cells that load them), or None:
    ``$COURSE_DATA_DIR``, else the grader's dataset cache (see course.data.cache)."""
    from course.data.cache import DATA_DIR_VARIABLE, cache_folder
    for folder in (os.environ.get(DATA_DIR_VARIABLE), str(cache_folder("any").parent)):
        if folder and os.path.isdir(folder):
            return os.path.abspath(folder)
    return None


def _library():
    """The folder of the course library."""
    return os.path.dirname(os.path.abspath(course.__file__))


def readable_paths():
    """What the sandbox sees, read-only: system folders, Python, the course library, the
    datasets."""
    paths = {"/usr", "/etc", sys.prefix, sys.base_prefix, sys.exec_prefix, _library(),
             data_folder()}
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/opt/conda"):
        if os.path.isdir(top) and not os.path.islink(top):
            paths.add(top)
    return sorted(p for p in paths if p and os.path.isdir(p))


def exposed(path):
    """The readable path that would show ``path`` inside the sandbox, or None."""
    path = os.path.realpath(path)
    return next((p for p in readable_paths()
                 if path == p or path.startswith(p.rstrip("/") + "/")), None)


def namespaces_work():
    """Whether this process may unshare namespaces and mount (probed in a child)."""
    pid = os.fork()
    if pid == 0:
        try:
            _check(_libc.unshare(NAMESPACES), "unshare")
            _mount(None, "/", None, MS_REC | MS_PRIVATE)
            os._exit(0)
        except BaseException:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def python_readable_by_others():
    """Whether a user of its own can read this Python and the course library (what the
    sandbox needs when it has no namespaces: e.g. not when Python lives under /root)."""
    pid = os.fork()
    if pid == 0:
        try:
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            os.listdir(os.path.dirname(os.__file__))
            os.listdir(os.path.dirname(os.path.abspath(course.__file__)))
            os._exit(0)
        except BaseException:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0


def describe(namespaces, uid):
    """One line saying which isolation measures are in force."""
    who = f"runs as uid {uid} (no groups)" if uid is not None else "runs as the grader's user"
    if namespaces:
        return (f"{who}; own mount, PID, network, IPC and UTS namespaces; root: read-only "
                f"{', '.join(readable_paths())} and a private tmpfs; no network")
    return f"{who}; no namespaces (not permitted here): same file system view, network allowed"


def _bind_read_only(path, target):
    _mount(path, target, None, MS_BIND | MS_REC)
    _mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _build_root(stage, limits, uid):
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount("tmpfs", stage, "tmpfs", MS_NOSUID | MS_NODEV, f"size={limits.disk_mb}m,mode=755")
    for path in readable_paths():
        target = stage + path
        os.makedirs(target, exist_ok=True)
        _bind_read_only(path, target)
    if os.environ.get(COPY_ENV):      # the library's sources, graded references withheld
        _bind_read_only(os.environ[COPY_ENV], stage + _library())
    for top in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        if os.path.islink("/" + top) and not os.path.lexists(f"{stage}/{top}"):
            os.symlink(os.readlink("/" + top), f"{stage}/{top}")
    os.makedirs(f"{stage}/dev")
    for name in DEVICES:
        open(f"{stage}/dev/{name}", "w").close()
        _mount(f"/dev/{name}", f"{stage}/dev/{name}", None, MS_BIND)
    for i, name in enumerate(("stdin", "stdout", "stderr")):
        os.symlink(f"/proc/self/fd/{i}", f"{stage}/dev/{name}")
    os.symlink("/proc/self/fd", f"{stage}/dev/fd")
    for path in ("/dev/shm", "/tmp"):
        os.makedirs(stage + path, exist_ok=True)
        os.chmod(stage + path, 0o1777)
    os.makedirs(stage + "/proc")
    _mount("proc", stage + "/proc", "proc", MS_NOSUID | MS_NODEV)
    os.makedirs(stage + HOME, mode=0o700)
    if uid is not None:
        os.chown(stage + HOME, uid, uid)
    os.chroot(stage)
    return HOME


def _reap(child, status_fd, scratch):
    """The trusted reaper: report the worker's PID, wait, report its exit status."""
    os.write(status_fd, (json.dumps({"pid": child}) + "\n").encode())
    while True:
        try:
            _, status = os.waitpid(child, 0)
            break
        except InterruptedError:
            continue
    if scratch:
        shutil.rmtree(scratch, ignore_errors=True)
    os.write(status_fd, (json.dumps({"exit": os.waitstatus_to_exitcode(status)}) + "\n").encode())
    os._exit(0)


def enter(config, stage, namespaces, status_fd, proto_fd, out_fd):
    """Sandbox this (freshly forked) process; returns in the worker, never in the reaper."""
    limits, uid = Limits.from_json(config["limits"]), config["uid"]
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    keep = sorted({status_fd, proto_fd, out_fd})
    os.closerange(0, keep[0])
    for low, high in zip(keep, keep[1:] + [os.sysconf("SC_OPEN_MAX")]):
        os.closerange(low + 1, high)
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    scratch = None
    if namespaces:
        _check(_libc.unshare(NAMESPACES), "unshare")
    else:
        scratch = tempfile.mkdtemp(prefix="autograder-work-")
        if uid is not None:
            os.chown(scratch, uid, uid)
    child = os.fork()
    if child:
        os.close(proto_fd)
        os.close(out_fd)
        _reap(child, status_fd, scratch)
    os.close(status_fd)
    os.setsid()
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    home = _build_root(stage, limits, uid) if namespaces else scratch
    os.chdir(home)
    null = os.open("/dev/null", os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(out_fd, 1)
    os.dup2(out_fd, 2)
    os.close(null)
    os.close(out_fd)
    limits_mod.apply(limits, own_user=uid is not None)
    _prctl(PR_SET_NO_NEW_PRIVS, 1)
    if uid is not None:
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    os.umask(0o077)
    data = data_folder()
    os.environ.clear()
    os.environ.update(HOME=home, TMPDIR="/tmp" if namespaces else home, USER="student",
                      PATH="/usr/local/bin:/usr/bin:/bin", LANG="C.UTF-8", MPLBACKEND="Agg",
                      OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
                      OMP_WAIT_POLICY="PASSIVE", **({"COURSE_DATA_DIR": data} if data else {}))
    return proto_fd
