"""Long runs for the web page: letters, labels and envelopes made in a process of their own.

A run writes into its own temporary folder, tells the server how far it has got through a
queue, and stops when asked (between chunks of letters; the server ends the process if it
does not). The server sends the file and deletes the folder.
"""

from __future__ import annotations

import shutil
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty
from typing import Any

from printkit import api
from printkit.api import rows
from printkit.errors import PrintkitError
from printkit.products.batch import Progress
from printkit.profiles import CLEAR, Look
from printkit.render import pool

KINDS = ("letters", "labels", "envelopes", "rejects", "manifest", "all")
GRACE = 3.0  # seconds a cancelled run has to stop by itself before it is ended
CONTEXT = pool.context()


class Cancelled(Exception):
    """Raised inside a run when the organiser cancelled it."""


@dataclass(frozen=True)
class Order:
    """What a run makes: from which campaign and spreadsheet, into which folder."""

    kind: str
    campaign: Path | None
    upload: str  # the spreadsheet's file name
    data: bytes
    mapping: dict[str, str]
    folder: Path
    look: Look = CLEAR


def run(order: Order, queue: Any, cancel: Any) -> None:
    """Make the order's files in this process, telling `queue` the progress and the end."""
    done = 0

    def listen(event: Progress) -> None:
        nonlocal done
        if cancel.is_set():
            raise Cancelled
        done += event.done
        queue.put(("progress", done, event.total))

    try:
        name, summary = _make(order, listen, lambda phase: _phase(queue, cancel, phase))
        queue.put(("done", name, summary))
    except Cancelled:
        queue.put(("cancelled",))
    except PrintkitError as error:
        queue.put(("failed", [_shown(p) for p in error.problems]))


def _phase(queue: Any, cancel: Any, phase: str) -> None:
    if cancel.is_set():
        raise Cancelled
    queue.put(("phase", phase))


def _shown(problem: Any) -> str:
    where = problem.where
    if where is not None and where.row is not None:
        column = f", column {where.field!r}" if where.field else ""
        return f"row {where.row}{column}: {problem.message}"
    return problem.message if not problem.hint else f"{problem.message} ({problem.hint})"


def _make(
    order: Order, listen: Callable[[Progress], None], phase: Callable[[str], None]
) -> tuple[str, str]:
    """The file to send (its name in the folder) and the summary line."""
    data = order.folder / (Path(order.upload).name or "supporters.csv")
    data.write_bytes(order.data)
    campaign, _ = api.load(order.campaign)
    stem = order.folder / campaign.slug
    if order.kind == "rejects":
        target = Path(f"{stem}-rejects.csv")
        count = rows.write_rejects(order.campaign, data, order.mapping, target)
        data.unlink()
        return target.name, f"{count} rows rejected"
    made: list[api.Outcome] = []
    if order.kind in ("letters", "manifest", "all"):
        phase("letters")
        run = api.LetterRun(
            data, Path(f"{stem}-letters.pdf"), mapping=order.mapping, look=order.look
        )
        made.append(api.letters(order.campaign, run, listen))
    if order.kind in ("labels", "all"):
        phase("labels")
        made.append(
            api.labels(
                order.campaign,
                api.LabelRun(data, Path(f"{stem}-labels.pdf"), mapping=order.mapping),
            )
        )
    if order.kind in ("envelopes", "all"):
        phase("envelopes")
        made.append(
            api.envelopes(
                order.campaign,
                api.EnvelopeRun(data, Path(f"{stem}-envelopes.pdf"), mapping=order.mapping),
            )
        )
    data.unlink()
    summary = "; ".join(outcome.summary for outcome in made)
    if order.kind == "all":
        archive = Path(f"{stem}-mailing.zip")
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
            for outcome in made:
                for written in outcome.written:
                    bundle.write(written.path, written.path.name)
        return archive.name, summary
    wanted = "-manifest.csv" if order.kind == "manifest" else ".pdf"
    first = next(w.path for o in made for w in o.written if w.path.name.endswith(wanted))
    return first.name, summary


@dataclass
class Job:
    """A run as the server follows it."""

    order: Order
    process: Any
    queue: Any
    cancel: Any
    state: str = "running"  # running | done | failed | cancelled
    phase: str = ""
    done: int = 0
    total: int = 0
    file: str = ""
    summary: str = ""
    problems: list[str] = field(default_factory=list)
    ended: float = 0.0

    @classmethod
    def start(cls, order: Order) -> Job:
        order.folder.mkdir(parents=True, exist_ok=False)
        queue, cancel = CONTEXT.Queue(), CONTEXT.Event()
        process = CONTEXT.Process(target=run, args=(order, queue, cancel), daemon=False)
        process.start()
        return cls(order, process, queue, cancel)

    def poll(self) -> Job:
        """Take in what the run has said; note a run that died without a word."""
        while True:
            try:
                message = self.queue.get_nowait()
            except Empty:
                break
            self._take(message)
        if self.state == "running" and not self.process.is_alive():
            self._take(("failed", ["the run stopped unexpectedly: try again"]))
        return self

    def _take(self, message: tuple[Any, ...]) -> None:
        kind, *rest = message
        if kind == "progress":
            self.done, self.total = rest
        elif kind == "phase":
            self.phase = rest[0]
        elif self.state == "running":
            self.state = kind if kind in ("done", "failed") else "cancelled"
            self.ended = time.monotonic()
            if kind == "done":
                self.file, self.summary = rest
            elif kind == "failed":
                self.problems = list(rest[0])

    def stop(self) -> None:
        """Ask the run to stop; end its process if it has not after the grace period."""
        self.cancel.set()
        self.process.join(GRACE)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(GRACE)
            if self.state == "running":  # ended by us, not died: it did not stop in time
                self.state, self.ended = "cancelled", time.monotonic()
        self.poll()
        if self.state == "running":
            self.state, self.ended = "cancelled", time.monotonic()

    def remove(self) -> None:
        """Delete the run's folder and everything in it."""
        if self.process.is_alive():
            self.stop()
        shutil.rmtree(self.order.folder, ignore_errors=True)

    def status(self) -> dict[str, Any]:
        """The run's state for the page."""
        names = ("state", "phase", "done", "total", "file", "summary", "problems")
        return {name: getattr(self, name) for name in names} | {"kind": self.order.kind}
