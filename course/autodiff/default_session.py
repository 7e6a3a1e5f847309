"""Which session runs ``node.eval()``: the innermost ``with Session()`` block's, or an
``InteractiveSession``'s. A stack of its own, so that nodes and sessions need not import
each other."""

_sessions = []


def get_default_session():
    """The innermost session of a ``with`` block (or an InteractiveSession), or None."""
    return _sessions[-1] if _sessions else None


def push(session):
    """Make ``session`` the default until :func:`remove`."""
    _sessions.append(session)


def remove(session):
    """``session`` is no longer a default (if it was one)."""
    if session in _sessions:
        _sessions.remove(session)
