"""The campaign's own products (letter, leaflet, poster, sign-up sheet), proofs and `build`."""

from __future__ import annotations

from pathlib import Path

from printkit import files
from printkit.api import common
from printkit.api.common import (
    Outcome,
    Written,
    default_output,
    load,
    renderer,
    said,
    strictly,
    write_product,
)
from printkit.campaign.model import Campaign
from printkit.errors import Problem
from printkit.products import leaflet as leaflet_product
from printkit.products import leaflet_fit, registry
from printkit.products import poster as poster_product
from printkit.products import signup as signup_product
from printkit.profiles import CLEAR, Look
from printkit.render import proof as proofs


def letter(
    location: Path | None = None,
    output: Path | None = None,
    look: Look = CLEAR,
    *,
    strict: bool = False,
    overwrite: bool = False,
) -> Outcome:
    """The blank fill-in letter."""
    return _made(location, "letter", output, look, strict, overwrite)


def leaflet(
    location: Path | None = None,
    output: Path | None = None,
    size: str = "a5",
    print_shop: bool = False,
    look: Look = CLEAR,
    *,
    strict: bool = False,
    overwrite: bool = False,
) -> Outcome:
    """The double-sided leaflet: n-up on A4 for home printing, or at trim size with bleed."""
    campaign, look = load(location, look, "leaflet")
    document = leaflet_fit.fitted(campaign, renderer(campaign, look), size, print_shop)
    target = output or default_output(campaign, "leaflet")
    with common.outputs(campaign, overwrite=overwrite) as staged:
        return write_product(
            campaign, document, target, staged, pages=2, look=look, strict=strict,
            summary=leaflet_product.summary(size, print_shop), sources=leaflet_product.SOURCES,
        )  # fmt: skip


def poster(
    location: Path | None = None,
    output: Path | None = None,
    size: str = "a4",
    look: Look = CLEAR,
    *,
    strict: bool = False,
    overwrite: bool = False,
) -> Outcome:
    """The poster for the stall table."""
    campaign, look = load(location, look, "poster")
    target = output or default_output(campaign, "poster")
    with common.outputs(campaign, overwrite=overwrite) as staged:
        return write_product(
            campaign, poster_product.fitted(campaign, renderer(campaign, look), size), target,
            staged, pages=1,
            look=look, strict=strict, summary=f"poster, {size.upper()}",
            sources=poster_product.SOURCES,
        )  # fmt: skip


def signup(
    location: Path | None = None,
    output: Path | None = None,
    look: Look = CLEAR,
    *,
    strict: bool = False,
    overwrite: bool = False,
) -> Outcome:
    """The sign-up sheet with its data-protection notice and unticked consent boxes."""
    return _made(location, "signup", output, look, strict, overwrite)


def _made(
    location: Path | None, name: str, output: Path | None, look: Look, strict: bool,
    overwrite: bool,
) -> Outcome:  # fmt: skip
    campaign, look = load(location, look, name)
    with common.outputs(campaign, overwrite=overwrite) as staged:
        return _write(
            campaign, name, output or default_output(campaign, name), staged, look, strict
        )


def _write(
    campaign: Campaign,
    name: str,
    target: Path,
    staged: files.Outputs,
    look: Look,
    strict: bool,
) -> Outcome:
    """One registered product with its default options, into `target`."""
    product = registry.PRODUCTS[name]
    document = product.make(campaign, renderer(campaign, look))
    notes = signup_product.notice_warnings(campaign) if name == "signup" else ()
    outcome = write_product(
        campaign, document, target, staged, pages=product.pages, look=look, strict=strict,
        summary="", sources=product.sources,
    )  # fmt: skip
    pages = outcome.written[0].pages
    summary = f"{product.title}, {pages} page{'s' if pages != 1 else ''}"
    warnings = strictly((*said(notes, campaign.where("signup")), *outcome.warnings), strict)
    return Outcome(outcome.written, warnings, summary)


def outputs(campaign: Campaign) -> tuple[str, ...]:
    """What `build` makes: the campaign's `outputs:`, or the products built by default."""
    names = campaign.outputs or registry.BUILT_BY_DEFAULT
    return tuple(name for name in names if not campaign.parallel or registry.can_be_bilingual(name))


def build(
    location: Path | None = None,
    folder: Path | None = None,
    look: Look = CLEAR,
    *,
    strict: bool = False,
    overwrite: bool = False,
) -> Outcome:
    """Every output the campaign lists, into `folder` (bilingual: those that can be)."""
    campaign, look = load(location, look, "build")
    folder = folder or Path.cwd()
    written: list[Written] = []
    warnings: list[Problem] = []
    with common.outputs(campaign, overwrite=overwrite) as staged:
        staged.claim(default_output(campaign, name, folder) for name in outputs(campaign))
        for name in outputs(campaign):
            target = default_output(campaign, name, folder)
            outcome = _write(campaign, name, target, staged, look, strict)
            written.extend(outcome.written)
            warnings.extend(outcome.warnings)
    return Outcome(tuple(written), tuple(warnings), f"{len(written)} files for {campaign.title!r}")


def proof(
    location: Path | None = None,
    product: str | None = None,
    folder: Path | None = None,
    look: Look = CLEAR,
    *,
    overwrite: bool = False,
) -> Outcome:
    """PNG previews of the first pages of a product, or of every output the campaign lists."""
    campaign, look = load(location, look, product or "proof")
    names = (product,) if product else outputs(campaign)
    pdf_renderer = renderer(campaign, look)
    written: list[Written] = []
    warnings: list[Problem] = []
    with common.outputs(campaign, overwrite=overwrite) as staged:
        for name in names:
            document = registry.PRODUCTS[name].make(campaign, pdf_renderer)
            result = pdf_renderer.render(document)
            warnings.extend((*document.notes, *said(result.warnings)))
            for number, png in enumerate(proofs.pngs(result.data), start=1):
                target = (folder or Path.cwd()) / f"{campaign.slug}-{name}-{number}.png"
                staged.path(target).write_bytes(png)
                written.append(Written(target, 1))
    return Outcome(tuple(written), tuple(warnings), f"{len(written)} previews to share")
