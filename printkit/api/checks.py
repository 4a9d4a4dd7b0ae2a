"""`printkit check`: each product laid out and preflighted as its command would, nothing written."""

from __future__ import annotations

from printkit.api import preflight
from printkit.api.common import said, today
from printkit.campaign import glyphs
from printkit.campaign.model import Campaign
from printkit.errors import Problem
from printkit.mail import outcomes
from printkit.products import batch, leaflet, registry, signup
from printkit.profiles import Look
from printkit.render.pdf import Document, Renderer

LEAFLET_SIZES = ("a5", "a6", "dl")  # `printkit leaflet --size`: each is checked


def documents(campaign: Campaign, pdf: Renderer, look: Look) -> list[tuple[Document, str]]:
    """Every document the campaign's commands make by default, with its product's name."""
    names = dict.fromkeys(["letter", *(campaign.outputs or registry.BUILT_BY_DEFAULT)])
    made = []
    for name in names:
        if campaign.parallel and not registry.can_be_bilingual(name):
            continue
        if name == "leaflet":
            made += [(leaflet.document(campaign, size, profile=look.spec), name)
                     for size in LEAFLET_SIZES]  # fmt: skip
        else:
            made.append((registry.PRODUCTS[name].make(campaign, pdf), name))
    return made


def products(campaign: Campaign, pdf: Renderer, look: Look) -> tuple[list[Problem], list[Problem]]:
    """The preflight's errors on each product, and the warnings its command would give."""
    errors: list[Problem] = []
    warnings: list[Problem] = list(glyphs.campaign_warnings(campaign))
    for document, name in documents(campaign, pdf, look):
        laid = pdf.layout(document)
        sources = registry.PRODUCTS[name].sources
        errors += preflight.campaign_problems(campaign, document.name, laid.findings, sources)
        warnings += said(laid.warnings)
        if name == "signup":
            warnings += said(signup.notice_warnings(campaign), campaign.where("signup"))
    return errors, warnings


def rows(campaign: Campaign, look: Look, mailing: outcomes.Mailing, jobs: int) -> outcomes.Mailing:
    """The mailing once every accepted row's letter has been laid out and checked."""
    job = batch.Job(campaign, today(), False, look)
    return batch.with_rejects(mailing, batch.check_all(job, mailing.letters, jobs))


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
