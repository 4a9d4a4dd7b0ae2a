"""Labels and envelopes, and the rejects file and summary every mailing shares."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from printkit import files, stationery
from printkit.api import common, preflight
from printkit.api.common import (
    Outcome,
    Written,
    default_output,
    load,
    renderer,
    stream_product,
    strictly,
)
from printkit.campaign.model import Campaign
from printkit.errors import CampaignError, DataError, PrintkitError, Problem
from printkit.mail import households, ordering, outputs, spreadsheet
from printkit.mail import outcomes as mailing_module
from printkit.products import addressing
from printkit.products import envelopes as envelopes_product
from printkit.products import labels as labels_product
from printkit.profiles import CLEAR
from printkit.render.pdf import Document
from printkit.render.preflight import MISSING

MAX_PASSES = 3  # layouts to settle which rows' labels cannot print


def account_for(
    mailing: mailing_module.Mailing,
    made: str,
    rejects: Path,
    staged: files.Outputs,
    count: int = -1,
) -> tuple[list[Written], str]:
    """Stage the rejects file and give the summary line; DataError when no row is left to make.

    With no row left, nothing is written at all, so the rejects are listed in the message.
    The rejects file is committed with the run's other outputs, or not at all.
    """
    if not mailing.letters:
        summary = mailing_module.summary(mailing, made, None)
        reasons = [Problem(r.reason, mailing.table.where(r.row, r.column)) for r in mailing.rejects]
        said = Problem(f"no {made}s made: {summary}", hint="nothing was written")
        raise DataError([said, *reasons])
    summary = mailing_module.summary(
        mailing, made, rejects.name if mailing.rejects else None, count
    )
    if not mailing.rejects:
        return [], summary
    outputs.write_rejects(staged.path(rejects), mailing.table, mailing.rejects)
    return [Written(rejects, 0)], summary


def claim(
    staged: files.Outputs, mailing: mailing_module.Mailing, made: list[Path], rejects: Path
) -> None:
    """Check every output of a mailing before rendering; an earlier run's rejects go too."""
    if not mailing.letters:
        return  # account_for says so: nothing is made
    has_rejects = bool(mailing.rejects and mailing.letters)
    staged.claim(
        [*made, *([rejects] if has_rejects else [])], stale=[] if has_rejects else [rejects]
    )


def check_offset(name: str, value: float) -> None:
    """A printer's offset must be a number within stationery.MAX_PRINTER_OFFSET mm."""
    limit = stationery.MAX_PRINTER_OFFSET
    if not math.isfinite(value) or abs(value) > limit:
        raise PrintkitError(
            Problem(
                f"{name} {value:g}: a printer's offset is at most {limit:g} mm either way",
                hint="print a test page with --outline and measure how far it is off",
            )
        )


@dataclass(frozen=True)
class MailRun:
    """Labels or envelopes for a spreadsheet: the same rows as its letters, in their order."""

    data: Path
    output: Path | None = None
    to: str = "recipient"  # the MP or councillor; "sender": the supporter
    rejects: Path | None = None
    rows: range | None = None
    mapping: Mapping[str, str] = field(default_factory=dict)
    strict: bool = False  # warnings fail the run, and nothing is written
    keep_duplicates: bool = False  # the same person twice gets two, not a reject
    sort: str = "row"  # the letters' order: row | recipient | postcode
    bundle: str | None = None  # "recipient": grouped as the bundled letters are
    merge_households: bool = False  # with to="sender": one address for everyone at it
    overwrite: bool = False  # replace outputs of an earlier run (never anything else)


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
) -> tuple[mailing_module.Mailing, list[tuple[addressing.Block, ...]], Path, Path]:
    """The rows as letters would take them, fitted to the product: blocks, target, rejects."""
    table = spreadsheet.read_table(run.data, run.mapping)
    prepared = mailing_module.prepare(
        campaign, table, run.rows, keep_duplicates=run.keep_duplicates
    )
    strictly(prepared.warnings, run.strict)
    prepared = ordering.ordered(prepared, run.sort, run.bundle)
    if run.merge_households and run.to != "sender":
        raise PrintkitError(
            Problem(
                "--merge-households needs --to sender",
                hint="a household shares the supporters' own address",
            )
        )
    mailing, blocks = addressing.fitted(prepared, fitter, run.merge_households)
    output = run.output or default_output(campaign, product)
    return mailing, blocks, output, run.rejects or output.with_name(f"{output.stem}-rejects.csv")


Blocks = list[tuple[addressing.Block, ...]]


