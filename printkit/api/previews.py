"""Products as bytes rather than files: PDFs and PNG pictures of their pages, for the web page.

Each entry point renders in the calling process and returns what it made; the web layer
runs them in its process pool (`start_worker` sets a worker up once). Nothing is written.
"""

from __future__ import annotations

import dataclasses
import multiprocessing.util
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from printkit import paper, stationery
from printkit.api import preflight
from printkit.api.common import load, renderer, said, today
from printkit.campaign import glyphs
from printkit.campaign.model import Campaign
from printkit.errors import DataError, Location, Problem
from printkit.mail import outcomes, spreadsheet
from printkit.products import addressing, envelopes, labels, leaflet_fit, poster, registry
from printkit.products.letter import Fill, LetterTemplate
from printkit.profiles import CLEAR, Look
from printkit.render import pdf, proof
from printkit.render.pdf import Document, Renderer
from printkit.render.preflight import Finding

PICTURE_WIDTH = 700  # pixels across a page's picture: readable beside the form
SAMPLE = spreadsheet.Table(
    Path("sample addresses"),
    ("Your name", "Address 1", "Town", "Postcode", "MP name", "Councillor name", "Recipient name"),
    tuple(
        spreadsheet.Row(number, {"Your name": f"Sample Supporter {number - 1}",
                                 "Address 1": f"{number} High Street", "Town": "Leeds",
                                 "Postcode": "LS1 1AA", "MP name": "Your MP",
                                 "Councillor name": "Your Councillor",
                                 "Recipient name": "The Recipient"})
        for number in range(2, 5)
    ),
)  # fmt: skip


@dataclass(frozen=True)
class Picture:
    """A rendered product: its PDF, a PNG of every page, and what printing would warn about."""

    pdf: bytes
    pngs: tuple[bytes, ...]
    warnings: tuple[Problem, ...] = ()

    @property
    def pages(self) -> int:
        return len(self.pngs)


Maker = Callable[[Campaign, Renderer, spreadsheet.Table], Document]


@dataclass(frozen=True)
class Kind:
    """A product the web page shows: its title, how its document is made, its language rule."""

    title: str
    make: Maker
    product: str  # the registry's (or the command's) name, for what `load` allows


def _labels(campaign: Campaign, _: Renderer, table: spreadsheet.Table) -> Document:
    sheet = labels.choose_sheet(campaign, None)
    placement = labels.Placement(sheet, 1, campaign.labels.offset_x, campaign.labels.offset_y)
    blocks = _blocks(campaign, table, labels.fitter(sheet, "recipient"), sheet.per_sheet)
    return labels.document(campaign, [b[0] for b in blocks], placement)


def _envelopes(campaign: Campaign, _: Renderer, table: spreadsheet.Table) -> Document:
    envelope = stationery.ENVELOPES[campaign.envelopes.size]
    fitter = envelopes.fitter(campaign, envelopes.Options(envelope))
    return envelopes.document(campaign, _blocks(campaign, table, fitter, 2), envelope)


def _blocks(
    campaign: Campaign, table: spreadsheet.Table, fitter: addressing.Fitter, most: int
) -> list[tuple[addressing.Block, ...]]:
    """The address blocks of the table's first accepted rows, as the mailing would set them."""
    rows = dataclasses.replace(table, rows=table.rows[: most * 3])
    _, blocks = addressing.fitted(outcomes.prepare(campaign, rows), fitter)
    if not blocks:
        raise DataError(Problem("no row of the spreadsheet makes an address to show"))
    return blocks[:most]


def _registered(name: str) -> Maker:
    return lambda campaign, pdf_renderer, _: registry.PRODUCTS[name].make(campaign, pdf_renderer)


def _leaflet(size: str) -> Maker:
    return lambda campaign, pdf_renderer, _: leaflet_fit.fitted(campaign, pdf_renderer, size)


KINDS: dict[str, Kind] = {
    "letter": Kind("Blank letter", _registered("letter"), "letter"),
    **{
        f"leaflet-{size}": Kind(f"Leaflet {size.upper()}", _leaflet(size), "leaflet")
        for size in paper.LEAFLETS
    },
    "poster": Kind("Poster A4", lambda c, r, _: poster.fitted(c, r, "a4"), "poster"),
    "signup": Kind("Sign-up sheet", _registered("signup"), "signup"),
    "labels": Kind("Address labels", _labels, "labels"),
    "envelopes": Kind("Envelopes", _envelopes, "envelopes"),
}  # fmt: skip


