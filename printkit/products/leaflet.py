"""The leaflet: front and back, imposed on A4 for home printing or one side a page for a shop.

Each side is a column of blocks (leaflet_content.py) set at sizes fitted to its words and
space (leaflet_fit.py); this module makes the document for any such Fit.
"""

from __future__ import annotations

from dataclasses import dataclass

from printkit import paper
from printkit.campaign.model import Campaign
from printkit.products import leaflet_content as content
from printkit.products import stall
from printkit.render import measure, templating
from printkit.render.measure import PT_TO_MM
from printkit.render.pdf import Document
from printkit.render.preflight import HOME_SAFE
from printkit.render.qr import QRCode

STYLESHEETS = ("base.css", "leaflet.css")
SIDES = ("front", "back")
PROBE_HEIGHT = 3000.0  # mm: a trial's page, so tall that words running past the copy stay on it
GAP = 0.5  # em: the least space between two blocks
GAP_SHARES = {"turn": 0.0}  # after these blocks, a share of the space left; others 1
BAND_SHARE = 0.5  # above and below the front band's words, each
COLUMN_GAP = 4.0  # mm between the languages of a bilingual leaflet, as in leaflet.css
SCAN_GAP = 4.0  # mm between the QR code and its words, as in leaflet.css
URL_EM = 1.1  # the web address beside the QR code, in the back's body sizes
LEEWAY = 1.03  # set type comes out a little wider than the font's advances add up to
PANEL = "leaflet panel"  # the region of one side of a copy: the preflight's, copy-fitting's
COLUMN = "language column"  # each language's part of a block, on a bilingual leaflet
# Each block's region (`data-region`) and the campaign.yaml key behind its words, so that
# what the preflight finds in it is reported at that line.
REGIONS = {
    "band": ("title band", "title"), "picture": ("picture", "image.file"),
    "summary": ("summary", "summary"), "action": ("call to action", "action.text"),
    "quote": ("quote", "letter.text"), "turn": ("turn over", None),
    "owner": ("organisation", "organisation.name"), "heading": ("heading band", None),
    "steps": ("steps", "action.steps"), "ask": ("ask", "letter.ask"),
    "more": ("more", "more.text"), "scan": ("scan", "action.url"),
    "org": ("organisation", "organisation.name"),
}  # fmt: skip
SOURCES = dict(REGIONS.values())


@dataclass(frozen=True)
class Sheet:
    """One page of the PDF: a side of the leaflet, the copies on it and its cut marks."""

    side: str
    cells: tuple[paper.Box, ...]
    marks: tuple[paper.Box, ...] = ()


@dataclass(frozen=True)
class Fit:
    """What each side carries, its type size (pt), and the sizes that grow into space left."""

    front: content.Side
    back: content.Side
    front_size: float
    back_size: float
    picture: float = 0.0  # mm tall
    qr: float = 0.0  # the QR code's symbol width, mm; 0: as the back's type size gives
    title: float = 0.0  # pt; 0: as the front's type size and the title's length give
    front_spare: float = 0.0  # mm the words leave, shared between the gaps
    back_spare: float = 0.0

    def spacing(self, side: str) -> list[float]:
        """The gaps between one side's blocks (mm): the least, and a share of what is spare."""
        blocks: tuple[str, ...] = getattr(self, side).blocks
        least = GAP * getattr(self, f"{side}_size") * PT_TO_MM
        weights = [GAP_SHARES.get(block, 1.0) for block in blocks[:-1]]
        return [least + self._share(side) * weight for weight in weights]

    def band_growth(self, side: str) -> float:
        """How much taller (mm) the accent band at the top of a side is, above and below its
        words: a share of the spare space, as a cover's colour field."""
        blocks: tuple[str, ...] = getattr(self, side).blocks
        return self._share(side) * BAND_SHARE if blocks[:1] == ("band",) else 0.0

    def _share(self, side: str) -> float:
        """The spare space (mm) for each whole share: gaps take one, the band's sides less."""
        blocks: tuple[str, ...] = getattr(self, side).blocks
        shares = sum(GAP_SHARES.get(block, 1.0) for block in blocks[:-1])
        shares += 2 * BAND_SHARE if blocks[:1] == ("band",) else 0
        return float(getattr(self, f"{side}_spare")) / (shares or 1)


def sheets(leaflet: paper.LeafletSize, print_shop: bool) -> list[Sheet]:
    """Front sheet then back sheet: n-up with cut marks at home, one at trim size for a shop."""
    if print_shop:
        whole = paper.Box(0, 0, leaflet.trim.width, leaflet.trim.height)
        return [Sheet(side, (whole,)) for side in SIDES]
    marks = tuple(paper.cut_marks(leaflet))
    return [Sheet(side, tuple(paper.home_cells(leaflet, side == "back")), marks) for side in SIDES]


def copy_size(leaflet: paper.LeafletSize, print_shop: bool) -> paper.Size:
    """One copy as printed: the trim at a print shop, a little smaller at home."""
    if print_shop:
        return leaflet.trim
    cell = paper.home_cells(leaflet)[0]
    return paper.Size(cell.width, cell.height)


