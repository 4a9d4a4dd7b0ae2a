"""Load a campaign folder (campaign.yaml and its letter) into a checked Campaign."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from printkit import branding, paper, schema
from printkit.address import HOUSE_OF_COMMONS
from printkit.errors import CampaignError, Location, Problem
from printkit.resources import example_campaign

CAMPAIGN_FILE = "campaign.yaml"
PRODUCTS = ("letter", "leaflet", "signup", "poster")
PRODUCTS_BUILT_BY_DEFAULT = ("letter", "leaflet", "signup")
CHANNELS = ("email", "text", "phone", "post")  # ways a supporter may agree to be contacted

SCHEMA = schema.mapping(
    title=schema.text(
        required=True, help="give the campaign a title, e.g. 'title: Write to your MP'"
    ),
    slug=schema.text(
        check=lambda v: (
            None
            if re.fullmatch(r"[a-z0-9][a-z0-9-]*", v)
            else f"{v!r} is not a slug: use lower-case letters, digits and hyphens"
        )
    ),
    language=schema.text(check=schema.is_language),
    organisation=schema.mapping(
        name=schema.text(),
        email=schema.text(check=schema.is_email),
        website=schema.text(check=schema.is_url),
    ),
    hashtag=schema.text(),
    summary=schema.text(),
    action=schema.mapping(
        text=schema.text(), url=schema.text(check=schema.is_url), steps=schema.text_list()
    ),
    more=schema.mapping(text=schema.text(), url=schema.text(check=schema.is_url)),
    letter=schema.mapping(
        required=True,
        to=schema.choice("mp", "councillor", "other"),
        recipient_address=schema.text_list(),
        text=schema.text(required=True, help="name the letter file, e.g. 'text: letter.md'"),
        window=schema.choice("dl", "c5", "none"),
        ask=schema.text(help="what the letter asks for, in a sentence or two, for the leaflet"),
    ),
    outputs=schema.Spec("list", check=lambda items: _check_outputs(items)),
    logo=schema.text(help="name an SVG or PNG file beside campaign.yaml, e.g. 'logo: logo.svg'"),
    accent=schema.text(check=branding.check_accent),
    signup=schema.mapping(
        channels=schema.Spec("list", check=lambda items: _check_channels(items)),
        purpose=schema.text(),
        privacy_url=schema.text(check=schema.is_url),
        withdraw=schema.text(),
    ),
    labels=schema.mapping(
        sheet=schema.text(help="name a label sheet, e.g. 'sheet: L7160'"),
        offset_x=schema.number(help="mm to move everything right (negative: left)"),
        offset_y=schema.number(help="mm to move everything down (negative: up)"),
        sheets=schema.named(
            schema.Spec(
                "mapping",
                fields={
                    "label_width": schema.number(required=True, check=lambda v: _positive(v)),
                    "label_height": schema.number(required=True, check=lambda v: _positive(v)),
                    "columns": schema.number(required=True, check=lambda v: _count(v)),
                    "rows": schema.number(required=True, check=lambda v: _count(v)),
                    "left": schema.number(required=True, check=lambda v: _not_negative(v)),
                    "top": schema.number(required=True, check=lambda v: _not_negative(v)),
                    "pitch_x": schema.number(check=lambda v: _positive(v)),
                    "pitch_y": schema.number(check=lambda v: _positive(v)),
                },
                check=lambda fields: _check_sheet(fields),
            )
        ),
    ),
    envelopes=schema.mapping(
        size=schema.choice(*paper.ENVELOPES),
        return_address=schema.text_list(help="the lines of the return address, postcode last"),
    ),
)


@dataclass(frozen=True)
class Link:
    """A sentence and the web address it points to."""

    text: str
    url: str


@dataclass(frozen=True)
class Organisation:
    """Who runs the campaign."""

    name: str = ""
    email: str = ""
    website: str = ""


@dataclass(frozen=True)
class Action:
    """The call to action: what to do, where, and the steps."""

    text: str = ""
    url: str = ""
    steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class LetterSpec:
    """The template letter, who it goes to and the envelope it travels in."""

    to: str
    recipient_address: tuple[str, ...]
    text: str
    source: Path  # the letter file, or campaign.yaml when the letter is inline
    first_line: int  # line of `source` where the letter text starts
    window: str
    ask: str = ""  # what the letter asks for, in a sentence or two


@dataclass(frozen=True)
class Signup:
    """The sign-up sheet: the contact channels asked about and the data-protection notice."""

    channels: tuple[str, ...] = ("email",)
    purpose: str = ""  # what the details are used for; empty: built from the title
    privacy_url: str = ""
    withdraw: str = ""  # how to withdraw consent; empty: built from the organisation's email


@dataclass(frozen=True)
class Campaign:
    """A campaign's content, checked and ready to print."""

    root: Path
    source: Path
    title: str
    slug: str
    language: str
    organisation: Organisation
    hashtag: str
    summary: str
    action: Action
    more: Link | None
    letter: LetterSpec
    outputs: tuple[str, ...]
    brand: branding.Brand = field(default_factory=branding.Brand)
    signup: Signup = field(default_factory=Signup)
    labels: LabelSettings = field(default_factory=lambda: LabelSettings())
    envelopes: EnvelopeSettings = field(default_factory=lambda: EnvelopeSettings())
    phrases: Mapping[str, str] = field(default_factory=dict)  # printkit's words, translated
    parallel: tuple[Campaign, ...] = ()  # the same campaign in other languages, set beside it
    translation: Path | None = None  # the campaign.<lang>.yaml this language came from


