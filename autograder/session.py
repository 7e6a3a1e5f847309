"""Running one submission's cells and exercises in sandboxed workers, with restarts.

Each exercise runs in a worker of its own, which holds no reference of that exercise
(autograder.withhold) and runs the cells before the exercise's check cell first. Cells
run in order, each with a wall clock. A cell that runs too long is interrupted
(SIGINT); if it does not stop, or if the worker dies while running it, the worker is
killed and the cell is skipped from then on. An exercise that runs too long or kills its
worker costs only that exercise. Either way the next request starts a fresh worker, which
re-runs the cells that ran cleanly before going on. Restarts are bounded by the number of
cells and exercises and by the submission's wall clock.
"""

import time
from dataclasses import dataclass, field

from autograder import protocol
from autograder.runner import describe_exit

GRACE_SECONDS = 2.0   # after SIGINT, how long a cell has to stop
HEADER_VALUES = 64    # the most JSON values the "ran" header may hold


@dataclass
class Outcome:
    """What happened to one exercise's request."""

    kind: str                     # "ran", or a status: "timeout", "crash", "tampering", "failed"
    detail: str = ""
    header: dict = field(default_factory=dict)
    runs: list = field(default_factory=list)


@dataclass
class CellEvent:
    label: str
    section: int
    kind: str                     # "error", "timeout", "interrupted", "crash", "tampering"
    detail: str


