"""Labels and envelopes, and the rejects file and summary every mailing shares."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from printkit import campaign as campaign_module
from printkit import mailing as mailing_module
from printkit import paper, records
from printkit.api.common import (
    Outcome,
    Written,
    default_output,
    write_product,
)
from printkit.campaign import Campaign
from printkit.errors import DataError, Problem
from printkit.products import addressing
from printkit.products import envelopes as envelopes_product
from printkit.products import labels as labels_product


def _write_rejects(mailing: mailing_module.Mailing, path: Path) -> list[Written]:
    """The rejects file, when there is anything to put in it."""
    if not mailing.rejects:
        return []
    records.write_rejects(path, mailing.table, mailing.rejects)
    return [Written(path, 0)]


def account_for(
    mailing: mailing_module.Mailing, made: str, rejects: Path
) -> tuple[list[Written], str]:
    """Write the rejects file and the summary line; DataError when no row is left to make."""
    written = _write_rejects(mailing, rejects)
    summary = mailing_module.summary(mailing, made, rejects.name if written else None)
    if not mailing.letters:
        raise DataError(Problem(f"no {made}s made: {summary}", hint=f"see {rejects}"))
    return written, summary


@dataclass(frozen=True)
class MailRun:
    """Labels or envelopes for a spreadsheet: the same rows as its letters, in their order."""

    data: Path
    output: Path | None = None
    to: str = "recipient"  # the MP or councillor; "sender": the supporter
    rejects: Path | None = None
    rows: range | None = None
    mapping: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LabelRun(MailRun):
    """The `labels` options: sheet, first label, a printer's offset, an outline test print."""

    sheet: str | None = None  # default: the campaign's labels.sheet, else L7160
    start: int = 1
    offset_x: float | None = None  # mm; default: the campaign's labels.offset_x
    offset_y: float | None = None
    outline: bool = False


@dataclass(frozen=True)
class EnvelopeRun(MailRun):
    """The `envelopes` options: size and the small return address."""

    size: str | None = None  # default: the campaign's envelopes.size, else dl
    return_address: bool = False


def _mail_run(
    campaign: Campaign, run: MailRun, product: str, fitter: addressing.Fitter
) -> tuple[list[tuple[addressing.Block, ...]], Path, list[Written], str]:
    """The rows as letters would take them, fitted to the product: blocks, target, rejects."""
    mailing = mailing_module.prepare(campaign, records.read_table(run.data, run.mapping), run.rows)
    mailing, blocks = addressing.fitted(mailing, fitter)
    output = run.output or default_output(campaign, product)
    rejects = run.rejects or output.with_name(f"{output.stem}-rejects.csv")
    written, summary = account_for(mailing, product.rstrip("s"), rejects)
    return blocks, output, written, summary


def labels(location: Path | None, run: LabelRun) -> Outcome:
    """One address label per accepted row, in the letters' order, on A4 label sheets."""
    campaign = campaign_module.load(location)
    sheet = labels_product.choose_sheet(campaign, run.sheet)
    labels_product.check_start(sheet, run.start)
    offset_x = campaign.labels.offset_x if run.offset_x is None else run.offset_x
    offset_y = campaign.labels.offset_y if run.offset_y is None else run.offset_y
    placement = labels_product.Placement(sheet, run.start, offset_x, offset_y, run.outline)
    fitter = labels_product.fitter(sheet, run.to)
    blocks, output, written, summary = _mail_run(campaign, run, "labels", fitter)
    document = labels_product.document(campaign, [b[0] for b in blocks], placement)
    pages = labels_product.sheet_count(len(blocks), placement)
    outcome = write_product(campaign, document, output, summary, pages=pages)
    return Outcome(outcome.written + tuple(written), outcome.warnings, summary)


def envelopes(location: Path | None, run: EnvelopeRun) -> Outcome:
    """One envelope-sized page per accepted row, in the letters' order."""
    campaign = campaign_module.load(location)
    envelope = paper.ENVELOPES[run.size or campaign.envelopes.size]
    options = envelopes_product.Options(envelope, run.to, run.return_address)
    fitter = envelopes_product.fitter(campaign, options)
    blocks, output, written, summary = _mail_run(campaign, run, "envelopes", fitter)
    document = envelopes_product.document(campaign, blocks, envelope)
    outcome = write_product(campaign, document, output, summary, pages=len(blocks))
    return Outcome(outcome.written + tuple(written), outcome.warnings, summary)
