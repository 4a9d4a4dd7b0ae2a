"""`printkit check`: each product laid out and preflighted as its command would, nothing written."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from printkit.api import preflight
from printkit.api.common import said, today
from printkit.campaign import glyphs
from printkit.campaign.model import Campaign
from printkit.errors import CampaignError, Problem
from printkit.mail import outcomes
from printkit.products import batch, leaflet_fit, registry, signup
from printkit.profiles import Look
from printkit.render.pdf import Document, Renderer

# `printkit leaflet --size`: A5 is what `build` makes; the others are checked too, and what
# would stop them is a warning, as a campaign may be too long for a small leaflet by design.
LEAFLET_SIZES = ("a5", "a6", "dl")


@dataclass(frozen=True)
class Made:
    """A document a command makes by default: its product, how it is made, and whether what
    stops it is an error (or a warning, for a leaflet size the organiser may never print)."""

    product: str
    make: Callable[[], Document]
    required: bool = True


def made(campaign: Campaign, pdf: Renderer) -> list[Made]:
    """Every document the campaign's commands make, with its product's name."""
    names = dict.fromkeys(["letter", *(campaign.outputs or registry.BUILT_BY_DEFAULT)])
    documents = []
    for name in names:
        if campaign.parallel and not registry.can_be_bilingual(name):
            continue
        if name == "leaflet":
            documents += [Made(name, functools.partial(leaflet_fit.fitted, campaign, pdf, size),
                               size == LEAFLET_SIZES[0]) for size in LEAFLET_SIZES]  # fmt: skip
        else:
            documents.append(
                Made(name, functools.partial(registry.PRODUCTS[name].make, campaign, pdf))
            )
    return documents


def products(campaign: Campaign, pdf: Renderer) -> tuple[list[Problem], list[Problem]]:
    """The preflight's errors on each product (copy-fitting's included), and the warnings
    its command would give."""
    errors: list[Problem] = []
    warnings: list[Problem] = list(glyphs.campaign_warnings(campaign))
    for document in made(campaign, pdf):
        problems, notes = _product(campaign, pdf, document.product, document.make)
        (errors if document.required else warnings).extend(problems)
        warnings += notes
    return errors, warnings


def _product(
    campaign: Campaign, pdf: Renderer, name: str, make: Callable[[], Document]
) -> tuple[list[Problem], list[Problem]]:
    """What stops one document, and what its command would warn about."""
    try:
        document = make()
    except CampaignError as error:  # words that do not fit even the smallest type
        return list(error.problems), []
    laid = pdf.layout(document)
    sources = registry.PRODUCTS[name].sources
    problems = preflight.campaign_problems(campaign, document.name, laid.findings, sources)
    notes = [*document.notes, *said(laid.warnings)]
    if name == "signup":
        notes += said(signup.notice_warnings(campaign), campaign.where("signup"))
    return problems, notes


def rows(campaign: Campaign, look: Look, mailing: outcomes.Mailing, jobs: int) -> outcomes.Mailing:
    """The mailing once every accepted row's letter has been laid out and checked."""
    job = batch.Job(campaign, today(), False, look)
    return batch.with_rejects(mailing, batch.check_all(job, mailing.letters, jobs)[0])


def summary(mailing: outcomes.Mailing) -> str:
    """`9 letters would print, 4 rows would not (2 values no font can draw, ...)`."""
    letters, rejects = len(mailing.letters), len(mailing.rejects)
    text = f"{letters} letter{'s' if letters != 1 else ''} would print"
    if rejects:
        text += (f", {rejects} row{'s' if rejects != 1 else ''} would not "
                 f"({outcomes.reasons(mailing.rejects)})")  # fmt: skip
    if mailing.blank_rows:
        text += f", {mailing.blank_rows} blank row{'s' if mailing.blank_rows != 1 else ''} skipped"
    return text
