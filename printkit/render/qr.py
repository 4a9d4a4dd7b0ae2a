"""QR codes as vector SVG: error correction M and a quiet zone of four modules."""

from __future__ import annotations

from dataclasses import dataclass

import segno

QUIET_ZONE = 4  # modules of white around the symbol, as ISO/IEC 18004 asks


@dataclass(frozen=True)
class QRCode:
    """A QR code ready to place: an SVG data URL and its printed width with the quiet zone."""

    url: str  # what it encodes
    src: str  # data: URL of the SVG image
    width: float  # mm, quiet zone included


def qr_code(url: str, symbol_width: float) -> QRCode:
    """A QR code for `url` whose symbol (without the quiet zone) is `symbol_width` mm wide."""
    code = segno.make(url, error="m", boost_error=False, micro=False)
    modules = code.symbol_size(border=0)[0]
    src = code.svg_data_uri(border=QUIET_ZONE, omitsize=True, dark="#000", light="#fff")
    width = symbol_width * (modules + 2 * QUIET_ZONE) / modules
    return QRCode(url=url, src=src, width=round(width, 2))
