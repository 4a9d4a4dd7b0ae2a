"""Options that mean the same on every command, and the parsers behind them."""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

FILE = click.Path(path_type=Path)
CAMPAIGN = click.argument("campaign", required=False, type=FILE, metavar="[CAMPAIGN]")
_RANGE = re.compile(r"\s*(?P<start>\d+)\s*(?:(?P<dash>[-\u2013:])\s*(?P<end>\d*)\s*)?")


def parse_row_range(text: str) -> range:
    """`5-40`, `5-` or `7` (spreadsheet row numbers, inclusive) as a range of row numbers."""
    match = _RANGE.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not a row range: write 5-40, 5- or 7")
    start = int(match["start"])
    end = start if match["dash"] is None else int(match["end"] or sys.maxsize - 1)
    if start < 2:
        raise ValueError(f"{text!r}: row 1 holds the column names; data rows start at 2")
    if end < start:
        raise ValueError(f"{text!r}: the range ends before it starts")
    return range(start, end + 1)


def parse_map(entries: Iterable[str]) -> dict[str, str]:
    """`--map "Your name=Supporter"` entries as label -> column header."""
    mapping: dict[str, str] = {}
    for entry in entries:
        label, equals, column = entry.partition("=")
        if not equals or not label.strip() or not column.strip():
            raise ValueError(f"--map {entry!r}: write it as LABEL=COLUMN, e.g. 'Your name=Name'")
        mapping[label.strip()] = column.strip()
    return mapping


def _row_range(ctx: click.Context, param: click.Parameter, value: str | None) -> range | None:
    try:
        return parse_row_range(value) if value else None
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def _pairs(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> dict[str, str]:
    try:
        return parse_map(value)
    except ValueError as error:
        raise click.BadParameter(str(error).replace("--map", f"--{param.name}")) from None


def _keep(ctx: click.Context, param: click.Parameter, value: str | bool | None) -> None:
    """Remember a --profile, --lang, --pdf-variant or --strict value for look() and strict()."""
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
    """--profile, --lang, --pdf-variant, --strict and --overwrite, the same on every product."""
    from printkit.profiles import PDF_VARIANTS, PROFILES

    options = [
        click.option("--profile", type=click.Choice(list(PROFILES)), callback=_keep,
                     expose_value=False, help="; ".join(
                         f"{name}: {profile.guidance}" for name, profile in PROFILES.items()
                     ) + " (default: clear)."),
        click.option("--lang", callback=_check_lang, expose_value=False, metavar="CODE",
                     help="The campaign's language to print: cy reads campaign.cy.yaml; "
                     "cy+en sets Welsh and English side by side (leaflet, sign-up sheet)."),
        click.option("--pdf-variant", type=click.Choice(list(PDF_VARIANTS)), callback=_keep,
                     expose_value=False, help="pdf/ua-1 (the default): declare PDF/UA-1; "
                     "tagged: a tagged PDF that declares no standard."),
        STRICT,
        OVERWRITE,
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def look() -> Any:
    """The Look the command's --profile, --lang and --pdf-variant describe."""
    from printkit.profiles import DEFAULT_PROFILE, DEFAULT_VARIANT, Look

    meta = click.get_current_context().meta
    variant = meta.get("printkit.pdf_variant", DEFAULT_VARIANT)
    return Look(
        meta.get("printkit.profile", DEFAULT_PROFILE),
        meta.get("printkit.lang"),
        None if variant == "tagged" else variant,
    )


def strict() -> bool:
    """Whether the command was given --strict."""
    return bool(click.get_current_context().meta.get("printkit.strict"))


def overwrite() -> bool:
    """Whether the command was given --overwrite."""
    return bool(click.get_current_context().meta.get("printkit.overwrite"))


class Millimetres(click.ParamType[float]):
    """A length in mm within ±`limit`: NaN and infinity are refused."""

    name = "mm"

    def __init__(self, limit: float) -> None:
        self.limit = limit

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of millimetres, e.g. 1.5 or -2", param, ctx)
        if not math.isfinite(number) or abs(number) > self.limit:
            self.fail(f"{value!r}: give a number of mm from -{self.limit:g} to {self.limit:g}",
                      param, ctx)  # fmt: skip
        return number


STRICT = click.option(
    "--strict",
    is_flag=True,
    callback=_keep,
    expose_value=False,
    help="Treat every warning as an error: write nothing if there is one.",
)
OVERWRITE = click.option(
    "--overwrite",
    is_flag=True,
    callback=_keep,
    expose_value=False,
    help="Replace files an earlier run wrote (never an input, a folder or a link).",
)
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
FILL = click.option(
    "--fill",
    multiple=True,
    callback=_pairs,
    metavar="LABEL=VALUE",
    help='One letter filled from the command line: --fill "Your name=Jo Bloggs".',
)
REJECTS = click.option(
    "--rejects", type=FILE, help="Where rejected rows go (default: beside the PDF)."
)
OUTPUT = click.option("-o", "--output", type=FILE, help="The PDF to write.")
FOLDER = click.option("-o", "--output", "folder", type=FILE, help="The folder to write into.")
TO = click.option(
    "--to",
    type=click.Choice(["recipient", "sender"]),
    default="recipient",
    show_default=True,
    help="Address the MP or councillor, or the supporter.",
)
KEEP_DUPLICATES = click.option(
    "--keep-duplicates",
    is_flag=True,
    help="Print the same person twice (same name, postcode and street) instead of "
    "rejecting the repeat.",
)
SORT = click.option(
    "--sort",
    type=click.Choice(["row", "recipient", "postcode"]),
    default="row",
    show_default=True,
    help="The order: the spreadsheet's rows, by recipient (MP), or by the sender's postcode.",
)
BUNDLE = click.option(
    "--bundle",
    type=click.Choice(["recipient"]),
    help="Group the letters by recipient; letters get a cover sheet before each group.",
)
MERGE_HOUSEHOLDS = click.option(
    "--merge-households",
    is_flag=True,
    help="With --to sender: one address for everyone at the same address.",
)
