"""Envelopes printed on directly: one landscape page per accepted row, in the letters' order."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from printkit import stationery
from printkit.campaign.model import Campaign
from printkit.errors import PrintkitError, Problem
from printkit.mail.outcomes import Addressed
from printkit.products.addressing import Block, Fitter, Space, fit, isolated, lines_for
from printkit.render import measure, templating
from printkit.render.pdf import Document

STYLESHEETS = ("base.css", "envelopes.css")
PER_PART = 100  # envelopes rendered together: small enough to keep memory flat


@dataclass(frozen=True)
class Options:
    """Which envelope, who it goes to, and whether the return address is printed."""

    envelope: stationery.Envelope
    to: str = "recipient"
    return_address: bool = False


def delivery_space(envelope: stationery.Envelope) -> Space:
    """The delivery area: clear of the stamp corner and the bottom 15 mm."""
    box = envelope.delivery
    return Space(
        box.width,
        box.height,
        stationery.ENVELOPE_TYPE_SIZES,
        stationery.ENVELOPE_LINE_HEIGHT,
        f"the {envelope.name.upper()} envelope's address area",
    )


def return_space(envelope: stationery.Envelope) -> Space:
    """The small return address's area, top left."""
    box = envelope.sender
    return Space(
        box.width,
        box.height,
        stationery.RETURN_TYPE_SIZES,
        stationery.ENVELOPE_LINE_HEIGHT,
        "the return address area",
    )


def return_lines(campaign: Campaign, options: Options) -> tuple[str, ...] | None:
    """The campaign's return address; None for each sender's own. Error when there is none."""
    if not options.return_address:
        return ()
    if campaign.envelopes.return_address:
        return campaign.envelopes.return_address
    if options.to == "recipient":
        return None
    raise PrintkitError(
        Problem(
            "--return-address with --to sender needs the campaign's own address",
            hint="list it in campaign.yaml: envelopes: {return_address: [Name, Street, TOWN, "
            "Postcode]}",
        )
    )


def fitter(campaign: Campaign, options: Options) -> Fitter:
    """A function giving a row's address (and return address), or why one does not fit."""
    delivery, back = delivery_space(options.envelope), return_space(options.envelope)
    fixed = return_lines(campaign, options)

    def blocks(letter: Addressed) -> tuple[Block, ...] | str:
        main = fit(lines_for(letter, options.to), delivery)
        if isinstance(main, str) or not options.return_address:
            return main if isinstance(main, str) else (main,)
        sender = fixed if fixed is not None else lines_for(letter, "sender")
        small = fit(sender, back)
        return small if isinstance(small, str) else (main, small)

    return blocks


def variables(envelope: stationery.Envelope) -> dict[str, str]:
    """The envelope's geometry as CSS custom properties."""
    mm = "{:g}mm".format
    values = {
        "envelope-width": mm(envelope.size.width),
        "envelope-height": mm(envelope.size.height),
        "envelope-line-height": f"{stationery.ENVELOPE_LINE_HEIGHT:g}",
        # Capitals start at the area's top edge, not the top of the first line box.
        "cap-pull": f"{-measure.cap_drop_em(stationery.ENVELOPE_LINE_HEIGHT):.3f}em",
    }
    for name, box in (("delivery", envelope.delivery), ("return", envelope.sender)):
        values |= {
            f"{name}-left": mm(box.x),
            f"{name}-top": mm(box.y),
            f"{name}-width": mm(box.width),
            f"{name}-height": mm(box.height),
        }
    return values


def document(
    campaign: Campaign,
    pieces: Sequence[tuple[Block, ...]],
    envelope: stationery.Envelope,
    first: int = 1,
) -> Document:
    """One page per envelope, landscape, to be printed at actual size; the first is the
    `first` in the list (the preflight names each by its place)."""
    title = f"{campaign.title}: envelopes"
    html = templating.render(
        campaign.root,
        "envelopes.html",
        language=campaign.language,
        document_title=title,
        author=campaign.organisation.name,
        size=envelope.name,
        pieces=[tuple(map(isolated, piece)) for piece in pieces],
        first=first,
    )
    return Document(
        html=html,
        stylesheets=STYLESHEETS,
        variables=variables(envelope),
        actual_size=True,
        zones={"envelope delivery area": envelope.delivery, "return address": envelope.sender},
        name=f"envelopes ({envelope.name.upper()})",
        title=title,
        language=campaign.language,
    )


def parts(
    campaign: Campaign,
    pieces: Iterable[tuple[Block, ...]],
    envelope: stationery.Envelope,
    per_part: int = PER_PART,
) -> Iterator[Document]:
    """The envelopes as Documents of `per_part` envelopes each, made as they are asked for."""
    pending, first = iter(pieces), 1
    while group := list(itertools.islice(pending, per_part)):
        yield document(campaign, group, envelope, first)
        first += len(group)


def settings(campaign: Campaign, envelope: stationery.Envelope) -> Document:
    """How the envelopes' PDF is finished, without any envelope in it."""
    return dataclasses.replace(document(campaign, [], envelope), html="")
