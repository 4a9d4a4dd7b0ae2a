"""The campaign, declared once: every `campaign.yaml` field with its type, default and help.

The checks on campaign.yaml, the typed Campaign the products read, the rules for a
translation (`campaign.<lang>.yaml`) and the reference table in the docs are all made
from these declarations (see schema.py); a new field is one line here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from printkit import paper, stationery
from printkit.campaign import branding
from printkit.campaign.schema import MAY, MUST, ONLY, derived
from printkit.campaign.schema import setting as _
from printkit.campaign.validator import is_email, is_language, is_url
from printkit.errors import Location

CHANNELS = ("email", "text", "phone", "post")  # ways a supporter may agree to be contacted


def _slug(value: str) -> str | None:
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
        return None
    return f"{value!r} is not a slug: use lower-case letters, digits and hyphens"


def _channels(items: list[str]) -> str | None:
    unknown = [i for i in items if i not in CHANNELS]
    if unknown:
        return f"unknown channel {unknown[0]!r}: expected some of {', '.join(CHANNELS)}"
    return None if items else "list at least one channel, e.g. channels: [email]"


def _positive(value: float) -> str | None:
    return None if value > 0 else f"{value:g} must be more than 0 (mm)"


def _not_negative(value: float) -> str | None:
    return None if value >= 0 else f"{value:g} must be 0 or more (mm)"


def _count(value: float) -> str | None:
    whole = value >= 1 and value.is_integer()
    return None if whole else f"{value:g} must be a whole number, 1 or more"


def _offset(value: float) -> str | None:
    limit = stationery.MAX_PRINTER_OFFSET
    if abs(value) <= limit:
        return None
    return f"{value:g} mm is more than any printer is off: at most {limit:g} mm either way"


@dataclass(frozen=True, kw_only=True)
class Organisation:
    """Who runs the campaign."""

    name: str = _("", help="who runs the campaign", translate=MAY)
    email: str = _("", help="an email address for supporters", check=is_email)
    website: str = _("", help="the organisation's web address", check=is_url)


@dataclass(frozen=True, kw_only=True)
class Action:
    """The call to action: what to do, where, and the steps."""

    text: str = _("", help="what supporters are asked to do, in a sentence", translate=MUST)
    url: str = _("", help="where they do it (the QR code points here)", check=is_url)
    steps: tuple[str, ...] = _((), help="the steps, one a line", translate=MUST)


@dataclass(frozen=True, kw_only=True)
class Link:
    """A sentence and the web address it points to."""

    text: str = _("", help="a sentence pointing to more", translate=MUST)
    url: str = _("", help="its web address", check=is_url)


@dataclass(frozen=True, kw_only=True)
class LetterSpec:
    """The template letter, who it goes to and the envelope it travels in."""

    text: str = _(required=True, help="the letter: a file beside campaign.yaml, or the text",
                  example="text: letter.md", translate=MUST)  # fmt: skip
    to: Literal["mp", "councillor", "other"] = _("mp", help="who the letter goes to")
    recipient_address: tuple[str, ...] = _(
        (), help="the recipient's address lines (for mp: the House of Commons)"
    )
    window: Literal["dl", "c5", "none"] = _("dl", help="the window envelope it is posted in")
    ask: str = _("", help="what the letter asks for, in a sentence or two, for the leaflet",
                 translate=MUST)  # fmt: skip
    source: Path = derived(Path())  # the letter file, or campaign.yaml when the letter is inline
    first_line: int = derived(1)  # line of `source` where the letter text starts


def _described(value: str) -> str | None:
    if value.strip():
        return None
    return "describe the picture in a few words, for people who cannot see it"


@dataclass(frozen=True, kw_only=True)
class Picture:
    """A picture for the leaflet's front and the poster, and what it shows in words."""

    file: str = _(required=True, help="a PNG, JPEG or SVG file in the campaign folder",
                  example="file: photo.jpg")  # fmt: skip
    alt: str = _(required=True, help="what the picture shows, for people who cannot see it",
                 check=_described, translate=MUST)  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class Signup:
    """The sign-up sheet: the contact channels asked about and the data-protection notice."""

    channels: tuple[str, ...] = _(("email",), help="ways supporters may agree to be contacted: "
                                  + ", ".join(CHANNELS), check=_channels)  # fmt: skip
    purpose: str = _("", help="what the details are used for (default: from the title)",
                     translate=MUST)  # fmt: skip
    privacy_url: str = _("", help="where the privacy notice is", check=is_url)
    withdraw: str = _("", help="how to withdraw consent (default: the organisation's email)",
                      translate=MUST)  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class SheetSpec:
    """A label sheet of the campaign's own, in mm from the maker's template."""

    label_width: float = _(required=True, check=_positive, help="one label's width, mm")
    label_height: float = _(required=True, check=_positive, help="one label's height, mm")
    columns: float = _(required=True, check=_count, help="labels across the sheet")
    rows: float = _(required=True, check=_count, help="labels down the sheet")
    left: float = _(required=True, check=_not_negative, help="sheet edge to the first label, mm")
    top: float = _(required=True, check=_not_negative, help="sheet top to the first label, mm")
    pitch_x: float = _(0.0, check=_positive, help="a label's left edge to the next one's, mm")
    pitch_y: float = _(0.0, check=_positive, help="a label's top edge to the next one's, mm")

    def sheet(self, name: str) -> stationery.LabelSheet:
        """The sheet as paper describes it; the pitch defaults to labels that touch."""
        return stationery.LabelSheet(
            name=name,
            label=paper.Size(self.label_width, self.label_height),
            columns=int(self.columns),
            rows=int(self.rows),
            left=self.left,
            top=self.top,
            pitch_x=self.pitch_x or self.label_width,
            pitch_y=self.pitch_y or self.label_height,
        )


