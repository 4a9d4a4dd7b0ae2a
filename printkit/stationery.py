"""Stationery that goes through the post: address-label sheets and envelopes, in mm."""

from __future__ import annotations

from dataclasses import dataclass

from printkit.paper import A4, Box, Size

# Address labels: A4 sheets of sticky labels, as the makers specify them.
MAX_PRINTER_OFFSET = 20.0  # mm: a printer that is further off than this needs fixing, not offsets
LABEL_INSET = 2.0  # text stays this far inside each label's edge
LABEL_TYPE_SIZES = (11.0, 10.0, 9.0)  # pt, tried in turn until the address fits
LABEL_LINE_HEIGHT = 1.25


@dataclass(frozen=True)
class LabelSheet:
    """A sheet of labels: label size, grid, the first label's corner and the pitch (mm)."""

    name: str
    label: Size
    columns: int
    rows: int
    left: float  # sheet edge to the first column's left edge
    top: float  # sheet edge to the first row's top edge
    pitch_x: float  # one label's left edge to the next one's
    pitch_y: float
    sheet: Size = A4

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def cell(self, position: int, offset_x: float = 0, offset_y: float = 0) -> Box:
        """Label `position` (0 = top left, across then down), moved by a printer's offset."""
        row, column = divmod(position, self.columns)
        x = self.left + column * self.pitch_x + offset_x
        y = self.top + row * self.pitch_y + offset_y
        return Box(x, y, self.label.width, self.label.height)

    def problem(self) -> str | None:
        """Why the labels cannot sit on the sheet as described, if they cannot."""
        if self.columns < 1 or self.rows < 1:
            return "a sheet needs at least 1 column and 1 row"
        if self.pitch_x < self.label.width or self.pitch_y < self.label.height:
            return "the pitch (label edge to the next label's edge) is less than the label size"
        right = self.left + (self.columns - 1) * self.pitch_x + self.label.width
        bottom = self.top + (self.rows - 1) * self.pitch_y + self.label.height
        if right > self.sheet.width + 0.5 or bottom > self.sheet.height + 0.5:
            return (
                f"the labels reach {right:g} x {bottom:g} mm, past the"
                f" {self.sheet.width:g} x {self.sheet.height:g} mm sheet"
            )
        return None


LABEL_SHEETS: dict[str, LabelSheet] = {
    sheet.name: sheet
    for sheet in (
        LabelSheet("L7160", Size(63.5, 38.1), 3, 7, 7.2, 15.1, 66.0, 38.1),
        LabelSheet("L7163", Size(99.1, 38.1), 2, 7, 4.65, 15.15, 101.6, 38.1),
        LabelSheet("L7159", Size(63.5, 33.9), 3, 8, 7.2, 12.9, 66.0, 33.9),
        LabelSheet("L7162", Size(99.1, 33.9), 2, 8, 4.65, 12.9, 101.6, 33.9),
    )
}


# Envelopes printed on directly: landscape pages the size of the envelope.
ENVELOPE_TYPE_SIZES = (12.0, 11.0, 10.0)  # pt: clear print first, smaller only to fit
RETURN_TYPE_SIZES = (8.0, 7.0)
ENVELOPE_LINE_HEIGHT = 1.3


@dataclass(frozen=True)
class Envelope:
    """An envelope: its size, where the address goes, the stamp corner, the return address."""

    name: str
    size: Size
    delivery: Box  # the address block's area: clear of the stamp and the bottom 15 mm
    stamp: Box  # top right: stamps, franking and Royal Mail's barcodes
    sender: Box  # top left: the small return address


ENVELOPES: dict[str, Envelope] = {
    "dl": Envelope(
        "dl", Size(220, 110), delivery=Box(95, 44, 110, 51), stamp=Box(146, 0, 74, 40),
        sender=Box(10, 8, 80, 24),
    ),
    "c5": Envelope(
        "c5", Size(229, 162), delivery=Box(100, 62, 114, 85), stamp=Box(155, 0, 74, 40),
        sender=Box(10, 8, 85, 28),
    ),
}  # fmt: skip
