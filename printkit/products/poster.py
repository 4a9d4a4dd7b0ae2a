"""The poster for across a room: the headline, the ask, a QR code as large as fits, who asks.

The type is fitted (copyfit.py) and the QR code and picture take the space the words
leave; every size is worked out as on A4 and A3 is that poster enlarged, so it scales up
rather than out.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from printkit import paper
from printkit.campaign.model import Campaign
from printkit.errors import CampaignError, Problem
from printkit.products import copyfit, stall
from printkit.render import regions, templating
from printkit.render.measure import PT_TO_MM, cap_height_em
from printkit.render.pdf import Document, Renderer
from printkit.render.regions import Space

STYLESHEETS = ("base.css", "poster.css")
ASK = 26.0  # pt on A4: the ask's least size, read from a few steps away
QR_SHARE = 0.85  # of the space the words leave, the QR code takes this much ...
PICTURE_SHARE = 0.45  # ... or, with a picture, the QR code and the picture take this much each
PICTURE_MOST = 0.4  # of the page's height
PAGE_HEIGHT = paper.A4.height - 2 * paper.POSTER.margin  # mm inside the margins, on A4
PAGE = "poster page"  # the region inside the margins: the preflight's, copy-fitting's
# Each block's region (`data-region`) and the campaign.yaml key behind its words, so that
# what the preflight finds in it is reported at that line.
REGIONS = {
    "picture": ("picture", "image.file"), "band": ("poster band", "title"),
    "ask": ("call to action", "action.text"), "scan": ("scan", "action.url"),
    "owner": ("organisation", "organisation.name"),
}  # fmt: skip
SOURCES = dict(REGIONS.values())
PROBE_HEIGHT = 3000.0  # mm
GAP = 6.0  # mm on A4: the least space between two blocks
GAP_SHARES = {"scan": 0.6}  # after these blocks a smaller share of the space left; others 1
SLACK = 0.5  # mm kept free at the foot, for rounding


@dataclass(frozen=True)
class Arrangement:
    """A way to set the poster: the QR code's symbol width (mm on A4) and where the ask is."""

    qr: float
    beside: bool = False  # the ask beside the QR code rather than above it, for long titles
    optional: bool = False  # a larger code than needed: only at a comfortable type size
    picture: float = 0.0  # the picture's least height, as a share of the page's

    def is_optional(self) -> bool:
        return self.optional


@dataclass(frozen=True)
class Fit:
    """The poster's sizes on A4: the ask's type (pt), the QR code and picture (mm)."""

    size: float
    arrangement: Arrangement
    picture: float = 0.0
    spare: float = 0.0  # mm the words leave, shared between the gaps

    def spacing(self, names: tuple[str, ...]) -> list[float]:
        """The gaps between the blocks (mm on A4): the least, and a share of what is spare."""
        weights = [GAP_SHARES.get(name, 1.0) for name in names[:-1]]
        spare = self.spare / (sum(weights) or 1)
        return [GAP + spare * weight for weight in weights]


def arrangements(campaign: Campaign) -> list[Arrangement]:
    """The ways to set the poster, the largest QR code first; then a smaller picture, none."""
    layout = paper.POSTER
    picture = layout.picture if campaign.picture else 0.0
    if not campaign.action.url:
        return [Arrangement(0, picture=share) for share in dict.fromkeys((picture, picture / 2))]
    larger = [Arrangement(qr, optional=True, picture=picture) for qr in layout.qr_tried]
    least = [Arrangement(layout.qr, picture=picture), Arrangement(layout.qr, True, picture=picture)]
    smaller = [Arrangement(layout.qr, True, picture=share) for share in (picture / 2, 0)]
    return [*larger, *least, *(smaller if picture else [])]


def blocks(campaign: Campaign, arrangement: Arrangement) -> tuple[str, ...]:
    """What the poster carries, top to bottom."""
    org, beside = campaign.organisation, arrangement.beside
    asks = bool(campaign.action.text or campaign.summary.strip())
    return (
        ("picture",) * bool(arrangement.picture)
        + ("band",)
        + ("ask",) * (asks and not beside)
        + ("scan",) * bool(campaign.action.url)
        + ("owner",) * bool(campaign.brand.logo or org.name or org.website)
    )


def title_size(campaign: Campaign, size: float, spacing: stall.Spacing) -> float:
    """The headline (pt on A4): capitals at least `title_cap` mm tall, larger if short."""
    least = paper.POSTER.title_cap / cap_height_em(700) / PT_TO_MM
    width = paper.A4.width - 2 * paper.POSTER.margin - 16  # inside the band's padding
    fitted = stall.title_size([campaign.title], size, width, spacing=spacing)
    return max(least, fitted)


