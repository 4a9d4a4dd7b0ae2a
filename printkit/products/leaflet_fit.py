"""Fitting a leaflet: each side's type to its words, then the QR code, picture and title
grown into the space the words leave, and the rest shared between the gaps."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from printkit.campaign.model import Campaign
from printkit.errors import CampaignError
from printkit.products import copyfit, stall
from printkit.products import leaflet_content as content
from printkit.products.leaflet import COLUMN, COLUMN_GAP, PANEL, Fit, Layout
from printkit.render import regions
from printkit.render.pdf import Document, Renderer
from printkit.render.regions import Space

PICTURE_MOST = 0.5  # a picture takes at most this share of the leaflet's height
PICTURE_SHARE = 0.8  # of the space the front's words leave, the picture takes this much
QR_SHARE = 0.8  # of the space the back's words leave, the QR code takes this much ...
QR_WIDEST = 0.9  # ... up to this share of the width, when it stands above its words,
QR_TALLEST = 0.45  # and this share of the height
TITLE_ROOM = 0.12  # a front with this share of its height free has its title grown
TITLE_MOST = 6.0  # a grown title is at most this many times the front's type size
GROWTH_TRIED = (1.0, 0.5, 0.0)  # shares of the free space the back's QR code may grow into
SLACK = 1.5  # mm kept free at the foot of each side: a glyph's outline reaches below its box


def fitted(
    campaign: Campaign, renderer: Renderer, size: str = "a5", print_shop: bool = False
) -> Document:
    """The leaflet with each side's type, QR code and picture fitted to its words and space."""
    profile = renderer.look.spec
    layout = Layout(campaign, size, print_shop, profile.smallest, stall.Spacing.of(profile))
    sizes = copyfit.ladder(layout.floor, layout.floor * layout.leaflet.stretch)
    start = Fit(content.Side(()), content.Side(()), sizes[0], sizes[0])

    def side_trial(side: str) -> Callable[[content.Side, float], Space]:
        def trial(plan: content.Side, type_size: float) -> Space:
            if side == "front":
                picture = plan.picture * layout.copy.height
                fit = dataclasses.replace(start, front=plan, front_size=type_size, picture=picture)
            else:
                fit = dataclasses.replace(start, back=plan, back_size=type_size)
            return measure(renderer, layout, fit, side)

        return trial

    optional = content.Side.is_optional
    backs = [size for size in sizes if size <= layout.widest_back()] or sizes[:1]
    back = copyfit.fit(content.back_plans(campaign), backs, side_trial("back"), optional)
    ask_on_back = isinstance(back, copyfit.Fitted) and "ask" in back.plan.blocks
    front_plans = content.front_plans(campaign, ask_on_back, layout.leaflet.picture)
    front = copyfit.fit(front_plans, sizes, side_trial("front"), optional)
    if not isinstance(front, copyfit.Fitted) or not isinstance(back, copyfit.Fitted):
        raise CampaignError(
            content.shortfall(campaign, size, name, result, layout.width)
            for name, result in (("front", front), ("back", back))
            if isinstance(result, copyfit.Shortfall)
        )
    picture = front.plan.picture * layout.copy.height
    fit = Fit(front.plan, back.plan, front.size, back.size, picture)
    fit = _checked_back(renderer, layout, fit, back.space.free)
    fit = _grown_front(renderer, layout, fit, front.space)
    notes = content.notes(campaign, size, fit.front, fit.back, fit.picture, layout.copy)
    return dataclasses.replace(layout.document(fit), notes=notes)


def measure(renderer: Renderer, layout: Layout, fit: Fit, side: str) -> Space:
    """How one copy of `side`, made with `fit`, uses its space (one trial layout)."""
    found = regions.spaces(renderer.layout(layout.document(fit, probe=side)).read)
    panel, column = found[PANEL], found.get(COLUMN)  # the tightest language's column
    return dataclasses.replace(panel, wide=max(panel.wide, column.wide if column else 0.0))


def _checked_back(renderer: Renderer, layout: Layout, fit: Fit, free: float) -> Fit:
    """The back grown into `free` mm, or less where a larger QR code narrows the words
    beside it into more lines than the space holds (each tried by a layout, which must
    still leave some of the slack at the foot)."""
    for share in GROWTH_TRIED[:-1]:
        grown = _grown_back(layout, fit, free * share)
        space = measure(renderer, layout, grown, "back")
        if space.fits and space.free >= SLACK / 2:
            return grown
    return _grown_back(layout, fit, free * GROWTH_TRIED[-1])


def _grown_back(layout: Layout, fit: Fit, free: float) -> Fit:
    """The back with its QR code grown into most of `free` mm, and the rest for the gaps.

    Beside its words the code grows as far as leaves the web address room; standing
    above them, to most of the width.
    """
    symbol = layout.qr_symbol(fit.back_size)
    code, stacked = layout.scan(fit.back_size, symbol)
    if code is None:
        return dataclasses.replace(fit, back_spare=free - SLACK)
    quiet = code.width / symbol  # printed width per symbol mm, the quiet zone included
    largest = min(QR_WIDEST * layout.width, QR_TALLEST * layout.copy.height) / quiet
    most = max(symbol, largest if stacked else symbol * 2)
    grown, _ = layout.scan(fit.back_size, min(most, symbol + QR_SHARE * free / quiet))
    width = grown.width if grown else code.width
    return dataclasses.replace(
        fit, qr=width / quiet, back_spare=free - (width - code.width) - SLACK
    )


def _grown_front(renderer: Renderer, layout: Layout, fit: Fit, space: Space) -> Fit:
    """The front with its picture, or else its title, grown into the space the words leave."""
    free = space.free
    if fit.picture:
        grown = min(fit.picture + PICTURE_SHARE * free, PICTURE_MOST * layout.copy.height)
        return dataclasses.replace(fit, picture=grown, front_spare=free - (grown - fit.picture))
    if free < TITLE_ROOM * space.height:
        return dataclasses.replace(fit, front_spare=free - SLACK)
    least = layout.title_size(fit)
    widest = stall.widest_title(layout.titles, layout.width, COLUMN_GAP, layout.spacing)
    most = min(TITLE_MOST * fit.front_size, widest)
    sizes = copyfit.ladder(least, max(least, most))

    def trial(_plan: None, title: float) -> Space:
        return measure(renderer, layout, dataclasses.replace(fit, title=title), "front")

    result = copyfit.fit([None], sizes, trial)
    if not isinstance(result, copyfit.Fitted):  # the title as it was fits: keep it
        return dataclasses.replace(fit, front_spare=free - SLACK)
    return dataclasses.replace(fit, title=result.size, front_spare=result.space.free - SLACK)
