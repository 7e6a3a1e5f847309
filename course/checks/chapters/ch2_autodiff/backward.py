"""ch2.backward: the backward pass of Value: root.grad = 1, then the chain rule in reverse order."""

import numpy as np

from course.autodiff import Value
from course.checks.spec import Case, Exercise, Mistake


_UNARY = ("tanh", "sigmoid", "square", "exp")


_BINARY = ("add", "mul", "sub")


def _expression_nodes(ops):
    """Values from ``ops``: ``["leaf", x]``, ``[binary op, i, j]`` or ``[unary op, i]``."""
    nodes = []
    for op in ops:
        kind = op[0]
        if kind == "leaf":
            nodes.append(Value(op[1]))
            continue
        a = nodes[op[1]]
        b = nodes[op[2]] if kind in _BINARY else None
        nodes.append({"add": lambda: a + b, "mul": lambda: a * b, "sub": lambda: a - b,
                      "tanh": a.tanh, "sigmoid": a.sigmoid, "square": lambda: a ** 2,
                      "exp": a.exp}[kind]())
    return nodes


def _call_backward(obj, args):
    nodes = _expression_nodes(args["ops"])
    root = nodes[-1]
    for _ in range(args.get("chain", 0)):
        root = (root * 0.9999).tanh()
    obj(root)
    return np.array([node.grad for node in nodes] + [root.grad])


def backward__instead_of(root):
    from course.ops.topological_order import topological_order
    root.grad = 1.0
    for node in reversed(topological_order([root], lambda v: v._parents)):
        for parent, local in zip(node._parents, node._local_grads):
            parent.grad = node.grad * local


def backward__root_grad_not_set_to_1(root):
    from course.ops.topological_order import topological_order
    for node in reversed(topological_order([root], lambda v: v._parents)):
        for parent, local in zip(node._parents, node._local_grads):
            parent.grad += node.grad * local


def backward__order_not_reversed(root):
    from course.ops.topological_order import topological_order
    root.grad = 1.0
    for node in topological_order([root], lambda v: v._parents):
        for parent, local in zip(node._parents, node._local_grads):
            parent.grad += node.grad * local


def backward__local_derivative_ignored(root):
    from course.ops.topological_order import topological_order
    root.grad = 1.0
    for node in reversed(topological_order([root], lambda v: v._parents)):
        for parent in node._parents:
            parent.grad += node.grad


def _random_expression(rng, n_leaves, n_ops):
    """A random expression whose values stay moderate (redrawn otherwise)."""
    while True:
        ops = [["leaf", float(rng.uniform(-1.5, 1.5))] for _ in range(n_leaves)]
        for _ in range(n_ops):
            n = len(ops)
            if rng.random() < 0.6:
                ops.append([str(rng.choice(_BINARY)), int(rng.integers(0, n)),
                            int(rng.integers(0, n))])
            else:
                ops.append([str(rng.choice(_UNARY)), int(rng.integers(0, n))])
        ops.append(["add", len(ops) - 1, int(rng.integers(n_leaves, len(ops)))])
        try:
            values = [node.data for node in _expression_nodes(ops)]
        except (OverflowError, ValueError):
            continue
        if max(abs(v) for v in values) < 50:
            return ops


def _backward_cases(rng, hidden):
    x, y = float(rng.uniform(0.5, 2)), float(rng.uniform(-2, -0.5))
    cases = [
        Case("a node used twice (x * x + x)",
             {"ops": [["leaf", x], ["mul", 0, 0], ["add", 1, 0]]}),
        Case("a neuron, tanh(w * x + b)",
             {"ops": [["leaf", x], ["leaf", y], ["leaf", 0.3], ["mul", 0, 1], ["add", 3, 2],
                      ["tanh", 4]]}),
        Case("a diamond", {"ops": [["leaf", x], ["leaf", y], ["mul", 0, 1], ["sigmoid", 2],
                                   ["square", 2], ["sub", 3, 4]]}),
        Case("a single node", {"ops": [["leaf", y]]}),
    ]
    cases += [Case("random expressions", {"ops": _random_expression(
        rng, int(rng.integers(2, 5)), int(rng.integers(4, 16 if hidden else 10)))})
        for _ in range(8 if hidden else 3)]
    n = 20_000 if hidden else 5_000
    cases.append(Case(f"a chain of {n:,} operations", {"ops": [["leaf", x]], "chain": n}))
    return cases


BACKWARD = Exercise(
    id="ch2.backward", name="backward", reference=Value.backward, make_cases=_backward_cases,
    call=_call_backward, points=2, rtol=1e-7, atol=1e-10,
    summary="the backward pass of Value: root.grad = 1, then the chain rule in reverse order",
    mistakes=[
        Mistake("= instead of +=",
                "A node used twice (x * x, or x on two paths) gets one contribution per use: "
                "add them, parent.grad += node.grad * local. With = the last one wins.",
                backward__instead_of),
        Mistake("root.grad not set to 1",
                "Start with root.grad = 1.0 (d root / d root): from 0 every gradient stays 0.",
                backward__root_grad_not_set_to_1),
        Mistake("order not reversed",
                "The topological order puts parents first; the backward pass must visit a "
                "node only after everything that uses it: go through it reversed.",
                backward__order_not_reversed),
        Mistake("local derivative ignored",
                "The chain rule multiplies by the local derivative: parent.grad += "
                "node.grad * local (zip node._parents with node._local_grads).",
                backward__local_derivative_ignored),
    ])
