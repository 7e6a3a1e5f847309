"""Chapter 2, Dataflow graphs and automatic differentiation.

The references are built on :mod:`course.autodiff`: the scalar ``Value``, its
topological order and backward pass, ``unbroadcast`` of the array engine, and the
TensorFlow 1 facade (a graph run by a ``Session``). Exercises on a part of ``Value`` are
framed as a function the check calls on a graph it builds from plain data, and return
plain data (numbers, arrays, tuples); an exercise never depends on the student's answer
to an earlier one.
"""

import numpy as np

from course.autodiff import Value
from course.autodiff.primitives import unbroadcast
from course.checks.spec import Case, Exercise, Mistake


# -- 1. numerical_gradient: central differences, the yardstick -----------------------------------

def numerical_gradient(f, x, h=1e-5):
    """``df/dx`` for a scalar function ``f`` of an array ``x``, by central differences:
    ``(f(x + h e_i) - f(x - h e_i)) / (2 h)`` for each element ``i``. Same shape as ``x``,
    float64; ``x`` itself is left unchanged."""
    x = np.array(x, dtype=np.float64)  # a float64 copy: the caller's array is never touched
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def _test_function(W, c, scale):
    """A smooth ``f(x) = scale * (c . tanh(W x) + |W x|^2 / 4)`` of an array x of any shape."""
    def f(x):
        z = W @ np.ravel(x)
        return float(scale * (c @ np.tanh(z) + 0.25 * (z @ z)))
    return f


def _call_numerical_gradient(obj, args):
    f = _test_function(args["W"], args["c"], args["scale"])
    if "h" in args:
        return obj(f, args["x"], args["h"])
    return obj(f, args["x"])


