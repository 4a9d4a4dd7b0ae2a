"""The poster for the stall table: headline, hashtag, the ask and a large QR code."""

from __future__ import annotations

from printkit import paper
from printkit.campaign.model import Campaign
from printkit.products import stall
from printkit.render import templating
from printkit.render.pdf import Document

STYLESHEETS = ("base.css", "poster.css")
MARGIN = 15  # mm, inside any home printer's unprintable edge


def document(campaign: Campaign, size: str = "a4") -> Document:
    """The poster as a Document for the PDF layer."""
    page = paper.POSTERS[size]
    qr = stall.qr_for(campaign, paper.POSTER_QR[size])
    html = templating.render(
        campaign.root, "poster.html", **stall.context(campaign), size=size, qr=qr
    )
    mm = "{:g}mm".format
    geometry = {
        "page-width": mm(page.width),
        "page-height": mm(page.height),
        "page-margin": mm(MARGIN),
        "qr-width": mm(qr.width if qr else 0),
        # Type scales with the page: A3 is A4 enlarged by the square root of two.
        "scale": f"{page.width / paper.A4.width:.3f}",
    }
    return Document(
        html=html,
        stylesheets=STYLESHEETS,
        variables={**geometry, **stall.brand_variables(campaign)},
        actual_size=True,
        name=f"poster ({size.upper()})",
    )
