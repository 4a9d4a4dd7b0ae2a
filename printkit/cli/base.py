"""The command group, and how any command's outcome and errors reach the terminal."""

from __future__ import annotations

import sys
from typing import Any

import click

from printkit.errors import PrintkitError


class Printkit(click.Group):
    """The command group; a user error becomes a message on stderr and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PrintkitError as error:
            for problem in error.problems:
                click.secho(f"error: {problem}", fg="red", err=True)
            sys.exit(1)


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
