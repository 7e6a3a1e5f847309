"""ch12.step_speedup: what making one layer faster does for the whole training step
(Amdahl's law, read from a per-layer profile)."""

from course.checks.spec import Case, Exercise, Mistake
from course.benchmarks.profile_step import step_speedup

MEASURED = [["conv2d", 1.27, 2.59], ["max_pooling2d", 0.31, 0.28], ["conv2d_1", 2.18, 4.02],
            ["max_pooling2d_1", 0.08, 0.09], ["conv2d_2", 0.31, 0.57], ["flatten", 0.0, 0.0],
            ["dense", 0.04, 0.08], ["dense_1", 0.02, 0.01]]
"""The Keras MNIST convnet, batch 64, ms (``python -m course.benchmarks.profile_step``)."""


def _cases(rng, hidden):
    def case(group, table, layer, factor):
        return Case(group, {"table": table, "layer": layer, "factor": factor})
    mlp = [["dense", 0.9, 1.4], ["dropout", 0.1, 0.05], ["dense_1", 0.08, 0.12]]
    cases = [case("the largest layer twice as fast", MEASURED, "conv2d_1", 2.0),
             case("a small layer 10 times as fast", MEASURED, "max_pooling2d", 10.0),
             case("a huge factor: the limit 1 / (1 - p)", MEASURED, "conv2d_1", 1e6),
             case("a factor below 1: slower", mlp, "dense", 0.5),
             case("backward much slower than forward", mlp, "dense_1", 4.0),
             case("factor 1: no change", mlp, "dropout", 1.0),
             case("a layer with no time", MEASURED, "flatten", 3.0)]
    for _ in range(4 if hidden else 1):
        n = int(rng.integers(2, 12))
        table = [[f"layer_{i}", float(rng.uniform(0, 5)), float(rng.uniform(0, 9))]
                 for i in range(n)]
        cases.append(case("random", table, f"layer_{int(rng.integers(n))}",
                          float(rng.uniform(0.5, 20))))
    return cases


def step_speedup__the_layer_s_own_speedup(table, layer, factor):
    return float(factor)


def step_speedup__forward_times_only(table, layer, factor):
    total = sum(row[1] for row in table)
    mine = sum(row[1] for row in table if row[0] == layer)
    return total / (total - mine + mine / factor)


def step_speedup__ratio_upside_down(table, layer, factor):
    total = sum(row[1] + row[2] for row in table)
    mine = sum(row[1] + row[2] for row in table if row[0] == layer)
    return (total - mine + mine / factor) / total


def step_speedup__fraction_of_time_saved(table, layer, factor):
    total = sum(row[1] + row[2] for row in table)
    mine = sum(row[1] + row[2] for row in table if row[0] == layer)
    return (mine - mine / factor) / total


STEP_SPEEDUP = Exercise(
    id="ch12.step_speedup", name="step_speedup", reference=step_speedup,
    make_cases=_cases, rtol=1e-9, atol=1e-12, points=2,
    mistakes=[
        Mistake("the layer's own speedup",
                "The layer gets `factor` times faster, but the step also spends time in every "
                "other layer, which does not change: new time = (total - t) + t / factor, and "
                "the step's speedup is total / new time (Amdahl's law).",
                step_speedup__the_layer_s_own_speedup),
        Mistake("forward times only",
                "A training step runs every layer forward AND backward: a layer's time is its "
                "forward plus its backward column, and so is the total.",
                step_speedup__forward_times_only),
        Mistake("ratio upside down",
                "A speedup is old time / new time (2.0 means twice as fast); new / old is the "
                "fraction of the time that remains.",
                step_speedup__ratio_upside_down),
        Mistake("fraction of time saved",
                "That is the fraction of the step's time saved, (t - t / factor) / total. The "
                "speedup is total / (total - t + t / factor).",
                step_speedup__fraction_of_time_saved),
    ],
    summary="Amdahl's law read from a per-layer profile of a training step")
