"""ch12.fold_batchnorm: one kernel and bias that compute a layer followed by batch
normalization at inference."""

import numpy as np

from course.checks.cases import randn
from course.checks.chapters.ch12_transfer_speed.shared import bn_weights
from course.checks.spec import Case, Exercise, Mistake
from course.ops.fold_batchnorm import fold_batchnorm


def _cases(rng, hidden):
    def case(group, kernel_shape, epsilon=1e-3, dtype=np.float64):
        c = kernel_shape[-1]
        return Case(group, {"W": randn(rng, *kernel_shape, dtype=dtype),
                            "b": randn(rng, c, dtype=dtype), **bn_weights(rng, c, dtype),
                            "epsilon": epsilon})
    cases = [case("a Dense kernel (D_in, C)", (5, 3)),
             case("a Conv2D kernel (kh, kw, C_in, C)", (3, 3, 2, 4)),
             case("a 1x1 convolution", (1, 1, 6, 2)),
             case("a large epsilon", (4, 4), epsilon=0.5),
             case("one output channel", (3, 1)),
             case("float32", (3, 3, 3, 5), dtype=np.float32)]
    for _ in range(4 if hidden else 0):
        shape = tuple(int(d) for d in rng.integers(1, 9, int(rng.choice([2, 4]))))
        cases.append(case("random", shape, epsilon=float(rng.choice([1e-3, 1e-5, 0.1]))))
    return cases


def fold_batchnorm__epsilon_outside_the_square_root(W, b, gamma, beta, moving_mean, moving_var,
                                                    epsilon=1e-3):
    scale = gamma / (np.sqrt(moving_var) + epsilon)
    return W * scale, scale * (b - moving_mean) + beta


def fold_batchnorm__bias_not_scaled(W, b, gamma, beta, moving_mean, moving_var, epsilon=1e-3):
    scale = gamma / np.sqrt(moving_var + epsilon)
    return W * scale, b + beta - scale * moving_mean


def fold_batchnorm__variance_instead_of_standard_deviation(W, b, gamma, beta, moving_mean,
                                                           moving_var, epsilon=1e-3):
    scale = gamma / (moving_var + epsilon)
    return W * scale, scale * (b - moving_mean) + beta


def fold_batchnorm__moving_mean_not_subtracted(W, b, gamma, beta, moving_mean, moving_var,
                                               epsilon=1e-3):
    scale = gamma / np.sqrt(moving_var + epsilon)
    return W * scale, scale * b + beta


FOLD_BATCHNORM = Exercise(
    id="ch12.fold_batchnorm", name="fold_batchnorm", reference=fold_batchnorm,
    make_cases=_cases, call=lambda obj, args: tuple(obj(**args)),
    output_names=("W_folded", "b_folded"), rtol=1e-6, atol=1e-7, points=2,
    mistakes=[
        Mistake("epsilon outside the square root",
                "Keras divides by sqrt(moving_var + epsilon): epsilon goes under the root.",
                fold_batchnorm__epsilon_outside_the_square_root),
        Mistake("bias not scaled",
                "The layer's bias goes through batch normalization with the rest of z: "
                "bn(z) = scale * (x W + b - mean) + beta, so b' = scale * (b - moving_mean) + "
                "beta. Only beta is added unscaled.",
                fold_batchnorm__bias_not_scaled),
        Mistake("variance instead of standard deviation",
                "scale = gamma / sqrt(moving_var + epsilon): batch normalization divides by the "
                "standard deviation, not the variance.",
                fold_batchnorm__variance_instead_of_standard_deviation),
        Mistake("moving mean not subtracted",
                "bn subtracts the moving mean before scaling: "
                "b' = scale * (b - moving_mean) + beta.",
                fold_batchnorm__moving_mean_not_subtracted),
    ],
    summary="a Dense or Conv2D layer and the batch normalization after it, as one layer")
