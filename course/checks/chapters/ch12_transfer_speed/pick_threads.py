"""ch12.pick_threads: how many threads a matrix product should get on a shared machine."""

from course.checks.spec import Case, Exercise, Mistake
from course.free_cores import pick_threads


def _cases(rng, hidden):
    def case(group, capacity, others, cpus):
        return Case(group, {"capacity": capacity, "others": others, "cpus": cpus})
    cases = [case("an idle 2-core machine", 2, 0.0, 2),
             case("a little background noise", 2, 0.3, 2),
             case("one busy process on 2 cores", 2, 1.0, 2),
             case("two busy processes on 2 cores (never 0 threads)", 2, 2.0, 2),
             case("load 9 on 2 cores", 2, 9.0, 2),
             case("8 cores, 3.2 busy", 8, 3.2, 8),
             case("a quota of 4 cores on an idle 8-core machine", 4, 0.0, 8),
             case("a quota of 1 core", 1, 0.0, 2),
             case("16 cores, 5.6 busy", 16, 5.6, 16)]
    for _ in range(6 if hidden else 1):
        cpus = int(rng.integers(1, 65))
        cases.append(case("random", int(rng.integers(1, cpus + 1)),
                          float(rng.uniform(0, 1.5 * cpus)), cpus))
    return cases


def pick_threads__ignored_the_other_processes(capacity, others, cpus):
    return min(capacity, cpus)


def pick_threads__no_thread_left_under_load(capacity, others, cpus):
    free = cpus - max(0.0, others)
    return max(0, min(capacity, int(free + 0.5)))


def pick_threads__rounded_down(capacity, others, cpus):
    free = cpus - max(0.0, others)
    return max(1, min(capacity, int(free)))


def pick_threads__capacity_ignored(capacity, others, cpus):
    free = cpus - max(0.0, others)
    return max(1, int(free + 0.5))


PICK_THREADS = Exercise(
    id="ch12.pick_threads", name="pick_threads", reference=pick_threads,
    make_cases=_cases, rtol=0, atol=0, points=2,
    mistakes=[
        Mistake("ignored the other processes",
                "That is every core, whatever else runs: on a machine whose cores are taken each "
                "extra thread waits for the scheduler's time slice and every thread of the "
                "product waits for the slowest (the library measured a convnet epoch 3.9x "
                "slower with 2 BLAS threads and 2 busy processes on 2 cores). Count the cores "
                "the others leave free: cpus - others.",
                pick_threads__ignored_the_other_processes),
        Mistake("no thread left under load",
                "When the other processes use every core, cpus - others is 0 or less, but the "
                "product still has to run: at least 1 thread, max(1, ...).",
                pick_threads__no_thread_left_under_load),
        Mistake("rounded down",
                "Round the free cores to the NEAREST whole core (int(free + 0.5), or "
                "floor(free + 0.5)): 1.7 free cores are worth 2 threads, 1.3 are worth 1.",
                pick_threads__rounded_down),
        Mistake("capacity ignored",
                "Never more threads than the process may use (capacity: its affinity mask and "
                "cgroup quota), even on an idle machine with more cores.",
                pick_threads__capacity_ignored),
    ],
    summary="BLAS threads from the free cores: round, at least one, at most the capacity")
