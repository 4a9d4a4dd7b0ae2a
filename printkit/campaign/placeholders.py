"""`[Label]` placeholders: finding them in a letter, and parsing the letter's Markdown.

The parser also reads the letter's structure, whatever its shape: the salutation, the
sign-off and the signature (the sender's name after a sign-off or alone at the end),
which the layout treats differently from a placeholder alone in its paragraph (a box to
write one's own words in).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from printkit.names import fold

# A label starts with a letter and holds no brackets or line breaks.
_LABEL = r"[^\W\d_][^\[\]\n]*"
PLACEHOLDER_RE = re.compile(rf"\[({_LABEL})\]")
_AT_START = re.compile(rf"\[({_LABEL})\]")
SENDER_NAME = fold("Your name")

# Sign-offs as letters in English and Welsh end, folded (case, spaces and punctuation
# dropped); a paragraph that is one of these, or a line of one, comes before the signature.
SIGN_OFFS = frozenset(
    fold(phrase)
    for phrase in (
        "Yours sincerely", "Yours faithfully", "Yours truly", "Yours", "Yours ever",
        "Sincerely", "Faithfully", "Kind regards", "Best regards", "Warm regards",
        "Warmest regards", "Regards", "With regards", "Best wishes", "With best wishes",
        "All the best", "Many thanks", "Thank you", "With thanks", "Thanks",
        "Yours respectfully", "Respectfully",
        # Welsh
        "Yn gywir", "Yr eiddoch yn gywir", "Yn ddiffuant", "Yr eiddoch yn ddiffuant",
        "Cofion", "Cofion gorau", "Cofion cynnes", "Gyda diolch", "Diolch",
        "Gyda dymuniadau gorau", "Dymuniadau gorau", "Yr eiddoch",
    )
)  # fmt: skip
SIGNATURE, SIGN_OFF, SALUTATION = "signature", "sign-off", "salutation"


def find(text: str) -> list[str]:
    """Every placeholder label in `text`, in order, links excluded."""
    labels = []
    for match in PLACEHOLDER_RE.finditer(text):
        if not _is_link(text, match.end()):
            labels.append(match.group(1).strip())
    return labels


def is_sign_off(text: str) -> bool:
    """Whether a line is a sign-off such as `Yours sincerely,` or `Yn gywir,`."""
    return bool(text.strip()) and fold(text) in SIGN_OFFS


def _is_link(src: str, end: int) -> bool:
    """True when the bracket just closed is a Markdown link, `[text](url)` or `[text][ref]`."""
    return end < len(src) and src[end] in "(["


def _placeholder_rule(state: StateInline, silent: bool) -> bool:
    """markdown-it inline rule: `[Label]` not followed by `(` or `[` is a placeholder."""
    if state.src[state.pos] != "[":
        return False
    match = _AT_START.match(state.src, state.pos)
    if not match or _is_link(state.src, match.end()):
        return False
    if not silent:
        token = state.push("placeholder", "", 0)
        token.meta = {"label": match.group(1).strip()}
        token.content = match.group(0)
    state.pos = match.end()
    return True


def _visible(children: list[Token]) -> list[Token]:
    """An inline's children without empty text and line breaks."""
    breaks = ("softbreak", "hardbreak")
    return [
        c for c in children
        if c.type not in breaks and not (c.type == "text" and not c.content.strip())
    ]  # fmt: skip


def _only_sender(children: list[Token]) -> bool:
    """Whether an inline holds the sender's name placeholder and nothing but punctuation."""
    visible = _visible(children)
    names = [c for c in visible if c.type == "placeholder"]
    return bool(names) and all(
        (c.type == "placeholder" and fold(c.meta["label"]) == SENDER_NAME)
        or (c.type == "text" and not any(ch.isalnum() for ch in c.content))
        for c in visible
    )


def _paragraphs(tokens: list[Token]) -> list[int]:
    """The index of each top-level paragraph's inline token."""
    return [
        i for i in range(1, len(tokens) - 1)
        if tokens[i].type == "inline" and tokens[i - 1].type == "paragraph_open"
        and tokens[i - 1].level == 0
    ]  # fmt: skip


