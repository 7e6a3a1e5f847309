"""``Progbar``: Keras 3's progress bar, in place in a terminal or a notebook.

Looks like::

    469/469 ━━━━━━━━━━━━━━━━━━━━ 2s 4ms/step - accuracy: 0.8765 - loss: 0.4321

The line is redrawn at most every ``interval`` seconds where it can be rewritten: in a
terminal with ``\\r``; in a Jupyter notebook as one display updated in place, so that a
saved notebook keeps one line per epoch, not every redraw. Where it cannot (a log file, a
pipe), only the final line of each epoch is printed.
"""

import sys
import time


def _format_value(value):
    value = float(value)
    return f"{value:.4f}" if abs(value) > 1e-3 or value == 0 else f"{value:.4e}"


def _format_time(seconds, per_step):
    if per_step >= 1:
        unit = f"{per_step:.0f}s/step"
    elif per_step >= 1e-3:
        unit = f"{per_step * 1e3:.0f}ms/step"
    else:
        unit = f"{per_step * 1e6:.0f}us/step"
    if seconds >= 3600:
        total = f"{int(seconds // 3600)}:{int(seconds % 3600 // 60):02d}:{int(seconds % 60):02d}"
    elif seconds >= 60:
        total = f"{int(seconds // 60)}:{int(seconds % 60):02d}"
    else:
        total = f"{seconds:.0f}s"
    return f"{total} {unit}"


def ordered_logs(logs):
    """Keras 3's order: training values by name, then validation values by name."""
    keys = sorted(k for k in logs if not k.startswith("val_"))
    keys += sorted(k for k in logs if k.startswith("val_"))
    return [(k, logs[k]) for k in keys]


class Progbar:
    """A progress bar over ``target`` steps (None if unknown).

    Args:
        target: number of steps, or None.
        width: characters of the bar (20, as Keras).
        verbose: 1 for the bar, 2 for one line at the end, 0 for nothing.
        interval: minimum seconds between redraws.
    """

    def __init__(self, target, width=20, verbose=1, interval=0.05, stream=None):
        self.target, self.width, self.verbose, self.interval = target, width, verbose, interval
        self.stream = stream or sys.stdout
        self.display = None if stream is not None else _notebook_display()
        self.dynamic = (self.display is not None
                        or getattr(self.stream, "isatty", lambda: False)())
        self.start = time.perf_counter()
        self.last_draw = 0.0
        self.seen = 0
        self.prev_width = 0

    def update(self, current, logs=None, finalize=False):
        """Show progress at step ``current`` with ``logs`` (current metric values)."""
        self.seen = current
        if self.verbose == 0:
            return
        now = time.perf_counter()
        if not finalize and (not self.dynamic or self.verbose != 1
                             or now - self.last_draw < self.interval):
            return
        self.last_draw = now
        elapsed = now - self.start
        per_step = elapsed / max(current, 1)
        metrics = "".join(f" - {k}: {_format_value(v)}" for k, v in ordered_logs(logs or {}))
        if self.verbose == 2:
            if finalize:
                self.stream.write(f"{current}/{self.target or current} - {elapsed:.0f}s - "
                                  f"{_format_time(0, per_step).split(' ')[1]}{metrics}\n")
                self.stream.flush()
            return
        line = self._bar(current) + " "
        if finalize or not self.target:
            line += _format_time(elapsed, per_step)
        else:
            line += _format_time(per_step * (self.target - current), per_step)
        line += metrics
        if self.display is not None:
            self.display.show(line)
            return
        if self.dynamic:
            pad = max(self.prev_width - len(line), 0)
            self.stream.write("\r" + line + " " * pad)
            self.prev_width = len(line)
            if finalize:
                self.stream.write("\n")
        elif finalize:
            self.stream.write(line + "\n")
        self.stream.flush()

    def _bar(self, current):
        if not self.target:
            return f"{current}/Unknown"
        digits = len(str(self.target))
        filled = int(self.width * min(current, self.target) / self.target)
        bar = "━" * filled
        if filled < self.width and self.dynamic:
            bar += "\x1b[2m" + "━" * (self.width - filled) + "\x1b[0m"
        else:
            bar += " " * (self.width - filled)
        return f"{current:>{digits}}/{self.target} {bar}"


class _NotebookLine:
    """One line of text output in a Jupyter notebook, redrawn in place (a display id)."""

    def __init__(self, display):
        self._display, self._handle = display, None

    def show(self, line):
        data = {"text/plain": line}
        if self._handle is None:
            self._handle = self._display(data, raw=True, display_id=True)
        else:
            self._handle.update(data, raw=True)


def _notebook_display():
    """A :class:`_NotebookLine` when running in a Jupyter kernel, else None."""
    shell = sys.modules.get("IPython") and sys.modules["IPython"].get_ipython()
    if shell is None or type(shell).__name__ != "ZMQInteractiveShell":
        return None
    from IPython.display import display
    return _NotebookLine(display)
