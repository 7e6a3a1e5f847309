"""Variables of a dataflow graph: state each Session keeps, set by initializer nodes (and
updated by the optimizers of :mod:`course.autodiff.train`)."""

from course.autodiff.graph import Node, as_node, get_default_graph


class Variable(Node):
    """State kept by each session: read like any node, set by an initializer and by optimizers.

    Args:
        initial_value: a node (e.g. ``random_normal([784, 256])``) or an array-like,
            evaluated when the initializer runs.
        trainable: whether optimizers update it by default.
        dtype: the variable's dtype (default: the initial value's).

    Attributes:
        initializer: the node that sets this variable alone.
    """

    def __init__(self, initial_value, trainable=True, name=None, dtype=None):
        self.initial_value = as_node(initial_value, dtype)
        super().__init__(name or "Variable", (),
                         self.initial_value.dtype if dtype is None else dtype,
                         self.initial_value.shape)
        self.trainable = trainable
        self.graph.variables.append(self)
        self.initializer = Initializer([self], name=f"{self.name}/Assign")

    def evaluate(self, values, run):
        return run.session.read(self)


class Initializer(Node):
    """Running it gives each variable the current value of its initial-value node.

    Re-initializing a variable also restarts the optimizer state (moments, ...) that the
    session keeps for it.
    """

    def __init__(self, variables, name="init"):
        self.variables = tuple(variables)
        super().__init__(name, [v.initial_value for v in self.variables])

    def evaluate(self, values, run):
        for variable, value in zip(self.variables, values):
            run.session.assign(variable, value)


def global_variables_initializer():
    """The node that initializes every variable of the default graph built so far."""
    return Initializer(get_default_graph().variables)


def variables_initializer(var_list, name="init"):
    """The node that initializes the variables in ``var_list``."""
    return Initializer(var_list, name)
