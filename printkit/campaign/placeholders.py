"""`[Label]` placeholders: finding them in a letter and parsing the letter's Markdown."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

# A label starts with a letter and holds no brackets or line breaks.
_LABEL = r"[^\W\d_][^\[\]\n]*"
PLACEHOLDER_RE = re.compile(rf"\[({_LABEL})\]")
_AT_START = re.compile(rf"\[({_LABEL})\]")


def find(text: str) -> list[str]:
    """Every placeholder label in `text`, in order, links excluded."""
    labels = []
    for match in PLACEHOLDER_RE.finditer(text):
        if not _is_link(text, match.end()):
            labels.append(match.group(1).strip())
    return labels


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


def _box_rule(state: StateCore) -> None:
    """markdown-it core rule: a placeholder alone in its paragraph becomes a box."""
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
    if tokens[2].type != "paragraph_close":
        return None
    children = [
        c for c in tokens[1].children or [] if not (c.type == "text" and not c.content.strip())
    ]
    if len(children) == 1 and children[0].type == "placeholder":
        return str(children[0].meta["label"])
    return None


def markdown() -> MarkdownIt:
    """A Markdown parser for letters: no raw HTML, line breaks kept, placeholders parsed."""
    md = MarkdownIt("commonmark", {"html": False, "breaks": True, "typographer": False})
    md.disable(["image", "html_inline", "html_block"])
    md.inline.ruler.before("link", "placeholder", _placeholder_rule)
    md.core.ruler.push("placeholder_box", _box_rule)
    return md
