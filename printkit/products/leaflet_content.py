"""What each side of a leaflet can carry, richest first, and what is said when it cannot.

Only the campaign's own words: the front has the title, the picture, the summary, the
call to action and, when the summary is short, a pull quote from the letter; the back
has the steps, the letter's ask, where to find more, the QR code and the organisation.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from printkit import paper
from printkit.campaign.model import Campaign
from printkit.errors import Location, Problem
from printkit.products import copyfit, stall
from printkit.render import measure
from printkit.render.measure import PT_TO_MM

SHORT_SUMMARY = 160  # characters: a shorter summary leaves the front room for a pull quote
QUOTE_LABELS = {"opening": "From the letter", "ask": "The letter asks"}
# The campaign.yaml keys holding each block's words, for a message saying what to shorten
# (web addresses break where they must, so they are never the word too wide).
KEYS = {
    "band": ("title", "hashtag"), "summary": ("summary",), "action": ("action.text",),
    "quote": ("letter.text",), "steps": ("action.steps", "action.text"),
    "ask": ("letter.ask",), "more": ("more.text",),
    "org": ("organisation.name", "organisation.email", "organisation.website"),
    "owner": ("organisation.name",),
}  # fmt: skip
LARGER = {"a6": "a5", "dl": "a5"}
LEFT_OUT = {  # how to bring back what a leaflet had to leave out
    "letter.ask": "shorten the steps (action.steps) or the ask itself to bring it back",
    "more.text": "shorten the steps (action.steps) to bring it back",
    "image.file": "shorten the summary or the title to make room for the picture",
}
AVERAGE_CHARACTER = 0.53  # em: the bundled font's average advance
LEADING = 1.4  # a line's height in em, blocks' spacing included


@dataclass(frozen=True)
class Side:
    """One side's blocks, in order, and what the front's pull quote is (opening, ask or none)."""

    blocks: tuple[str, ...]
    quote: str = ""
    optional: bool = False  # its extra (a pull quote of our choosing) needs a comfortable size
    picture: float = 0.0  # the picture's height, as a share of the leaflet's
    breaking: bool = False  # a last resort: words too long for a line break where they must

    def is_optional(self) -> bool:
        return self.optional


def _versions(campaign: Campaign) -> tuple[Campaign, ...]:
    return (campaign, *campaign.parallel)


def back_plans(campaign: Campaign) -> list[Side]:
    """The back's content, richest first: the letter's ask and the "more" line may go."""
    versions = _versions(campaign)
    action = campaign.action
    head = ("heading", "steps") if action.steps or action.text else ("heading",)
    ask = all(v.letter.ask for v in versions)
    more = all(v.more is not None and v.more.text for v in versions)
    org = campaign.organisation
    tail = ("scan",) * bool(action.url) + ("org",) * bool(org.name or org.email or org.website)
    plans = [head + ("ask",) * ask + ("more",) * more + tail]
    plans += [head + ("more",) * more + tail] if ask else []
    plans += [head + tail] if more else []
    return _last_resort([Side(blocks) for blocks in dict.fromkeys(plans)])


def front_plans(campaign: Campaign, ask_on_back: bool, picture: float = 0.0) -> list[Side]:
    """The front's content, with a pull quote first when there is one to give, then without.

    The quote is the letter's ask when the back has no room for it; else, when the summary
    is short (or the ask does not fit either), the letter's opening sentences. Where room
    is short, printkit's own "see the other side" goes first, then the organisation's
    name, which the back carries too, then the picture shrinks, then it goes.
    """
    versions = _versions(campaign)
    summary = campaign.summary.strip()
    said_twice = campaign.action.text.strip() == summary
    words = ("summary",) * bool(summary)
    words += ("action",) * bool(campaign.action.text and not said_twice)
    shown = picture if campaign.picture else 0.0
    head = ("band",) + ("picture",) * bool(shown) + words
    org = campaign.brand.logo or any(v.organisation.name for v in versions)
    feet = list(dict.fromkeys([("turn",) + ("owner",) * bool(org), ("owner",) * bool(org), ()]))
    plans = []
    if not ask_on_back and all(v.letter.ask for v in versions):
        plans = [Side((*head, "quote", *foot), "ask", picture=shown) for foot in feet]
    if all(stall.opening(v) for v in versions) and (plans or len(summary) <= SHORT_SUMMARY):
        plans.append(Side((*head, "quote", *feet[0]), "opening", True, shown))
    plans += [Side(head + foot, picture=shown) for foot in feet]
    if shown:
        plans += [Side(head, picture=shown / 2), Side(("band", *words))]
    return _last_resort(plans)


def _last_resort(plans: list[Side]) -> list[Side]:
    """The plans, then the barest one again with words allowed to break inside: a side
    steps its type down, then wraps, and only then gives up."""
    return [*plans, dataclasses.replace(plans[-1], breaking=True)]


def context(campaign: Campaign, front: Side, back: Side) -> dict[str, Any]:
    """The template's variables: the campaign's, and each language's pull quote."""
    values = stall.context(campaign)
    for part in values["parts"]:
        version = part["campaign"]
        quotes = {"ask": version.letter.ask, "opening": stall.opening(version)}
        part["quote"] = quotes.get(front.quote, "")
        part["quote_label"] = QUOTE_LABELS.get(front.quote, "")
    return values


