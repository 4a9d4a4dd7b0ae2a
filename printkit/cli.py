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


@main.command()
@CAMPAIGN
@click.option("--data", required=True, type=click.Path(path_type=Path), help="The supporters' CSV.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="The CSV to write.")
@click.option(
    "--map", "maps", multiple=True, metavar="LABEL=COLUMN", help='e.g. "Postcode=Post code".'
)
@click.option("--no-cache", is_flag=True, help="Ask the services again; keep no answers.")
def lookup(
    campaign: Path | None, data: Path, output: Path | None, maps: tuple[str, ...], no_cache: bool
) -> None:
    """Find each supporter's MP from their postcode, into a copy of the CSV.

    Adds the columns MP name, MP full title, MP salutation, Constituency, Party and
    Lookup status (for a `to: councillor` campaign: Councillor name, Ward and Council,
    from councillors.csv in the campaign folder). Values already in the CSV are kept.

    \b
    Only the postcodes leave this computer: never names or addresses.
    Postcodes are looked up with postcodes.io (ONS Postcode Directory,
    Open Government Licence), MPs with the UK Parliament Members API.
    Answers are kept for 7 days in your cache folder (--no-cache to skip).

    \b
    Contains Parliamentary information licensed under the
    Open Parliament Licence v3.0.
    """
    from printkit import api, records

    try:
        mapping = records.parse_map(maps)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--map") from None
    report(api.lookup(data, output, campaign, mapping=mapping, use_cache=not no_cache))


@main.command()
@CAMPAIGN
@click.option("--size", type=click.Choice(["a5", "a6", "dl"]), default="a5", show_default=True)
@click.option("--print-shop", is_flag=True, help="One side a page at trim size, with 3 mm bleed.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="The PDF to write.")
def leaflet(campaign: Path | None, size: str, print_shop: bool, output: Path | None) -> None:
    """The double-sided leaflet: copies on A4 to print at home and cut, or for a print shop."""
    from printkit import api

    report(api.leaflet(campaign, output, size, print_shop))


@main.command()
@CAMPAIGN
@click.option("--size", type=click.Choice(["a4", "a3"]), default="a4", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="The PDF to write.")
def poster(campaign: Path | None, size: str, output: Path | None) -> None:
    """A poster for the stall table, with a large QR code."""
    from printkit import api

    report(api.poster(campaign, output, size))


@main.command()
@CAMPAIGN
@click.option("-o", "--output", type=click.Path(path_type=Path), help="The PDF to write.")
def signup(campaign: Path | None, output: Path | None) -> None:
    """A sign-up sheet with unticked consent boxes and a data-protection notice."""
    from printkit import api

    report(api.signup(campaign, output))


@main.command()
@CAMPAIGN
@click.argument(
    "product", required=False, type=click.Choice(["letter", "leaflet", "signup", "poster"])
)
@click.option(
    "-o", "--output", "folder", type=click.Path(path_type=Path), help="The folder to write into."
)
def proof(campaign: Path | None, product: str | None, folder: Path | None) -> None:
    """PNG previews of the first pages, to share before printing (every output by default)."""
    from printkit import api

    report(api.proof(campaign, product, folder))
