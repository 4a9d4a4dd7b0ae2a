"""The `printkit` command: each subcommand turns its options into one library call."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from printkit.errors import PrintkitError

CAMPAIGN = click.argument(
    "campaign", required=False, type=click.Path(path_type=Path), metavar="[CAMPAIGN]"
)


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


@main.command()
@CAMPAIGN
@click.option("-o", "--output", type=click.Path(path_type=Path), help="The PDF to write.")
def letter(campaign: Path | None, output: Path | None) -> None:
    """The blank fill-in letter, to hand out and post in a window envelope."""
    from printkit import api

    report(api.letter(campaign, output))


@main.command()
@CAMPAIGN
@click.option(
    "-o", "--output", "folder", type=click.Path(path_type=Path), help="The folder to write into."
)
def build(campaign: Path | None, folder: Path | None) -> None:
    """Everything the campaign's `outputs:` lists."""
    from printkit import api

    report(api.build(campaign, folder))


@main.command()
@CAMPAIGN
def check(campaign: Path | None) -> None:
    """Check a campaign and report every problem; exit status 1 if there is any."""
    from printkit import api

    problems = api.check(campaign)
    for problem in problems:
        click.secho(f"error: {problem}", fg="red", err=True)
    if problems:
        click.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found")
        sys.exit(1)
    click.echo("no problems found")


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
def init(folder: Path) -> None:
    """A new campaign FOLDER to edit, copied from the example."""
    from printkit import api

    report(api.init(folder))
