"""ch2.topological_order: the nodes of a graph, each after its parents, with an explicit stack."""

import numpy as np

from course.autodiff import Value
from course.checks.spec import Case, Exercise, Mistake


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


def topological_order__recursion(root):
    order, seen = [], set()

    def visit(node):
        if node not in seen:
            seen.add(node)
            for parent in node._parents:
                visit(parent)
            order.append(node)

    visit(root)
    return order


def topological_order__no_record_of_visited_nodes(root):
    order, stack = [], [(root, False)]
    while stack:
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)
        else:
            stack.append((node, True))
            stack.extend((parent, False) for parent in reversed(node._parents))
    return order


def topological_order__node_before_its_parents(root):
    order, seen, stack = [], set(), [root]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            order.append(node)
            stack.extend(node._parents)
    return order


def topological_order__root_left_out(root):
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
    id="ch2.topological_order", name="topological_order", reference=Value.topological_order,
    make_cases=_topo_cases, call=_call_topological_order, points=2,
    output_names=("finished without RecursionError", "number of nodes returned",
                  "each needed node exactly once", "every node after its parents"),
    summary="the nodes of a graph, each after its parents, with an explicit stack",
    mistakes=[
        Mistake("recursion",
                "A recursive search stops at Python's recursion limit (about 1000 calls): a "
                "chain of 10,000 operations is an ordinary graph (an unrolled loop). Keep "
                "your own stack of (node, parents not visited yet) instead.",
                topological_order__recursion),
        Mistake("no record of visited nodes",
                "Nodes reached by two paths come out twice (and a graph of stacked diamonds "
                "takes exponential time): remember the nodes already visited in a set.",
                topological_order__no_record_of_visited_nodes),
        Mistake("node before its parents",
                "You append a node when you first reach it, before its parents: that is the "
                "order of discovery, not a topological order. Append a node only after all "
                "its parents are in the list.", topological_order__node_before_its_parents),
        Mistake("root left out",
                "The root belongs to the order too (last): backward() starts from it.",
                topological_order__root_left_out),
    ])
