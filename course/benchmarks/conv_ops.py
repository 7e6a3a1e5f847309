"""Time the convolution and pooling ops of the Keras MNIST convnet, next to PyTorch.

The network (batch 64, channels-last for ours, NCHW as PyTorch's eager default)::

    Conv2D(32, 3x3) on 28x28x1 -> MaxPool 2 -> Conv2D(64, 3x3) -> MaxPool 2 -> Conv2D(64, 3x3)

Prints milliseconds per batch (median of several rounds, each the median of many calls)
for every layer's forward and backward, ours and torch's, with the ratio ours / torch, and
the whole stack forward + backward in sequence (which is where thread pools can fight).

    python -m course.benchmarks.conv_ops                # the table
    python -m course.benchmarks.conv_ops --policies     # the stack under several threading setups
    python -m course.benchmarks.conv_ops --no-torch     # ours only
    python -m course.benchmarks.conv_ops --policies --load 2   # ... with 2 busy processes

PyTorch runs in a child process, so that its OpenMP threads never share this process with
numba's and OpenBLAS's. That child applies ``course.threads``' allocator setting (not its
OpenMP wait policy, which slows torch down), as torch gets it in a process that imported
course: without it torch page-faults its activations in every step and runs the stack
~35% slower. ``--torch-plain`` leaves torch entirely alone.

The machine may be shared: before each round the script waits (up
to ``--max-wait`` seconds) until the other processes use less than ~15% of the CPUs, and
reports how many rounds had to start busy. ``--load N`` instead starts N busy processes
itself for the whole run (and ends them), and does not wait.
"""

import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np

from course.benchmarks.load import busy_processes

BATCH = 64
CONVS = [  # name, C_in, C_out, H (square input), need_dx
    ("conv1 3x3 1->32 28x28", 1, 32, 28, False),
    ("conv2 3x3 32->64 13x13", 32, 64, 13, True),
    ("conv3 3x3 64->64 5x5", 64, 64, 5, True),
]
POOLS = [  # name, C, H
    ("pool1 2x2 26x26x32", 32, 26),
    ("pool2 2x2 11x11x64", 64, 11),
]


# ------------------------------------------------------------------------------- timing


def _cpu_busy(interval=0.25):
    """Fraction of all CPUs busy during ``interval`` (Linux), or 0.0 where unknown."""
    def read():
        with open("/proc/stat") as f:
            vals = [int(v) for v in f.readline().split()[1:]]
        idle = vals[3] + (vals[4] if len(vals) > 4 else 0)
        return sum(vals), idle
    try:
        t0, i0 = read()
        time.sleep(interval)
        t1, i1 = read()
    except OSError:
        return 0.0
    total = t1 - t0
    return 0.0 if total <= 0 else 1.0 - (i1 - i0) / total


class Timer:
    def __init__(self, rounds, calls, max_wait):
        self.rounds, self.calls, self.max_wait = rounds, calls, max_wait
        self.busy_rounds = 0
        self.total_rounds = 0

    def wait_idle(self):
        if self.max_wait <= 0:
            return
        deadline = time.monotonic() + self.max_wait
        while _cpu_busy() > 0.15:
            if time.monotonic() > deadline:
                self.busy_rounds += 1
                return
        return

    def __call__(self, fn, setup=None):
        """Median over rounds of the per-call median, in milliseconds."""
        for _ in range(3):
            fn()
        rounds = []
        for _ in range(self.rounds):
            self.wait_idle()
            self.total_rounds += 1
            ts = []
            for _ in range(self.calls):
                if setup is not None:
                    setup()
                t = time.perf_counter()
                fn()
                ts.append(time.perf_counter() - t)
            rounds.append(np.median(ts))
        return 1e3 * float(np.median(rounds))


# ---------------------------------------------------------------------------------- ours


def bench_ours(timer):
    from course.ops.conv import conv2d_backward, conv2d_forward
    from course.ops.pooling import max_pool2d_backward, max_pool2d_forward

    rng = np.random.default_rng(0)
    res = {}
    for name, cin, cout, h, need_dx in CONVS:
        x = rng.standard_normal((BATCH, h, h, cin), dtype=np.float32)
        W = (rng.standard_normal((3, 3, cin, cout), dtype=np.float32) * 0.1)
        b = np.zeros(cout, np.float32)
        out, cache = conv2d_forward(x, W, b)
        g = rng.standard_normal(out.shape, dtype=np.float32)
        fwd = timer(lambda: conv2d_forward(x, W, b))
        bwd = timer(lambda: conv2d_backward(g, cache, need_dx=need_dx))
        res[name] = (fwd, bwd)
    for name, c, h in POOLS:
        x = rng.standard_normal((BATCH, h, h, c), dtype=np.float32)
        out, cache = max_pool2d_forward(x, 2)
        g = rng.standard_normal(out.shape, dtype=np.float32)
        res[name] = (timer(lambda: max_pool2d_forward(x, 2)),
                     timer(lambda: max_pool2d_backward(g, cache)))
    res["stack fwd+bwd"] = (timer(_ours_stack(rng)), 0.0)
    return res


