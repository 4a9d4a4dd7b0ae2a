"""The letter: blank with writing lines, or filled in with one supporter's details."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it.token import Token
from markupsafe import Markup, escape

from printkit import languages, paper, postal
from printkit.campaign import placeholders
from printkit.campaign.model import Campaign
from printkit.mail.outcomes import Addressed, Sender
from printkit.names import fold
from printkit.render import templating
from printkit.render.pdf import Document

STYLESHEETS = ("base.css", "letter.css")
OWN_WORDS_RULES = 5
SENDER_NAME = fold("Your name")
_BLANK_MARK = "\ufffc"  # stands in for the recipient's name while its form of address is set


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


def blank(label: str, kind: str = "") -> Markup:
    """A writing line with its label in small type under it."""
    caption = Markup('<span class="blank-label">{}</span>').format(label) if label else ""
    return Markup('<span class="blank {}">{}</span>').format(kind, caption)


class LetterTemplate:
    """A campaign's letter parsed once, rendered for any number of fills."""

    def __init__(self, campaign: Campaign) -> None:
        self.campaign = campaign
        self.window = paper.WINDOWS[campaign.letter.window]
        self.md = placeholders.markdown()
        self.tokens = _mark_signature(self.md.parse(campaign.letter.text))
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
        return (escape(name).replace(_BLANK_MARK, blank(self.t(label))), *lines)

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
        )


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


def _mark_signature(tokens: list[Token]) -> list[Token]:
    """Leave room to sign: the paragraph holding only `[Your name]` gets space above it."""
    for i in range(1, len(tokens) - 1):
        inline = tokens[i]
        if tokens[i - 1].type != "paragraph_open" or inline.type != "inline":
            continue
        children = inline.children or []
        names = [c for c in children if c.type == "placeholder"]
        words = "".join(c.content for c in children if c.type == "text")
        if (
            names
            and all(fold(c.meta["label"]) == SENDER_NAME for c in names)
            and not any(ch.isalnum() for ch in words)
        ):
            tokens[i - 1].attrSet("class", "signature")
            _mark_sign_off(tokens, i - 1)
    return tokens


def _mark_sign_off(tokens: list[Token], signature_open: int) -> None:
    """Keep `Yours sincerely,` on the same page as the signature below it."""
    for j in range(signature_open - 1, -1, -1):
        if tokens[j].type == "paragraph_open":
            tokens[j].attrSet("class", "sign-off")
            return
