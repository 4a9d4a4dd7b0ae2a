"""Which lines of a laid-out page the fast letter path may re-lay, and with how much room.

One of the fast path's modules that read WeasyPrint's laid-out boxes (see render/weasy.py):
a line can be re-laid with another row's text when it is alone on its line box, set flush
to its block's edge, neither justified nor transformed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder

from printkit.errors import NotComposable

TOLERANCE = 1e-3  # CSS px: line metrics closer than this are the same


@dataclass(frozen=True)
class Line:
    """A line of text on a laid-out page that another row may fill with its own text."""

    box: Any  # its TextBox
    line_box: Any  # the LineBox holding it
    available: float  # CSS px the line may take
    align: float  # 0 start at the left, 1 end at the right, 0.5 centred
    offset: float
    overflow: str
    ellipsis: str


def text_boxes(
    box: Any, block: Any = None, line: Any = None, margin: Any = None
) -> Iterator[tuple[Any, Any, Any, Any]]:
    """Every text box under `box` with its block, its line box and its margin box (or None).

    Absolutely placed boxes are taken where they are laid out, not where they are painted.
    """
    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    if isinstance(box, boxes.MarginBox):
        margin = box
    if isinstance(box, boxes.TextBox):
        yield box, block, line, margin
        return
    for child in getattr(box, "children", ()):
        if isinstance(box, boxes.LineBox):
            yield from text_boxes(child, block, box, margin)
        elif isinstance(box, boxes.InlineBox):
            yield from text_boxes(child, block, line, margin)
        else:
            yield from text_boxes(child, box, line, margin)


def alone(line_box: Any, text_box: Any) -> bool:
    """Whether `text_box` is all that its line holds (apart from blank space)."""
    return all(
        child is text_box or (isinstance(child, boxes.TextBox) and not child.text.strip())
        for child in line_box.children
    )


_ALIGN = {"left": 0.0, "right": 1.0, "center": 0.5}


def margin_room(page_box: Any, margin: Any) -> float:
    """The width a margin box's line can take: its side of the page less the other boxes'.

    Margin boxes share their side of the page by their content's widths: a text that
    fits with the others' as they are stays on one line where it is. A margin box given
    a width keeps it.
    """
    if margin.style["width"] != "auto":
        return float(margin.width)
    side = margin.at_keyword.split("-")[0]
    others = [
        box.margin_width() for box in page_box.children
        if isinstance(box, boxes.MarginBox) and box is not margin
        and box.at_keyword.split("-")[0] == side
    ]  # fmt: skip
    return float(page_box.width - sum(others) - (margin.margin_width() - margin.width))


def relayable(block: Any, line_box: Any, text_box: Any, room: float | None = None) -> Line | None:
    """The line as a Line that can be re-laid, or None (justified, indented, transformed)."""
    style = line_box.style
    align = style["text_align_all"]
    if align in ("start", "end"):
        align = "right" if (align == "end") != (style["direction"] == "rtl") else "left"
    if align not in _ALIGN or style["text_transform"] != "none":
        return None
    left, right = block.content_box_x(), block.content_box_x() + block.width
    edge = {
        "left": text_box.position_x - left,
        "right": right - text_box.position_x - text_box.width,
    }
    if not alone(line_box, text_box) or abs(edge.get(align, 0.0)) > TOLERANCE:
        return None  # an indent, or another box on the line
    available = block.width if room is None else room
    offset = text_box.position_x - line_box.position_x
    return Line(
        text_box, line_box, available, _ALIGN[align], offset, line_box.text_overflow,
        line_box.block_ellipsis,
    )  # fmt: skip


def root_element(page: Any) -> Any:
    """The `html` element of a laid-out page."""
    for child in page._page_box.children:
        if not isinstance(child, boxes.MarginBox) and child.element is not None:
            return child.element
    raise NotComposable("an empty page")


def margin_keyword(box: Any) -> str | None:
    """`@top-left` and the like for a margin box, None for any other box."""
    return box.at_keyword if isinstance(box, boxes.MarginBox) else None
