"""The `printkit` command: each subcommand turns its options into one library call."""

from printkit.cli import letters, serve, stall  # noqa: F401  (they add their commands to `main`)
from printkit.cli.base import main

__all__ = ["main"]
