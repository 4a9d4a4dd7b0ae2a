"""PNG previews of a PDF's first pages, to share before printing."""

from __future__ import annotations

import io

import pypdfium2

PROOF_PAGES = 2  # a leaflet's front and back, a letter's first two pages
PROOF_WIDTH = 1200  # pixels across: sharp on a phone, small enough to send


def pngs(pdf: bytes, pages: int = PROOF_PAGES, width: int = PROOF_WIDTH) -> list[bytes]:
    """The first `pages` pages of `pdf` as PNG images `width` pixels wide."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        images = []
        for index in range(min(pages, len(document))):
            page = document[index]
            bitmap = page.render(scale=width / page.get_width(), may_draw_forms=False)
            buffer = io.BytesIO()
            bitmap.to_pil().save(buffer, format="PNG", optimize=True)
            images.append(buffer.getvalue())
        return images
    finally:
        document.close()