def _mark(tokens: list[Token], inline: int, role: str) -> None:
    opening = tokens[inline - 1]
    opening.attrSet("class", role)
    opening.attrSet("data-region", role)


def _split_sign_off(tokens: list[Token], inline: int) -> bool:
    """`Yours sincerely,` then `[Your name]` in one paragraph (one line or two): split in two."""
    children = tokens[inline].children or []
    names = [i for i, c in enumerate(children)
             if c.type == "placeholder" and fold(c.meta["label"]) == SENDER_NAME]  # fmt: skip
    if not names:
        return False
    head, tail = children[: names[0]], children[names[0] :]
    while head and head[-1].type in ("softbreak", "hardbreak"):
        head = head[:-1]
    text = "".join(c.content for c in head if c.type == "text")
    if any(c.type != "text" for c in _visible(head)) or not (
        is_sign_off(text) and _only_sender(tail)
    ):
        return False
    first = Token("inline", "", 0, children=head, content=text.strip(), level=1)
    second = Token("inline", "", 0, children=tail, level=1)
    opening, closing = tokens[inline - 1], tokens[inline + 1]
    tokens[inline - 1 : inline + 2] = [
        opening, first, closing,
        Token("paragraph_open", "p", 1, block=True), second,
        Token("paragraph_close", "p", -1, block=True),
    ]  # fmt: skip
    return True


def _structure_rule(state: StateCore) -> None:
    """markdown-it core rule: find the salutation, the sign-off and the signature."""
    tokens = state.tokens
    found = _paragraphs(tokens)
    if not found:
        return
    for inline in reversed(found):
        if _split_sign_off(tokens, inline):
            found = _paragraphs(tokens)
            break
    for position, inline in enumerate(found):
        children = tokens[inline].children or []
        if not _only_sender(children):
            continue
        before = found[position - 1] if position else None
        after_sign_off = before is not None and is_sign_off(tokens[before].content)
        if after_sign_off or position == len(found) - 1:
            _mark(tokens, inline, SIGNATURE)
            if after_sign_off and before is not None:
                _mark(tokens, before, SIGN_OFF)
    first = found[0]
    if not tokens[first - 1].attrGet("class") and any(
        c.type == "placeholder" for c in tokens[first].children or []
    ):
        _mark(tokens, first, SALUTATION)


def _box_rule(state: StateCore) -> None:
    """markdown-it core rule: a placeholder alone in its paragraph becomes a box.

    The signature is never a box: it is room to sign, then the name.
    """
    tokens, out, i = state.tokens, [], 0
    while i < len(tokens):
        label = _lone_placeholder(tokens[i : i + 3])
        if label is None:
            out.append(tokens[i])
            i += 1
        else:
            out.append(Token("placeholder_box", "div", 0, meta={"label": label}, block=True))
            i += 3
    state.tokens = out


def _lone_placeholder(tokens: list[Token]) -> str | None:
    """The label when `tokens` is a paragraph holding one placeholder and nothing else."""
    if len(tokens) < 3 or tokens[0].type != "paragraph_open":
        return None
    if tokens[2].type != "paragraph_close" or tokens[0].attrGet("class") == SIGNATURE:
        return None
    children = _visible(tokens[1].children or [])
    if len(children) == 1 and children[0].type == "placeholder":
        return str(children[0].meta["label"])
    return None


def markdown() -> MarkdownIt:
    """A Markdown parser for letters: no raw HTML, line breaks kept, placeholders parsed."""
    md = MarkdownIt("commonmark", {"html": False, "breaks": True, "typographer": False})
    md.disable(["image", "html_inline", "html_block"])
    md.inline.ruler.before("link", "placeholder", _placeholder_rule)
    md.core.ruler.push("letter_structure", _structure_rule)
    md.core.ruler.push("placeholder_box", _box_rule)
    return md
