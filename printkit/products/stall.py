"""What the leaflet, poster and sign-up sheet share: the campaign's words and look."""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markupsafe import Markup

from printkit import languages
from printkit.campaign.model import Campaign
from printkit.render.qr import QRCode, qr_code

LONG_TITLE = 40  # characters; a longer title is set smaller so it fits the space


def summary_html(text: str) -> Markup:
    """Short Markdown (the summary) as HTML; raw HTML in it is shown as text."""
    return Markup(MarkdownIt("commonmark", {"html": False}).render(text))


def display_url(url: str) -> str:
    """A web address as people type it: no scheme, no `www.`, no trailing slash."""
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def qr_for(campaign: Campaign, symbol_width: float) -> QRCode | None:
    """The QR code to the call to action's web address, when there is one."""
    return qr_code(campaign.action.url, symbol_width) if campaign.action.url else None


def part(campaign: Campaign) -> dict[str, Any]:
    """The words of one language version: a bilingual product sets several side by side."""
    return {
        "language": campaign.language,
        "direction": languages.direction(campaign.language),
        "t": languages.translator(campaign.language, campaign.phrases),
        "campaign": campaign,
        "title": campaign.title,
        "summary": summary_html(campaign.summary) if campaign.summary.strip() else "",
    }


def context(campaign: Campaign) -> dict[str, Any]:
    """Template variables every product uses; `parts` holds each language, first one first."""
    logo = campaign.brand.logo
    parts = [part(version) for version in (campaign, *campaign.parallel)]
    return {
        **parts[0],
        "parts": parts,
        "bilingual": len(parts) > 1,
        "document_title": " / ".join(version["title"] for version in parts),
        "author": campaign.organisation.name,
        "long_title": len(campaign.title) > LONG_TITLE,
        "logo": logo.as_uri() if logo else "",
        "display_url": display_url,
    }


def brand_variables(campaign: Campaign) -> dict[str, str]:
    """CSS custom properties for the campaign's look."""
    return {"accent": campaign.brand.accent}
