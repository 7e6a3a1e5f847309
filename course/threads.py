"""How ``course`` uses the CPU's threads and its memory allocator (applied on import).

Two thread pools can live in a process that runs ``course.ops``:

- numpy's BLAS (OpenBLAS in the numpy wheels) runs every matrix product (``@``) on all
  cores. After each call its worker threads keep **spinning** (calling ``sched_yield``)
  for about 2**28 CPU cycles (~0.1 s) before they sleep, to be ready for the next call;
  that cannot be changed once numpy is loaded.
- numba's ``parallel=True`` kernels run on numba's threading layer; here that is OpenMP
  (GNU libgomp) unless told otherwise, whose idle threads also **busy-wait** by default.

In a training step the two alternate every fraction of a millisecond. On a 2-core machine
each pool then finds the other's spinning thread on the core it needs and waits for the
scheduler's time slice (~4-8 ms) at every hand-over: the MNIST MLP epoch ran 40x slower,
and the convolution stack below 4x slower (a single GEMM then takes 8 ms instead of 1.2).
The policy (applied once, when ``course.threads`` is first imported, which every numba
module of ``course.ops`` does; nothing in it depends on whether numpy is already loaded,
since OpenBLAS's threads are set through ctypes at run time):

1. **Matrix products get the cores that are free** (OpenBLAS's own threads): on an idle
   machine all of them, since that is where a second core pays (the conv2 GEMMs: 1.1 ms
   with 2 threads against 2.1 ms with 1). On a shared one (a JupyterHub node, a lab
   server, a grading run with several workers) a thread whose core is taken waits for the
   scheduler's time slice, every thread of a product waits for the slowest, and a spinning
   worker eats the process's share: two busy processes on the two cores made the convnet
   epoch 3.9x slower with two BLAS threads, where a fair share is 2x. So the count is
   chosen again every ``FOLLOW_INTERVAL`` (0.5 s), before a matrix product of
   ``course.ops`` (``follow_load``): the cores this process may use (affinity mask, cgroup
   CPU quota; see ``course.free_cores``) minus the cores other processes kept busy over
   the last interval (``/proc/stat`` minus this process's own CPU time), rounded; at least
   one. With one thread the product runs on the calling thread and nothing spins.
2. **course's numba kernels are serial** (``parallel=False``): im2col, col2im, pooling,
   optimizer updates sit between GEMMs, while OpenBLAS's worker still spins on the second
   core, so a parallel version measured no faster (see the table) and risks the fight.
3. **numba's layer never busy-waits**, for any ``parallel=True`` kernel that does exist:
   ``OMP_WAIT_POLICY=PASSIVE`` is set (``os.environ.setdefault``, so a user's choice wins)
   and numba's layer is set to ``omp`` when libgomp is not loaded yet (the variable is read
   when libgomp loads, which numba does lazily at its first parallel launch); if libgomp
   is already in the process (another library brought it), the layer is ``workqueue``,
   which sleeps on condition variables (but must not be called from two Python threads at
   once). A ``NUMBA_THREADING_LAYER`` set by the user is left alone.
4. **Freed memory is kept for reuse** (glibc ``mallopt``: blocks up to 128 MiB come from
   the heap, and the heap is trimmed only past 512 MiB free). Without it, glibc gives the
   big per-batch arrays (im2col matrices, activations) back to the kernel and every batch
   page-faults them in again: ~4,000 page faults per step of the conv stack, which doubled
   its time. The process keeps its peak heap instead.
5. **Two halves of a batch, one per core**, where the work allows
   (:mod:`course.ops.batch_parts`: the LSTM's step loop, a training step or inference of a
   model of per-sample layers): course's own helper thread runs one half while the calling
   thread runs the other, and BLAS is held at one thread meanwhile
   (:func:`one_blas_thread`; the load is not followed inside such a block). Only when BLAS
   may use two cores, i.e. never on a busy machine.

Measured on this 2-core machine (``python -m course.benchmarks.conv_ops --policies``;
the conv/pool stack of the Keras MNIST convnet, forward + backward, batch 64, float32,
ms per batch, median of 7 rounds x 15 calls, repeated 3 times)::

                                                         run 1   run 2   run 3
    course policy (as shipped)                                9.80    9.40    9.98
    course policy, malloc tuning off                         16.17   16.20   19.19
    no policy: parallel kernels, numba defaults, malloc off  48.44   43.79   40.35
    parallel kernels, numba defaults (omp busy-waits)        40.16   40.14   40.06
    parallel kernels, omp passive                             9.71    9.94   10.00
    parallel kernels, workqueue                               9.79    9.87   10.02
    parallel kernels, omp passive, BLAS 1 thread             14.19   14.19   14.99
    serial kernels, BLAS 1 thread                            13.86   14.66   13.90
    (PyTorch 2.13 CPU, 2 threads, same stack, NCHW; one run) 15.5

So: the policy is 4.4x faster than no policy; the thread part alone 4.1x (40.1 ->
9.8 with the allocator setting on in both), the allocator part 1.7x (16.2 -> 9.8).
Parallel numba kernels with a passive layer gain nothing measurable here (their copies
already run at memory speed), so the simpler serial build stays.

Following the load, measured on the same machine (``python -m course.benchmarks.cnn
--samples 6400 --skip-torch --load 2 --rounds 2``: the whole convnet epoch, Adam, batch 64,
on 6,400 images, fastest of 2 rounds, idle and with 2 busy processes started by the
benchmark; the machine is shared, its 1-minute load average was 2.8-3.1 idle, the
benchmark included, unless said; two runs each)::

                                                  idle s   2 busy s   loaded/idle
    BLAS follows the load (as shipped)    run 1     1.42       2.57        1.81
                                          run 2     1.46       2.70        1.84
    BLAS on all cores (COURSE_FOLLOW_LOAD=off) 1    1.46       5.02        3.44
      (other users' load rose to 5.7)         2     1.94      44.28       22.82

The idle epoch is the same (both use 2 threads there: the readings of the other
processes' use were 0.00-0.01 cores); under load the policy read 1.3-1.8 cores busy and
went to 1 thread within the first 0.5 s. One thread is also the fair thing to do: two
BLAS threads that wait for each other get no more done on a contended core, they only
take the time slices other users would have had.

Switches (environment, read once at import): ``COURSE_THREADS=off`` leaves the thread
pools alone; ``COURSE_MALLOC=off`` skips the allocator setting; ``COURSE_BLAS_THREADS=n``
fixes OpenBLAS's threads; ``COURSE_FOLLOW_LOAD=off`` keeps them at the usable cores
instead of following the load; ``COURSE_NUMBA_PARALLEL=1`` compiles course's kernels with
``parallel=True`` (numba's on-disk cache does not distinguish the two builds: use a
separate ``NUMBA_CACHE_DIR`` for it); ``COURSE_NUMBA_LAYER`` picks numba's layer.
"""

