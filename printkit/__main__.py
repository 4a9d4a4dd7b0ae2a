"""`printkit` and `python -m printkit`: the command line, stopped quietly even while it loads."""

from __future__ import annotations

import signal
import sys

from printkit.errors import STOP_SIGNALS, Interrupted


def _stop(number: int, _frame: object) -> None:
    raise Interrupted(number, STOP_SIGNALS[signal.Signals(number)])


def main() -> None:
    """Load the command line and run it; Ctrl-C, SIGTERM or SIGHUP while it loads end it quietly.

    The command group sets its own handlers for the run itself (cli/base.py).
    """
    for number in STOP_SIGNALS:
        signal.signal(number, _stop)
    try:
        from printkit.cli import main as command
    except KeyboardInterrupt as stop:
        name = stop.name if isinstance(stop, Interrupted) else "Ctrl-C"
        print(f"stopped ({name}) while starting: nothing was written", file=sys.stderr)
        sys.exit(128 + (stop.signal_number if isinstance(stop, Interrupted) else signal.SIGINT))
    command()


if __name__ == "__main__":
    main()
