"""ch3.glorot_uniform: Keras's default kernel initializer, drawn from a seeded generator."""

import numpy as np

from course.checks.spec import Case, Exercise, Mistake
from course.ops import initializers


def _glorot_cases(rng, hidden):
    def case(group, shape, dtype="float32"):
        return Case(group, {"shape": tuple(int(s) for s in shape),
                            "seed": int(rng.integers(0, 2**31)), "dtype": dtype})
    cases = [case("dense kernels (D, M)", rng.integers(1, 300, size=2))
             for _ in range(8 if hidden else 2)]
    cases.append(case("dense kernels (D, M)", (784, 10)))
    cases += [case("convolution kernels (kh, kw, C_in, C_out)",
                   (k, k, int(rng.integers(1, 32)), int(rng.integers(1, 64))))
              for k in ((1, 3, 5, 7) if hidden else (3, 5))]
    cases.append(case("a 1-D shape (fan_in = fan_out = n)", (int(rng.integers(2, 50)),)))
    cases.append(case("float64", (20, 30), dtype="float64"))
    return cases


def _call_glorot(obj, args):
    return obj(tuple(args["shape"]), seed=args["seed"], dtype=getattr(np, args["dtype"]))


def glorot_uniform__fan_in_only(shape, seed=None, dtype=np.float32):
    shape = tuple(shape)
    receptive = int(np.prod(shape[:-2])) if len(shape) > 2 else 1
    fan_in = shape[0] if len(shape) <= 2 else shape[-2] * receptive
    limit = np.sqrt(6.0 / fan_in)
    return np.random.default_rng(seed).uniform(-limit, limit, shape).astype(dtype)


def glorot_uniform__the_standard_deviation_used_as_the_limit(shape, seed=None, dtype=np.float32):
    shape = tuple(shape)
    if len(shape) == 1:
        fan_in = fan_out = shape[0]
    else:
        receptive = int(np.prod(shape[:-2]))
        fan_in, fan_out = shape[-2] * receptive, shape[-1] * receptive
    limit = np.sqrt(2.0 / (fan_in + fan_out))
    return np.random.default_rng(seed).uniform(-limit, limit, shape).astype(dtype)


def glorot_uniform__fans_from_the_first_two_axes(shape, seed=None, dtype=np.float32):
    shape = tuple(shape)
    fan_in, fan_out = (shape[0], shape[0]) if len(shape) == 1 else (shape[0], shape[1])
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return np.random.default_rng(seed).uniform(-limit, limit, shape).astype(dtype)


def glorot_uniform__forgot_the_receptive_field(shape, seed=None, dtype=np.float32):
    shape = tuple(shape)
    fan_in, fan_out = (shape[0], shape[0]) if len(shape) == 1 else (shape[-2], shape[-1])
    limit = np.sqrt(6.0 / (fan_in + fan_out))
    return np.random.default_rng(seed).uniform(-limit, limit, shape).astype(dtype)


def glorot_uniform__normal_instead_of_uniform(shape, seed=None, dtype=np.float32):
    shape = tuple(shape)
    if len(shape) == 1:
        fan_in = fan_out = shape[0]
    else:
        receptive = int(np.prod(shape[:-2]))
        fan_in, fan_out = shape[-2] * receptive, shape[-1] * receptive
    std = np.sqrt(2.0 / (fan_in + fan_out))
    return np.random.default_rng(seed).normal(0.0, std, shape).astype(dtype)


GLOROT_UNIFORM = Exercise(
    id="ch3.glorot_uniform", name="glorot_uniform", reference=initializers.glorot_uniform,
    make_cases=_glorot_cases, call=_call_glorot, rtol=1e-6, atol=1e-9, points=2,
    exact_dtype=True,
    mistakes=[
        Mistake("fan_in only",
                "sqrt(6 / fan_in) is He's limit (for ReLU networks). Glorot averages the two "
                "directions: limit = sqrt(6 / (fan_in + fan_out)).",
                glorot_uniform__fan_in_only),
        Mistake("the standard deviation used as the limit",
                "sqrt(2 / (fan_in + fan_out)) is the standard deviation Glorot asks for. A "
                "uniform on [-l, l] has variance l**2 / 3, so the limit is "
                "sqrt(6 / (fan_in + fan_out)).",
                glorot_uniform__the_standard_deviation_used_as_the_limit),
        Mistake("fans from the first two axes",
                "For a convolution kernel (kh, kw, C_in, C_out) the fans are not shape[0] and "
                "shape[1]: fan_in = kh * kw * C_in and fan_out = kh * kw * C_out.",
                glorot_uniform__fans_from_the_first_two_axes),
        Mistake("forgot the receptive field",
                "For a convolution kernel (kh, kw, C_in, C_out) each output sees kh * kw * C_in "
                "inputs: fan_in = kh * kw * C_in, fan_out = kh * kw * C_out, not just C_in and "
                "C_out.",
                glorot_uniform__forgot_the_receptive_field),
        Mistake("normal instead of uniform",
                "You drew from a normal distribution (that is glorot_normal). Draw "
                "rng.uniform(-limit, limit, shape).",
                glorot_uniform__normal_instead_of_uniform),
    ],
    summary="Keras's default kernel initializer, drawn from a seeded generator")