def _numgrad_forward_difference(f, x, h=1e-5):
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    f_x = f(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        grad[i] = (f(x) - f_x) / h
        x[i] = old
    return grad


def _numgrad_divided_by_h(f, x, h=1e-5):
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / h
    return grad


def _numgrad_not_restored(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        x[i] += h
        f_plus = f(x)
        x[i] -= 2 * h
        f_minus = f(x)
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def _numgrad_all_at_once(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def _numgrad_own_dtype(f, x, h=1e-5):
    x = x.copy()
    grad = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def _numgrad_case(rng, shape, scale=1.0, x=None, **extra):
    n = int(np.prod(shape))
    k = int(rng.integers(2, 5))
    args = {"W": rng.standard_normal((k, n)) / np.sqrt(n) * 1.5, "c": rng.standard_normal(k),
            "scale": scale, "x": rng.standard_normal(shape) if x is None else x}
    args.update(extra)
    return args


def _numgrad_cases(rng, hidden):
    cases = [Case("a vector", _numgrad_case(rng, (int(rng.integers(3, 8)),)))
             for _ in range(4 if hidden else 2)]
    cases.append(Case("a matrix", _numgrad_case(rng, (2, 3))))
    cases.append(Case("a given step h", _numgrad_case(rng, (4,), h=1e-3)))
    cases.append(Case("large function values", _numgrad_case(rng, (3,), scale=1e4)))
    cases.append(Case("one element", _numgrad_case(rng, (1,))))
    cases.append(Case("x = 0", _numgrad_case(rng, (3,), x=np.zeros(3))))
    cases.append(Case("integer x", _numgrad_case(rng, (4,), x=rng.integers(0, 3, 4))))
    cases.append(Case("float32 x", _numgrad_case(
        rng, (5,), x=(1 + rng.random(5)).astype(np.float32))))
    if hidden:
        cases.append(Case("three axes", _numgrad_case(rng, (2, 3, 4))))
        cases.append(Case("larger", _numgrad_case(rng, (40,))))
    return cases


NUMERICAL_GRADIENT = Exercise(
    id="ch2.numerical_gradient", name="numerical_gradient", reference=numerical_gradient,
    make_cases=_numgrad_cases, call=_call_numerical_gradient, points=2, rtol=1e-6, atol=1e-7,
    summary="the gradient of f: array -> number by central differences",
    mistakes=[
        Mistake("forward difference",
                "You used (f(x + h) - f(x)) / h, whose error shrinks like h; the central "
                "difference (f(x + h) - f(x - h)) / (2h) is accurate to h^2.",
                _numgrad_forward_difference),
        Mistake("divided by h",
                "f(x + h) and f(x - h) are 2h apart: divide their difference by 2 * h.",
                _numgrad_divided_by_h),
        Mistake("perturbed in x's own dtype",
                "You perturbed x in its own dtype: an integer array rounds x + h back to x, "
                "and float32 keeps only 7 digits, so x + 1e-5 is off by about 1%. Work on a "
                "float64 copy: np.array(x, dtype=np.float64).", _numgrad_own_dtype),
        Mistake("every element perturbed at once",
                "f(x + h) moves every element of x at the same time: that is one directional "
                "derivative, not the gradient. Perturb one element at a time.",
                _numgrad_all_at_once),
        Mistake("x not restored",
                "After perturbing x[i] you did not put it back, so every later element was "
                "differentiated at a shifted point (and the caller's x was changed). Restore "
                "x[i] to its old value, or perturb a copy.", _numgrad_not_restored),
    ])


# -- 2. div: a new operation of Value, with its local derivatives ---------------------------------

def div(a, b):
    """``a / b`` for two Values, recording the local derivatives
    ``d(a/b)/da = 1/b`` and ``d(a/b)/db = -a/b^2``."""
    return Value(a.data / b.data, (a, b), (1 / b.data, -a.data / b.data ** 2), "/")


def _call_div(obj, args):
    a = Value(args["a"])
    b = a if args.get("b_is_a") else Value(args["b"])
    out = obj(a, b)
    if not isinstance(out, Value):
        raise TypeError(f"div should return a Value, got {type(out).__name__}")
    root = out * b if args.get("times_b") else out
    root.backward()
    return out.data, a.grad, b.grad


def _div_sign(a, b):
    return Value(a.data / b.data, (a, b), (1 / b.data, a.data / b.data ** 2), "/")


def _div_without_a(a, b):
    return Value(a.data / b.data, (a, b), (1 / b.data, -1 / b.data ** 2), "/")


def _div_swapped(a, b):
    return Value(a.data / b.data, (a, b), (-a.data / b.data ** 2, 1 / b.data), "/")


def _div_no_parents(a, b):
    return Value(a.data / b.data)


def _div_cases(rng, hidden):
    def away_from_zero():
        return float(rng.choice([-1, 1]) * rng.uniform(0.3, 3.0))

    cases = [Case("random numbers", {"a": float(rng.normal(0, 3)), "b": away_from_zero()})
             for _ in range(8 if hidden else 3)]
    cases.append(Case("a = 0", {"a": 0.0, "b": away_from_zero()}))
    cases.append(Case("large and small magnitudes", {"a": 3e8, "b": -2e-3}))
    cases.append(Case("x / x", {"a": away_from_zero(), "b_is_a": True}))
    cases.append(Case("(a / b) * b", {"a": float(rng.normal(0, 3)), "b": away_from_zero(),
                                      "times_b": True}))
    return cases


DIV = Exercise(
    id="ch2.div", name="div", reference=div, make_cases=_div_cases, call=_call_div,
    output_names=("a / b", "a.grad", "b.grad"), points=1, rtol=1e-9, atol=1e-12,
    summary="a / b as a Value with its local derivatives",
    mistakes=[
        Mistake("sign of d/db",
                "d(a/b)/db = -a / b^2: dividing by a larger b makes the quotient smaller "
                "(for a > 0), so the derivative is negative.", _div_sign),
        Mistake("a missing from d/db",
                "d(a/b)/db = -a / b^2, not -1 / b^2: a / b = a * b^-1, and the a stays.",
                _div_without_a),
        Mistake("local derivatives swapped",
                "The local derivatives go in the order of the parents: (d/da, d/db) for "
                "parents (a, b).", _div_swapped),
        Mistake("no parents recorded",
                "Value(a.data / b.data) is a constant: without its parents and local "
                "derivatives, backward() cannot reach a and b. Pass (a, b) and the two "
                "derivatives to Value(...).", _div_no_parents),
    ])


# -- 3. topological_order: every node after its parents, without recursion -----------------------

def topological_order(root):
    """Every Value ``root`` depends on (``root`` included), each after all its parents.

    By ``course.autodiff.topo.topological_order``, which keeps its own stack (no recursion)."""
    from course.autodiff.topo import topological_order as order
    return order([root], lambda v: v._parents)


def _graph_nodes(parents):
    """Values wired as ``parents`` says: row i lists node i's parents (indices < i), -1 = none."""
    nodes = []
    for i, row in enumerate(parents):
        ps = tuple(nodes[j] for j in row if j >= 0)
        nodes.append(Value(float(i), ps, (1.0,) * len(ps), "f" if ps else ""))
    return nodes


def _needed(parents):
    """Indices of the nodes the last node depends on (itself included)."""
    needed, todo = set(), [len(parents) - 1]
    while todo:
        i = todo.pop()
        if i not in needed:
            needed.add(i)
            todo.extend(int(j) for j in parents[i] if j >= 0)
    return needed


def _call_topological_order(obj, args):
    parents = args["parents"]
    nodes = _graph_nodes(parents)
    try:
        order = list(obj(nodes[-1]))
    except RecursionError:
        return False, 0, False, False
    index = {id(v): i for i, v in enumerate(nodes)}
    positions = [index.get(id(v), -1) for v in order]
    each_once = len(positions) == len(set(positions)) and set(positions) == _needed(parents)
    first = {}
    for p, i in enumerate(positions):
        first.setdefault(i, p)
    after_parents = all(j in first and first[j] < first[i]
                        for i in first if i >= 0 for j in parents[i] if j >= 0)
    return True, len(order), each_once, after_parents


def _topo_recursive(root):
    order, seen = [], set()

    def visit(node):
        if node not in seen:
            seen.add(node)
            for parent in node._parents:
                visit(parent)
            order.append(node)

    visit(root)
    return order


def _topo_no_seen_set(root):
    order, stack = [], [(root, False)]
    while stack:
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)
        else:
            stack.append((node, True))
            stack.extend((parent, False) for parent in reversed(node._parents))
    return order


def _topo_preorder(root):
    order, seen, stack = [], set(), [root]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            order.append(node)
            stack.extend(node._parents)
    return order


def _topo_without_root(root):
    order, seen, stack = [], {root}, [(root, iter(root._parents))]
    while stack:
        node, todo = stack[-1]
        for parent in todo:
            if parent not in seen:
                seen.add(parent)
                stack.append((parent, iter(parent._parents)))
                break
        else:
            stack.pop()
            if node is not root:
                order.append(node)
    return order


def _parents_array(rows):
    out = np.full((len(rows), 2), -1, dtype=np.int64)
    for i, row in enumerate(rows):
        out[i, :len(row)] = row
    return out


def _random_dag(rng, n):
    rows = [[]]
    for i in range(1, n):
        k = int(rng.integers(0, 3)) if i < n - 1 else 2
        rows.append([int(j) for j in rng.integers(0, i, k)])
    rows[-1] = [n - 2, int(rng.integers(0, n - 2))]
    return _parents_array(rows)


def _chain(n):
    return _parents_array([[]] + [[i - 1] for i in range(1, n)])


def _ladder(levels):
    """Two nodes per level, each using both nodes of the level below: 2^levels paths."""
    rows = [[], []]
    for level in range(1, levels):
        below = [2 * level - 2, 2 * level - 1]
        rows += [below, below]
    rows.append([2 * levels - 2, 2 * levels - 1])
    return _parents_array(rows)


def _topo_cases(rng, hidden):
    cases = [Case("a short chain", {"parents": _chain(5)}),
             Case("a node used twice (x * x)", {"parents": _parents_array([[], [0, 0]])}),
             Case("a diamond", {"parents": _parents_array([[], [0], [0], [1, 2]])}),
             Case("a single node", {"parents": _parents_array([[]])}),
             Case("unused nodes are left out",
                  {"parents": _parents_array([[], [], [0], [1], [2], [4, 0]])})]
    cases += [Case("random graphs", {"parents": _random_dag(rng, int(rng.integers(6, 13)))})
              for _ in range(8 if hidden else 3)]
    cases.append(Case("a ladder of diamonds", {"parents": _ladder(10)}))
    cases.append(Case("a chain of 10,000 nodes", {"parents": _chain(10_000)}))
    if hidden:
        cases.append(Case("a chain of 100,000 nodes", {"parents": _chain(100_000)}))
    return cases


TOPOLOGICAL_ORDER = Exercise(
    id="ch2.topological_order", name="topological_order", reference=topological_order,
    make_cases=_topo_cases, call=_call_topological_order, points=2,
    output_names=("finished without RecursionError", "number of nodes returned",
                  "each needed node exactly once", "every node after its parents"),
    summary="the nodes of a graph, each after its parents, with an explicit stack",
    mistakes=[
        Mistake("recursion",
                "A recursive search stops at Python's recursion limit (about 1000 calls): a "
                "chain of 10,000 operations is an ordinary graph (an unrolled loop). Keep "
                "your own stack of (node, parents not visited yet) instead.", _topo_recursive),
        Mistake("no record of visited nodes",
                "Nodes reached by two paths come out twice (and a graph of stacked diamonds "
                "takes exponential time): remember the nodes already visited in a set.",
                _topo_no_seen_set),
        Mistake("node before its parents",
                "You append a node when you first reach it, before its parents: that is the "
                "order of discovery, not a topological order. Append a node only after all "
                "its parents are in the list.", _topo_preorder),
        Mistake("root left out",
                "The root belongs to the order too (last): backward() starts from it.",
                _topo_without_root),
    ])


# -- 4. backward: the chain rule over the reversed topological order -------------------------------

def backward(root):
    """Set ``node.grad = d root / d node`` for every node ``root`` depends on (all grads 0
    before): ``Value.backward`` of ``course.autodiff``."""
    root.backward()


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


def _backward_assigns(root):
    from course.autodiff.topo import topological_order
    root.grad = 1.0
    for node in reversed(topological_order([root], lambda v: v._parents)):
        for parent, local in zip(node._parents, node._local_grads):
            parent.grad = node.grad * local


def _backward_no_seed(root):
    from course.autodiff.topo import topological_order
    for node in reversed(topological_order([root], lambda v: v._parents)):
        for parent, local in zip(node._parents, node._local_grads):
            parent.grad += node.grad * local


def _backward_not_reversed(root):
    from course.autodiff.topo import topological_order
    root.grad = 1.0
    for node in topological_order([root], lambda v: v._parents):
        for parent, local in zip(node._parents, node._local_grads):
            parent.grad += node.grad * local


def _backward_local_ignored(root):
    from course.autodiff.topo import topological_order
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
    id="ch2.backward", name="backward", reference=backward, make_cases=_backward_cases,
    call=_call_backward, points=2, rtol=1e-7, atol=1e-10,
    summary="the backward pass of Value: root.grad = 1, then the chain rule in reverse order",
    mistakes=[
        Mistake("= instead of +=",
                "A node used twice (x * x, or x on two paths) gets one contribution per use: "
                "add them, parent.grad += node.grad * local. With = the last one wins.",
                _backward_assigns),
        Mistake("root.grad not set to 1",
                "Start with root.grad = 1.0 (d root / d root): from 0 every gradient stays 0.",
                _backward_no_seed),
        Mistake("order not reversed",
                "The topological order puts parents first; the backward pass must visit a "
                "node only after everything that uses it: go through it reversed.",
                _backward_not_reversed),
        Mistake("local derivative ignored",
                "The chain rule multiplies by the local derivative: parent.grad += "
                "node.grad * local (zip node._parents with node._local_grads).",
                _backward_local_ignored),
    ])


# -- 5. fit_line: gradient descent with Value, and zero_grad ---------------------------------------

def fit_line(x, y, learning_rate, steps):
    """Fit ``y = w x + b`` by ``steps`` steps of gradient descent on the mean squared error,
    from ``w = b = 0``. Returns ``(w, b, losses)``, the loss of each step before its update."""
    w, b = Value(0.0), Value(0.0)
    losses = []
    for _ in range(steps):
        loss = sum((w * xi + b - yi) ** 2 for xi, yi in zip(x, y)) * (1.0 / len(x))
        w.grad = b.grad = 0.0
        loss.backward()
        w.data -= learning_rate * w.grad
        b.data -= learning_rate * b.grad
        losses.append(loss.data)
    return w.data, b.data, losses


def _plain_number(v):
    return v.data if isinstance(v, Value) else v


def _call_fit_line(obj, args):
    w, b, losses = obj(**args)
    return (_plain_number(w), _plain_number(b),
            np.array([_plain_number(v) for v in losses], dtype=np.float64))


def _fit_line_no_zero_grad(x, y, learning_rate, steps):
    w, b = Value(0.0), Value(0.0)
    losses = []
    for _ in range(steps):
        loss = sum((w * xi + b - yi) ** 2 for xi, yi in zip(x, y)) * (1.0 / len(x))
        loss.backward()
        w.data -= learning_rate * w.grad
        b.data -= learning_rate * b.grad
        losses.append(loss.data)
    return w.data, b.data, losses


def _fit_line_ascent(x, y, learning_rate, steps):
    w, b = Value(0.0), Value(0.0)
    losses = []
    for _ in range(steps):
        loss = sum((w * xi + b - yi) ** 2 for xi, yi in zip(x, y)) * (1.0 / len(x))
        w.grad = b.grad = 0.0
        loss.backward()
        w.data += learning_rate * w.grad
        b.data += learning_rate * b.grad
        losses.append(loss.data)
    return w.data, b.data, losses


def _fit_line_sum(x, y, learning_rate, steps):
    w, b = Value(0.0), Value(0.0)
    losses = []
    for _ in range(steps):
        loss = sum((w * xi + b - yi) ** 2 for xi, yi in zip(x, y))
        w.grad = b.grad = 0.0
        loss.backward()
        w.data -= learning_rate * w.grad
        b.data -= learning_rate * b.grad
        losses.append(loss.data)
    return w.data, b.data, losses


def _fit_line_b_frozen(x, y, learning_rate, steps):
    w, b = Value(0.0), Value(0.0)
    losses = []
    for _ in range(steps):
        loss = sum((w * xi + b - yi) ** 2 for xi, yi in zip(x, y)) * (1.0 / len(x))
        w.grad = b.grad = 0.0
        loss.backward()
        w.data -= learning_rate * w.grad
        losses.append(loss.data)
    return w.data, b.data, losses


def _line_data(rng, n, x_scale=1.0, noise=0.1):
    x = rng.standard_normal(n) * x_scale
    y = rng.uniform(-2, 2) * x + rng.uniform(-1, 1) + noise * rng.standard_normal(n)
    return [float(v) for v in x], [float(v) for v in y]


def _fit_line_cases(rng, hidden):
    cases = []
    for _ in range(4 if hidden else 2):
        x, y = _line_data(rng, int(rng.integers(5, 40 if hidden else 15)))
        cases.append(Case("noisy lines", {"x": x, "y": y, "learning_rate": 0.1,
                                          "steps": int(rng.integers(10, 60 if hidden else 25))}))
    x, y = _line_data(rng, 1)
    cases.append(Case("one point", {"x": x, "y": y, "learning_rate": 0.2, "steps": 5}))
    x, y = _line_data(rng, 8, x_scale=100.0)
    cases.append(Case("large x, small learning rate",
                      {"x": x, "y": y, "learning_rate": 2e-5, "steps": 10}))
    cases.append(Case("zero steps", {"x": [1.0, 2.0], "y": [0.5, 1.0], "learning_rate": 0.1,
                                     "steps": 0}))
    return cases


FIT_LINE = Exercise(
    id="ch2.fit_line", name="fit_line", reference=fit_line, make_cases=_fit_line_cases,
    call=_call_fit_line, output_names=("w", "b", "losses"), points=2, rtol=1e-7, atol=1e-9,
    summary="gradient descent on a line with Value: forward, zero the grads, backward, update",
    mistakes=[
        Mistake("gradients not reset",
                "backward() adds into .grad, so without w.grad = b.grad = 0 before each "
                "backward() the gradients of all earlier steps pile up.",
                _fit_line_no_zero_grad),
        Mistake("gradient ascent",
                "You stepped along the gradient (+=): descent goes against it, "
                "w.data -= learning_rate * w.grad.", _fit_line_ascent),
        Mistake("sum instead of mean",
                "The loss is the mean over the points: multiply the sum by 1 / len(x).",
                _fit_line_sum),
        Mistake("b never updated",
                "Both parameters take a step: b.data -= learning_rate * b.grad as well.",
                _fit_line_b_frozen),
    ])


# -- 6. unbroadcast: the gradient of a broadcast operand -------------------------------------------

def _unbroadcast_leading_only(grad, shape):
    extra = grad.ndim - len(shape)
    return grad.sum(axis=tuple(range(extra))) if extra else grad


def _unbroadcast_no_keepdims(grad, shape):
    extra = grad.ndim - len(shape)
    if extra:
        grad = grad.sum(axis=tuple(range(extra)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    return grad.sum(axis=stretched) if stretched else grad


def _unbroadcast_mean(grad, shape):
    extra = grad.ndim - len(shape)
    if extra:
        grad = grad.mean(axis=tuple(range(extra)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    return grad.mean(axis=stretched, keepdims=True) if stretched else grad


def _unbroadcast_aligned_left(grad, shape):
    extra = grad.ndim - len(shape)
    if extra:
        grad = grad.sum(axis=tuple(range(len(shape), grad.ndim)))
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    return grad.sum(axis=stretched, keepdims=True) if stretched else grad


def _unbroadcast_cases(rng, hidden):
    n, d = int(rng.integers(2, 7)), int(rng.integers(2, 7))
    while n == d:
        d = int(rng.integers(2, 7))
    a, b, c = _dims_distinct(rng, 3)

    def g(*shape):
        return rng.standard_normal(shape)

    cases = [Case("a bias (N, D) -> (D,)", {"grad": g(n, d), "shape": (d,)}),
             Case("a row (N, D) -> (1, D)", {"grad": g(n, d), "shape": (1, d)}),
             Case("a column (N, D) -> (N, 1)", {"grad": g(n, d), "shape": (n, 1)}),
             Case("a scalar (N, D) -> ()", {"grad": g(n, d), "shape": ()}),
             Case("three axes (A, B, C) -> (B, 1)", {"grad": g(a, b, c), "shape": (b, 1)}),
             Case("three axes (A, B, C) -> (A, 1, C)", {"grad": g(a, b, c), "shape": (a, 1, c)}),
             Case("square (D, D) -> (D,)", {"grad": g(d, d), "shape": (d,)}),
             Case("no broadcasting", {"grad": g(n, d), "shape": (n, d)}),
             Case("batch of 1 (1, D) -> (D,)", {"grad": g(1, d), "shape": (d,)}),
             Case("float32", {"grad": g(n, d).astype(np.float32), "shape": (1, d)})]
    if hidden:
        cases.append(Case("large (N, D) -> (D,)", {"grad": g(4096, 256), "shape": (256,)}))
        cases.append(Case("four axes", {"grad": g(2, 3, 4, 5), "shape": (3, 1, 5)}))
    return cases


def _dims_distinct(rng, k):
    return tuple(int(v) for v in rng.choice(np.arange(2, 8), size=k, replace=False))


UNBROADCAST = Exercise(
    id="ch2.unbroadcast", name="unbroadcast", reference=unbroadcast,
    make_cases=_unbroadcast_cases, points=2,
    summary="sum a gradient over the axes that broadcasting added or stretched",
    mistakes=[
        Mistake("stretched axes not summed",
                "You summed the leading axes that broadcasting added, but not the axes of "
                "length 1 that it stretched ((N, 1) against (N, D)): sum those too, with "
                "keepdims=True.", _unbroadcast_leading_only),
        Mistake("keepdims forgotten",
                "An axis of length 1 in the operand's shape must stay: sum the stretched "
                "axes with keepdims=True, so that (N, D) -> (N, 1), not (N,).",
                _unbroadcast_no_keepdims),
        Mistake("mean instead of sum",
                "An element used D times receives D gradients, and they add up: sum, do not "
                "average.", _unbroadcast_mean),
        Mistake("shapes aligned at the left",
                "numpy aligns shapes at the right: (D,) against (N, D) is stretched along "
                "the leading axis 0, so the extra axes to sum are the first ones.",
                _unbroadcast_aligned_left),
    ])


# -- 7. mse_loss_graph: building a graph for a Session (define-and-run) ----------------------------

def mse_loss_graph(x, y, W, b):
    """The node of the mean squared error of the linear model ``x @ W + b`` against ``y``,
    built with ``course.autodiff.tf`` (nothing is computed until a Session runs it)."""
    import course.autodiff.tf as tf
    return tf.reduce_mean(tf.square(tf.matmul(x, W) + b - y))


def _call_mse_loss_graph(obj, args):
    import course.autodiff.tf as tf
    from course.autodiff.graph import Node
    graph = tf.Graph()
    with graph.as_default():
        x = tf.placeholder(tf.float64, (None, args["W"].shape[0]), name="x")
        y = tf.placeholder(tf.float64, (None, args["W"].shape[1]), name="y")
        W = tf.Variable(args["W"], name="W")
        b = tf.Variable(args["b"], name="b")
        loss = obj(x, y, W, b)
        if not isinstance(loss, Node):
            raise TypeError(f"mse_loss_graph should return a graph node built with tf "
                            f"operations, got {type(loss).__name__}")
        grads = tf.gradients(loss, [W, b])
        with tf.Session(graph=graph) as sess:
            sess.run(tf.global_variables_initializer())
            fetched = sess.run([loss] + [g for g in grads if g is not None],
                               {x: args["x"], y: args["y"]})
    values = iter(fetched[1:])
    dW, db = (np.zeros_like(v) if g is None else next(values)
              for g, v in zip(grads, (args["W"], args["b"])))
    return fetched[0], dW, db


def _mse_graph_sum(x, y, W, b):
    import course.autodiff.tf as tf
    return tf.reduce_sum(tf.square(tf.matmul(x, W) + b - y))


def _mse_graph_half(x, y, W, b):
    import course.autodiff.tf as tf
    return 0.5 * tf.reduce_mean(tf.square(tf.matmul(x, W) + b - y))


def _mse_graph_per_example(x, y, W, b):
    import course.autodiff.tf as tf
    return tf.reduce_mean(tf.square(tf.matmul(x, W) + b - y), axis=1)


def _mse_graph_no_bias(x, y, W, b):
    import course.autodiff.tf as tf
    return tf.reduce_mean(tf.square(tf.matmul(x, W) - y))


def _mse_graph_case(rng, n, d, m, scale=1.0):
    return {"x": rng.standard_normal((n, d)) * scale, "y": rng.standard_normal((n, m)),
            "W": rng.standard_normal((d, m)) * 0.5, "b": rng.standard_normal(m) * 0.5}


def _mse_graph_cases(rng, hidden):
    cases = [Case("random shapes", _mse_graph_case(rng, *_dims(rng, 2, 9, 3)))
             for _ in range(5 if hidden else 2)]
    cases.append(Case("batch of 1", _mse_graph_case(rng, 1, 3, 2)))
    cases.append(Case("one output", _mse_graph_case(rng, 6, 4, 1)))
    zero = _mse_graph_case(rng, 5, 3, 2)
    zero["W"], zero["b"] = np.zeros_like(zero["W"]), np.zeros_like(zero["b"])
    cases.append(Case("zero weights", zero))
    cases.append(Case("large inputs", _mse_graph_case(rng, 4, 3, 2, scale=1e3)))
    if hidden:
        cases.append(Case("large", _mse_graph_case(rng, 1000, 50, 10)))
    return cases


def _dims(rng, low, high, n):
    dims = tuple(int(v) for v in rng.integers(low, high + 1, size=n))
    return dims if dims[2] >= 2 else dims[:2] + (2,)


MSE_LOSS_GRAPH = Exercise(
    id="ch2.mse_loss_graph", name="mse_loss_graph", reference=mse_loss_graph,
    make_cases=_mse_graph_cases, call=_call_mse_loss_graph,
    output_names=("loss", "dloss/dW", "dloss/db"), points=2, rtol=1e-7, atol=1e-9,
    summary="the node of a mean squared error, built with tf operations, run by a Session",
    mistakes=[
        Mistake("reduce_sum instead of reduce_mean",
                "The mean squared error averages over every element: tf.reduce_mean, not "
                "tf.reduce_sum.", _mse_graph_sum),
        Mistake("a factor 1/2",
                "TensorFlow's and Keras's mean squared error has no 1/2 in front (some "
                "textbooks add it to tidy the derivative).", _mse_graph_half),
        Mistake("one loss per example",
                "reduce_mean(..., axis=1) leaves one loss per example; the loss to minimize "
                "is one number: reduce over every axis (no axis argument).",
                _mse_graph_per_example),
        Mistake("bias left out",
                "The model is x @ W + b: you left b out, so the loss does not depend on it.",
                _mse_graph_no_bias),
    ])


EXERCISES = [NUMERICAL_GRADIENT, DIV, TOPOLOGICAL_ORDER, BACKWARD, FIT_LINE, UNBROADCAST,
             MSE_LOSS_GRAPH]