class Session:
    def __init__(self, zygote, uid, limits, plan, exercise_ids, notebook_name, notebook_text):
        self.zygote, self.uid, self.limits, self.plan = zygote, uid, limits, plan
        self.start_msg = {"op": "start", "exercises": list(exercise_ids), "withhold": None,
                          "notebook": notebook_name, "text": notebook_text}
        self.deadline = time.monotonic() + limits.submission_seconds
        self.max_starts = len(plan.cells) + 2 * len(exercise_ids) + 1
        self.starts = 0
        self.worker = None
        self.done = 0                 # cells handled by the current worker
        self.skipped = set()          # cells that killed a worker
        self.events = {}              # cell index -> CellEvent (the first one)
        self.outputs = []             # the OutputDrain of each worker

    # -- workers ---------------------------------------------------------------------

    def _deadline(self, seconds):
        return min(time.monotonic() + seconds, self.deadline)

    def _start(self):
        if self.starts >= self.max_starts:
            raise protocol.Closed("too many restarts")
        if time.monotonic() >= self.deadline:
            raise protocol.Timeout()
        self.starts += 1
        self.worker = self.zygote.spawn(self.uid, self.limits)
        self.outputs.append(self.worker.output)
        self.done = 0
        try:
            deadline = time.monotonic() + self.limits.cell_seconds
            self.worker.send(self.start_msg, deadline)
            protocol.expect(self.worker.recv(deadline), "ready")
        except (protocol.Timeout, protocol.Closed, protocol.ProtocolError):
            raise protocol.Closed(f"the worker did not start ({self._stop()})") from None

    def _stop(self):
        """Kill the current worker; returns why it stopped, if it had stopped on its own."""
        worker, self.worker = self.worker, None
        if worker is None:
            return ""
        worker.kill()
        code = worker.exit_code()
        worker.close()
        if worker.output.overflowed:
            return "the output limit was exceeded"
        return describe_exit(code)

    def close(self):
        self._stop()

    # -- cells -----------------------------------------------------------------------

    def _note(self, index, kind, detail):
        cell = self.plan.cells[index]
        self.events.setdefault(index, CellEvent(cell.label, cell.section, kind, detail))

    def _exec(self, index):
        """Run cell ``index`` in the current worker (which may be gone afterwards)."""
        cell, worker = self.plan.cells[index], self.worker
        interrupted = False
        try:
            deadline = self._deadline(self.limits.cell_seconds)
            worker.send({"op": "exec", "label": cell.label, "code": cell.code}, deadline)
            try:
                msg = worker.recv(deadline)
            except protocol.Timeout:
                worker.interrupt()
                interrupted = True
                msg = worker.recv(time.monotonic() + GRACE_SECONDS)
            protocol.expect(msg, "executed")
            if not isinstance(msg.get("error"), (str, type(None))):
                raise protocol.ProtocolError("executed: the error is not text")
        except protocol.Timeout:
            self._lose_cell(index, "timeout", f"ran longer than {self.limits.cell_seconds:g} s")
            return
        except protocol.Closed:
            self._lose_cell(index, "crash")
            return
        except protocol.ProtocolError as err:
            self._lose_cell(index, "tampering", str(err))
            return
        if interrupted:
            self._note(index, "interrupted",
                       f"ran longer than {self.limits.cell_seconds:g} s and was interrupted")
        elif msg["error"]:
            self._note(index, "error", msg["error"])
        self.done = index + 1

    def _lose_cell(self, index, kind, detail=None):
        """Kill the worker; the cell is skipped from now on."""
        stopped = self._stop()
        self._note(index, kind, detail or stopped)
        self.skipped.add(index)

    def _prepare(self, section):
        """Make sure every cell before check ``section`` has run in a live worker."""
        upto = sum(1 for c in self.plan.cells if c.section <= section)
        while self.worker is None or self.done < upto:
            if self.worker is None:
                self._start()
            if self.done in self.skipped:
                self.done += 1
            elif self.done < upto:
                self._exec(self.done)

    # -- exercises -------------------------------------------------------------------

    def run(self, section, exercise_id, case_texts, budgets):
        """Run one exercise's cases; an :class:`Outcome`. ``budgets``: the most JSON
        values each case's answer may hold (autograder.budget)."""
        if self.start_msg["withhold"] != exercise_id:
            self._stop()        # a fresh worker, without this exercise's reference
            self.start_msg["withhold"] = exercise_id
        try:
            self._prepare(section)
        except protocol.Timeout:
            return Outcome("timeout", "the submission's time limit was reached")
        except protocol.Closed as err:
            self._stop()
            return Outcome("crash", str(err))
        except protocol.ProtocolError as err:
            self._stop()
            return Outcome("tampering", str(err))
        worker = self.worker
        deadline = self._deadline(self.limits.exercise_seconds)
        budget = [self.limits.answer_mb << 20]

        def receive(max_values):
            msg, size = worker.recv_sized(deadline, budget[0], max_values)
            budget[0] -= size
            return msg

        try:
            worker.send({"op": "run", "exercise": exercise_id, "cases": len(case_texts)}, deadline)
            for text in case_texts:
                worker.send_text(text, deadline)
            header = protocol.expect(receive(HEADER_VALUES), "ran", defined=bool,
                                     is_reference=bool,
                                     reference_called=bool, runs=int)
            if header["defined"] and header["runs"] != len(case_texts):
                raise protocol.ProtocolError("ran: wrong number of runs")
            runs = [receive(budgets[i]) for i in range(header["runs"] if header["defined"] else 0)]
        except protocol.Timeout:
            self._stop()
            return Outcome("timeout", f"ran longer than {self.limits.exercise_seconds:g} s")
        except protocol.Closed:
            return Outcome("crash", self._stop())
        except protocol.TooLarge as err:
            self._stop()
            return Outcome("failed", f"the answer is too large ({err})")
        except protocol.ProtocolError as err:
            self._stop()
            return Outcome("tampering", str(err))
        return Outcome("ran", header=header, runs=runs)

    def section_events(self, section):
        """The cell events of the cells before check ``section`` (after the previous one)."""
        return [e for e in self.events.values() if e.section == section]

    def output(self):
        """The start of all workers' output, and its total size in bytes."""
        head = b"".join(bytes(d.head) for d in self.outputs)[:self.limits.output_kept]
        total = sum(d.total for d in self.outputs)
        return head.decode("utf-8", "replace"), total
