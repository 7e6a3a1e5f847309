"""How many cores this process may use, and how many of them other processes leave free.

Two numbers decide how many threads a matrix product should get:

- **capacity**: the cores this process may run on at all: the CPUs of its affinity mask
  (``taskset``, a batch scheduler), limited by a cgroup CPU quota (a container or a
  JupyterHub spawner with ``cpu_limit``: ``cpu.max`` in cgroup v2, ``cpu.cfs_quota_us`` /
  ``cpu.cfs_period_us`` in v1), rounded down, since a thread that overruns the quota is
  stopped until the next period;
- **others**: the cores other processes kept busy over the last moment, from the kernel's
  counters in ``/proc/stat`` (all busy time, including time a hypervisor stole) minus this
  process's own CPU time (``time.process_time``). Unlike the load average, which follows the
  machine over a minute, this answers within a fraction of a second.

``pick_threads`` turns them into a thread count; ``OthersMeter`` measures ``others``. Both
are plain functions of their inputs, so they are tested with made-up numbers.
"""

import math
import os
import time


def pick_threads(capacity, others, cpus):
    """Threads for a matrix product: the free cores, rounded to the nearest whole core.

    ``capacity`` cores may be used by this process, ``cpus`` exist on the machine and other
    processes keep ``others`` of them busy (a float). A core counts as free when other
    processes use less than half of it: a thread that shares its core waits for the
    scheduler's time slice, and every thread of the product waits for the slowest. Always
    at least 1 thread, never more than ``capacity``.
    """
    if capacity < 1 or cpus < 1:
        raise ValueError(f"capacity and cpus must be at least 1, got {capacity} and {cpus}")
    free = cpus - max(0.0, others)
    return max(1, min(int(capacity), int(math.floor(free + 0.5))))


def quota_cores(cpu_max):
    """Cores allowed by a cgroup v2 ``cpu.max`` text (``"200000 100000"``); None if "max"."""
    fields = cpu_max.split()
    if not fields or fields[0] == "max":
        return None
    period = int(fields[1]) if len(fields) > 1 else 100000
    return int(fields[0]) / period


def quota_cores_v1(quota_us, period_us):
    """Cores allowed by cgroup v1 ``cpu.cfs_quota_us`` / ``cpu.cfs_period_us``; None if -1."""
    quota = int(quota_us)
    return None if quota < 0 else quota / int(period_us)


def cgroup_cpu_dirs(proc_self_cgroup):
    """Directories that may hold this process's CPU quota, from ``/proc/self/cgroup``'s text.

    Its own cgroup's directory first (cgroup v2, then v1's ``cpu`` controller), then the
    mount roots (inside a container the process's cgroup is the root of the mount).
    """
    dirs = []
    for line in proc_self_cgroup.splitlines():
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        if parts[0] == "0" and parts[1] == "":
            dirs.insert(0, "/sys/fs/cgroup" + parts[2].rstrip("/"))
        elif "cpu" in parts[1].split(","):
            dirs.append(f"/sys/fs/cgroup/{parts[1]}{parts[2].rstrip('/')}")
    return dirs + ["/sys/fs/cgroup", "/sys/fs/cgroup/cpu"]


def _read(path):
    with open(path) as f:
        return f.read()


def _quota_in(directory):
    if os.path.exists(directory + "/cpu.max"):
        return quota_cores(_read(directory + "/cpu.max"))
    return quota_cores_v1(_read(directory + "/cpu.cfs_quota_us"),
                          _read(directory + "/cpu.cfs_period_us"))


def cgroup_quota():
    """Cores this process's cgroup may use (a float), or None when unlimited or unknown."""
    try:
        dirs = cgroup_cpu_dirs(_read("/proc/self/cgroup"))
    except OSError:
        return None
    for directory in dirs:
        try:
            return _quota_in(directory)
        except (OSError, ValueError, IndexError):
            continue
    return None


def capacity(affinity, quota):
    """Cores a process may use: ``affinity`` CPUs, limited by a cgroup ``quota`` (cores, or
    None for no quota) rounded down; at least 1."""
    cores = affinity if quota is None else min(affinity, math.floor(quota))
    return max(1, int(cores))


def usable_cores():
    """``capacity`` of this process, from its affinity mask and its cgroup's quota."""
    try:
        affinity = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        affinity = os.cpu_count() or 1
    return capacity(affinity, cgroup_quota())


def read_proc_stat(text):
    """``(busy, total)`` clock ticks over all CPUs from the text of ``/proc/stat``."""
    fields = [int(v) for v in text.split("\n", 1)[0].split()[1:9]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def others_busy(before, after, cpus):
    """Cores used by other processes between two samples ``(busy, total, own_seconds,
    wall_seconds)``: the machine's busy share of ``cpus`` minus this process's own use."""
    busy, total = after[0] - before[0], after[1] - before[1]
    wall = after[3] - before[3]
    if total <= 0 or wall <= 0:
        return 0.0
    own = (after[2] - before[2]) / wall
    return max(0.0, cpus * busy / total - own)


class OthersMeter:
    """Cores used by other processes since the previous reading (``/proc/stat``, Linux)."""

    def __init__(self, cpus=None):
        self.cpus = cpus or os.cpu_count() or 1
        self.last = self.sample()

    @staticmethod
    def sample():
        """``(busy ticks, total ticks, own CPU seconds, wall seconds)``, or None off Linux."""
        try:
            with open("/proc/stat") as f:
                busy, total = read_proc_stat(f.readline())
        except (OSError, ValueError, IndexError):
            return None
        return busy, total, time.process_time(), time.monotonic()

    def read(self):
        """Cores other processes used since the last call (or creation); None if unknown."""
        now = self.sample()
        before, self.last = self.last, now
        if before is None or now is None:
            return None
        return others_busy(before, now, self.cpus)
