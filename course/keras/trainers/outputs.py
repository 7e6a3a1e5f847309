"""Joining the batches a model predicted: one array per batch, or a list (one array per
output) per batch for a model with several outputs."""

import numpy as np


def concatenate_outputs(batches):
    """The batches' outputs joined along the sample axis (output by output for lists)."""
    if isinstance(batches[0], list):
        return [np.concatenate([b[i] for b in batches]) for i in range(len(batches[0]))]
    return np.concatenate(batches)
