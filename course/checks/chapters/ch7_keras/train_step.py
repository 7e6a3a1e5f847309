"""ch7.train_step: forward, loss, backward, then an SGD update of every weight."""

from course.checks.chapters.ch7_keras.shared import random_data, random_layer_spec, random_params
from course.checks.spec import Case, Exercise, Mistake
from course.ops.activations import ACTIVATIONS
from course.ops.dense import dense_backward
from course.ops.optimizers import sgd_update
from course.ops.sequential import backward, forward, train_step
from course.ops.softmax_cross_entropy import (softmax_cross_entropy_backward,
                                              softmax_cross_entropy_forward)


def _call_train_step(obj, args):
    params = args["params"]
    loss, logits = obj(params, args["x"], args["y"], args["learning_rate"])
    return loss, logits, params


def train_step__weights_updated_before_all_gradients_were_computed(params, x, y, learning_rate):
    logits, caches = forward(params, x)
    loss, loss_cache = softmax_cross_entropy_forward(y, logits)
    dout = softmax_cross_entropy_backward(1.0, loss_cache)
    for i in reversed(range(len(params))):
        dense_cache, act_cache = caches[i]
        dz = ACTIVATIONS[params[i]["activation"]][1](dout, act_cache)
        _, dW, db = dense_backward(dz, dense_cache)
        sgd_update(params[i]["kernel"], dW, learning_rate=learning_rate)
        sgd_update(params[i]["bias"], db, learning_rate=learning_rate)
        dout = dz @ params[i]["kernel"].T
    return float(loss), logits


def train_step__gradient_ascent(params, x, y, learning_rate):
    logits, caches = forward(params, x)
    loss, loss_cache = softmax_cross_entropy_forward(y, logits)
    grads = backward(params, caches, softmax_cross_entropy_backward(1.0, loss_cache))
    for layer, grad in zip(params, grads):
        layer["kernel"] += learning_rate * grad["kernel"]
        layer["bias"] += learning_rate * grad["bias"]
    return float(loss), logits


def train_step__biases_not_updated(params, x, y, learning_rate):
    logits, caches = forward(params, x)
    loss, loss_cache = softmax_cross_entropy_forward(y, logits)
    grads = backward(params, caches, softmax_cross_entropy_backward(1.0, loss_cache))
    for layer, grad in zip(params, grads):
        sgd_update(layer["kernel"], grad["kernel"], learning_rate=learning_rate)
    return float(loss), logits


def train_step__learning_rate_ignored(params, x, y, learning_rate):
    logits, caches = forward(params, x)
    loss, loss_cache = softmax_cross_entropy_forward(y, logits)
    grads = backward(params, caches, softmax_cross_entropy_backward(1.0, loss_cache))
    for layer, grad in zip(params, grads):
        layer["kernel"] -= grad["kernel"]
        layer["bias"] -= grad["bias"]
    return float(loss), logits


def _train_step_cases(rng, hidden):
    cases = []
    for _ in range(5 if hidden else 3):
        n, d, k = int(rng.integers(3, 20)), int(rng.integers(2, 10)), int(rng.integers(2, 6))
        spec = random_layer_spec(rng, int(rng.integers(2, 4)), k)
        x, y = random_data(rng, n, d, k)
        cases.append(Case("random batches", {
            "params": random_params(rng, d, spec, 1.5), "x": x, "y": y,
            "learning_rate": float(rng.uniform(0.1, 0.5))}))
    x, y = random_data(rng, 1, 4, 3)
    cases.append(Case("batch of 1", {"params": random_params(rng, 4, [(5, "tanh"), (3, "linear")]),
                                     "x": x, "y": y, "learning_rate": 0.3}))
    if hidden:
        x, y = random_data(rng, 128, 50, 10)
        params = random_params(rng, 50, [(32, "relu"), (10, "linear")])
        cases.append(Case("large", {"params": params,
                                    "x": x, "y": y, "learning_rate": 0.1}))
    return cases


TRAIN_STEP = Exercise(
    id="ch7.train_step", name="train_step", reference=train_step, make_cases=_train_step_cases,
    call=_call_train_step, output_names=("loss", "logits", "params after the step"),
    rtol=1e-4, atol=1e-6, pure=False, points=2,
    summary="forward, loss, backward, then an SGD update of every weight",
    mistakes=[
        Mistake("weights updated before all gradients were computed",
                "You updated a layer's kernel while going backwards and then used it to pass "
                "the gradient down (dz @ kernel.T): the lower layers got gradients of a model "
                "that never existed. Compute every gradient first (ref.backward), then update.",
                train_step__weights_updated_before_all_gradients_were_computed),
        Mistake("gradient ascent",
                "The update climbs the loss. Gradient descent subtracts: "
                "kernel -= learning_rate * dW (sgd_update does it).", train_step__gradient_ascent),
        Mistake("biases not updated",
                "The biases are weights too: update them with their gradient grad['bias'].",
                train_step__biases_not_updated),
        Mistake("learning rate ignored",
                "Each update is learning_rate * gradient: the full gradient is a far too large "
                "step.", train_step__learning_rate_ignored),
    ])
