"""Every product made from a campaign alone, declared once: for `outputs:`, `build`, `proof`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from printkit.campaign.model import Campaign
from printkit.products import leaflet, leaflet_fit, letter, poster, signup
from printkit.render.pdf import Document, Renderer


@dataclass(frozen=True)
class Product:
    """A product: its name in `outputs:`, how its document is made, and what it allows."""

    name: str
    title: str  # for summaries: "blank letter"
    make: Callable[[Campaign, Renderer], Document]  # the document with its default options
    bilingual: bool = False  # can set two languages side by side (`--lang cy+en`)
    built_by_default: bool = True  # made by `build` when `outputs:` is not given
    pages: int = 0  # the pages its content must fit; 0: any number
    sources: Mapping[str, str | None] = field(default_factory=dict)  # region -> campaign key


PRODUCTS: dict[str, Product] = {
    product.name: product
    for product in (
        Product("letter", "blank letter",
                lambda c, r: letter.LetterTemplate(c, r.look.spec).document(),
                sources={region: key for region, (key, _) in letter.REGION_SOURCES.items()}),
        Product("leaflet", "leaflet A5", leaflet_fit.fitted, True, pages=2,
                sources=leaflet.SOURCES),
        Product("signup", "sign-up sheet A4", signup.document_that_fits, True, pages=1,
                sources=signup.SOURCES),
        Product("poster", "poster A4", poster.fitted, built_by_default=False, pages=1,
                sources=poster.SOURCES),
    )
}  # fmt: skip
NAMES = tuple(PRODUCTS)
BUILT_BY_DEFAULT = tuple(name for name, product in PRODUCTS.items() if product.built_by_default)


def can_be_bilingual(name: str) -> bool:
    """Whether `name` (a product, or `build` and `proof`, which make those that can) takes cy+en."""
    return name in ("build", "proof") or (name in PRODUCTS and PRODUCTS[name].bilingual)