def start_worker() -> None:
    """Load fonts and the built-in styles once in this process, before the first request.

    A pool's worker leaves without collecting its objects, so the font configuration's
    temporary folder is removed by a finalizer that multiprocessing runs at exit.
    """
    fonts = pdf.font_config()
    multiprocessing.util.Finalize(fonts, fonts.__del__, exitpriority=10)


def pictures(data: bytes, width: int = PICTURE_WIDTH) -> tuple[bytes, ...]:
    """A PNG of every page of a PDF."""
    return tuple(proof.pngs(data, pages=10_000, width=width))


def product(
    location: Path | None,
    kind: str,
    look: Look = CLEAR,
    table: spreadsheet.Table | None = None,
    width: int = PICTURE_WIDTH,
) -> Picture:
    """One product of the campaign, as the web page shows it; labels and envelopes from `table`
    (the first rows; sample addresses when None)."""
    chosen = KINDS[kind]
    campaign, look = load(location, look, chosen.product)
    pdf_renderer = renderer(campaign, look)
    document = chosen.make(campaign, pdf_renderer, table or SAMPLE)
    result = pdf_renderer.render(document)
    sources = (
        registry.PRODUCTS[chosen.product].sources if chosen.product in registry.PRODUCTS else {}
    )
    found = preflight.campaign_problems(campaign, chosen.title, result.findings, sources)
    warnings = (*glyphs.campaign_warnings(campaign), *document.notes, *said(result.warnings),
                *found)  # fmt: skip
    return Picture(result.data, pictures(result.data, width), warnings)


def row_letter(
    location: Path | None,
    table: spreadsheet.Table,
    number: int,
    look: Look = CLEAR,
    date: str = "",
    width: int = PICTURE_WIDTH,
) -> Picture:
    """The letter of one spreadsheet row (numbered as the spreadsheet shows it)."""
    campaign, look = load(location, look, "letter")
    mailing = outcomes.prepare(campaign, table, range(number, number + 1))
    if mailing.rejects:
        reject = mailing.rejects[0]
        raise DataError(Problem(reject.reason, table.where(reject.row, reject.column)))
    if not mailing.letters:
        raise DataError(Problem(f"there is no row {number}", Location(table.path)))
    fill = Fill.addressed(mailing.letters[0], date or today())
    template = LetterTemplate(campaign, look.spec)
    result = renderer(campaign, look).render(template.document(fill))
    _refuse(template, fill, result.findings, table, mailing.letters[0].row)
    return Picture(result.data, pictures(result.data, width), said(result.warnings))


def one_letter(
    location: Path | None, values: Mapping[str, str], look: Look = CLEAR, date: str = ""
) -> bytes:
    """One supporter's letter from their own details (label -> value), the rules of a row.

    A DataError names the field (`Problem.where.field`) of each thing to put right.
    """
    campaign, look = load(location, look, "letter")
    given = {label: value.strip() for label, value in values.items()}
    table = spreadsheet.Table(Path("the form"), tuple(given), (spreadsheet.Row(2, given),))
    needed = (outcomes.recipient_label(campaign), outcomes.SENDER_NAME, outcomes.POSTCODE)
    empty = [label for label in needed if not table.value(table.rows[0], label)]
    if empty:  # every missing field at once, rather than the first a row is rejected for
        raise DataError([Problem(f"[{label}] is empty", Location(field=label)) for label in empty])
    mailing = outcomes.prepare(campaign, table)
    if mailing.rejects:
        reject = mailing.rejects[0]
        raise DataError(Problem(reject.reason, table.where(reject.row, reject.column)))
    fill = Fill.addressed(mailing.letters[0], date or today())
    template = LetterTemplate(campaign, look.spec)
    result = renderer(campaign, look).render(template.document(fill))
    _refuse(template, fill, result.findings, table, mailing.letters[0].row)
    return result.data


def _refuse(
    template: LetterTemplate,
    fill: Fill,
    findings: Sequence[Finding],
    table: spreadsheet.Table,
    row: spreadsheet.Row,
) -> None:
    """A DataError naming the field of each thing the preflight found on a row's letter."""
    if not findings:
        return
    problems = []
    for finding in findings:
        reason, label, _ = template.reject(finding, fill)
        column = table.column_for(label) if label else None
        problems.append(Problem(reason, table.where(row, column or label)))
    raise DataError(problems)