def shortfall(
    campaign: Campaign, size: str, side: str, result: copyfit.Shortfall[Side], width: float
) -> Problem:
    """Why a side cannot fit even at the smallest type, naming the words to shorten."""
    versions = _versions(campaign)
    keys = [key for block in result.plan.blocks for key in KEYS.get(block, ())]
    space, floor = result.space, result.size
    larger = f", or make a larger leaflet (--size {LARGER[size]})" if size in LARGER else ""
    if space.over <= space.wide:
        key = max(keys, key=lambda k: max(_widest_word(_text(v, k)) for v in versions))
        where = _where(versions, key, _widest_word)
        return Problem(
            f"a word on the {side} of the {size.upper()} leaflet is {space.wide:.0f} mm too"
            f" wide, even in {floor:g} pt type, the smallest this profile allows",
            where, f"break up the longest word or web address in {key}{larger}",
        )  # fmt: skip
    key = max(keys, key=lambda k: max(len(_text(v, k)) for v in versions))
    where = _where(versions, key, len)
    em = floor * PT_TO_MM
    lines = math.ceil(space.over / (LEADING * em))
    characters = lines * max(1, math.floor(width / (AVERAGE_CHARACTER * em)))
    return Problem(
        f"the {side} of the {size.upper()} leaflet is {space.over:.0f} mm too long, even in"
        f" {floor:g} pt type, the smallest this profile allows",
        where, f"shorten {key} by about {characters} characters{larger}",
    )  # fmt: skip


def _where(versions: tuple[Campaign, ...], key: str, weight: Callable[[str], float]) -> Location:
    """Where `key` is written in the language version where it weighs most: its own file
    when it is translated, else the main campaign.yaml."""
    holding = [v for v in versions if key in v.locations] or [versions[0]]
    return max(holding, key=lambda v: weight(_text(v, key))).where(key)


def _widest_word(text: str) -> float:
    """The width of the widest word in `text`, in mm at 1 pt bold."""
    return max((measure.text_width_mm(word, 1, weight=700) for word in text.split()), default=0)


def _text(campaign: Campaign, key: str) -> str:
    """The words at a dotted key of the campaign, joined: `action.steps` -> all the steps."""
    value: Any = campaign
    for part in key.split("."):
        value = getattr(value, part, "") if value is not None else ""
    return " ".join(value) if isinstance(value, tuple) else str(value or "")


def notes(
    campaign: Campaign, size: str, front: Side, back: Side, picture: float, copy: paper.Size
) -> tuple[Problem, ...]:
    """What the user should know: words left out for want of room, a blurred picture."""
    left_out = []
    if campaign.letter.ask and "ask" not in back.blocks and front.quote != "ask":
        left_out.append("letter.ask")
    if campaign.more is not None and campaign.more.text and "more" not in back.blocks:
        left_out.append("more.text")
    if campaign.picture and "picture" not in front.blocks:
        left_out.append("image.file")
    message = "the {} leaflet leaves out {}: there is no room for it"
    said = tuple(
        Problem(message.format(size.upper(), key), campaign.where(key), LEFT_OUT[key])
        for key in left_out
    )
    width = copy.width - 2 * paper.SAFE
    return said + stall.picture_notes(campaign, width, picture, f"{size.upper()} leaflet")
