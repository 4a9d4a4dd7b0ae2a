"""The command group, and how any command's outcome and errors reach the terminal.

A user error is a message and exit status 1; Ctrl-C, SIGTERM and SIGHUP stop the run the
same way (workers ended, nothing half-written left) with 130, 143 or 129; anything else is
a bug: one line on the screen, the traceback in a log file to report, exit status 70.
"""

from __future__ import annotations

import contextlib
import datetime
import os
import platform
import signal
import sys
import tempfile
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import platformdirs

from printkit.errors import STOP_SIGNALS, Interrupted, PrintkitError

INTERNAL_ERROR = 70  # EX_SOFTWARE
_LET_THROUGH = (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort)


class Printkit(click.Group):
    """The command group: user errors, stops and bugs each end the one way they should."""

    def invoke(self, ctx: click.Context) -> Any:
        with _stopping_on_signals():
            try:
                return super().invoke(ctx)
            except PrintkitError as error:
                for problem in error.problems:
                    click.secho(f"error: {problem}", fg="red", err=True)
                sys.exit(1)
            except KeyboardInterrupt as stop:  # Ctrl-C, or Interrupted by SIGTERM or SIGHUP
                sys.exit(_stopped(stop))
            except _LET_THROUGH:
                raise
            except Exception as error:
                sys.exit(_internal_error(error, ctx))


@contextlib.contextmanager
def _stopping_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise Interrupted, as Ctrl-C raises KeyboardInterrupt."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, _frame: Any) -> None:
        raise Interrupted(number, STOP_SIGNALS[signal.Signals(number)])

    before = {number: signal.signal(number, stop) for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def _stopped(stop: KeyboardInterrupt) -> int:
    """Say the run was stopped; the exit status is 128 + the signal's number."""
    number, name = (
        (stop.signal_number, stop.name) if isinstance(stop, Interrupted) else (2, "Ctrl-C")
    )
    click.secho(
        f"stopped ({name}): printkit writes its files only when a run is complete, "
        "so nothing half-made was left behind",
        fg="red",
        err=True,
    )
    return 128 + number


def _internal_error(error: Exception, ctx: click.Context) -> int:
    """A bug: one line on the screen, the whole story in a log file the user can send."""
    log = _write_log(error, ctx)
    where = f": {log}" if log else " (no log could be written)"
    click.secho(
        f"printkit hit an internal error; please report it with this file{where}",
        fg="red",
        err=True,
    )
    return INTERNAL_ERROR


def _write_log(error: Exception, ctx: click.Context) -> Path | None:
    """The traceback, versions and command name in a new log file; None when none can be made.

    The command's arguments are left out: they can name supporters.
    """
    from importlib import metadata

    try:
        version = metadata.version("printkit")
    except metadata.PackageNotFoundError:
        version = "dev"
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = (
        f"printkit {version}, Python {platform.python_version()}, {platform.platform()}\n"
        f"command: printkit {ctx.invoked_subcommand or ''}\n\n"
        + "".join(traceback.format_exception(error))
    )
    for folder in (Path(platformdirs.user_log_dir("printkit")), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"printkit-error-{stamp}-{os.getpid()}.log"
            with path.open("x", encoding="utf-8") as stream:
                stream.write(text)
            return path
        except OSError:
            continue
    return None


@click.group(cls=Printkit, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="printkit")
def main() -> None:
    """Print-ready PDFs for a campaign: fill-in letters, leaflets and more.

    CAMPAIGN is a folder holding campaign.yaml (or the file itself);
    left out, it is the example campaign that ships with printkit.
    """


def report(outcome: Any) -> None:
    """Warnings to stderr; the paths written and the summary to stdout."""
    for warning in outcome.warnings:
        click.secho(f"warning: {warning}", fg="yellow", err=True)
    for written in outcome.written:
        click.echo(str(written.path))
    if outcome.summary:
        click.echo(outcome.summary)


def progress_bar(label: str = "letters") -> Any:
    """A listener drawing a progress bar on a terminal; None when stderr is not one."""
    if not sys.stderr.isatty():
        return None
    state: dict[str, Any] = {}

    def advance(event: Any) -> None:
        if "bar" not in state:
            state["bar"] = click.progressbar(length=event.total, label=label, file=sys.stderr)
            state["bar"].__enter__()
        state["bar"].update(event.done)
        if state["bar"].pos >= event.total:
            state["bar"].__exit__(None, None, None)

    return advance
