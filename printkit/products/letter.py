"""The letter: blank with writing lines, or filled in with one supporter's details."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it.token import Token
from markupsafe import Markup, escape

from printkit import paper, placeholders, templating
from printkit.campaign import Campaign
from printkit.pdf import Document

STYLESHEETS = ("base.css", "letter.css")
OWN_WORDS_RULES = 5
# The recipient's name line in the window, by who the letter goes to.
RECIPIENTS: dict[str, tuple[str, str]] = {
    "mp": ("MP name", "{} MP"),
    "councillor": ("Councillor name", "Cllr {}"),
    "other": ("Recipient name", "{}"),
}
SENDER_NAME = placeholders.fold("Your name")


@dataclass(frozen=True)
class Sender:
    """The supporter who signs the letter: name, then the address lines in postal order."""

    name: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Fill:
    """What one letter is filled with; anything missing stays a writing line."""

    values: Mapping[str, str] = field(default_factory=dict)  # folded label -> value
    sender: Sender | None = None
    recipient_lines: tuple[str, ...] | None = None  # the whole window block, name first
    date: str = ""


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

    def recipient_label(self) -> str:
        """The placeholder that names the recipient: `MP name` for a letter to an MP."""
        return RECIPIENTS[self.campaign.letter.to][0]

    def recipient_lines(self, name: Markup | str) -> tuple[Markup | str, ...]:
        """The window block: the recipient's name line, then the campaign's address."""
        template = RECIPIENTS[self.campaign.letter.to][1]
        return (Markup(escape(template)).format(name), *self.campaign.letter.recipient_address)

    def body(self, values: Mapping[str, str]) -> Markup:
        """The letter text as HTML, placeholders filled from `values` or left as lines."""
        html = self.md.renderer.render(self.tokens, self.md.options, {"values": values})
        return Markup(html)

    def html(self, fill: Fill) -> str:
        """The whole letter page as HTML."""
        campaign = self.campaign
        if fill.recipient_lines is None:
            recipient = self.recipient_lines(blank(self.recipient_label()))
        else:
            recipient = fill.recipient_lines
        return templating.render(
            campaign.root,
            "letter.html",
            language=campaign.language,
            document_title=campaign.title,
            author=campaign.organisation.name,
            window=self.window.name,
            folds=self.window.folds,
            sender=fill.sender,
            date=fill.date,
            running_sender=fill.sender.name if fill.sender else "_" * 28,
            recipient_name=recipient[0],
            recipient_lines=recipient[1:],
            body=self.body(fill.values),
            blank=blank,
        )

    def document(self, fill: Fill, name: str = "letter") -> Document:
        """A Document ready for the PDF layer."""
        return Document(
            html=self.html(fill),
            stylesheets=STYLESHEETS,
            variables=paper.letter_geometry(self.window),
            actual_size=self.window.name != "none",
            name=name,
        )


def _render_placeholder(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Mapping[str, Any]
) -> str:
    """An inline placeholder: its value, escaped, or a writing line."""
    label = tokens[idx].meta["label"]
    value = env["values"].get(placeholders.fold(label), "")
    return str(escape(value)) if value else str(blank(label))


def _render_box(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Mapping[str, Any]
) -> str:
    """A placeholder alone in its paragraph: the value as paragraphs, or a ruled box."""
    label = tokens[idx].meta["label"]
    value = env["values"].get(placeholders.fold(label), "")
    if value:
        paragraphs = Markup("").join(
            Markup("<p>{}</p>").format(part) for part in value.split("\n\n") if part.strip()
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
            and all(placeholders.fold(c.meta["label"]) == SENDER_NAME for c in names)
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
