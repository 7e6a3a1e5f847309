"""ch12.bias_relu_forward: a fused numba kernel, max(x + b, 0) in one pass."""

import numpy as np

from course.checks.calls import first_of_pair
from course.checks.cases import randn
from course.checks.spec import Case, Exercise, Mistake
from course.ops.bias_relu import bias_relu_forward


def _call(obj, args):
    return first_of_pair(obj(args["x"], args["b"]), "bias_relu_forward")


def _cases(rng, hidden):
    def case(group, shape, dtype=np.float32, b=None):
        return Case(group, {"x": randn(rng, *shape, dtype=dtype),
                            "b": randn(rng, shape[-1], dtype=dtype) if b is None else b})
    cases = [case("a Dense layer's output (N, C)", (6, 4)),
             case("feature maps (N, H, W, C)", (2, 5, 5, 3)),
             case("one channel", (7, 1)),
             case("a large negative bias: all zeros", (3, 4), b=np.full(4, -50, np.float32)),
             case("a batch of one", (1, 6)),
             case("float64", (4, 5), dtype=np.float64)]
    for _ in range(4 if hidden else 0):
        shape = tuple(int(d) for d in rng.integers(1, 30, int(rng.choice([2, 4]))))
        cases.append(case("random", shape))
    return cases


def bias_relu_forward__relu_before_the_bias(x, b):
    out = np.maximum(x, 0) + b
    return out, out


def bias_relu_forward__float64_output(x, b):
    out = np.zeros(x.shape)
    out[...] = np.maximum(x + b, 0)
    return out, out


def bias_relu_forward__wrote_into_its_input(x, b):
    x += b
    np.maximum(x, 0, out=x)
    return x, x


BIAS_RELU_FORWARD = Exercise(
    id="ch12.bias_relu_forward", name="bias_relu_forward", reference=bias_relu_forward,
    make_cases=_cases, call=_call, rtol=1e-6, atol=1e-7, points=2, exact_dtype=True,
    mistakes=[
        Mistake("relu before the bias",
                "The layer adds its bias first and rectifies the sum: max(x + b, 0). "
                "max(x, 0) + b can be negative, and is not what Dense(activation='relu') does.",
                bias_relu_forward__relu_before_the_bias),
        Mistake("float64 output",
                "np.zeros(shape) and np.empty(shape) are float64: make the output with x's "
                "dtype (np.empty_like(x)), so that float32 stays float32, half the memory and "
                "twice the numbers per vector instruction.",
                bias_relu_forward__float64_output),
        Mistake("wrote into its input",
                "Write into a new array (out = np.empty_like(x)), not into x: the caller still "
                "needs the pre-activations, and a forward pass never changes its input.",
                bias_relu_forward__wrote_into_its_input),
    ],
    summary="a fused bias + ReLU kernel in numba")
