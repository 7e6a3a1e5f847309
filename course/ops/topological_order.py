"""Topological order of a computation graph, found without recursion.

Reverse-mode differentiation visits every node after all the nodes that use it, that is,
in the reverse of a topological order (each node after everything it was computed from).
A recursive depth-first search is the textbook way to find that order, but Python stops
recursing at about a thousand frames, and a chain of 100,000 operations is an ordinary
graph (an unrolled loop). So the search keeps its own stack: for each node on the path it
remembers an iterator over the parents it has not visited yet.

The teaching engine (``Value``, ``Tensor``, the dataflow graph) and Keras's functional
models order their nodes with this one function.
"""

from typing import Callable, Hashable, Iterable


def topological_order(roots: Iterable[Hashable],
                      parents: Callable[[Hashable], Iterable[Hashable]]) -> list:
    """Every node the ``roots`` depend on (roots included), each after all of its parents.

    Args:
        roots: the nodes to start from (an iterable).
        parents: a function ``node -> iterable of the nodes it was computed from``.

    Returns:
        A list of nodes; ``reversed(list)`` is the order of a backward pass.
        Nodes are compared by identity (they must be hashable).
    """
    order, seen = [], set()
    for root in roots:
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(parents(root)))]
        while stack:
            node, unvisited = stack[-1]
            for parent in unvisited:
                if parent not in seen:
                    seen.add(parent)
                    stack.append((parent, iter(parents(parent))))
                    break
            else:  # every parent is in ``order``: the node can follow them
                stack.pop()
                order.append(node)
    return order