def _ours_stack(rng):
    """One closure running the conv/pool stack forward then backward, as a training step."""
    from course.ops.conv import conv2d_backward, conv2d_forward
    from course.ops.pooling import max_pool2d_backward, max_pool2d_forward

    x = rng.standard_normal((BATCH, 28, 28, 1), dtype=np.float32)
    Ws = [rng.standard_normal((3, 3, ci, co), dtype=np.float32) * 0.1
          for _, ci, co, _, _ in CONVS]
    bs = [np.zeros(co, np.float32) for _, _, co, _, _ in CONVS]
    g3 = rng.standard_normal((BATCH, 3, 3, 64), dtype=np.float32)

    def step():
        h1, c1 = conv2d_forward(x, Ws[0], bs[0])
        p1, cp1 = max_pool2d_forward(h1, 2)
        h2, c2 = conv2d_forward(p1, Ws[1], bs[1])
        p2, cp2 = max_pool2d_forward(h2, 2)
        h3, c3 = conv2d_forward(p2, Ws[2], bs[2])
        d, _, _ = conv2d_backward(g3, c3)
        d = max_pool2d_backward(d, cp2)
        d, _, _ = conv2d_backward(d, c2)
        d = max_pool2d_backward(d, cp1)
        conv2d_backward(d, c1, need_dx=False)
    return step


# --------------------------------------------------------------------------------- torch


