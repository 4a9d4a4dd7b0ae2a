"""The stall pack: leaflet, poster and sign-up sheet, their proofs, and `build`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from printkit import files, paper
from printkit import proof as proofs
from printkit.api.common import (
    BILINGUAL,
    Outcome,
    Written,
    default_output,
    load,
    renderer,
    write_product,
)
from printkit.api.letters import write_blank_letter
from printkit.campaign import Campaign
from printkit.pdf import Document
from printkit.products import leaflet as leaflet_product
from printkit.products import poster as poster_product
from printkit.products import signup as signup_product
from printkit.products.letter import Fill, LetterTemplate
from printkit.profiles import CLEAR, Look


def leaflet(
    location: Path | None = None,
    output: Path | None = None,
    size: str = "a5",
    print_shop: bool = False,
    look: Look = CLEAR,
) -> Outcome:
    """The double-sided leaflet: n-up on A4 for home printing, or at trim size with bleed."""
    campaign, look = load(location, look, "leaflet")
    target = output or default_output(campaign, "leaflet")
    return _leaflet(campaign, target, size, print_shop, look=look)


def _leaflet(
    campaign: Campaign,
    target: Path,
    size: str = "a5",
    print_shop: bool = False,
    *,
    look: Look = CLEAR,
) -> Outcome:
    document = leaflet_product.document(campaign, size, print_shop)
    summary = leaflet_product.summary(size, print_shop)
    return write_product(campaign, document, target, summary, pages=2, look=look)


def poster(
    location: Path | None = None,
    output: Path | None = None,
    size: str = "a4",
    look: Look = CLEAR,
) -> Outcome:
    """The poster for the stall table."""
    campaign, look = load(location, look, "poster")
    return _poster(campaign, output or default_output(campaign, "poster"), size, look=look)


def _poster(campaign: Campaign, target: Path, size: str = "a4", *, look: Look = CLEAR) -> Outcome:
    document = poster_product.document(campaign, size)
    return write_product(campaign, document, target, f"poster, {size.upper()}", look=look)


def signup(location: Path | None = None, output: Path | None = None, look: Look = CLEAR) -> Outcome:
    """The sign-up sheet with its data-protection notice and unticked consent boxes."""
    campaign, look = load(location, look, "signup")
    return _signup(campaign, output or default_output(campaign, "signup"), look=look)


def _signup(campaign: Campaign, target: Path, *, look: Look = CLEAR) -> Outcome:
    document = _signup_that_fits(campaign, look)
    outcome = write_product(campaign, document, target, "sign-up sheet, A4", look=look)
    notes = tuple(signup_product.notice_warnings(campaign))
    return Outcome(outcome.written, notes + outcome.warnings, outcome.summary)


def _signup_that_fits(campaign: Campaign, look: Look) -> Document:
    """The sign-up sheet with as many rows as fit one page in this profile and language."""
    rows = paper.SIGNUP_SHEET.rows
    document = signup_product.document(campaign, rows)
    render = renderer(campaign, look)
    while rows > paper.SIGNUP_SHEET.fewest_rows and render.render(document).pages > 1:
        rows -= 1
        document = signup_product.document(campaign, rows)
    return document


# What `build` can make, by the names `outputs:` uses (each takes look= too).
PRODUCTS: dict[str, Callable[..., Outcome]] = {
    "letter": write_blank_letter,
    "leaflet": _leaflet,
    "signup": _signup,
    "poster": _poster,
}
# Each product's document with its default options, for proofs.
DOCUMENTS: dict[str, Callable[[Campaign], Document]] = {
    "letter": lambda campaign: LetterTemplate(campaign).document(Fill()),
    "leaflet": leaflet_product.document,
    "signup": signup_product.document,
    "poster": poster_product.document,
}


def proof(
    location: Path | None = None,
    product: str | None = None,
    folder: Path | None = None,
    look: Look = CLEAR,
) -> Outcome:
    """PNG previews of the first pages of a product, or of every output the campaign lists."""
    campaign, look = load(location, look, product or "proof")
    names = (product,) if product else campaign.outputs
    pdf_renderer = renderer(campaign, look)
    written: list[Written] = []
    warnings: list[str] = []
    for name in names:
        result = pdf_renderer.render(DOCUMENTS[name](campaign))
        warnings.extend(result.warnings)
        for number, png in enumerate(proofs.pngs(result.data), start=1):
            target = (folder or Path.cwd()) / f"{campaign.slug}-{name}-{number}.png"
            with files.atomic_path(target) as temporary:
                temporary.write_bytes(png)
            written.append(Written(target, 1))
    return Outcome(tuple(written), tuple(warnings), f"{len(written)} previews to share")


def build(location: Path | None = None, folder: Path | None = None, look: Look = CLEAR) -> Outcome:
    """Every output the campaign lists, into `folder` (bilingual: those that can be)."""
    campaign, look = load(location, look, "build")
    folder = folder or Path.cwd()
    written: list[Written] = []
    warnings: list[str] = []
    products = [p for p in campaign.outputs if not campaign.parallel or p in BILINGUAL]
    for product in products:
        target = default_output(campaign, product, folder)
        outcome = PRODUCTS[product](campaign, target, look=look)
        written.extend(outcome.written)
        warnings.extend(outcome.warnings)
    return Outcome(tuple(written), tuple(warnings), f"{len(written)} files for {campaign.title!r}")
