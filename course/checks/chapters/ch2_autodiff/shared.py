"""What several exercises of ch2_autodiff use: case helpers, call adapters."""


def topological_order(root):
    """Every Value ``root`` depends on (``root`` included), each after all its parents.

    By ``course.autodiff.topo.topological_order``, which keeps its own stack (no recursion)."""
    from course.autodiff.topo import topological_order as order
    return order([root], lambda v: v._parents)
