"""The limits on one submission, and applying them to a sandboxed process."""

import json
import os
import resource
from dataclasses import asdict, dataclass

MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    """Wall clocks are enforced by the grader; the rest by the kernel (setrlimit, tmpfs)."""

    exercise_seconds: float = 30.0    # one exercise's cases (then: timeout, restart)
    cell_seconds: float = 60.0        # one cell (then: interrupt, or kill and restart)
    submission_seconds: float = 900.0  # the whole submission
    cpu_seconds: int = 900            # CPU time of each worker process (RLIMIT_CPU)
    memory_mb: int = 3072             # address space of each process (RLIMIT_AS)
    processes: int = 64               # processes and threads of the sandbox user (RLIMIT_NPROC)
    file_mb: int = 64                 # largest file written (RLIMIT_FSIZE)
    disk_mb: int = 256                # the sandbox's writable space (tmpfs)
    open_files: int = 256             # RLIMIT_NOFILE
    answer_mb: int = 256              # plain data one exercise may send back
    output_kept: int = 64_000         # bytes of stdout+stderr kept in the result
    output_max: int = 1 << 30         # bytes of output after which the worker is stopped

    def to_json(self):
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text):
        return cls(**json.loads(text))


def _user_processes():
    uid = os.getuid()
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                count += os.stat(f"/proc/{entry}").st_uid == uid
            except OSError:
                pass
    return count


def apply(limits, own_user):
    """Set the resource limits of this process (inherited by its children).

    ``own_user``: the sandbox runs as a user of its own, so RLIMIT_NPROC counts only its
    processes; otherwise it counts the grader's user's too, and is raised by their number.
    """
    def cap(which, soft, hard=None):
        _, old_hard = resource.getrlimit(which)
        hard = soft if hard is None else hard
        if old_hard != resource.RLIM_INFINITY:
            soft, hard = min(soft, old_hard), min(hard, old_hard)
        resource.setrlimit(which, (soft, hard))

    nproc = limits.processes + (0 if own_user else _user_processes())
    cap(resource.RLIMIT_AS, limits.memory_mb * MB)
    cap(resource.RLIMIT_CPU, limits.cpu_seconds, limits.cpu_seconds + 5)
    cap(resource.RLIMIT_NPROC, nproc)
    cap(resource.RLIMIT_FSIZE, limits.file_mb * MB)
    cap(resource.RLIMIT_NOFILE, limits.open_files)
    cap(resource.RLIMIT_CORE, 0)
