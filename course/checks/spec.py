"""What an exercise is: a reference, cases, how to call the student's code, known mistakes.

One :class:`Exercise` serves three places: the visible check cell in a notebook (public
seed), the hidden grading (the instructor's seed, more and larger cases, run by the
autograder across a process boundary with plain data), and the project's tests (the
reference passes; every catalogued mistake fails with its own diagnosis).
"""

from dataclasses import dataclass, field
from typing import Any, Callable, Optional


@dataclass
class Case:
    """One input to try.

    Attributes:
        group: the line it is reported under, e.g. ``"random shapes"``, ``"batch of 1"``.
        args: keyword arguments, plain data only (numpy arrays, numbers, strings, and
            lists/tuples/dicts of them), so that they can cross a process boundary.
    """

    group: str
    args: dict


@dataclass
class Mistake:
    """A known wrong answer and what to tell the student who makes it.

    ``mutant`` is the wrong code, with the exercise's signature: when the student's output
    matches the mutant's (and not the reference's) on a case, ``diagnosis`` is shown.
    """

    name: str
    diagnosis: str
    mutant: Callable


def call_with_args(obj: Callable, args: dict) -> object:
    """The default way to call the student's object: ``obj(**args)``."""
    return obj(**args)


@dataclass
class Exercise:
    """An exercise graded against ``reference``.

    Attributes:
        id: ``"ch4.dense_backward"``: chapter and name, unique in the course.
        name: the name the student defines in the notebook (function, class or variable).
        reference: the correct object, with the same name and signature.
        make_cases: ``(rng, hidden) -> list[Case]``; ``hidden=True`` asks for more and
            larger cases (for grading).
        call: ``(obj, args) -> output``, how to exercise the student's (or the reference's)
            object on one case; it must return plain data.
        output_names: names of the parts of a tuple output, for messages (``("dx", "dW")``).
        rtol, atol: tolerance of the comparison of float outputs.
        mistakes: the catalogue of known mistakes.
        points: what the exercise is worth.
        pure: whether the object must leave its inputs unchanged (checked on every case),
            except the arguments named in ``mutable``, which it updates in place by contract
            (an optimizer's parameter and state).
        exact_dtype: whether float32 versus float64 matters (the kind always matters).
    """

    id: str
    name: str
    reference: Any
    make_cases: Callable
    call: Callable = call_with_args
    output_names: tuple = ()
    rtol: float = 1e-5
    atol: float = 1e-6
    mistakes: list = field(default_factory=list)
    points: int = 1
    pure: bool = True
    mutable: tuple = ()
    exact_dtype: bool = False
    summary: Optional[str] = None

    def cases(self, seed, hidden=False):
        """The cases for ``seed`` (reproducible), plain data."""
        import numpy as np
        return self.make_cases(np.random.default_rng(seed), hidden)

    @property
    def public_seed(self):
        """The seed of the visible check: fixed and derived from the id."""
        import zlib
        return zlib.crc32(self.id.encode())