def _preflighted(
    campaign: Campaign,
    mailing: mailing_module.Mailing,
    blocks: Blocks,
    make: Callable[[Blocks], Iterable[Document]],
    merge_households: bool = False,
) -> tuple[mailing_module.Mailing, Blocks]:
    """The rows whose label or envelope the preflight finds wrong, moved to the rejects.

    Each label and envelope names its place in the list (`data-ref`), so a finding names
    its rows (a household's label, all of them); the rest are laid out again without
    it, until none is found wrong. The parts are laid out one at a time, so memory stays
    flat however long the list.
    """
    pdf = renderer(campaign)
    for _ in range(MAX_PASSES):
        laid = [(part.name, f) for part in make(blocks) for f in pdf.layout(part).findings]
        stray = [(name, f) for name, f in laid if not f.ref.isdigit()]  # not of one row
        if stray:
            raise CampaignError(
                problem for name, finding in stray
                for problem in preflight.campaign_problems(campaign, name, [finding], {})
            )  # fmt: skip
        findings = [f for _, f in laid]
        if not findings:
            break
        refused = {int(f.ref) - 1: f for f in reversed(findings)}
        groups = (households.groups(mailing.letters) if merge_households
                  else [[letter] for letter in mailing.letters])  # fmt: skip
        rejects, kept = [*mailing.rejects], []
        for index, group in enumerate(groups):
            finding = refused.get(index)
            if finding is None:
                kept.append(index)
                continue
            kind = "glyph" if finding.kind == MISSING else "page"
            reason = preflight.row_reason(finding)
            rejects += [mailing_module.Reject(letter.row, reason, None, kind) for letter in group]
        rejects.sort(key=lambda reject: reject.row.number)
        letters = tuple(letter for index in kept for letter in groups[index])
        mailing = dataclasses.replace(mailing, letters=letters, rejects=tuple(rejects))
        blocks = [blocks[i] for i in kept]
    return mailing, blocks


def labels(location: Path | None, run: LabelRun) -> Outcome:
    """One address label per accepted row, in the letters' order, on A4 label sheets."""
    campaign, _ = load(location, CLEAR, "labels")
    sheet = labels_product.choose_sheet(campaign, run.sheet)
    labels_product.check_start(sheet, run.start)
    offset_x = campaign.labels.offset_x if run.offset_x is None else run.offset_x
    offset_y = campaign.labels.offset_y if run.offset_y is None else run.offset_y
    check_offset("--offset-x", offset_x)
    check_offset("--offset-y", offset_y)
    placement = labels_product.Placement(sheet, run.start, offset_x, offset_y, run.outline)
    fitter = labels_product.fitter(sheet, run.to)
    mailing, blocks, output, rejects = _mail_run(campaign, run, "labels", fitter)
    with common.outputs(campaign, run.data, overwrite=run.overwrite) as staged:
        staged.check([output, rejects])  # before the preflight's pass
        mailing, blocks = _preflighted(
            campaign, mailing, blocks,
            lambda kept: labels_product.parts(campaign, [b[0] for b in kept], placement),
            run.merge_households,
        )  # fmt: skip
        parts = labels_product.parts(campaign, (b[0] for b in blocks), placement)
        pages = labels_product.sheet_count(len(blocks), placement)
        claim(staged, mailing, [output], rejects)
        written, summary = account_for(mailing, "label", rejects, staged, len(blocks))
        outcome = stream_product(
            campaign, parts, labels_product.settings(campaign, placement), output, staged,
            summary=summary, pages=pages, strict=run.strict,
        )  # fmt: skip
    return Outcome(outcome.written + tuple(written), mailing.warnings + outcome.warnings, summary)


def envelopes(location: Path | None, run: EnvelopeRun) -> Outcome:
    """One envelope-sized page per accepted row, in the letters' order."""
    campaign, _ = load(location, CLEAR, "envelopes")
    envelope = stationery.ENVELOPES[run.size or campaign.envelopes.size]
    options = envelopes_product.Options(envelope, run.to, run.return_address)
    fitter = envelopes_product.fitter(campaign, options)
    mailing, blocks, output, rejects = _mail_run(campaign, run, "envelopes", fitter)
    with common.outputs(campaign, run.data, overwrite=run.overwrite) as staged:
        staged.check([output, rejects])  # before the preflight's pass
        mailing, blocks = _preflighted(
            campaign, mailing, blocks,
            lambda kept: envelopes_product.parts(campaign, kept, envelope),
            run.merge_households,
        )  # fmt: skip
        parts = envelopes_product.parts(campaign, blocks, envelope)
        claim(staged, mailing, [output], rejects)
        written, summary = account_for(mailing, "envelope", rejects, staged, len(blocks))
        outcome = stream_product(
            campaign, parts, envelopes_product.settings(campaign, envelope), output, staged,
            summary=summary, pages=len(blocks), strict=run.strict,
        )  # fmt: skip
    return Outcome(outcome.written + tuple(written), mailing.warnings + outcome.warnings, summary)
