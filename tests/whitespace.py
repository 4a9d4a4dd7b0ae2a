"""Empty space read back from a rendered page, whatever made it: rows of one colour in a box.

A row of pixels is empty when every pixel across the box is the same colour (within a
little tolerance for anti-aliasing): no word, no picture, no QR code crosses it, whether
the row is white paper or a flat band of colour. An empty band is a run of empty rows of
one colour: the edge of a coloured band ends it, as the eye sees an edge there.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageChops

TOLERANCE = 24  # of 255: the spread a row may have and still count as one colour


@dataclass(frozen=True)
class Band:
    """The tallest run of empty rows in a box: where it starts and how tall it is (mm)."""

    top: float
    height: float
    share: float  # of the box's height


def empty_rows(
    image: Image.Image, box: tuple[float, float, float, float], dpi: int
) -> list[int | None]:
    """For each pixel row of `box` (mm: left, top, width, height), its grey level when the
    row is empty (all one colour), else None."""
    scale = dpi / 25.4
    left, top, width, height = box
    crop = image.crop(
        (round(left * scale), round(top * scale), round((left + width) * scale),
         round((top + height) * scale))
    ).convert("L")  # fmt: skip
    rows: list[int | None] = []
    for y in range(crop.height):
        low, high = crop.crop((0, y, crop.width, y + 1)).getextrema()
        rows.append((low + high) // 2 if high - low <= TOLERANCE else None)
    return rows


def tallest_empty_band(
    image: Image.Image, box: tuple[float, float, float, float], dpi: int
) -> Band:
    """The tallest run of empty rows of one colour inside `box` (mm)."""
    rows = empty_rows(image, box, dpi)
    best = (0, 0)  # start, length
    start, colour = 0, None
    for index, level in enumerate([*rows, None]):
        same = level is not None and colour is not None and abs(level - colour) <= TOLERANCE
        if not same:
            if colour is not None:
                best = max(best, (start, index - start), key=lambda run: run[1])
            start, colour = index, level
    mm = 25.4 / dpi
    return Band(box[1] + best[0] * mm, best[1] * mm, best[1] / max(1, len(rows)))


def differs(one: Image.Image, other: Image.Image) -> bool:
    """Whether two images of the same size differ anywhere."""
    return ImageChops.difference(one.convert("RGB"), other.convert("RGB")).getbbox() is not None
