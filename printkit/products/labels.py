"""Address labels: one per accepted row, in the letters' order, on a standard A4 label sheet."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from printkit import paper, stationery
from printkit.campaign.model import Campaign
from printkit.errors import PrintkitError, Problem
from printkit.mail.outcomes import Addressed
from printkit.products.addressing import Block, Fitter, Space, fit, isolated, lines_for
from printkit.render import measure, templating
from printkit.render.pdf import Document

STYLESHEETS = ("base.css", "labels.css")
SHEETS_PER_PART = 10  # sheets rendered together (210 L7160 labels): small enough to stay flat


@dataclass(frozen=True)
class Label:
    """One label's place on its sheet and the address block printed on it."""

    box: paper.Box
    block: Block
    ref: int = 0  # the block's place in the list, from 1: the preflight names it


@dataclass(frozen=True)
class Placement:
    """How the labels go on the sheets: which sheet, the first label used, a printer's shift."""

    sheet: stationery.LabelSheet
    start: int = 1  # label number on the first sheet, counted across then down
    offset_x: float = 0.0
    offset_y: float = 0.0
    outline: bool = False  # draw each label's edge, for a test print on plain paper


def choose_sheet(campaign: Campaign, name: str | None) -> stationery.LabelSheet:
    """The sheet named on the command line, or the campaign's default one."""
    wanted = name or campaign.labels.sheet
    for key, sheet in campaign.labels.known.items():
        if key.casefold() == wanted.casefold():
            return sheet
    known = ", ".join(campaign.labels.known)
    raise PrintkitError(
        Problem(
            f"there is no label sheet {wanted!r}",
            hint=f"the sheets are: {known}; describe your own under labels.sheets in campaign.yaml",
        )
    )


def check_start(sheet: stationery.LabelSheet, start: int) -> None:
    """`--start` must name a label on the sheet."""
    if not 1 <= start <= sheet.per_sheet:
        raise PrintkitError(
            Problem(
                f"--start {start}: an {sheet.name} sheet has labels 1 to {sheet.per_sheet}",
                hint="count the labels across the sheet, then down, starting from 1",
            )
        )


def space(sheet: stationery.LabelSheet) -> Space:
    """The writing area of one label: inside its edge by the inset, on every side."""
    inset = 2 * stationery.LABEL_INSET
    return Space(
        sheet.label.width - inset,
        sheet.label.height - inset,
        stationery.LABEL_TYPE_SIZES,
        stationery.LABEL_LINE_HEIGHT,
        f"an {sheet.name} label's writing area",
    )


def fitter(sheet: stationery.LabelSheet, to: str) -> Fitter:
    """A function giving a row's label block, or why its address does not fit a label."""
    area = space(sheet)

    def block(letter: Addressed) -> tuple[Block, ...] | str:
        outcome = fit(lines_for(letter, to), area)
        return outcome if isinstance(outcome, str) else (outcome,)

    return block


def sheets(blocks: Iterable[Block], placement: Placement) -> list[list[Label]]:
    """The labels of each sheet, filling across then down from the start label."""
    return list(each_sheet(blocks, placement))


def each_sheet(blocks: Iterable[Block], placement: Placement) -> Iterator[list[Label]]:
    """The labels of one sheet after another, made only as they are asked for."""
    sheet = placement.sheet
    page: list[Label] = []
    for number, block in enumerate(blocks, start=placement.start - 1):
        position = number % sheet.per_sheet
        if position == 0 and page:
            yield page
            page = []
        box = sheet.cell(position, placement.offset_x, placement.offset_y)
        page.append(Label(box, isolated(block), number - placement.start + 2))
    if page:
        yield page


def edges(placement: Placement) -> list[paper.Box]:
    """Every label of a sheet, used or not: drawn on a test print to line the printer up."""
    sheet = placement.sheet
    return [
        sheet.cell(position, placement.offset_x, placement.offset_y)
        for position in range(sheet.per_sheet)
    ]


def sheet_count(labels: int, placement: Placement) -> int:
    """How many sheets `labels` labels take from the start label on."""
    return -(-(placement.start - 1 + labels) // placement.sheet.per_sheet)


def variables(placement: Placement) -> dict[str, str]:
    """The sheet and label geometry as CSS custom properties."""
    sheet, mm = placement.sheet, "{:g}mm".format
    return {
        "sheet-width": mm(sheet.sheet.width),
        "sheet-height": mm(sheet.sheet.height),
        "label-width": mm(sheet.label.width),
        "label-height": mm(sheet.label.height),
        "label-inset": mm(stationery.LABEL_INSET),
        "label-line-height": f"{stationery.LABEL_LINE_HEIGHT:g}",
        # Capitals start at the inset, not the top of the first line box below it.
        "cap-pull": f"{-measure.cap_drop_em(stationery.LABEL_LINE_HEIGHT):.3f}em",
    }


def document(campaign: Campaign, blocks: Sequence[Block], placement: Placement) -> Document:
    """The label sheets as one Document, to be printed at actual size."""
    return _document(campaign, sheets(blocks, placement), placement)


def parts(
    campaign: Campaign,
    blocks: Iterable[Block],
    placement: Placement,
    per_part: int = SHEETS_PER_PART,
) -> Iterator[Document]:
    """The label sheets as Documents of `per_part` sheets each, made as they are asked for."""
    pages = each_sheet(blocks, placement)
    while group := list(itertools.islice(pages, per_part)):
        yield _document(campaign, group, placement)


def settings(campaign: Campaign, placement: Placement) -> Document:
    """How the labels' PDF is finished, without any label in it."""
    return dataclasses.replace(_document(campaign, [], placement), html="")


def _document(campaign: Campaign, pages: list[list[Label]], placement: Placement) -> Document:
    html = templating.render(
        campaign.root,
        "labels.html",
        language=campaign.language,
        document_title=f"{campaign.title}: address labels",
        author=campaign.organisation.name,
        sheet_name=placement.sheet.name,
        sheets=pages,
        edges=edges(placement) if placement.outline else [],
    )
    return Document(
        html=html,
        stylesheets=STYLESHEETS,
        variables=variables(placement),
        actual_size=True,
        name=f"labels ({placement.sheet.name})",
        title=f"{campaign.title}: address labels",
        language=campaign.language,
    )