import contextlib
import ctypes
import functools
import os
import threading
import time

from course import free_cores

NUMBA_PARALLEL = os.environ.get("COURSE_NUMBA_PARALLEL", "0") == "1"
"""Whether course's numba kernels are compiled with ``parallel=True`` (default: no)."""

MMAP_THRESHOLD = 128 << 20
TRIM_THRESHOLD = 512 << 20

FOLLOW_INTERVAL = 0.5
"""Seconds between two choices of the BLAS thread count while it follows the load."""

STALE_AFTER = 10.0
"""A reading older than this (seconds; a notebook paused between cells) is not acted on."""

_applied = None
_follow = None  # while following: {"meter", "capacity", "threads", "next", "thread_id"}
_pinned = 0  # > 0 while threads of course share the cores (``one_blas_thread``)


def loaded_libraries(word):
    """Paths of the shared libraries loaded in this process whose name contains ``word``."""
    try:
        with open("/proc/self/maps") as f:
            maps = f.read()
    except OSError:
        return []
    found = []
    for line in maps.splitlines():
        path = line.split()[-1] if len(line.split()) >= 6 else ""
        if word in os.path.basename(path) and path not in found:
            found.append(path)
    return found


@functools.lru_cache(maxsize=None)
def _openblas_functions():
    """numpy's OpenBLAS ``(set_num_threads, get_num_threads)`` through ctypes, or None."""
    import numpy  # noqa: F401,F811  (loads the library)
    for path in loaded_libraries("openblas"):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for pattern in ("scipy_openblas_%s_num_threads64_", "openblas_%s_num_threads64_",
                        "openblas_%s_num_threads"):
            try:
                return getattr(lib, pattern % "set"), getattr(lib, pattern % "get")
            except AttributeError:
                continue
    return None


