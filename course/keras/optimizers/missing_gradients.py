"""Gradients that are None (a variable the loss does not depend on), as Keras 3 treats them:
those variables are skipped with a warning; none at all is an error."""

import warnings


def drop_missing(grads, variables):
    """``(grads, variables)`` without the pairs whose gradient is None."""
    grads, variables = list(grads), list(variables)
    missing = [getattr(v, "path", getattr(v, "name", "?")) for g, v in zip(grads, variables)
               if g is None]
    if missing and len(missing) == len(grads):
        raise ValueError(f"No gradients provided for any variable: {missing}. The loss does "
                         f"not depend on them (was it computed under the GradientTape, with "
                         f"keras.ops rather than numpy functions?)")
    if missing:
        warnings.warn(f"Gradients do not exist for variables {missing} when minimizing the "
                      f"loss; they are not updated", UserWarning, stacklevel=3)
        kept = [(g, v) for g, v in zip(grads, variables) if g is not None]
        grads, variables = [g for g, _ in kept], [v for _, v in kept]
    return grads, variables
