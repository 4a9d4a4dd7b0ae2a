"""What the leaflet, poster and sign-up sheet share: the campaign's words and look."""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markupsafe import Markup

from printkit.campaign import Campaign
from printkit.qr import QRCode, qr_code

LONG_TITLE = 40  # characters; a longer title is set smaller so it fits the space


def markdown(text: str) -> Markup:
    """Short Markdown (the summary) as HTML; raw HTML in it is shown as text."""
    return Markup(MarkdownIt("commonmark", {"html": False}).render(text))


def display_url(url: str) -> str:
    """A web address as people type it: no scheme, no `www.`, no trailing slash."""
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def qr_for(campaign: Campaign, symbol_width: float) -> QRCode | None:
    """The QR code to the call to action's web address, when there is one."""
    return qr_code(campaign.action.url, symbol_width) if campaign.action.url else None


def context(campaign: Campaign) -> dict[str, Any]:
    """Template variables every product uses."""
    logo = campaign.brand.logo
    return {
        "language": campaign.language,
        "document_title": campaign.title,
        "author": campaign.organisation.name,
        "campaign": campaign,
        "title": campaign.title,
        "long_title": len(campaign.title) > LONG_TITLE,
        "summary": markdown(campaign.summary) if campaign.summary.strip() else "",
        "logo": logo.as_uri() if logo else "",
        "display_url": display_url,
    }


def brand_variables(campaign: Campaign) -> dict[str, str]:
    """CSS custom properties for the campaign's look."""
    return {"accent": campaign.brand.accent}
