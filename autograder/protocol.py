"""The grader-worker protocol: length-prefixed frames of plain data on a socket.

A frame is 4 bytes (big-endian length) then that many bytes of UTF-8 text written by
:func:`course.checks.plain.dumps`; :func:`course.checks.plain.loads` reads it back, so a
frame carries plain data only (no pickle, nothing executable), and a malformed or
oversized frame is a :class:`ProtocolError`. The grader gives every read and write a
deadline; the worker blocks.

Messages are dicts with an ``"op"``:

    grader -> worker                                worker -> grader
    {"op": "start", "exercises": [ids],             {"op": "ready"}
     "notebook": name, "text": text}
    {"op": "exec", "label": l, "code": c}           {"op": "executed", "error": str|None}
    {"op": "run", "exercise": id, "cases": n}       {"op": "ran", "defined": bool,
      then n frames: the cases' args                  "is_reference": bool,
                                                      "reference_called": bool, "runs": n}
                                                     then n frames: {"output", "args_after",
                                                      "error", "not_written"}
"""

import os
import select
import struct
import time

from autograder.budget import TooComplex, check_structure
from course.checks import plain

HEADER = struct.Struct(">I")
MAX_FRAME = 400_000_000   # what a worker accepts from the grader


class ProtocolError(Exception):
    """A frame that is not plain data or not the expected message."""


class TooLarge(ProtocolError):
    """A frame longer than the reader allows (an answer too large, or a forged length)."""


class Closed(Exception):
    """The other side has gone (end of file, or a broken pipe)."""


class Timeout(Exception):
    """The deadline passed before the frame was complete."""


def _wait(fd, deadline, write=False):
    if deadline is None:
        return
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise Timeout()
    ready = select.select([], [fd], [], remaining) if write else \
        select.select([fd], [], [], remaining)
    if not any(ready):
        raise Timeout()


def _read_exact(fd, n, deadline):
    """``n`` bytes, read into one buffer (a large frame is held once, not in chunks too)."""
    buffer = bytearray(n)
    view, got = memoryview(buffer), 0
    while got < n:
        _wait(fd, deadline)
        try:
            count = os.readv(fd, [view[got:got + (1 << 20)]])
        except (BlockingIOError, InterruptedError):
            continue
        except OSError:
            raise Closed() from None
        if not count:
            raise Closed()
        got += count
    view.release()
    return buffer


def send_text(fd, text, deadline=None):
    """Send one frame whose body is already-encoded plain data (see :func:`encode`)."""
    data = text.encode("utf-8")
    view = memoryview(HEADER.pack(len(data)) + data)
    while view:
        _wait(fd, deadline, write=True)
        try:
            written = os.write(fd, view)
        except (BlockingIOError, InterruptedError):
            continue
        except OSError:
            raise Closed() from None
        view = view[written:]


def encode(obj):
    """The frame body of plain data (raises PlainDataError for anything else)."""
    return plain.dumps(obj)


def send(fd, obj, deadline=None):
    send_text(fd, encode(obj), deadline)


def recv_sized(fd, deadline=None, max_bytes=MAX_FRAME, max_values=None):
    """``(plain data, frame size)`` of one frame; raises Closed, Timeout or ProtocolError.
    ``max_values``: the most JSON values the frame may hold (autograder.budget), checked
    before anything is decoded."""
    (size,) = HEADER.unpack(_read_exact(fd, HEADER.size, deadline))
    if size > max_bytes:
        raise TooLarge(f"{size} bytes, more than the {max_bytes} allowed")
    body = _read_exact(fd, size, deadline)
    try:
        text = body.decode("utf-8")
        del body                    # the text alone is kept while checking and decoding
        if max_values is not None:
            check_structure(text, max_values)
        return plain.loads(text, max_bytes), size
    except TooComplex as err:
        raise TooLarge(str(err)) from None
    except (UnicodeDecodeError, plain.PlainDataError) as err:
        raise ProtocolError(f"not plain data: {err}") from None


def recv(fd, deadline=None, max_bytes=MAX_FRAME):
    """One frame's plain data; raises Closed, Timeout or ProtocolError."""
    return recv_sized(fd, deadline, max_bytes)[0]


def expect(msg, op, **fields):
    """Check that ``msg`` is the message ``op`` with fields of the given types."""
    if not isinstance(msg, dict) or msg.get("op") != op:
        raise ProtocolError(f"expected {op!r}, got {str(msg)[:80]}")
    for name, types in fields.items():
        value = msg.get(name)
        if not isinstance(value, types) or (types is int and isinstance(value, bool)):
            raise ProtocolError(f"{op}: field {name!r} is missing or of the wrong type")
    return msg
