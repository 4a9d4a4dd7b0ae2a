"""Commands for letters and post: the letter, labels, envelopes, the MP lookup and `check`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from printkit.cli.base import main, progress_bar, report
from printkit.cli.options import (
    BUNDLE,
    CAMPAIGN,
    DATA,
    FILE,
    FILL,
    KEEP_DUPLICATES,
    MAP,
    MERGE_HOUSEHOLDS,
    OUTPUT,
    OVERWRITE,
    REJECTS,
    ROWS,
    SORT,
    STRICT,
    TO,
    Millimetres,
    look,
    look_options,
    overwrite,
    strict,
)
from printkit.render.pool import MAX_JOBS
from printkit.stationery import MAX_PRINTER_OFFSET

OFFSET = Millimetres(MAX_PRINTER_OFFSET)


@main.command()
@CAMPAIGN
@OUTPUT
@click.option("--data", type=FILE, help="Supporters' spreadsheet (CSV): one letter per row.")
@FILL
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
@click.option("--jobs", type=click.IntRange(1, MAX_JOBS),
              help="Processes to use (default: all cores).")  # fmt: skip
@click.option("--date", help="The date printed on the letters (default: today).")
@click.option(
    "--lookup",
    "find_mp",
    is_flag=True,
    help="Find each row's MP from its postcode first (sends only postcodes).",
)
@click.option("--no-cache", is_flag=True, help="With --lookup: ask the services afresh.")
@KEEP_DUPLICATES
@SORT
@BUNDLE
@click.option("--split-by", type=click.Choice(["recipient"]), help="One PDF per recipient.")
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    metavar="N",
    help="Numbered files of at most N pages each; a letter is never split.",
)
@click.option(
    "--for",
    "service",
    type=click.Choice(["stannp", "pingen", "generic"]),
    help="Files for a print-and-post service: one PDF per letter (into --split "
    "DIR) and a recipients CSV; you upload them yourself.",
)
@click.option(
    "--engine",
    type=click.Choice(["fast", "full"]),
    default="fast",
    show_default=True,
    help="full: lay every letter out whole (slower; the reference, for debugging).",
)
@click.option("-v", "--verbose", is_flag=True, help="Say how many letters took each path.")
@look_options
def letter(campaign: Path | None, output: Path | None, data: Path | None,
           fill: dict[str, str], split: Path | None, name: str, rejects: Path | None,
           duplex: bool, rows: range | None, mapping: dict[str, str], jobs: int | None,
           date: str | None, find_mp: bool, no_cache: bool, keep_duplicates: bool, sort: str,
           bundle: str | None, split_by: str | None, max_pages: int | None,
           service: str | None, engine: str, verbose: bool) -> None:  # fmt: skip
    """The letter: blank to fill in by hand, or personalised from a spreadsheet.

    With --data, one letter per row, addressed to that row's MP, with a rejects
    file for rows that cannot make a letter. Print at 100% (actual size) so the
    address shows through the envelope window.
    """
    if data is not None and jobs != 1:
        from printkit.render import pool  # only the standard library: quick to import

        pool.start_server(["printkit.products.batch"])  # it loads while this process does
    from printkit import api

    if data is None and (split or rejects or rows or mapping or duplex or find_mp or bundle
                         or split_by or max_pages or service or keep_duplicates
                         or sort != "row"):  # fmt: skip
        raise click.UsageError(
            "--split, --rejects, --rows, --map, --duplex, --lookup, --sort, --bundle, "
            "--split-by, --max-pages, --for and --keep-duplicates need --data CSV"
        )
    if data is not None and fill:
        raise click.UsageError("use either --data or --fill, not both")
    if fill:
        report(api.filled_letter(campaign, fill, output, date or "", look(), strict=strict(),
                                 overwrite=overwrite()))  # fmt: skip
    elif data is None:
        report(api.letter(campaign, output, look(), strict=strict(), overwrite=overwrite()))
    else:
        layout = api.Layout(bundle, split_by, max_pages or 0)
        run = api.LetterRun(data, output, split, name, rejects, duplex, rows, mapping,
                            jobs or 0, date or "", find_mp, not no_cache, look(), strict(),
                            keep_duplicates, sort, layout, service, overwrite=overwrite(),
                            engine=engine, verbose=verbose)  # fmt: skip
        report(api.letters(campaign, run, progress_bar()))


@main.command()
@CAMPAIGN
@click.option("--data", type=FILE, help="Also check a supporters' spreadsheet (CSV), row by row.")
@MAP
@ROWS
@click.option("--jobs", type=click.IntRange(min=1), help="Processes to use (default: all cores).")
@look_options
def check(campaign: Path | None, data: Path | None, mapping: dict[str, str],
          rows: range | None, jobs: int | None) -> None:  # fmt: skip
    """Lay out and check everything the campaign prints (and each --data row's letter).

    The same preflight as every command, with no PDF written: every problem is listed
    with its file and line, or its row and column. Exit status 1 if any (with --strict,
    warnings count too).
    """
    from printkit import api
    from printkit.render import pool

    checked = api.check_all(campaign, data, mapping, rows, look(), jobs or pool.default_jobs())
    errors = [*checked.errors, *(checked.warnings if strict() else ())]
    for warning in () if strict() else checked.warnings:
        click.secho(f"warning: {warning}", fg="yellow", err=True)
    for problem in errors:
        click.secho(f"error: {problem}", fg="red", err=True)
    if checked.summary:
        click.echo(checked.summary)
    if errors:
        click.echo(f"{len(errors)} problem{'s' if len(errors) != 1 else ''} found")
        sys.exit(1)
    click.echo("no problems found")


@main.command()
@CAMPAIGN
@DATA
@click.option("-o", "--output", type=FILE, help="The CSV to write.")
@MAP
@click.option("--no-cache", is_flag=True, help="Ask the services again; keep no answers.")
@OVERWRITE
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

    report(api.lookup(data, output, campaign, mapping=mapping, use_cache=not no_cache,
                      overwrite=overwrite()))  # fmt: skip


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
@click.option("--offset-x", type=OFFSET, metavar="MM", help="Move everything right (or left: -).")
@click.option("--offset-y", type=OFFSET, metavar="MM", help="Move everything down (or up: -).")
@OUTPUT
@REJECTS
@ROWS
@MAP
@KEEP_DUPLICATES
@SORT
@BUNDLE
@MERGE_HOUSEHOLDS
@STRICT
@OVERWRITE
def labels(campaign: Path | None, data: Path, sheet: str | None, start: int, to: str,
           outline: bool, offset_x: float | None, offset_y: float | None, output: Path | None,
           rejects: Path | None, rows: range | None, mapping: dict[str, str],
           keep_duplicates: bool, sort: str, bundle: str | None,
           merge_households: bool) -> None:  # fmt: skip
    """Address labels on A4 label sheets, one per row, in the same order as the letters.

    Print at 100% (actual size), never "fit to page", or the addresses miss the labels.
    """
    from printkit import api

    run = api.LabelRun(data, output, to, rejects, rows, mapping, strict(), keep_duplicates,
                       sort, bundle, merge_households, overwrite(), sheet=sheet,
                       start=start, offset_x=offset_x, offset_y=offset_y,
                       outline=outline)  # fmt: skip
    report(api.labels(campaign, run))


@main.command()
@CAMPAIGN
@DATA
@click.option("--size", type=click.Choice(["dl", "c5"]), help="The envelope (default: dl).")
@TO
@click.option("--return-address", is_flag=True, help="A small return address, top left.")
@OUTPUT
@REJECTS
@ROWS
@MAP
@KEEP_DUPLICATES
@SORT
@BUNDLE
@MERGE_HOUSEHOLDS
@STRICT
@OVERWRITE
def envelopes(campaign: Path | None, data: Path, size: str | None, to: str, return_address: bool,
              output: Path | None, rejects: Path | None, rows: range | None,
              mapping: dict[str, str], keep_duplicates: bool, sort: str, bundle: str | None,
              merge_households: bool) -> None:  # fmt: skip
    """Addresses printed on envelopes, one per row, in the same order as the letters.

    Print at 100% (actual size) with the printer's envelope feed set to the envelope size.
    """
    from printkit import api

    run = api.EnvelopeRun(data, output, to, rejects, rows, mapping, strict(), keep_duplicates,
                          sort, bundle, merge_households, overwrite(), size=size,
                          return_address=return_address)  # fmt: skip
    report(api.envelopes(campaign, run))