def document(
    campaign: Campaign, size: str, fit: Fit, spacing: stall.Spacing, probe: bool = False
) -> Document:
    """The poster at `size` (a4, a3) made with `fit` in a profile's `spacing`, enlarged from A4.

    A `probe` for fitting is on a page so tall that words running past the poster stay on
    it, to be measured.
    """
    page = paper.POSTERS[size]
    scale = page.width / paper.A4.width
    qr = stall.qr_for(campaign, fit.arrangement.qr * scale)
    names = blocks(campaign, fit.arrangement)
    html = templating.render(
        campaign.root, "poster.html", **stall.context(campaign), size=size, qr=qr,
        blocks=names, spacing=[gap * scale for gap in fit.spacing(names)],
        beside=fit.arrangement.beside, page_region=PAGE,
        regions={block: region for block, (region, _) in REGIONS.items()},
    )  # fmt: skip
    mm = "{:g}mm".format
    geometry = {
        "page-width": mm(page.width),
        "page-height": mm(PROBE_HEIGHT if probe else page.height),
        "poster-height": mm(page.height - 2 * paper.POSTER.margin * scale),
        "page-margin": mm(paper.POSTER.margin * scale),
        "qr-width": mm(qr.width if qr else 0),
        "picture-height": f"{fit.picture * scale:.1f}mm",
        "scale": f"{scale:.4f}",
        "poster-size": f"{fit.size * scale:.2f}pt",
        "title-size": f"{title_size(campaign, fit.size, spacing) * scale:.2f}pt",
    }
    return Document(
        html=html,
        stylesheets=STYLESHEETS,
        variables={**geometry, **stall.brand_variables(campaign)},
        actual_size=True,
        name=f"poster ({size.upper()})",
    )


def fitted(campaign: Campaign, renderer: Renderer, size: str = "a4") -> Document:
    """The poster with its type fitted, then the QR code and picture grown to fill.

    Sizes are worked out as on A4 and enlarged for A3; each size is tried at its own size,
    as type does not enlarge to the exact hundredth of a millimetre.
    """
    layout = paper.POSTER
    floor = max(ASK, renderer.look.spec.smallest)
    spacing = stall.Spacing.of(renderer.look.spec)

    def trial(arrangement: Arrangement, type_size: float) -> Space:
        fit = Fit(type_size, arrangement, arrangement.picture * PAGE_HEIGHT)
        laid = renderer.layout(document(campaign, size, fit, spacing, probe=True))
        return regions.spaces(laid.read)[PAGE]

    sizes = copyfit.ladder(floor, floor * layout.stretch)
    result = copyfit.fit(arrangements(campaign), sizes, trial, Arrangement.is_optional)
    if isinstance(result, copyfit.Shortfall):
        raise CampaignError(_shortfall(campaign, result))
    scale = paper.POSTERS[size].width / paper.A4.width
    picture = result.plan.picture * PAGE_HEIGHT
    fit = _grown(campaign, Fit(result.size, result.plan, picture), result.space.free / scale)
    width = (paper.A4.width - 2 * layout.margin) * scale
    notes = stall.picture_notes(campaign, width, fit.picture * scale, f"{size.upper()} poster")
    if campaign.picture and not fit.picture:
        message = "the poster leaves out the picture: there is no room for it"
        notes += (Problem(message, campaign.where("image.file"), "shorten the title or the ask"),)
    return dataclasses.replace(document(campaign, size, fit, spacing), notes=notes)


def _grown(campaign: Campaign, fit: Fit, free: float) -> Fit:
    """`fit` with its QR code (when it stands alone) and picture grown into `free` mm."""
    layout, arrangement = paper.POSTER, fit.arrangement
    code = stall.qr_for(campaign, arrangement.qr)
    quiet = code.width / arrangement.qr if code else 1.0  # printed width per symbol mm
    share = (PICTURE_SHARE if fit.picture else QR_SHARE) * free
    qr = arrangement.qr
    if code and not arrangement.beside:  # beside it, a larger code would squeeze the words
        qr = max(qr, min(layout.qr_largest, qr + share / quiet))
    taken = (qr - arrangement.qr) * quiet
    picture = fit.picture
    if picture:  # the picture takes its share, and what the QR code could not
        picture = min(PICTURE_MOST * PAGE_HEIGHT, picture + 2 * share - taken)
    spare = free - taken - (picture - fit.picture) - SLACK
    return Fit(fit.size, dataclasses.replace(arrangement, qr=qr), picture, spare)


def _shortfall(campaign: Campaign, result: copyfit.Shortfall[Arrangement]) -> Problem:
    """The words are too many for the poster even in its smallest type."""
    key = "action.text" if len(campaign.action.text) >= len(campaign.title) else "title"
    over = max(result.space.over, result.space.wide)
    return Problem(
        f"the poster is {over:.0f} mm too long for A4, even with its headline at the least"
        f" size readable across a room and the QR code at {paper.POSTER.qr:g} mm",
        campaign.where(key), f"shorten {key}: a poster carries a few words, large",
    )  # fmt: skip
