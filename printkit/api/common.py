"""What every entry point shares: outcomes, loading a campaign in a look, writing a product."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from pathlib import Path

from printkit import glyphs, translations
from printkit.campaign import Campaign
from printkit.errors import CampaignError, Problem
from printkit.pdf import Document, Renderer
from printkit.profiles import CLEAR, Look

# Products that can set two languages side by side (`--lang cy+en`); `build` makes those.
BILINGUAL = ("leaflet", "signup", "build", "proof")


@dataclass(frozen=True)
class Written:
    """One output file and what it holds."""

    path: Path
    pages: int
    summary: str = ""


@dataclass(frozen=True)
class Outcome:
    """What a command wrote, and what the user should know about it."""

    written: tuple[Written, ...]
    warnings: tuple[str, ...] = ()
    summary: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def default_output(campaign: Campaign, product: str, folder: Path | None = None) -> Path:
    """`<slug>-<product>.pdf` in `folder` (the current folder by default)."""
    return (folder or Path.cwd()) / f"{campaign.slug}-{product}.pdf"


def load(location: Path | None, look: Look = CLEAR, product: str = "") -> tuple[Campaign, Look]:
    """The campaign in the look's language(s), and the look with that language settled."""
    campaign = translations.load(location, look.lang)
    if campaign.parallel and product not in BILINGUAL:
        raise CampaignError(
            Problem(
                f"--lang {look.lang}: the {product} is made in one language at a time",
                hint=f"make one for each language, e.g. --lang {campaign.language}",
            )
        )
    return campaign, dataclasses.replace(look, lang=campaign.language)


def renderer(campaign: Campaign, look: Look = CLEAR) -> Renderer:
    """A Renderer for the campaign in `look` (its profile, language and PDF variant)."""
    return Renderer(campaign.root, dataclasses.replace(look, lang=campaign.language))


def today() -> str:
    """Today's date as a British letter writes it: `29 November 2026`."""
    now = datetime.date.today()
    return f"{now.day} {now:%B %Y}"


def write_product(
    campaign: Campaign,
    document: Document,
    target: Path,
    summary: str,
    pages: int = 1,
    look: Look = CLEAR,
) -> Outcome:
    """Render a product into `target`; text that does not fit its space is a warning."""
    result = renderer(campaign, look).write(document, target)
    overflows = list(result.overflows)
    if result.pages > pages:
        overflows.append(f"content: too long for {pages} page{'s' if pages > 1 else ''}")
    return Outcome(
        written=(Written(target, result.pages),),
        warnings=(
            *glyphs.campaign_warnings(campaign),
            *result.warnings,
            *_overflow_warnings(document, tuple(overflows)),
        ),
        summary=summary,
    )


def _overflow_warnings(document: Document, overflows: tuple[str, ...]) -> list[str]:
    return [
        f"{document.name}: the {overflow}, so text would be cut off: "
        "shorten the text in campaign.yaml or choose a larger size"
        for overflow in overflows
    ]
