"""The threading policy's choices, from made-up loads, affinities and quotas (no timing)."""

import threading

import pytest

from course import free_cores, threads
from course.benchmarks.load import busy_processes


@pytest.mark.parametrize("capacity, others, cpus, expected", [
    (2, 0.0, 2, 2),    # idle machine: every core
    (2, 0.3, 2, 2),    # a little background noise keeps both
    (2, 0.67, 2, 1),   # one busy process squeezed by our two threads
    (2, 1.0, 2, 1),    # one busy process on two cores
    (2, 2.0, 2, 1),    # two busy processes: still one thread, never none
    (2, 9.0, 2, 1),    # load average 9 on two cores
    (1, 0.0, 2, 1),    # affinity or quota of one core
    (8, 3.2, 8, 5),    # 4.8 cores free -> 5
    (4, 0.0, 8, 4),    # capacity bounds an idle big machine
    (8, -0.1, 8, 8),   # counters a tick apart can read slightly negative
])
def test_pick_threads_rounds_the_free_cores(capacity, others, cpus, expected):
    assert free_cores.pick_threads(capacity, others, cpus) == expected


def test_pick_threads_rejects_no_cores():
    with pytest.raises(ValueError, match="capacity and cpus must be at least 1"):
        free_cores.pick_threads(0, 0.0, 2)


@pytest.mark.parametrize("text, cores", [("max 100000\n", None), ("150000 100000\n", 1.5),
                                         ("50000 100000", 0.5), ("400000", 4.0)])
def test_cgroup_v2_quota(text, cores):
    assert free_cores.quota_cores(text) == cores


def test_cgroup_v1_quota():
    assert free_cores.quota_cores_v1("-1\n", "100000\n") is None
    assert free_cores.quota_cores_v1("200000\n", "100000\n") == 2.0


@pytest.mark.parametrize("affinity, quota, expected", [
    (4, None, 4), (4, 1.5, 1), (4, 0.5, 1), (2, 8.0, 2), (16, 4.0, 4)])
def test_capacity_is_affinity_limited_by_the_quota_rounded_down(affinity, quota, expected):
    assert free_cores.capacity(affinity, quota) == expected


def test_cgroup_dirs_own_group_first_then_mount_roots():
    v2 = free_cores.cgroup_cpu_dirs("0::/user.slice/jupyter-ada.scope\n")
    assert v2[0] == "/sys/fs/cgroup/user.slice/jupyter-ada.scope"
    v1 = free_cores.cgroup_cpu_dirs("5:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n")
    assert v1[0] == "/sys/fs/cgroup/cpu,cpuacct/docker/abc"
    assert v1[-2:] == ["/sys/fs/cgroup", "/sys/fs/cgroup/cpu"]


def test_proc_stat_busy_counts_steal_but_not_idle_or_iowait():
    # user nice system idle iowait irq softirq steal
    assert free_cores.read_proc_stat("cpu  100 0 50 800 50 0 0 30 0 0\ncpu0 1 2 3\n") == \
        (180, 1030)


def test_others_busy_subtracts_this_process():
    before = (0, 0, 0.0, 0.0)
    after = (150, 200, 0.5, 1.0)  # 2 CPUs: 1.5 busy, 0.5 of them ours
    assert free_cores.others_busy(before, after, cpus=2) == pytest.approx(1.0)
    assert free_cores.others_busy(before, (50, 200, 0.9, 1.0), cpus=2) == 0.0
    assert free_cores.others_busy(before, (0, 0, 0.0, 0.0), cpus=2) == 0.0


class FakeMeter:
    def __init__(self, others, last_wall):
        self.others, self.cpus, self.reads = others, 2, 0
        self.last = (0, 0, 0.0, last_wall)

    def read(self):
        self.reads += 1
        return self.others


@pytest.fixture
def following(monkeypatch):
    """threads' follower state with a fake meter and a recording ``blas_threads``."""
    calls = []
    monkeypatch.setattr(threads, "blas_threads", lambda n=None: calls.append(n) or n)
    clock = [1000.0]
    monkeypatch.setattr(threads.time, "monotonic", lambda: clock[0])

    def start(others, capacity=2):
        meter = FakeMeter(others, last_wall=clock[0])
        monkeypatch.setattr(threads, "_follow", {
            "meter": meter, "capacity": capacity, "threads": capacity,
            "next": clock[0] + threads.FOLLOW_INTERVAL, "thread_id": threading.get_ident()})
        return meter
    return start, calls, clock


def test_follow_load_drops_to_the_free_cores_after_the_interval(following):
    start, calls, clock = following
    meter = start(others=1.0)
    threads.follow_load()
    assert calls == [] and meter.reads == 0, "no reading before the interval has passed"
    clock[0] += threads.FOLLOW_INTERVAL
    threads.follow_load()
    assert calls == [1] and threads.current_blas_threads() == 1
    meter.others = 0.1
    clock[0] += threads.FOLLOW_INTERVAL
    meter.last = (0, 0, 0.0, clock[0] - threads.FOLLOW_INTERVAL)
    threads.follow_load()
    assert calls == [1, 2], "back to both cores when the load is gone"


def test_follow_load_sets_nothing_when_the_count_is_unchanged(following):
    start, calls, clock = following
    start(others=0.2)
    clock[0] += threads.FOLLOW_INTERVAL
    threads.follow_load()
    assert calls == [] and threads.current_blas_threads() == 2


def test_follow_load_measures_afresh_after_a_pause(following):
    start, calls, clock = following
    meter = start(others=2.0)
    clock[0] += 60  # a notebook left alone for a minute: that window says nothing about now
    threads.follow_load()
    assert calls == [] and meter.reads == 1


def test_follow_load_acts_only_in_the_thread_that_imported_course(following):
    start, calls, clock = following
    start(others=2.0)
    clock[0] += threads.FOLLOW_INTERVAL
    worker = threading.Thread(target=threads.follow_load)
    worker.start()
    worker.join()
    assert calls == []


def test_busy_processes_end_after_the_block_even_on_an_error():
    with pytest.raises(RuntimeError, match="inside"):
        with busy_processes(2) as procs:
            assert len(procs) == 2 and all(p.poll() is None for p in procs)
            raise RuntimeError("inside")
    assert all(p.poll() is not None for p in procs)


def test_busy_processes_rejects_a_negative_count():
    with pytest.raises(ValueError, match="--load must be 0 or more"):
        with busy_processes(-1):
            pass
