"""``Sequence``: a dataset of batches that ``fit`` can index (``len`` batches, ``[i]`` -> batch)."""


class Sequence:
    """Subclass and define ``__len__`` (batches per epoch) and ``__getitem__(i)``
    returning ``(x, y)`` or ``(x, y, sample_weight)``. ``on_epoch_end`` runs after each epoch."""

    def __len__(self):
        raise NotImplementedError

    def __getitem__(self, index):
        raise NotImplementedError

    def on_epoch_end(self):
        pass
