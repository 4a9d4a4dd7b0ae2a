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


def _row_range(ctx: click.Context, param: click.Parameter, value: str | None) -> range | None:
    from printkit.records import parse_row_range

    try:
        return parse_row_range(value) if value else None
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def _pairs(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> dict[str, str]:
    from printkit.records import parse_map

    try:
        return parse_map(value)
    except ValueError as error:
        raise click.BadParameter(str(error).replace("--map", f"--{param.name}")) from None


FILE = click.Path(path_type=Path)


def _keep(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """Remember a --profile, --lang or --pdf-variant value for look()."""
    if value is not None:
        ctx.meta[f"printkit.{param.name}"] = value


def _check_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    from printkit import languages

    if value is not None:
        try:
            languages.parse(value)
        except ValueError as error:
            raise click.BadParameter(str(error)) from None
    _keep(ctx, param, value)


def look_options(command: Any) -> Any:
    """--profile, --lang and --pdf-variant, the same on every product command."""
    from printkit.profiles import PDF_VARIANTS, PROFILES

    options = [
        click.option("--profile", type=click.Choice(list(PROFILES)), callback=_keep,
                     expose_value=False, help="clear (default; RNIB clear print), large "
                     "(UKAAF large print, 18 pt) or dyslexia (BDA style: cream page)."),
        click.option("--lang", callback=_check_lang, expose_value=False, metavar="CODE",
                     help="The campaign's language to print: cy reads campaign.cy.yaml; "
                     "cy+en sets Welsh and English side by side (leaflet, sign-up sheet)."),
        click.option("--pdf-variant", type=click.Choice(list(PDF_VARIANTS)), callback=_keep,
                     expose_value=False, help="pdf/ua-1: declare PDF/UA (every PDF is tagged)."),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def look() -> Any:
    """The Look the command's --profile, --lang and --pdf-variant describe."""
    from printkit.profiles import DEFAULT_PROFILE, Look

    meta = click.get_current_context().meta
    return Look(
        meta.get("printkit.profile", DEFAULT_PROFILE),
        meta.get("printkit.lang"),
        meta.get("printkit.pdf_variant"),
    )


PROOF_PRODUCTS = ("letter", "leaflet", "signup", "poster")
# Options that mean the same on every command that reads a supporters' spreadsheet.
DATA = click.option("--data", required=True, type=FILE, help="Supporters' spreadsheet (CSV).")
ROWS = click.option(
    "--rows",
    callback=_row_range,
    metavar="5-40",
    help="Only these rows, as the spreadsheet numbers them.",
)
MAP = click.option(
    "--map",
    "mapping",
    multiple=True,
    callback=_pairs,
    metavar="LABEL=COLUMN",
    help='Which column fills a field: --map "Your name=Supporter".',
)
REJECTS = click.option(
    "--rejects", type=FILE, help="Where rejected rows go (default: beside the PDF)."
)


@main.command()
@CAMPAIGN
@click.option("-o", "--output", type=FILE, help="The PDF to write.")
@click.option("--data", type=FILE, help="Supporters' spreadsheet (CSV): one letter per row.")
@click.option(
    "--fill",
    multiple=True,
    callback=_pairs,
    metavar="LABEL=VALUE",
    help='One letter filled from the command line: --fill "Your name=Jo Bloggs".',
)
@click.option("--split", type=FILE, metavar="DIR", help="One PDF per row, into this folder.")
@click.option(
    "--name",
    default="{row}-{your_name}",
    show_default=True,
    help="File names with --split, from columns: {postcode}-{your_name}.",
)
@REJECTS
@click.option("--duplex", is_flag=True, help="Every letter starts on the front of a sheet.")
@ROWS
@MAP
@click.option("--jobs", type=click.IntRange(min=1), help="Processes to use (default: all cores).")
@click.option("--date", help="The date printed on the letters (default: today).")
@click.option(
    "--lookup",
    "find_mp",
    is_flag=True,
    help="Find each row's MP from its postcode first (sends only postcodes).",
)
@click.option("--no-cache", is_flag=True, help="With --lookup: ask the services afresh.")
@look_options
def letter(campaign: Path | None, output: Path | None, data: Path | None,
           fill: dict[str, str], split: Path | None, name: str, rejects: Path | None,
           duplex: bool, rows: range | None, mapping: dict[str, str], jobs: int | None,
           date: str | None, find_mp: bool, no_cache: bool) -> None:  # fmt: skip
    """The letter: blank to fill in by hand, or personalised from a spreadsheet.

    With --data, one letter per row, addressed to that row's MP, with a rejects
    file for rows that cannot make a letter. Print at 100% (actual size) so the
    address shows through the envelope window.
    """
    from printkit import api

    if data is None and (split or rejects or rows or mapping or duplex or find_mp):
        raise click.UsageError(
            "--split, --rejects, --rows, --map, --duplex and --lookup need --data CSV"
        )
    if data is not None and fill:
        raise click.UsageError("use either --data or --fill, not both")
    if fill:
        report(api.filled_letter(campaign, fill, output, date or "", look()))
    elif data is None:
        report(api.letter(campaign, output, look()))
    else:
        run = api.LetterRun(data, output, split, name, rejects, duplex, rows, mapping,
                            jobs or 0, date or "", find_mp, not no_cache, look())  # fmt: skip
        report(api.letters(campaign, run, progress_bar()))


def progress_bar() -> Any:
    """A progress callback drawing a bar on a terminal; None when output is not one."""
    if not sys.stderr.isatty():
        return None
    state: dict[str, Any] = {}

    def advance(done: int, total: int) -> None:
        if "bar" not in state:
            state["bar"] = click.progressbar(length=total, label="letters", file=sys.stderr)
            state["bar"].__enter__()
        state["bar"].update(done)
        if state["bar"].pos >= total:
            state["bar"].__exit__(None, None, None)

    return advance


@main.command()
@CAMPAIGN
@click.option(
    "-o", "--output", "folder", type=click.Path(path_type=Path), help="The folder to write into."
)
@look_options
def build(campaign: Path | None, folder: Path | None) -> None:
    """Everything the campaign's `outputs:` lists."""
    from printkit import api

    report(api.build(campaign, folder, look()))


@main.command()
@CAMPAIGN
@click.option("--data", type=FILE, help="Also check a supporters' spreadsheet (CSV), row by row.")
@MAP
@ROWS
def check(campaign: Path | None, data: Path | None, mapping: dict[str, str],
          rows: range | None) -> None:  # fmt: skip
    """Check a campaign (and --data) and report every problem; exit status 1 if any."""
    from printkit import api

    problems, summary = api.check(campaign, data, mapping, rows)
    for problem in problems:
        click.secho(f"error: {problem}", fg="red", err=True)
    if summary:
        click.echo(summary)
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
@DATA
@click.option("-o", "--output", type=FILE, help="The CSV to write.")
@MAP
@click.option("--no-cache", is_flag=True, help="Ask the services again; keep no answers.")
def lookup(
    campaign: Path | None, data: Path, output: Path | None, mapping: dict[str, str], no_cache: bool
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
    from printkit import api

    report(api.lookup(data, output, campaign, mapping=mapping, use_cache=not no_cache))


@main.command()
@CAMPAIGN
@click.option("--size", type=click.Choice(["a5", "a6", "dl"]), default="a5", show_default=True)
@click.option("--print-shop", is_flag=True, help="One side a page at trim size, with 3 mm bleed.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="The PDF to write.")
@look_options
def leaflet(campaign: Path | None, size: str, print_shop: bool, output: Path | None) -> None:
    """The double-sided leaflet: copies on A4 to print at home and cut, or for a print shop."""
    from printkit import api

    report(api.leaflet(campaign, output, size, print_shop, look()))


@main.command()
@CAMPAIGN
@click.option("--size", type=click.Choice(["a4", "a3"]), default="a4", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="The PDF to write.")
@look_options
def poster(campaign: Path | None, size: str, output: Path | None) -> None:
    """A poster for the stall table, with a large QR code."""
    from printkit import api

    report(api.poster(campaign, output, size, look()))


@main.command()
@CAMPAIGN
@click.option("-o", "--output", type=click.Path(path_type=Path), help="The PDF to write.")
@look_options
def signup(campaign: Path | None, output: Path | None) -> None:
    """A sign-up sheet with unticked consent boxes and a data-protection notice."""
    from printkit import api

    report(api.signup(campaign, output, look()))


TO = click.option(
    "--to",
    type=click.Choice(["recipient", "sender"]),
    default="recipient",
    show_default=True,
    help="Address the MP or councillor, or the supporter.",
)


@main.command()
@CAMPAIGN
@DATA
@click.option("--sheet", help="L7160 (default), L7163, L7159, L7162, or one in campaign.yaml.")
@click.option(
    "--start",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="The first label to use on the first sheet (a part-used sheet).",
)
@TO
@click.option("--outline", is_flag=True, help="Draw each label's edge, for a test print.")
@click.option("--offset-x", type=float, metavar="MM", help="Move everything right (or left: -).")
@click.option("--offset-y", type=float, metavar="MM", help="Move everything down (or up: -).")
@click.option("-o", "--output", type=FILE, help="The PDF to write.")
@REJECTS
@ROWS
@MAP
def labels(campaign: Path | None, data: Path, sheet: str | None, start: int, to: str,
           outline: bool, offset_x: float | None, offset_y: float | None, output: Path | None,
           rejects: Path | None, rows: range | None, mapping: dict[str, str]) -> None:  # fmt: skip
    """Address labels on A4 label sheets, one per row, in the same order as the letters.

    Print at 100% (actual size), never "fit to page", or the addresses miss the labels.
    """
    from printkit import api

    run = api.LabelRun(data, output, to, rejects, rows, mapping, sheet, start,
                       offset_x, offset_y, outline)  # fmt: skip
    report(api.labels(campaign, run))


@main.command()
@CAMPAIGN
@DATA
@click.option("--size", type=click.Choice(["dl", "c5"]), help="The envelope (default: dl).")
@TO
@click.option("--return-address", is_flag=True, help="A small return address, top left.")
@click.option("-o", "--output", type=FILE, help="The PDF to write.")
@REJECTS
@ROWS
@MAP
def envelopes(campaign: Path | None, data: Path, size: str | None, to: str, return_address: bool,
              output: Path | None, rejects: Path | None, rows: range | None,
              mapping: dict[str, str]) -> None:  # fmt: skip
    """Addresses printed on envelopes, one per row, in the same order as the letters.

    Print at 100% (actual size) with the printer's envelope feed set to the envelope size.
    """
    from printkit import api

    run = api.EnvelopeRun(data, output, to, rejects, rows, mapping, size, return_address)
    report(api.envelopes(campaign, run))


@main.command()
@CAMPAIGN
@click.argument("product", required=False, type=click.Choice(PROOF_PRODUCTS))
@click.option(
    "-o", "--output", "folder", type=click.Path(path_type=Path), help="The folder to write into."
)
@look_options
def proof(campaign: Path | None, product: str | None, folder: Path | None) -> None:
    """PNG previews of the first pages, to share before printing (every output by default)."""
    from printkit import api

    named = product is None and campaign is not None and not campaign.exists()
    if named and str(campaign) in PROOF_PRODUCTS:  # `printkit proof leaflet`: the example
        campaign, product = None, str(campaign)
    report(api.proof(campaign, product, folder, look()))
