"""What every entry point shares: outcomes, loading a campaign in a look, writing a product."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from printkit import containment, files
from printkit.api import preflight
from printkit.campaign import glyphs, translations
from printkit.campaign.model import Campaign
from printkit.errors import CampaignError, Location, PrintkitError, Problem
from printkit.files import Outputs
from printkit.products import registry
from printkit.profiles import CLEAR, Look
from printkit.render import pool, stream
from printkit.render.pdf import Document, Renderer
from printkit.render.preflight import Finding


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
    warnings: tuple[Problem, ...] = ()
    summary: str = ""


def default_output(campaign: Campaign, product: str, folder: Path | None = None) -> Path:
    """`<slug>-<product>.pdf` in `folder` (the current folder by default)."""
    return (folder or Path.cwd()) / f"{campaign.slug}-{product}.pdf"


def load(location: Path | None, look: Look = CLEAR, product: str = "") -> tuple[Campaign, Look]:
    """The campaign in the look's language(s), and the look with that language settled."""
    campaign = translations.load(location, look.lang, products=registry.NAMES)
    if campaign.parallel and not registry.can_be_bilingual(product):
        raise CampaignError(
            Problem(
                f"--lang {look.lang}: the {product} is made in one language at a time",
                hint=f"make one for each language, e.g. --lang {campaign.language}",
            )
        )
    return campaign, dataclasses.replace(look, lang=campaign.language)


def inputs(campaign: Campaign) -> list[Path]:
    """The files a run reads from the campaign folder: no output may be one of them."""
    found: list[Path] = []
    for version in (campaign, *campaign.parallel):
        found += [version.source, version.letter.source]
        found += [
            p for p in (version.translation, version.brand.logo, version.picture) if p is not None
        ]
    for folder, pattern in (("templates", "**/*"), ("styles", "*.css")):
        found += containment.held_files(campaign.root, folder, pattern)[0]
    found += [p for p in (campaign.root / "councillors.csv",) if p.is_file()]  # lookup's table
    return list(dict.fromkeys(found))


def outputs(
    campaign: Campaign, *more_inputs: Path | None, overwrite: bool = False
) -> contextlib.AbstractContextManager[Outputs]:
    """A run's outputs, guarded against overwriting the campaign's files and `more_inputs`."""
    read = [*inputs(campaign), *(path for path in more_inputs if path is not None)]
    return files.outputs(read, overwrite=overwrite)


def renderer(campaign: Campaign, look: Look = CLEAR) -> Renderer:
    """A Renderer for the campaign in `look` (its profile, language and PDF variant)."""
    return Renderer(campaign.root, dataclasses.replace(look, lang=campaign.language))


def today() -> str:
    """Today's date as a British letter writes it: `29 November 2026`."""
    now = datetime.date.today()
    return f"{now.day} {now:%B %Y}"


def said(messages: Iterable[str], where: Location | None = None) -> tuple[Problem, ...]:
    """What the renderer said (bad CSS, a missing image), as warnings."""
    return tuple(Problem(message, where) for message in messages)


def strictly(warnings: Iterable[Problem], strict: bool) -> tuple[Problem, ...]:
    """The warnings; with `strict`, a PrintkitError instead, before anything is written."""
    warnings = tuple(warnings)
    if strict and warnings:
        raise PrintkitError(
            [*warnings, Problem("--strict: nothing was written, because of the warnings above")]
        )
    return warnings


def write_product(
    campaign: Campaign,
    document: Document,
    target: Path,
    outputs: Outputs,
    *,
    summary: str,
    pages: int = 0,
    look: Look = CLEAR,
    strict: bool = False,
    sources: Mapping[str, str | None] | None = None,
) -> Outcome:
    """Render a product into `target`, unless the preflight finds a page it cannot print.

    What the preflight finds on a product made from the campaign alone is the campaign's
    error, at the text it comes from; nothing is written.
    """
    staged = outputs.path(target)  # checked before the work, not after it
    result = renderer(campaign, look).render(document)
    said_by = (*document.notes, *said(result.warnings))
    made = _Made(result.pages, result.findings, said_by)
    warnings = _checked(campaign, document, made, sources or {}, pages, strict)
    staged.write_bytes(result.data)
    return Outcome((Written(target, result.pages),), warnings, summary)


def stream_product(
    campaign: Campaign,
    parts: Iterable[Document],
    finishing: Document,
    target: Path,
    outputs: Outputs,
    *,
    summary: str,
    pages: int = 0,
    look: Look = CLEAR,
    strict: bool = False,
) -> Outcome:
    """Render a long product part by part over the pool, streamed into `target`: memory flat."""
    look = dataclasses.replace(look, lang=campaign.language)
    Renderer(campaign.root, look)  # the campaign's styles are checked here, before any worker
    tally = stream.Tally()
    rendered = stream.render_parts(campaign.root, look, parts, pool.default_jobs())
    with contextlib.closing(rendered):
        stream.write_joined(outputs.path(target), tally.take(rendered), finishing, look)
    # The preflight's pass let no row's finding through: what is left is the campaign's.
    made = _Made(tally.pages, tally.findings, said(tally.warnings))
    warnings = _checked(campaign, finishing, made, {}, pages, strict)
    return Outcome((Written(target, tally.pages),), warnings, summary)


@dataclass(frozen=True)
class _Made:
    """What rendering a product gave: its pages, the preflight's findings, its warnings."""

    pages: int
    findings: tuple[Finding, ...]
    warnings: tuple[Problem, ...]


def _checked(
    campaign: Campaign,
    document: Document,
    made: _Made,
    sources: Mapping[str, str | None],
    pages: int,
    strict: bool,
) -> tuple[Problem, ...]:
    """The product's warnings; a CampaignError for what the preflight found on its pages."""
    problems = preflight.campaign_problems(campaign, document.name, made.findings, sources)
    if problems:
        raise CampaignError(problems)
    overflows = []
    if pages and made.pages > pages:
        overflows.append(f"content: too long for {pages} page{'s' if pages > 1 else ''}")
    return strictly(
        (
            *glyphs.campaign_warnings(campaign),
            *made.warnings,
            *said(_overflow_warnings(document, overflows)),
        ),
        strict,
    )


def _overflow_warnings(document: Document, overflows: Iterable[str]) -> list[str]:
    return [
        f"{document.name}: the {overflow}, so text would be cut off: "
        "shorten the text in campaign.yaml or choose a larger size"
        for overflow in overflows
    ]