def campaign_file(location: Path | None) -> Path:
    """The campaign.yaml for a folder, a YAML file, or (None) the bundled example."""
    if location is None:
        location = example_campaign()
    if location.is_dir():
        location = location / CAMPAIGN_FILE
    if not location.is_file():
        raise CampaignError(
            Problem(
                f"no campaign found at {location}",
                hint="give a campaign folder holding campaign.yaml (printkit init DIR makes one)",
            )
        )
    return location


def load(location: Path | None = None) -> Campaign:
    """Read and check a campaign; every problem found is reported together."""
    path = campaign_file(location)
    validator = schema.Validator(path)
    data = _parse(path, validator)
    letter = _letter(path, data.get("letter") or {}, validator) if data else None
    _check_logo(path, data, validator)
    _check_labels(path, data, validator)
    if validator.problems or letter is None:
        raise CampaignError(validator.problems)
    return _build(path, data, letter)


def _parse(path: Path, validator: schema.Validator) -> dict[str, Any]:
    """The YAML document as checked values; syntax errors end the reading."""
    try:
        source = path.read_text(encoding="utf-8")
        node = yaml.compose(source, Loader=yaml.SafeLoader)
    except UnicodeDecodeError:
        raise CampaignError(Problem(f"{path} is not UTF-8 text", hint="save it as UTF-8")) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        message = f"YAML syntax error: {error.problem}"
        hint = "check the indentation, and put text containing ': ' or '#' in quotes"
        raise CampaignError(Problem(message, where, hint)) from None
    if node is None:
        raise CampaignError(
            Problem(
                "the campaign file is empty",
                Location(path, 1),
                "it needs at least a title and a letter",
            )
        )
    return validator.value(node, SCHEMA, "") or {}


def _letter(path: Path, data: dict[str, Any], validator: schema.Validator) -> LetterSpec | None:
    """The letter's text, read from its file when `text` names one."""
    raw, to = data.get("text"), data.get("to") or "mp"
    if raw is None:
        return None
    source, first_line = path, 1
    if "\n" not in raw and re.search(r"\.(md|txt|markdown)$", raw.strip(), re.I):
        source = (path.parent / raw.strip()).resolve()
        text = _read_letter(path, source, validator)
        if text is None:
            return None
    else:
        text = raw
    recipients = data.get("recipient_address")
    if recipients is None and to != "mp":
        validator.problems.append(
            Problem(
                f"letter.recipient_address is needed for a letter to {to}",
                validator.locations.get("letter", Location(path)),
                "list the address lines, e.g. recipient_address: [Town Hall, High Street, ...]",
            )
        )
        return None
    return LetterSpec(
        to=to,
        recipient_address=tuple(recipients or HOUSE_OF_COMMONS),
        text=text,
        source=source,
        first_line=first_line,
        window=data.get("window") or "dl",
        ask=(data.get("ask") or "").strip(),
    )


def _read_letter(path: Path, source: Path, validator: schema.Validator) -> str | None:
    """The letter file's text, or None after noting why it cannot be used."""
    try:
        text = source.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        validator.problems.append(
            Problem(
                f"the letter file {source.name!r} does not exist",
                validator.locations.get("letter.text", Location(path)),
                f"put the letter in {source} or change letter.text",
            )
        )
        return None
    except (OSError, UnicodeDecodeError) as error:
        validator.problems.append(
            Problem(f"cannot read the letter file: {error}", Location(source))
        )
        return None
    if not text.strip():
        validator.problems.append(Problem("the letter file is empty", Location(source, 1)))
        return None
    return text


def _build(path: Path, data: dict[str, Any], letter: LetterSpec) -> Campaign:
    """The frozen Campaign from checked values, with defaults filled in."""
    action = data.get("action") or {}
    more = data.get("more")
    return Campaign(
        root=path.parent.resolve(),
        source=path,
        title=data["title"].strip(),
        slug=data.get("slug") or slugify(data["title"]),
        language=data.get("language") or "en-GB",
        organisation=Organisation(**(data.get("organisation") or {})),
        hashtag=data.get("hashtag") or "",
        summary=data.get("summary") or "",
        action=Action(
            text=action.get("text", ""),
            url=action.get("url", ""),
            steps=tuple(action.get("steps", ())),
        ),
        more=Link(more.get("text", ""), more.get("url", "")) if more else None,
        letter=letter,
        outputs=tuple(data.get("outputs") or PRODUCTS_BUILT_BY_DEFAULT),
        brand=branding.Brand(
            logo=(path.parent / data["logo"]).resolve() if data.get("logo") else None,
            accent=branding.normalise(data.get("accent") or branding.DEFAULT_ACCENT),
        ),
        signup=_signup(data.get("signup") or {}),
        labels=_labels(data.get("labels") or {}),
        envelopes=_envelopes(data.get("envelopes") or {}),
    )


