"""ch2.div: a / b as a Value with its local derivatives."""

from course.autodiff import Value
from course.checks.spec import Case, Exercise, Mistake


def _call_div(obj, args):
    a = Value(args["a"])
    b = a if args.get("b_is_a") else Value(args["b"])
    out = obj(a, b)
    if not isinstance(out, Value):
        raise TypeError(f"div should return a Value, got {type(out).__name__}")
    root = out * b if args.get("times_b") else out
    root.backward()
    return out.data, a.grad, b.grad


def div__sign_of_d_db(a, b):
    return Value(a.data / b.data, (a, b), (1 / b.data, a.data / b.data ** 2), "/")


def div__a_missing_from_d_db(a, b):
    return Value(a.data / b.data, (a, b), (1 / b.data, -1 / b.data ** 2), "/")


def div__local_derivatives_swapped(a, b):
    return Value(a.data / b.data, (a, b), (-a.data / b.data ** 2, 1 / b.data), "/")


def div__no_parents_recorded(a, b):
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
    id="ch2.div", name="div", reference=Value.__truediv__, make_cases=_div_cases, call=_call_div,
    output_names=("a / b", "a.grad", "b.grad"), points=1, rtol=1e-9, atol=1e-12,
    summary="a / b as a Value with its local derivatives",
    mistakes=[
        Mistake("sign of d/db",
                "d(a/b)/db = -a / b^2: dividing by a larger b makes the quotient smaller "
                "(for a > 0), so the derivative is negative.", div__sign_of_d_db),
        Mistake("a missing from d/db",
                "d(a/b)/db = -a / b^2, not -1 / b^2: a / b = a * b^-1, and the a stays.",
                div__a_missing_from_d_db),
        Mistake("local derivatives swapped",
                "The local derivatives go in the order of the parents: (d/da, d/db) for "
                "parents (a, b).", div__local_derivatives_swapped),
        Mistake("no parents recorded",
                "Value(a.data / b.data) is a constant: without its parents and local "
                "derivatives, backward() cannot reach a and b. Pass (a, b) and the two "
                "derivatives to Value(...).", div__no_parents_recorded),
    ])
