"""ch7.build: Glorot-uniform kernels and zero biases, each layer sized by the one before."""

import numpy as np

from course.checks.chapters.ch7_keras.shared import random_layer_spec, random_seed
from course.checks.spec import Case, Exercise, Mistake
from course.ops.sequential import build


def _call_build(obj, args):
    params = obj(**args)
    dtypes = [(np.asarray(p["kernel"]).dtype.name, np.asarray(p["bias"]).dtype.name)
              for p in params]
    return params, dtypes


def build__every_layer_sized_from_the_input(layers, input_dim, seed):
    rng = np.random.default_rng(seed)
    params = []
    for units, activation in layers:
        limit = np.sqrt(6.0 / (input_dim + units))
        kernel = rng.uniform(-limit, limit, size=(input_dim, units)).astype(np.float32)
        params.append({"kernel": kernel, "bias": np.zeros(units, np.float32),
                       "activation": activation})
    return params


def build__kernel_transposed(layers, input_dim, seed):
    rng = np.random.default_rng(seed)
    params, fan_in = [], input_dim
    for units, activation in layers:
        limit = np.sqrt(6.0 / (fan_in + units))
        kernel = rng.uniform(-limit, limit, size=(units, fan_in)).astype(np.float32)
        params.append({"kernel": kernel, "bias": np.zeros(units, np.float32),
                       "activation": activation})
        fan_in = units
    return params


def build__he_limit_instead_of_glorot_s(layers, input_dim, seed):
    rng = np.random.default_rng(seed)
    params, fan_in = [], input_dim
    for units, activation in layers:
        limit = np.sqrt(6.0 / fan_in)
        kernel = rng.uniform(-limit, limit, size=(fan_in, units)).astype(np.float32)
        params.append({"kernel": kernel, "bias": np.zeros(units, np.float32),
                       "activation": activation})
        fan_in = units
    return params


def build__a_new_generator_for_every_layer(layers, input_dim, seed):
    params, fan_in = [], input_dim
    for units, activation in layers:
        rng = np.random.default_rng(seed)
        limit = np.sqrt(6.0 / (fan_in + units))
        kernel = rng.uniform(-limit, limit, size=(fan_in, units)).astype(np.float32)
        params.append({"kernel": kernel, "bias": np.zeros(units, np.float32),
                       "activation": activation})
        fan_in = units
    return params


def build__float64_weights(layers, input_dim, seed):
    rng = np.random.default_rng(seed)
    params, fan_in = [], input_dim
    for units, activation in layers:
        limit = np.sqrt(6.0 / (fan_in + units))
        kernel = rng.uniform(-limit, limit, size=(fan_in, units))
        params.append({"kernel": kernel, "bias": np.zeros(units), "activation": activation})
        fan_in = units
    return params


def _build_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 2):
        depth = int(rng.integers(2, 5))
        d = int(rng.integers(2, 12))
        spec = random_layer_spec(rng, depth, int(rng.integers(2, 11)))
        cases.append(Case("random stacks", {"layers": spec, "input_dim": d,
                                            "seed": random_seed(rng)}))
    cases.append(Case("one layer", {"layers": [(3, "linear")], "input_dim": 5,
                                    "seed": random_seed(rng)}))
    cases.append(Case("a layer of one unit", {"layers": [(4, "tanh"), (1, "sigmoid")],
                                              "input_dim": 6, "seed": random_seed(rng)}))
    if hidden:
        cases.append(Case("MNIST's MLP", {"layers": [(128, "relu"), (10, "linear")],
                                          "input_dim": 784, "seed": random_seed(rng)}))
    return cases


BUILD = Exercise(
    id="ch7.build", name="build", reference=build, make_cases=_build_cases, call=_call_build,
    output_names=("params", "dtypes of (kernel, bias) per layer"), points=2,
    summary="Glorot-uniform kernels and zero biases, each layer sized by the one before",
    mistakes=[
        Mistake("every layer sized from the input",
                "Each layer's kernel has as many rows as the previous layer has units; only "
                "the first layer sees input_dim. Keep fan_in = units at the end of the loop.",
                build__every_layer_sized_from_the_input),
        Mistake("kernel transposed",
                "Keras stores a Dense kernel as (fan_in, units), so that the layer computes "
                "x @ kernel with x of shape (N, fan_in).", build__kernel_transposed),
        Mistake("He limit instead of Glorot's",
                "sqrt(6 / fan_in) is He's limit (for ReLU networks). Keras's default, "
                "glorot_uniform, uses both fans: sqrt(6 / (fan_in + units)).",
                build__he_limit_instead_of_glorot_s),
        Mistake("a new generator for every layer",
                "np.random.default_rng(seed) inside the loop restarts the same random "
                "sequence for every layer. Make the generator once, before the loop, and "
                "draw every kernel from it in turn.", build__a_new_generator_for_every_layer),
        Mistake("float64 weights",
                "rng.uniform and np.zeros make float64; Keras (and this course) keeps "
                "weights in float32: .astype(np.float32) and np.zeros(units, np.float32).",
                build__float64_weights),
    ])
