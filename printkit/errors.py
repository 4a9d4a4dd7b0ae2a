"""The exceptions printkit raises for problems in the user's input."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file with line and column, or a CSV row and column."""

    path: Path | None = None
    line: int | None = None
    column: int | None = None
    row: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts = [display_path(self.path)] if self.path else []
        if self.row is not None:
            where = f"row {self.row}"
            if self.field:
                where += f", column {self.field!r}"
            return ": ".join([*parts, where])
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the user's input, where it is, and how to fix it."""

    message: str
    where: Location | None = None
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f"\n    {self.hint}"
        return text


class PrintkitError(Exception):
    """Raised when the user's input is wrong; the base of every user-facing error."""

    def __init__(self, problems: Problem | str | Iterable[Problem]) -> None:
        if isinstance(problems, str):
            problems = Problem(problems)
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class CampaignError(PrintkitError):
    """Raised when a campaign folder, its YAML or its letter cannot be used."""


class OutsideError(CampaignError):
    """Raised when a campaign names or holds a file outside its folder (a path or a link)."""


class DataError(PrintkitError):
    """Raised when a supporters' spreadsheet cannot be read or cannot fill the letter."""


class OutputError(PrintkitError):
    """Raised when an output cannot be written where the user asked."""


class ServiceError(PrintkitError):
    """Raised when an online service (postcode or MP lookup) cannot be reached or fails."""


STOP_SIGNALS = {signal.SIGTERM: "SIGTERM", signal.SIGHUP: "SIGHUP"}  # stop a run like Ctrl-C


class Interrupted(KeyboardInterrupt):
    """Raised when printkit is told to stop (SIGTERM, SIGHUP): handled like Ctrl-C."""

    def __init__(self, signal_number: int, name: str) -> None:
        super().__init__(name)
        self.signal_number = signal_number
        self.name = name


def display_path(path: Path) -> str:
    """Show a path relative to the current folder when it is inside it (links left as named)."""
    absolute = Path(os.path.abspath(path))
    for folder in (Path.cwd(), Path.cwd().resolve()):
        if absolute.is_relative_to(folder):
            return str(absolute.relative_to(folder))
    return str(path)


class NotComposable(Exception):
    """Raised when a letter uses what the fast letter path cannot compose (a picture, a link).

    Not the user's problem: the batch lays such letters out in full instead.
    """
