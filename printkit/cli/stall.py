"""Commands for the campaign's own products: build, leaflet, poster, sign-up sheet, proofs, init."""

from __future__ import annotations

from pathlib import Path

import click

from printkit.cli.base import main, report
from printkit.cli.options import (
    CAMPAIGN,
    FILE,
    FOLDER,
    OUTPUT,
    look,
    look_options,
    overwrite,
    strict,
)


@main.command()
@CAMPAIGN
@FOLDER
@look_options
def build(campaign: Path | None, folder: Path | None) -> None:
    """Everything the campaign's `outputs:` lists."""
    from printkit import api

    report(api.build(campaign, folder, look(), strict=strict(), overwrite=overwrite()))


@main.command()
@click.argument("folder", type=FILE)
def init(folder: Path) -> None:
    """A new campaign FOLDER to edit, copied from the example."""
    from printkit import api

    report(api.init(folder))


@main.command()
@CAMPAIGN
@click.option("--size", type=click.Choice(["a5", "a6", "dl"]), default="a5", show_default=True)
@click.option("--print-shop", is_flag=True, help="One side a page at trim size, with 3 mm bleed.")
@OUTPUT
@look_options
def leaflet(campaign: Path | None, size: str, print_shop: bool, output: Path | None) -> None:
    """The double-sided leaflet: copies on A4 to print at home and cut, or for a print shop."""
    from printkit import api

    report(api.leaflet(campaign, output, size, print_shop, look(), strict=strict(),
                       overwrite=overwrite()))  # fmt: skip


@main.command()
@CAMPAIGN
@click.option("--size", type=click.Choice(["a4", "a3"]), default="a4", show_default=True)
@OUTPUT
@look_options
def poster(campaign: Path | None, size: str, output: Path | None) -> None:
    """A poster for the stall table, with a large QR code."""
    from printkit import api

    report(api.poster(campaign, output, size, look(), strict=strict(), overwrite=overwrite()))


@main.command()
@CAMPAIGN
@OUTPUT
@look_options
def signup(campaign: Path | None, output: Path | None) -> None:
    """A sign-up sheet with unticked consent boxes and a data-protection notice."""
    from printkit import api

    report(api.signup(campaign, output, look(), strict=strict(), overwrite=overwrite()))


def _proof_products() -> list[str]:
    from printkit.products.registry import NAMES

    return list(NAMES)


@main.command()
@CAMPAIGN
@click.argument("product", required=False)
@FOLDER
@look_options
def proof(campaign: Path | None, product: str | None, folder: Path | None) -> None:
    """PNG previews of the first pages, to share before printing (every output by default).

    PRODUCT is one of the campaign's products: letter, leaflet, poster, signup and the
    others `outputs:` can list.
    """
    from printkit import api

    # The products are named here, not in the argument's choices: naming them there would
    # load every product, and WeasyPrint, before any command could start.
    names = _proof_products()
    named = product is None and campaign is not None and not campaign.exists()
    if named and str(campaign) in names:  # `printkit proof leaflet`: the example
        campaign, product = None, str(campaign)
    if product is not None and product not in names:
        raise click.BadParameter(
            f"{product!r} is not one of {', '.join(map(repr, names))}", param_hint="'PRODUCT'"
        )
    report(api.proof(campaign, product, folder, look(), overwrite=overwrite()))
