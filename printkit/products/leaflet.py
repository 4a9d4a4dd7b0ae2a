"""The leaflet: front and back, imposed on A4 for home printing or one side a page for a shop."""

from __future__ import annotations

from dataclasses import dataclass

from printkit import paper
from printkit.campaign.model import Campaign
from printkit.products import stall
from printkit.render import templating
from printkit.render.pdf import Document

STYLESHEETS = ("base.css", "leaflet.css")
SIDES = ("front", "back")


@dataclass(frozen=True)
class Sheet:
    """One page of the PDF: a side of the leaflet, the copies on it and its cut marks."""

    side: str
    cells: tuple[paper.Box, ...]
    marks: tuple[paper.Box, ...] = ()


def sheets(leaflet: paper.LeafletSize, print_shop: bool) -> list[Sheet]:
    """Front sheet then back sheet: n-up with cut marks at home, one at trim size for a shop."""
    if print_shop:
        whole = paper.Box(0, 0, leaflet.trim.width, leaflet.trim.height)
        return [Sheet(side, (whole,)) for side in SIDES]
    marks = tuple(paper.cut_marks(leaflet))
    return [Sheet(side, tuple(paper.home_cells(leaflet, side == "back")), marks) for side in SIDES]


def variables(leaflet: paper.LeafletSize, print_shop: bool) -> dict[str, str]:
    """The sheet's geometry as CSS custom properties."""
    sheet = leaflet.trim if print_shop else leaflet.home.sheet
    copy = leaflet.trim if print_shop else paper.home_cells(leaflet)[0]
    mm = "{:g}mm".format
    return {
        "copy-height": mm(copy.height),
        "sheet-width": mm(sheet.width),
        "sheet-height": mm(sheet.height),
        "bleed": mm(paper.BLEED if print_shop else 0),
        "safe": mm(paper.SAFE),
    }


def document(campaign: Campaign, size: str = "a5", print_shop: bool = False) -> Document:
    """The leaflet as a Document for the PDF layer."""
    leaflet = paper.LEAFLETS[size]
    qr = stall.qr_for(campaign, leaflet.qr)
    html = templating.render(
        campaign.root,
        "leaflet.html",
        **stall.context(campaign),
        size=size,
        mode="print-shop" if print_shop else "home",
        sheets=sheets(leaflet, print_shop),
        qr=qr,
    )
    geometry = variables(leaflet, print_shop)
    if qr:
        geometry["qr-width"] = f"{qr.width:g}mm"
    return Document(
        html=html,
        stylesheets=STYLESHEETS,
        variables={**geometry, **stall.brand_variables(campaign)},
        actual_size=True,
        duplex=None if print_shop else leaflet.home.duplex,
        name=f"leaflet ({size.upper()}{', print shop' if print_shop else ''})",
    )


def summary(size: str, print_shop: bool) -> str:
    """The one-line summary: what was made and how to print it."""
    leaflet = paper.LEAFLETS[size]
    if print_shop:
        return f"leaflet {size.upper()} for a print shop: front and back at trim size, 3 mm bleed"
    copies = leaflet.home.columns * leaflet.home.rows
    flip = leaflet.home.duplex.replace("-", " ")
    return (
        f"leaflet {size.upper()}, {copies} a sheet: print both pages double-sided "
        f"(flip on {flip}), then cut at the marks"
    )
