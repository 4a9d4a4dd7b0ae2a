"""What the leaflet, poster and sign-up sheet share: the campaign's words and look."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from printkit import languages
from printkit.campaign import branding, placeholders
from printkit.campaign.model import Campaign
from printkit.errors import Problem
from printkit.profiles import Profile
from printkit.render import measure
from printkit.render.measure import PT_TO_MM
from printkit.render.qr import QRCode, qr_code

KEPT_TOGETHER = 18  # characters: the most that `no_widow` keeps on one line
LEAST_DPI = 200  # a picture printed at less looks blurred
QUOTE_LENGTH = 240  # characters: a pull quote is a sentence or two of the letter
SENTENCE_END = re.compile(r"(?<=[.!?\u061f])\s+")  # . ! ? and the Arabic question mark
# A title's size in body sizes, by its length in characters: short titles are set larger.
TITLE_SCALE = ((16, 2.6), (28, 2.2), (48, 1.8), (80, 1.5))
LONGEST_TITLE_SCALE = 1.4
LEAST_TITLE_SCALE = 1.4  # a title is never smaller than this, whatever its words' width
INLINE_TEXT = {"text": None, "code_inline": None, "softbreak": " ", "hardbreak": " "}


def summary_html(text: str) -> Markup:
    """Short Markdown (the summary) as HTML; raw HTML in it is shown as text."""
    return Markup(MarkdownIt("commonmark", {"html": False}).render(text))


def url_html(url: str) -> Markup:
    """A web address as people type it, free to break after a `/`, `?` or `&` to fit."""
    parts = re.split(r"(?<=[/?&])", display_url(url))
    return Markup("<wbr>").join(escape(part) for part in parts if part)


def widest_url_part(url: str) -> str:
    """The longest stretch of a web address that cannot break across lines."""
    return max(re.split(r"(?<=[/?&])", display_url(url)), key=len)


def no_widow(text: str) -> Markup:
    """Text whose last two words stay on one line, so a headline never ends on one short word."""
    units = _unbreakable(text)
    if len(units) == len(text.split(" ")):
        return Markup(escape(text))
    return Markup('{} <span class="together">{}</span>').format(" ".join(units[:-1]), units[-1])


def display_url(url: str) -> str:
    """A web address as people type it: no scheme, no `www.`, no trailing slash."""
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


@dataclass(frozen=True)
class Spacing:
    """The space a profile adds after each letter and each word (em), as base.css sets it."""

    letter: float = 0.0
    word: float = 0.0

    @classmethod
    def of(cls, profile: Profile) -> Spacing:
        return cls(_em(profile.variables.get("letter-spacing")),
                   _em(profile.variables.get("word-spacing")))  # fmt: skip

    def width_mm(self, text: str, size_pt: float, weight: int = 400) -> float:
        """The width of `text` at `size_pt` with this spacing, never an underestimate."""
        extra = (len(text) * self.letter + text.count(" ") * self.word) * size_pt * PT_TO_MM
        return measure.text_width_mm(text, size_pt, weight) + extra


def _em(value: str | None) -> float:
    """A length in em from a profile's variable (`normal` or absent is none)."""
    found = re.fullmatch(r"\s*([0-9.]+)em\s*", value or "")
    return float(found.group(1)) if found else 0.0


def title_size(
    titles: list[str], body: float, width: float, gap: float = 0, spacing: Spacing = Spacing()
) -> float:
    """The title's size (pt) over `body` pt text: larger for a short title, yet no word wider
    than its column of `width` mm (titles side by side share it, `gap` mm apart)."""
    length = max(len(title) for title in titles) * len(titles)
    scale = next((s for most, s in TITLE_SCALE if length <= most), LONGEST_TITLE_SCALE)
    widest = widest_title(titles, width, gap, spacing)
    return max(LEAST_TITLE_SCALE * body, min(scale * body, widest))


def widest_title(
    titles: list[str], width: float, gap: float = 0, spacing: Spacing = Spacing()
) -> float:
    """The largest size (pt) at which each title's longest unbreakable stretch fits its column."""
    column = (width - gap * (len(titles) - 1)) / len(titles)
    units = [unit for title in titles for unit in _unbreakable(title)] or ["-"]
    return column / max(spacing.width_mm(unit, 1, weight=700) for unit in units)


