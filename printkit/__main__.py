"""`printkit` and `python -m printkit`: the command line, with Ctrl-C quiet even while it loads."""

from __future__ import annotations

import sys


def main() -> None:
    """Load the command line and run it; a Ctrl-C while loading ends it without a traceback."""
    try:
        from printkit.cli import main as command
    except KeyboardInterrupt:
        sys.exit(130)
    command()


if __name__ == "__main__":
    main()