def bench_torch(timer):
    import torch

    torch.manual_seed(0)
    res = {}

    def fwd_bwd(module, x, g):
        def fwd():
            module(x)
        y = module(x)

        def bwd():
            y.backward(g, retain_graph=True)
        return timer(fwd), timer(bwd)

    for name, cin, cout, h, need_dx in CONVS:
        conv = torch.nn.Conv2d(cin, cout, 3)
        x = torch.randn(BATCH, cin, h, h, requires_grad=need_dx)
        g = torch.randn(BATCH, cout, h - 2, h - 2)
        res[name] = fwd_bwd(conv, x, g)
    for name, c, h in POOLS:
        pool = torch.nn.MaxPool2d(2)
        x = torch.randn(BATCH, c, h, h, requires_grad=True)
        g = torch.randn(BATCH, c, h // 2, h // 2)
        res[name] = fwd_bwd(pool, x, g)

    convs = [torch.nn.Conv2d(ci, co, 3) for _, ci, co, _, _ in CONVS]
    pool = torch.nn.MaxPool2d(2)
    x = torch.randn(BATCH, 1, 28, 28)
    g3 = torch.randn(BATCH, 64, 3, 3)

    def step():
        y = convs[2](pool(convs[1](pool(convs[0](x)))))
        y.backward(g3)
    res["stack fwd+bwd"] = (timer(step), 0.0)
    res["_threads"] = (torch.get_num_threads(), 0)
    return res


def _torch_in_child(args):
    cmd = [sys.executable, "-m", "course.benchmarks.conv_ops", "--torch-worker",
           "--rounds", str(args.rounds), "--calls", str(args.calls),
           "--max-wait", str(args.max_wait)] + (["--torch-plain"] if args.torch_plain else [])
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, check=True,
                              cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    except subprocess.CalledProcessError as e:
        print("torch benchmark failed:", e.stderr.strip().splitlines()[-1:], file=sys.stderr)
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------------- main

POLICIES = {
    # name: environment of the child process (see course/threads.py for the switches)
    "course policy (as shipped: BLAS follows the load)": {},
    "BLAS on all cores always (COURSE_FOLLOW_LOAD=off)": {"COURSE_FOLLOW_LOAD": "off"},
    "course policy, malloc tuning off": {"COURSE_MALLOC": "off"},
    "no policy: parallel kernels, numba defaults, malloc off": {
        "COURSE_THREADS": "off", "COURSE_MALLOC": "off", "COURSE_NUMBA_PARALLEL": "1"},
    "parallel kernels, numba defaults (omp busy-waits)": {
        "COURSE_THREADS": "off", "COURSE_NUMBA_PARALLEL": "1"},
    "parallel kernels, omp passive": {"COURSE_NUMBA_PARALLEL": "1", "COURSE_NUMBA_LAYER": "omp"},
    "parallel kernels, workqueue": {"COURSE_NUMBA_PARALLEL": "1",
                                    "COURSE_NUMBA_LAYER": "workqueue"},
    "parallel kernels, omp passive, BLAS 1 thread": {
        "COURSE_NUMBA_PARALLEL": "1", "COURSE_NUMBA_LAYER": "omp", "COURSE_BLAS_THREADS": "1"},
    "serial kernels, BLAS 1 thread": {"COURSE_BLAS_THREADS": "1"},
}


def _policies(args):
    import tempfile
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    print(f"conv/pool stack forward+backward, batch {BATCH}, ms per batch (median)"
          f"{f', {args.load} busy processes' if args.load else ''}:")
    for name, env in POLICIES.items():
        full = dict(os.environ, **env)
        if env.get("COURSE_NUMBA_PARALLEL") == "1":
            # numba's cache does not key on parallel=: keep those kernels apart
            full["NUMBA_CACHE_DIR"] = os.path.join(tempfile.gettempdir(), "course-numba-parallel")
        cmd = [sys.executable, "-m", "course.benchmarks.conv_ops", "--stack-worker",
               "--rounds", str(args.rounds), "--calls", str(args.calls),
               "--max-wait", str(args.max_wait)]
        done = subprocess.run(cmd, capture_output=True, text=True, env=full, cwd=root)
        if done.returncode:
            print(f"  {name:56s} failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        ms = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"  {name:56s} {ms:8.2f}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--calls", type=int, default=15)
    ap.add_argument("--max-wait", type=float, default=20.0)
    ap.add_argument("--no-torch", action="store_true")
    ap.add_argument("--policies", action="store_true")
    ap.add_argument("--load", type=int, default=0, metavar="N",
                    help="run everything with N busy processes (started and ended here)")
    ap.add_argument("--torch-plain", action="store_true",
                    help="run torch without course.threads' allocator and OpenMP settings")
    ap.add_argument("--torch-worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--stack-worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.load and not (args.torch_worker or args.stack_worker):
        args.max_wait = 0.0
        with busy_processes(args.load):
            _run(args)
        return
    _run(args)


def _run(args):
    timer = Timer(args.rounds, args.calls, args.max_wait)

    if args.torch_worker:
        if not args.torch_plain:
            # the allocator setting only: torch's OpenMP runs best with its own wait policy
            os.environ["COURSE_THREADS"] = "off"
            import course.threads  # noqa: F401
        print(json.dumps(bench_torch(timer)))
        return
    if args.stack_worker:
        import course.ops  # noqa: F401  (applies the threading policy)
        print(json.dumps(timer(_ours_stack(np.random.default_rng(0)))))
        return
    if args.policies:
        _policies(args)
        return

    import course.ops  # noqa: F401
    from course import threads
    ours = bench_ours(timer)
    theirs = None if args.no_torch else _torch_in_child(args)
    print(f"batch {BATCH}, float32, ms per batch (median of {args.rounds} rounds x "
          f"{args.calls} calls); {timer.busy_rounds}/{timer.total_rounds} rounds started "
          f"on a busy machine")
    print(f"threading: {threads.describe()}")
    if theirs:
        print(f"torch: {theirs.pop('_threads')[0]} threads, NCHW, "
              f"{'plain' if args.torch_plain else 'with the allocator setting'}")
    head = f"{'layer':26s} {'ours fwd':>9s} {'ours bwd':>9s}"
    if theirs:
        head += f" {'torch fwd':>9s} {'torch bwd':>9s} {'fwd ratio':>9s} {'bwd ratio':>9s}"
    print(head)
    tot = [0.0, 0.0, 0.0, 0.0]
    for name, (f, b) in ours.items():
        line = f"{name:26s} {f:9.3f} {b:9.3f}"
        if name != "stack fwd+bwd":
            tot[0] += f
            tot[1] += b
        if theirs and name in theirs:
            tf, tb = theirs[name]
            if name != "stack fwd+bwd":
                tot[2] += tf
                tot[3] += tb
            rb = f"{b / tb:9.2f}" if tb else f"{'':9s}"
            line += f" {tf:9.3f} {tb:9.3f} {f / tf:9.2f} {rb}"
        print(line)
    line = f"{'sum of layers':26s} {tot[0]:9.3f} {tot[1]:9.3f}"
    if theirs:
        line += f" {tot[2]:9.3f} {tot[3]:9.3f} {tot[0] / tot[2]:9.2f} {tot[1] / tot[3]:9.2f}"
    print(line)


if __name__ == "__main__":
    main()