def _unbreakable(text: str) -> list[str]:
    """The stretches of `text` a line cannot break inside, as `no_widow` sets it."""
    words = text.split(" ")
    if len(words) < 3 or len(words[-2]) + len(words[-1]) > KEPT_TOGETHER:
        return words
    return [*words[:-2], " ".join(words[-2:])]


def qr_for(campaign: Campaign, symbol_width: float) -> QRCode | None:
    """The QR code to the call to action's web address, when there is one."""
    return qr_code(campaign.action.url, symbol_width) if campaign.action.url else None


def opening(campaign: Campaign) -> str:
    """The letter's first paragraph that reads on its own (no placeholders), as whole
    sentences up to QUOTE_LENGTH characters: the pull quote of a leaflet's front."""
    tokens = placeholders.markdown().parse(campaign.letter.text)
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        if any(child.type == "placeholder" for child in token.children):
            continue
        text = " ".join("".join(_inline_text(child) for child in token.children).split())
        sentences = SENTENCE_END.split(text)
        if len(text) < 40 or (len(sentences) == 1 and not re.search(r"[.!?\u061f]$", text)):
            continue  # a salutation or a sign-off, not a sentence
        quote = sentences[0]
        for sentence in sentences[1:]:
            if len(quote) + 1 + len(sentence) > QUOTE_LENGTH:
                break
            quote += " " + sentence
        return quote if len(quote) <= 2 * QUOTE_LENGTH else ""
    return ""


def _inline_text(token: Any) -> str:
    """What an inline Markdown token reads as: its words, a space for a line break."""
    if token.type in INLINE_TEXT:
        return INLINE_TEXT[token.type] or str(token.content)
    return ""


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
    versions = (campaign, *campaign.parallel)
    parts = [part(version) for version in versions]
    return {
        **parts[0],
        "parts": parts,
        "bilingual": len(parts) > 1,
        "document_title": " / ".join(version["title"] for version in parts),
        "author": campaign.organisation.name,
        "logo": logo.as_uri() if logo else "",
        "org_names": organisation_names(versions),
        "picture": picture(campaign),
        "display_url": display_url,
        "url_html": url_html,
        "no_widow": no_widow,
    }


def organisation_names(versions: tuple[Campaign, ...]) -> list[str]:
    """The organisation's name in each language, each once."""
    return list(dict.fromkeys(v.organisation.name for v in versions if v.organisation.name))


def picture(campaign: Campaign) -> dict[str, str] | None:
    """The campaign's picture for a template: its file and its words, in every language."""
    if campaign.picture is None or campaign.image is None:
        return None
    versions = (campaign, *campaign.parallel)
    alt = " / ".join(dict.fromkeys(v.image.alt.strip() for v in versions if v.image))
    return {"src": campaign.picture.as_uri(), "alt": alt}


def picture_notes(
    campaign: Campaign, width: float, height: float, product: str
) -> tuple[Problem, ...]:
    """A warning when the picture, cropped to cover `width` x `height` mm, is under 200 dpi."""
    pixels = branding.pixels(campaign.picture) if campaign.picture and height > 0 else None
    if pixels is None or campaign.image is None:
        return ()
    inches = (width / 25.4, height / 25.4)
    dpi = min(pixels[0] / inches[0], pixels[1] / inches[1])  # covering: the tighter way
    if dpi >= LEAST_DPI:
        return ()
    needed = " x ".join(str(math.ceil(side * LEAST_DPI)) for side in inches)
    return (
        Problem(
            f"the picture {campaign.image.file} prints at {dpi:.0f} dpi on the {product}"
            f" ({width:.0f} x {height:.0f} mm), under the {LEAST_DPI} dpi it needs to look sharp",
            campaign.where("image.file"),
            f"use a larger version of it, at least {needed} pixels",
        ),
    )


def brand_variables(campaign: Campaign) -> dict[str, str]:
    """CSS custom properties for the campaign's look."""
    return {"accent": campaign.brand.accent}