def slugify(title: str) -> str:
    """A file-name-safe slug from a title: `Write to your MP!` -> `write-to-your-mp`."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    return slug or "campaign"


def _check_outputs(items: list[str]) -> str | None:
    unknown = [i for i in items if i not in PRODUCTS]
    if unknown:
        return f"unknown output {unknown[0]!r}: expected some of {', '.join(PRODUCTS)}"
    return None


def _check_channels(items: list[str]) -> str | None:
    unknown = [i for i in items if i not in CHANNELS]
    if unknown:
        return f"unknown channel {unknown[0]!r}: expected some of {', '.join(CHANNELS)}"
    return None if items else "list at least one channel, e.g. channels: [email]"


def _check_logo(path: Path, data: dict[str, Any], validator: schema.Validator) -> None:
    """A logo named in campaign.yaml must be a readable SVG or PNG inside the folder."""
    name = data.get("logo")
    message = branding.logo_problem(path.parent, name) if name else None
    if message:
        where = validator.locations.get("logo", Location(path))
        validator.problems.append(Problem(message, where))


def _signup(data: dict[str, Any]) -> Signup:
    channels = tuple(dict.fromkeys(data.get("channels") or ("email",)))
    return Signup(
        channels=channels,
        purpose=(data.get("purpose") or "").strip(),
        privacy_url=data.get("privacy_url") or "",
        withdraw=(data.get("withdraw") or "").strip(),
    )


@dataclass(frozen=True)
class LabelSettings:
    """Label sheets: the built-in ones and the campaign's own, the default, a printer's offset."""

    sheets: Mapping[str, paper.LabelSheet] = field(default_factory=lambda: dict(paper.LABEL_SHEETS))
    sheet: str = "L7160"
    offset_x: float = 0.0
    offset_y: float = 0.0


@dataclass(frozen=True)
class EnvelopeSettings:
    """Envelopes printed on: the default size, and a return address for the top left."""

    size: str = "dl"
    return_address: tuple[str, ...] = ()


def _labels(data: dict[str, Any]) -> LabelSettings:
    own = {name: _sheet(name, fields) for name, fields in (data.get("sheets") or {}).items()}
    return LabelSettings(
        sheets={**paper.LABEL_SHEETS, **own},
        sheet=data.get("sheet") or "L7160",
        offset_x=data.get("offset_x") or 0.0,
        offset_y=data.get("offset_y") or 0.0,
    )


def _envelopes(data: dict[str, Any]) -> EnvelopeSettings:
    lines = (" ".join(line.split()) for line in data.get("return_address") or ())
    return EnvelopeSettings(data.get("size") or "dl", tuple(line for line in lines if line))


def _sheet(name: str, fields: dict[str, Any]) -> paper.LabelSheet:
    """A campaign's own label sheet; the pitch defaults to labels that touch."""
    return paper.LabelSheet(
        name=name,
        label=paper.Size(fields["label_width"], fields["label_height"]),
        columns=int(fields["columns"]),
        rows=int(fields["rows"]),
        left=fields["left"],
        top=fields["top"],
        pitch_x=fields.get("pitch_x") or fields["label_width"],
        pitch_y=fields.get("pitch_y") or fields["label_height"],
    )


def _check_sheet(fields: dict[str, Any]) -> str | None:
    needed = ("label_width", "label_height", "columns", "rows", "left", "top")
    if any(fields.get(key) is None for key in needed):
        return None  # already reported, key by key
    return _sheet("", fields).problem()


def _check_labels(path: Path, data: dict[str, Any], validator: schema.Validator) -> None:
    """`labels.sheet` must name a built-in sheet or one of the campaign's own."""
    labels = data.get("labels") or {}
    name, own = labels.get("sheet"), labels.get("sheets") or {}
    for taken in sorted(set(own) & set(paper.LABEL_SHEETS)):
        where = validator.locations.get(f"labels.sheets.{taken}", Location(path))
        hint = f"give your own sheet another name, e.g. 'my-{taken}'"
        validator.problems.append(Problem(f"{taken} is a built-in sheet", where, hint))
    if name and name not in paper.LABEL_SHEETS and name not in own:
        known = ", ".join(dict.fromkeys([*paper.LABEL_SHEETS, *own]))
        where = validator.locations.get("labels.sheet", Location(path))
        hint = f"the sheets are: {known}; describe another under labels.sheets"
        validator.problems.append(Problem(f"labels.sheet: there is no sheet {name!r}", where, hint))


def _positive(value: float) -> str | None:
    return None if value > 0 else f"{value:g} must be more than 0 (mm)"


def _not_negative(value: float) -> str | None:
    return None if value >= 0 else f"{value:g} must be 0 or more (mm)"


def _count(value: float) -> str | None:
    whole = value >= 1 and value.is_integer()
    return None if whole else f"{value:g} must be a whole number, 1 or more"
