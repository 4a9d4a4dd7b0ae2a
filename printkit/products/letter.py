"""The letter: blank with writing lines, or filled in with one supporter's details."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from html import unescape
from typing import Any, cast

from markdown_it.token import Token
from markupsafe import Markup, escape

from printkit import languages, paper, postal
from printkit.campaign import placeholders
from printkit.campaign.model import Campaign
from printkit.mail.outcomes import Addressed, Sender
from printkit.names import fold
from printkit.products import fitting
from printkit.profiles import PROFILES, Profile
from printkit.render import fonts, templating
from printkit.render.pdf import Document
from printkit.render.preflight import MISSING, Finding

STYLESHEETS = ("base.css", "letter.css")
OWN_WORDS_RULES = 5
SENDER_NAME = fold("Your name")
_BLANK_MARK = "\ufffc"  # stands in for the recipient's name while its form of address is set
KINDS = {"window block": "window"}  # a reject kind by the region found wrong (else "page")
RECIPIENT = "recipient"  # stands for the campaign's recipient placeholder (MP name, ...)
# What fills each region of the letter: the campaign.yaml key behind it, and the row's
# field; a problem found in a region is the campaign's, or the row's, accordingly.
REGION_SOURCES: dict[str, tuple[str | None, str | None]] = {
    "window block": ("letter.recipient_address", RECIPIENT),
    "window caption": ("letter.to", None),
    "sender block": (None, "Your name"),
    "date": (None, None),
    "running header": (None, "Your name"),
    "salutation": ("letter.text", RECIPIENT),
    "signature": ("letter.text", "Your name"),
    "sign-off": ("letter.text", None),
    "letter body": ("letter.text", None),
}
_SPACES = re.compile(r"[ \t\n\r\f]+")


@dataclass(frozen=True)
class Fill:
    """What one letter is filled with; anything missing stays a writing line."""

    values: Mapping[str, str] = field(default_factory=dict)  # folded label -> value
    sender: Sender | None = None
    recipient_lines: tuple[str, ...] | None = None  # the whole window block, name first
    date: str = ""

    @classmethod
    def addressed(cls, letter: Addressed, date: str) -> Fill:
        """A row's letter: its values, its sender and its recipient's window block."""
        return cls(letter.values, letter.sender, letter.recipient_lines, date)


def blank(label: str, kind: str = "", region: str = "") -> Markup:
    """A writing line with its label in small type under it (in a region of its own)."""
    if not label:
        return Markup('<span class="blank {}"></span>').format(kind)
    named = Markup(' data-region="{}"').format(region) if region else ""
    caption = Markup('<span class="blank-label"{}>{}</span>').format(named, label)
    return Markup('<span class="blank captioned {}">{}</span>').format(kind, caption)


class LetterTemplate:
    """A campaign's letter parsed once, rendered for any number of fills."""

    def __init__(self, campaign: Campaign, profile: Profile = PROFILES["clear"]) -> None:
        self.campaign = campaign
        self.profile = profile
        self.window = paper.WINDOWS[campaign.letter.window]
        self.md = placeholders.markdown()
        self.tokens = self.md.parse(campaign.letter.text)
        self.varying = _mark_regions(self.tokens)  # region name -> its paragraph's inline token
        self.boxes = tuple(
            fold(token.meta["label"]) for token in self.tokens if token.type == "placeholder_box"
        )
        self.labels = tuple(placeholders.find(campaign.letter.text))
        self.md.add_render_rule("placeholder", _render_placeholder)
        self.md.add_render_rule("placeholder_box", _render_box)
        self.t = languages.translator(campaign.language, campaign.phrases)

    def blank_recipient(self) -> tuple[Markup | str, ...]:
        """The window block of a blank letter: a writing line for the name, then the address."""
        to, label = self.campaign.letter.to, postal.RECIPIENT_LABELS[self.campaign.letter.to]
        name, *lines = postal.recipient_lines(
            to, _BLANK_MARK, self.campaign.letter.recipient_address
        )
        line = blank(self.t(label), region="window caption")
        return (escape(name).replace(_BLANK_MARK, line), *lines)

    def body(self, values: Mapping[str, str]) -> Markup:
        """The letter text as HTML, placeholders filled from `values` or left as lines."""
        env = {"values": values, "t": self.t}
        html = self.md.renderer.render(self.tokens, self.md.options, env)
        return Markup(html)

    def html(self, fill: Fill | None = None) -> str:
        """The whole letter page as HTML: blank, or filled in."""
        campaign, fill = self.campaign, fill or Fill()
        filled = _isolated(fill)
        recipient = filled.recipient_lines or self.blank_recipient()
        return templating.render(
            campaign.root,
            "letter.html",
            language=campaign.language,
            document_title=campaign.title,
            author=campaign.organisation.name,
            window=self.window.name,
            folds=self.window.folds,
            sender=filled.sender,
            date=filled.date,
            running_sender=filled.sender.name if filled.sender else "_" * 28,
            recipient_name=recipient[0],
            recipient_lines=recipient[1:],
            body=self.body(fill.values),
            blank=blank,
            t=self.t,
        )

    def regions(self, fill: Fill) -> dict[str, tuple[str, ...]]:
        """The text of each region that varies from row to row, one entry per paragraph.

        A paragraph whose filled text is not plain text (emphasis, a line break) has
        no entry, so a row can only be laid out in full.
        """
        filled = _isolated(fill)  # as html() puts them on the page
        assert filled.sender is not None and filled.recipient_lines is not None
        found = {
            "sender": (filled.sender.name, *filled.sender.lines, filled.date),
            "recipient": filled.recipient_lines,
            "@top-left": (f"{self.t('From:')} {filled.sender.name}",),
        }
        for name, html in self._inline(fill).items():
            if "<" not in html:
                found[name] = (_collapsed(unescape(html)),)
        return {name: tuple(_collapsed(text) for text in texts) for name, texts in found.items()}

    def _inline(self, fill: Fill) -> dict[str, str]:
        """The HTML of each paragraph holding an inline placeholder, filled for this row."""
        env, renderer = {"values": fill.values, "t": self.t}, cast(Any, self.md.renderer)
        return {
            name: renderer.renderInline(inline.children or [], self.md.options, env)
            for name, inline in self.varying.items()
        }

    def shape_key(self, fill: Fill) -> tuple[object, ...]:
        """What decides a filled letter's layout, apart from the text of its regions.

        A paragraph that is not plain text (one with a writing line) is part of the key:
        it is drawn as it is.
        """
        assert fill.sender is not None and fill.recipient_lines is not None
        boxes = tuple(fill.values.get(label, "") for label in self.boxes)
        fixed = tuple(html for html in self._inline(fill).values() if "<" in html)
        return (len(fill.sender.lines), len(fill.recipient_lines), boxes, fixed)

    def document(
        self, fill: Fill | None = None, name: str = "letter", duplex: bool = False
    ) -> Document:
        """A Document ready for the PDF layer."""
        return dataclasses.replace(self.settings(name, duplex), html=self.html(fill))

    def settings(self, name: str = "letter", duplex: bool = False) -> Document:
        """The letters' page geometry and PDF finishing, without any letter in it."""
        return Document(
            html="",
            stylesheets=STYLESHEETS,
            variables=paper.letter_geometry(self.window),
            actual_size=self.window.name != "none",
            duplex="long-edge" if duplex else None,
            name=name,
            title=self.campaign.title,
            language=self.campaign.language,
            zones=fitting.letter_zones(self.window),
            fits=fitting.letter_fits(self.profile),
        )

    def source(self, region: str | None) -> tuple[str | None, str | None]:
        """The campaign key and the row's placeholder label behind a region of the letter."""
        key, label = REGION_SOURCES.get(region or "", ("letter.text", None))
        recipient = postal.RECIPIENT_LABELS[self.campaign.letter.to]
        return key, recipient if label == RECIPIENT else label

    def reject(self, finding: Finding, fill: Fill) -> tuple[str, str | None, str]:
        """Why a row's letter cannot be printed, the field to blame, and the kind of problem."""
        _, label = self.source(finding.region)
        blamed = _blamed(finding, fill) or label
        reason = finding.message()
        if finding.kind == MISSING:
            packages = " ".join(sorted({fonts.package_for(c) for c in finding.chars}))
            reason += f"; a font that draws it: apt install {packages}"
        kind = "glyph" if finding.kind == MISSING else KINDS.get(finding.region or "", "page")
        return reason, blamed, kind


