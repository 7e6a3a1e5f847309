"""ch12.trainable_count: Keras's trainable and non-trainable parameter counts, with frozen
layers and batch normalization's moving statistics."""

import numpy as np

from course.checks.spec import Case, Exercise, Mistake
from course.keras.models.param_counts import trainable_count


def _conv(name, k, c_in, c, trainable=True):
    return {"name": name, "trainable": trainable,
            "weights": [{"shape": [k, k, c_in, c], "trainable": True},
                        {"shape": [c], "trainable": True}]}


def _dense(name, d_in, d, trainable=True):
    return {"name": name, "trainable": trainable,
            "weights": [{"shape": [d_in, d], "trainable": True},
                        {"shape": [d], "trainable": True}]}


def _bn(name, c, trainable=True):
    return {"name": name, "trainable": trainable,
            "weights": [{"shape": [c], "trainable": True}, {"shape": [c], "trainable": True},
                        {"shape": [c], "trainable": False}, {"shape": [c], "trainable": False}]}


def _plain(name):
    return {"name": name, "trainable": True, "weights": []}


def _cases(rng, hidden):
    def case(group, layers, model_trainable=True):
        return Case(group, {"layers": layers, "model_trainable": model_trainable})
    base = [_conv("conv1", 3, 1, 16, False), _bn("bn1", 16, False), _plain("pool1"),
            _conv("conv2", 3, 16, 32, False), _bn("bn2", 32, False), _plain("gap")]
    head = [_dense("head", 32, 5)]
    cases = [case("a dense network, all trainable",
                  [_dense("d1", 784, 128), _dense("d2", 128, 10)]),
             case("batch normalization in a trainable network",
                  [_conv("conv", 3, 3, 8), _bn("bn", 8), _plain("flatten"),
                   _dense("out", 200, 10)]),
             case("a frozen base and a new head", base + head),
             case("the last block unfrozen for fine-tuning",
                  base[:3] + [_conv("conv2", 3, 16, 32), _bn("bn2", 32)] + base[5:] + head),
             case("the whole model frozen (model.trainable = False)",
                  [_conv("conv", 3, 1, 4), _bn("bn", 4), _dense("out", 4, 2)], False),
             case("layers without weights only", [_plain("flatten"), _plain("dropout")])]
    for _ in range(4 if hidden else 0):
        layers = []
        for i in range(int(rng.integers(1, 8))):
            kind, trainable = int(rng.integers(3)), bool(rng.random() < 0.6)
            c, k, other = (int(v) for v in rng.integers(1, [64, 6, 99]))
            layers.append(_conv(f"c{i}", k, other, c, trainable) if kind == 0 else
                          _bn(f"b{i}", c, trainable) if kind == 1 else
                          _dense(f"d{i}", other, c, trainable))
        cases.append(case("random", layers, bool(rng.random() < 0.8)))
    return cases


def trainable_count__moving_statistics_counted_as_trainable(layers, model_trainable=True):
    sizes = [(int(np.prod(w["shape"])), layer["trainable"] and model_trainable)
             for layer in layers for w in layer["weights"]]
    trainable = sum(size for size, t in sizes if t)
    return trainable, sum(size for size, _ in sizes) - trainable


def trainable_count__frozen_layers_counted_as_trainable(layers, model_trainable=True):
    sizes = [(int(np.prod(w["shape"])), w["trainable"] and model_trainable)
             for layer in layers for w in layer["weights"]]
    trainable = sum(size for size, t in sizes if t)
    return trainable, sum(size for size, _ in sizes) - trainable


def trainable_count__model_flag_ignored(layers, model_trainable=True):
    sizes = [(int(np.prod(w["shape"])), w["trainable"] and layer["trainable"])
             for layer in layers for w in layer["weights"]]
    trainable = sum(size for size, t in sizes if t)
    return trainable, sum(size for size, _ in sizes) - trainable


def trainable_count__added_the_dimensions(layers, model_trainable=True):
    trainable = non_trainable = 0
    for layer in layers:
        for w in layer["weights"]:
            if w["trainable"] and layer["trainable"] and model_trainable:
                trainable += sum(w["shape"])
            else:
                non_trainable += sum(w["shape"])
    return trainable, non_trainable


TRAINABLE_COUNT = Exercise(
    id="ch12.trainable_count", name="trainable_count", reference=trainable_count,
    make_cases=_cases, call=lambda obj, args: tuple(obj(**args)),
    output_names=("trainable", "non_trainable"), rtol=0, atol=0, points=2,
    mistakes=[
        Mistake("moving statistics counted as trainable",
                "A weight is trainable only if it was MADE trainable too: batch "
                "normalization's moving_mean and moving_variance have trainable=False (the "
                "forward pass updates them, never the optimizer), so they are non-trainable "
                "even in a trainable layer.",
                trainable_count__moving_statistics_counted_as_trainable),
        Mistake("frozen layers counted as trainable",
                "layer.trainable = False freezes every weight of the layer: its kernel and bias "
                "count as non-trainable, whatever their own flag says.",
                trainable_count__frozen_layers_counted_as_trainable),
        Mistake("model flag ignored",
                "model.trainable = False freezes every layer of the model: then nothing is "
                "trainable.",
                trainable_count__model_flag_ignored),
        Mistake("added the dimensions",
                "A weight of shape (3, 3, 16, 32) holds 3 * 3 * 16 * 32 = 4,608 numbers: "
                "multiply the dimensions (math.prod), do not add them.",
                trainable_count__added_the_dimensions),
    ],
    summary="trainable and non-trainable parameters, as model.summary() counts them")