@dataclass(frozen=True, kw_only=True)
class LabelSettings:
    """Label sheets: the campaign's own, the default one, and a printer's offset."""

    sheet: str = _("L7160", help="the label sheet to use", example="sheet: L7160")
    offset_x: float = _(0.0, check=_offset, help="mm to move everything right (negative: left)")
    offset_y: float = _(0.0, check=_offset, help="mm to move everything down (negative: up)")
    sheets: Mapping[str, SheetSpec] = _({}, help="label sheets of your own, by name")

    @property
    def known(self) -> Mapping[str, stationery.LabelSheet]:
        """The built-in sheets and the campaign's own."""
        own = {name: spec.sheet(name) for name, spec in self.sheets.items()}
        return {**stationery.LABEL_SHEETS, **own}


@dataclass(frozen=True, kw_only=True)
class EnvelopeSettings:
    """Envelopes printed on: the default size, and a return address for the top left."""

    size: Literal["dl", "c5"] = _("dl", help="the envelope size")
    return_address: tuple[str, ...] = _((), help="the return address lines, postcode last")


@dataclass(frozen=True, kw_only=True)
class Campaign:
    """A campaign's content, checked and ready to print."""

    title: str = _(required=True, help="the campaign's title", example="title: Write to your MP",
                   translate=MUST)  # fmt: skip
    slug: str = _("", help="the start of file names (default: made from the title)", check=_slug)
    language: str = _("en-GB", help="the language it is written in (BCP 47)",
                      check=is_language, translate=MAY)  # fmt: skip
    organisation: Organisation = _(Organisation(), help="who runs the campaign")
    hashtag: str = _("", help="the campaign's hashtag", example='hashtag: "#EndStopAndScan"',
                     translate=MAY)  # fmt: skip
    summary: str = _("", help="a short summary (Markdown), for the leaflet", translate=MUST)
    action: Action = _(Action(), help="the call to action: text, url and steps")
    more: Link | None = _(None, help="where to find more: text and url")
    letter: LetterSpec = _(required=True, help="the template letter and where it goes")
    outputs: tuple[str, ...] = _((), help="what `printkit build` makes")
    logo: str = _("", help="an SVG or PNG file beside campaign.yaml",
                  example="logo: logo.svg")  # fmt: skip
    image: Picture | None = _(None, help="a picture for the leaflet's front and the poster "
                              "(cropped to fit): file and alt")  # fmt: skip
    accent: str = _(branding.DEFAULT_ACCENT, help="a dark colour for bands and headings",
                    check=branding.check_accent, example="accent: '#1f4e79'")  # fmt: skip
    signup: Signup = _(Signup(), help="the sign-up sheet's channels and notice")
    labels: LabelSettings = _(LabelSettings(), help="address label sheets")
    envelopes: EnvelopeSettings = _(EnvelopeSettings(), help="envelopes printed on")
    phrases: Mapping[str, str] = _({}, help="printkit's own words in this language",
                                   translate=ONLY)  # fmt: skip
    root: Path = derived(Path())  # the campaign folder
    source: Path = derived(Path())  # its campaign.yaml
    parallel: tuple[Campaign, ...] = derived(())  # the same campaign in other languages
    translation: Path | None = derived(None)  # the campaign.<lang>.yaml this language came from
    locations: Mapping[str, Location] = derived({})  # where each key was written

    @property
    def brand(self) -> branding.Brand:
        """The logo file (resolved inside the folder) and the accent colour."""
        logo = (self.root / self.logo).resolve() if self.logo else None
        return branding.Brand(logo=logo, accent=branding.normalise(self.accent))

    @property
    def picture(self) -> Path | None:
        """The picture's file, resolved inside the folder, or None when there is none."""
        return (self.root / self.image.file).resolve() if self.image else None

    def where(self, key: str) -> Location:
        """Where `key` (dotted: `letter.text`) is written, or the campaign file itself."""
        return self.locations.get(key, Location(self.translation or self.source))