def blas_threads(n=None):
    """The number of OpenBLAS threads (after setting it to ``n`` if given); None if unknown."""
    fns = _openblas_functions()
    if fns is None:
        return None
    set_threads, get_threads = fns
    set_threads.argtypes = [ctypes.c_int]
    if n is not None:
        set_threads(int(n))
    return int(get_threads())


def _keep_freed_memory():
    try:
        libc = ctypes.CDLL("libc.so.6")
        M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
        return bool(libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
                    and libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
    except (OSError, AttributeError):
        return False


def _numba_layer_started():
    try:
        from numba.np.ufunc import parallel
        return bool(parallel._is_initialized)
    except Exception:
        return False


def apply():
    """Apply the policy once (idempotent); return what was done, as a dict."""
    global _applied
    if _applied is not None:
        return _applied
    info = {"numba_parallel_kernels": NUMBA_PARALLEL}
    if os.environ.get("COURSE_MALLOC", "").lower() != "off":
        info["keep_freed_memory"] = _keep_freed_memory()
    if os.environ.get("COURSE_THREADS", "").lower() == "off":
        info["threads"] = "left alone (COURSE_THREADS=off)"
        _applied = info
        return info
    import numba
    if "NUMBA_THREADING_LAYER" in os.environ or _numba_layer_started():
        info["numba_layer"] = f"{numba.config.THREADING_LAYER} (left alone)"
    else:
        layer = os.environ.get("COURSE_NUMBA_LAYER", "omp")
        if layer == "omp":
            if loaded_libraries("libgomp"):
                layer = "workqueue"
            else:
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        numba.config.THREADING_LAYER = layer
        info["numba_layer"] = layer
    info["OMP_WAIT_POLICY"] = os.environ.get("OMP_WAIT_POLICY")
    if "COURSE_BLAS_THREADS" in os.environ:
        info["blas_threads"] = blas_threads(int(os.environ["COURSE_BLAS_THREADS"]))
    else:
        info.update(_start_following())
    _applied = info
    return info


def _start_following():
    """Give BLAS the usable cores now; unless ``COURSE_FOLLOW_LOAD=off``, follow the load."""
    global _follow
    initial = blas_threads()
    if initial is None:
        return {"blas_threads": "unknown BLAS (left alone)"}
    cores = min(free_cores.usable_cores(), initial)
    blas_threads(cores)
    if os.environ.get("COURSE_FOLLOW_LOAD", "").lower() == "off":
        return {"blas_threads": cores}
    meter = free_cores.OthersMeter()
    if meter.last is None:
        return {"blas_threads": cores}
    _follow = {"meter": meter, "capacity": cores, "threads": cores,
               "next": time.monotonic() + FOLLOW_INTERVAL, "thread_id": threading.get_ident()}
    return {"blas_threads": f"{cores}, following the load"}


def follow_load():
    """Every ``FOLLOW_INTERVAL`` s, give BLAS the cores other processes leave free.

    Called before the matrix products of ``course.ops`` (a time check, ~0.1 us, the rest of
    the time). Acts only in the thread that imported course, between two products, so that
    the count never changes under a running product, and not while course's own threads
    share the cores (:func:`one_blas_thread`).
    """
    f = _follow
    if f is None or _pinned:
        return
    now = time.monotonic()
    if now < f["next"] or threading.get_ident() != f["thread_id"]:
        return
    last = f["meter"].last
    stale = last is None or now - last[3] > STALE_AFTER  # paused since: measure afresh
    f["next"] = now + FOLLOW_INTERVAL
    others = f["meter"].read()
    if others is None or stale:
        return
    n = free_cores.pick_threads(f["capacity"], others, f["meter"].cpus)
    if n != f["threads"]:
        blas_threads(n)
        f["threads"] = n


@contextlib.contextmanager
def one_blas_thread():
    """Within the block BLAS runs on one thread and does not follow the load: the caller
    runs its own threads, one per core, each calling BLAS. The count is restored after."""
    global _pinned
    previous = blas_threads()
    _pinned += 1
    try:
        if previous is not None:
            blas_threads(1)
        yield
    finally:
        _pinned -= 1
        if previous is not None:
            blas_threads(previous)


def blas_pinned():
    """Whether a :func:`one_blas_thread` block is running (course's threads share the cores)."""
    return _pinned > 0


def current_blas_threads():
    """The BLAS thread count chosen last (None when the policy does not follow the load)."""
    return None if _follow is None else _follow["threads"]


def describe():
    """One line saying what the policy did."""
    return ", ".join(f"{k}={v}" for k, v in apply().items())


apply()
