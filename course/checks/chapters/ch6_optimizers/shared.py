"""What several exercises of ch6_optimizers use: case helpers, call adapters."""


def update_call(*names):
    """A ``call`` for an in-place update: run it, return the named arrays afterwards."""
    def call(obj, args):
        obj(**args)
        return tuple(args.get(n) for n in names)
    call.__name__ = f"call_returning_{'_'.join(names)}"
    return call


def shape_of(rng, hidden):
    shapes = [(int(rng.integers(1, 8)),), (int(rng.integers(2, 5)), int(rng.integers(2, 5)))]
    if hidden:
        shapes.append((int(rng.integers(20, 60)), int(rng.integers(10, 40))))
    return shapes[int(rng.integers(len(shapes)))]