@dataclass(frozen=True)
class Layout:
    """A campaign's leaflet at one size and mode, ready to be made with any Fit."""

    campaign: Campaign
    size: str
    print_shop: bool
    floor: float  # the profile's smallest type (pt)
    spacing: stall.Spacing  # the profile's, between letters and words

    @property
    def leaflet(self) -> paper.LeafletSize:
        return paper.LEAFLETS[self.size]

    @property
    def copy(self) -> paper.Size:
        return copy_size(self.leaflet, self.print_shop)

    @property
    def width(self) -> float:
        """The width inside a copy's safe margin, mm."""
        return self.copy.width - 2 * paper.SAFE

    def qr_symbol(self, size: float) -> float:
        """The QR code's symbol width (mm) on a back set at `size` pt: it grows with the type."""
        grown: float = self.leaflet.qr * (size / self.floor) ** 1.5
        return min(self.leaflet.qr_largest, grown)

    def widest_back(self) -> float:
        """The largest type (pt) for the back at which its web addresses need not break
        inside a stretch: the QR code's, under the code, and the "more" line's."""
        campaign = self.campaign
        addresses = [(campaign.action.url, URL_EM)] if campaign.action.url else []
        more = campaign.more.url if campaign.more else ""
        addresses += [(more, 1.0)] if more else []
        widths = [
            measure.text_width_mm(stall.widest_url_part(url), 1, weight=700) * em
            for url, em in addresses
        ]
        return (self.width - 1) / (max(widths) * LEEWAY) if widths else float("inf")

    @property
    def stacked(self) -> bool:
        """Whether a bilingual leaflet sets each block's languages one above the other, as
        on a tall narrow leaflet (DL) side by side would leave each too narrow a column."""
        return bool(self.campaign.parallel) and self.leaflet.stacked

    @property
    def titles(self) -> list[str]:
        """The titles that share the width: one language's when they stand one above another."""
        titles = [version.title for version in (self.campaign, *self.campaign.parallel)]
        return [max(titles, key=len)] if self.stacked else titles

    def title_size(self, fit: Fit) -> float:
        """The front's title size (pt): as fitted, or by its length and the front's size."""
        return fit.title or stall.title_size(
            self.titles, fit.front_size, self.width, COLUMN_GAP, self.spacing
        )

    def scan(self, size: float, symbol: float) -> tuple[QRCode | None, bool]:
        """The QR code, at most `symbol` mm, on a back set at `size` pt; and whether it stands
        above its words, because beside them the web address would have no room."""
        code = stall.qr_for(self.campaign, symbol)
        if code is None:
            return None, False
        address = stall.widest_url_part(self.campaign.action.url)
        wide = measure.text_width_mm(address, size * URL_EM, weight=700) * LEEWAY + 1
        room = self.width - SCAN_GAP - wide
        beside = room * symbol / code.width  # the widest symbol that leaves the address room
        if beside >= self.leaflet.qr:
            return stall.qr_for(self.campaign, min(symbol, beside)), False
        return code, True

    def document(self, fit: Fit, probe: str = "") -> Document:
        """The leaflet made with `fit`; with `probe`, one copy of that side, to measure it."""
        campaign, leaflet = self.campaign, self.leaflet
        qr, stacked = self.scan(fit.back_size, fit.qr or self.qr_symbol(fit.back_size))
        chosen = sheets(leaflet, self.print_shop)
        if probe:
            chosen = [Sheet(s.side, s.cells[:1]) for s in chosen if s.side == probe]
        html = templating.render(
            campaign.root, "leaflet.html", **content.context(campaign, fit.front, fit.back),
            size=self.size, mode="print-shop" if self.print_shop else "home", sheets=chosen,
            qr=qr, stacked=stacked, languages_stacked=self.stacked,
            fitted={side: getattr(fit, side).blocks for side in SIDES},
            spacing={side: fit.spacing(side) for side in SIDES},
            breaking={side: getattr(fit, side).breaking for side in SIDES},
            panel=PANEL, column=COLUMN,
            regions={block: region for block, (region, _) in REGIONS.items()},
        )  # fmt: skip
        sheet = leaflet.trim if self.print_shop else leaflet.home.sheet
        mm = "{:g}mm".format
        geometry = {
            "copy-height": mm(self.copy.height),
            "sheet-width": mm(sheet.width),
            "sheet-height": mm(PROBE_HEIGHT if probe else sheet.height),
            "bleed": mm(paper.BLEED if self.print_shop else 0),
            "safe": mm(paper.SAFE),
            "front-size": f"{fit.front_size:g}pt",
            "back-size": f"{fit.back_size:g}pt",
            "title-size": f"{self.title_size(fit):.2f}pt",
            "qr-width": mm(qr.width if qr else 0),
            "picture-height": f"{fit.picture:.1f}mm",
            "band-growth": f"{fit.band_growth('front'):.2f}mm",
        }
        return Document(
            html=html,
            stylesheets=STYLESHEETS,
            variables={**geometry, **stall.brand_variables(campaign)},
            actual_size=True,
            safe=paper.SAFE if self.print_shop else HOME_SAFE,
            duplex=None if self.print_shop else leaflet.home.duplex,
            name=f"leaflet ({self.size.upper()}{', print shop' if self.print_shop else ''})",
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