def _isolated(fill: Fill) -> Fill:
    """The fill with each value that goes into the page isolated (languages.isolated)."""
    sender = fill.sender
    if sender is not None:
        lines = tuple(map(languages.isolated, sender.lines))
        sender = dataclasses.replace(sender, name=languages.isolated(sender.name), lines=lines)
    recipient = fill.recipient_lines
    return dataclasses.replace(
        fill,
        sender=sender,
        recipient_lines=tuple(map(languages.isolated, recipient)) if recipient else recipient,
        date=languages.isolated(fill.date),
    )


def _render_placeholder(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Mapping[str, Any]
) -> str:
    """An inline placeholder: its value, escaped, or a writing line."""
    label = tokens[idx].meta["label"]
    value = env["values"].get(fold(label), "")
    return str(escape(languages.isolated(value))) if value else str(blank(env["t"](label)))


def _render_box(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Mapping[str, Any]
) -> str:
    """A placeholder alone in its paragraph: the value as paragraphs, or a ruled box."""
    label = tokens[idx].meta["label"]
    value = env["values"].get(fold(label), "")
    if value:
        paragraphs = Markup("").join(
            Markup("<p>{}</p>").format(languages.isolated(part))
            for part in value.split("\n\n")
            if part.strip()
        )
        return str(Markup('<div class="own-words filled">{}</div>\n').format(paragraphs))
    rules = Markup('<div class="rule"></div>') * OWN_WORDS_RULES
    return str(
        Markup('<div class="own-words"><p class="prompt">{}</p>{}</div>\n').format(label, rules)
    )


def _mark_regions(tokens: list[Token]) -> dict[str, Token]:
    """Name each paragraph that holds an inline placeholder: its text varies by row.

    The name goes in `data-varies` (the fast letter path's), not `data-region` (the
    preflight's): a salutation is both.
    """
    found: dict[str, Token] = {}
    for i in range(1, len(tokens)):
        inline = tokens[i]
        opens = tokens[i - 1].type == "paragraph_open" and inline.type == "inline"
        if opens and any(child.type == "placeholder" for child in inline.children or []):
            name = f"paragraph-{len(found) + 1}"
            tokens[i - 1].attrSet("data-varies", name)
            found[name] = inline
    return found


def _collapsed(text: str) -> str:
    """Text with its runs of spaces and line breaks made one space, as CSS shows it."""
    return _SPACES.sub(" ", text).strip(" ")


def _blamed(finding: Finding, fill: Fill) -> str | None:
    """The placeholder (or sender field) whose value holds what the finding is about."""
    values = dict(fill.values)
    if fill.sender is not None:
        values.setdefault(SENDER_NAME, fill.sender.name)
    wanted = [*finding.chars] if finding.chars else [finding.text.rstrip("…")[:20]]
    for folded, value in values.items():
        if value and all(part in value for part in wanted if part):
            return _LABELS.get(folded, folded)
    return None


_LABELS = {SENDER_NAME: "Your name"}
