"""A busy machine on demand, and the idle-versus-loaded table of the benchmarks.

``--load N`` in a benchmark starts N busy processes (each a Python loop using one core, as a
classmate's training or a grading worker would), measures every contender under that load
as well as without it, and always ends them: on return, on an error, on Ctrl-C. A busy
process also ends itself within a second if the benchmark dies without cleaning up (it
watches its parent's process id).
"""

import contextlib
import os
import subprocess
import sys

BUSY_LOOP = """
import os
parent = os.getppid()
while os.getppid() == parent:
    for _ in range(2_000_000):
        pass
"""


@contextlib.contextmanager
def busy_processes(n):
    """Run ``n`` processes that each keep one core busy, for the duration of the block."""
    if n < 0:
        raise ValueError(f"--load must be 0 or more busy processes, got {n}")
    procs = []
    try:
        for _ in range(n):
            procs.append(subprocess.Popen([sys.executable, "-c", BUSY_LOOP],
                                          stdin=subprocess.DEVNULL))
        yield procs
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def loadavg():
    """The 1-minute load average of the machine (``/proc/loadavg``), or None."""
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def idle_and_loaded(contenders, load, rounds=1):
    """``{name: (idle seconds, loaded seconds or None)}`` and the load averages seen.

    ``contenders`` maps a name to a function that measures in a fresh process and returns
    seconds (or None when that contender could not run). Each round runs all of them idle,
    then, when ``load`` > 0, all again with ``load`` busy processes running; each figure is
    the fastest of the ``rounds`` (on a shared machine, the least disturbed one).
    """
    seen = {"idle": [loadavg()], "loaded": []}
    runs = {name: ([], []) for name in contenders}
    for _ in range(rounds):
        for name, measure in contenders.items():
            runs[name][0].append(measure())
            seen["idle"].append(loadavg())
        if load:
            with busy_processes(load):
                for name, measure in contenders.items():
                    runs[name][1].append(measure())
                    seen["loaded"].append(loadavg())

    def fastest(values):
        known = [v for v in values if v is not None]
        return min(known) if known else None
    return {name: (fastest(i), fastest(l)) for name, (i, l) in runs.items()}, seen


def print_table(title, times, seen, load, reference="pytorch"):
    """The contenders side by side: idle, under load, loaded/idle, and idle x of reference."""
    base = (times.get(reference) or (None,))[0]
    print(f"\n{title}")
    head = f"  {'':14s} {'idle s':>8s}"
    if load:
        head += f" {f'load {load} s':>9s} {'loaded/idle':>11s}"
    print(head + (f"   idle x of {reference}" if base else ""))
    for name, (idle, loaded) in times.items():
        if idle is None:
            print(f"  {name:14s} {'failed':>8s}")
            continue
        line = f"  {name:14s} {idle:8.2f}"
        if load:
            line += (f" {loaded:9.2f} {loaded / idle:11.2f}" if loaded is not None
                     else f" {'failed':>9s} {'':11s}")
        print(line + (f"   x{idle / base:5.2f}" if base else ""))
    for phase, values in seen.items():
        known = [v for v in values if v is not None]
        if known:
            print(f"  load average while {phase}: {min(known):.2f} to {max(known):.2f} "
                  f"({os.cpu_count()} CPUs)")
