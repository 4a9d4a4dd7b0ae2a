"""Load a campaign folder (campaign.yaml and its letter) into a checked Campaign."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

import yaml

from printkit import containment, stationery
from printkit.campaign import branding, schema
from printkit.campaign.model import Campaign, LetterSpec, SheetSpec
from printkit.campaign.validator import Validator
from printkit.errors import CampaignError, Location, Problem
from printkit.postal import HOUSE_OF_COMMONS
from printkit.resources import example_campaign

CAMPAIGN_FILE = "campaign.yaml"
LETTER_FILE = re.compile(r"\.(md|txt|markdown)$", re.I)  # `letter.text` naming a file


def campaign_file(location: Path | None) -> Path:
    """The campaign.yaml for a folder, a YAML file, or (None) the bundled example."""
    if location is None:
        location = example_campaign()
    if location.is_dir():
        reason = containment.outside_reason(location, CAMPAIGN_FILE, "the campaign file")
        if reason:
            raise CampaignError(
                Problem(reason, Location(location / CAMPAIGN_FILE), containment.KEEP_INSIDE)
            )
        location = location / CAMPAIGN_FILE
    if not location.is_file():
        raise CampaignError(
            Problem(
                f"no campaign found at {location}",
                hint="give a campaign folder holding campaign.yaml (printkit init DIR makes one)",
            )
        )
    return location


def load(location: Path | None = None, products: Collection[str] | None = None) -> Campaign:
    """Read and check a campaign; every problem found is reported together.

    `products` are the names `outputs:` may list (the product registry's).
    """
    path = campaign_file(location)
    validator = Validator(path)
    data = parse(path, validator, schema.spec_of(Campaign))
    letter = letter_of(path, data.get("letter") or {}, validator) if data else None
    _check_outputs(data, validator, products)
    _check_logo(path, data, validator)
    _check_picture(path, data, validator)
    _check_labels(data, validator)
    _check_held(path.parent, validator)
    if validator.problems or letter is None:
        raise CampaignError(validator.problems)
    return _campaign(path, data, letter, validator)


def parse(path: Path, validator: Validator, spec: schema.Spec) -> dict[str, Any]:
    """The YAML document as checked values; syntax errors end the reading."""
    try:
        source = path.read_text(encoding="utf-8")
        node = yaml.compose(source, Loader=yaml.SafeLoader)
        return _checked(path, node, validator, spec)
    except UnicodeDecodeError:
        raise CampaignError(Problem(f"{path} is not UTF-8 text", hint="save it as UTF-8")) from None
    except OSError as error:
        raise CampaignError(Problem(f"cannot read it: {error.strerror}", Location(path))) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        message = f"YAML syntax error: {error.problem}"
        hint = "check the indentation, and put text containing ': ' or '#' in quotes"
        raise CampaignError(Problem(message, where, hint)) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow: NUL, say
        line = source.count("\n", 0, error.position) + 1
        column = error.position - (source.rfind("\n", 0, error.position) + 1) + 1
        message = f"the character U+{error.character:04X} is not allowed in a YAML file"
        hint = "delete it (it is often left by copying from a PDF or a word processor)"
        raise CampaignError(Problem(message, Location(path, line, column), hint)) from None
    except RecursionError:
        message = "the YAML is nested thousands of levels deep, which no campaign is"
        hint = "a campaign's keys are at most a few levels deep (see the example campaign)"
        raise CampaignError(Problem(message, Location(path), hint)) from None


def _checked(
    path: Path, node: yaml.Node | None, validator: Validator, spec: schema.Spec
) -> dict[str, Any]:
    """The checked values of a composed document; an empty document is an error."""
    if node is None:
        raise CampaignError(
            Problem(
                "the campaign file is empty",
                Location(path, 1),
                "it needs at least a title and a letter",
            )
        )
    return validator.value(node, spec, "") or {}


def letter_of(path: Path, data: dict[str, Any], validator: Validator) -> LetterSpec | None:
    """The letter's text, read from its file when `text` names one; None after a problem."""
    raw, to = data.get("text"), data.get("to") or "mp"
    if raw is None:
        return None
    source = path
    if "\n" not in raw and LETTER_FILE.search(raw.strip()):
        reason = containment.outside_reason(path.parent, raw.strip(), "letter.text")
        if reason:
            validator.problems.append(
                Problem(reason, validator.at("letter.text"), containment.KEEP_INSIDE)
            )
            return None
        source = containment.real(path.parent / raw.strip())
        text = _read_letter(path, source, validator)
        if text is None:
            return None
    else:
        text = raw
    if data.get("recipient_address") is None and to != "mp":
        validator.problems.append(
            Problem(
                f"letter.recipient_address is needed for a letter to {to}",
                validator.at("letter"),
                "list the address lines, e.g. recipient_address: [Town Hall, High Street, ...]",
            )
        )
        return None
    letter: LetterSpec = schema.build(LetterSpec, data, source=source, first_line=1)
    return dataclasses.replace(
        letter,
        text=text,
        recipient_address=letter.recipient_address or HOUSE_OF_COMMONS,
        ask=letter.ask.strip(),
    )


def _read_letter(path: Path, source: Path, validator: Validator) -> str | None:
    """The letter file's text, or None after noting why it cannot be used."""
    try:
        text = source.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        validator.problems.append(
            Problem(
                f"the letter file {source.name!r} does not exist",
                validator.at("letter.text"),
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


def _campaign(
    path: Path, data: dict[str, Any], letter: LetterSpec, validator: Validator
) -> Campaign:
    """The frozen Campaign from checked values, with the defaults that depend on others."""
    campaign: Campaign = schema.build(
        Campaign, data, root=path.parent.resolve(), source=path,
        locations=dict(validator.locations),
    )  # fmt: skip
    lines = (" ".join(line.split()) for line in campaign.envelopes.return_address)
    return dataclasses.replace(
        campaign,
        title=campaign.title.strip(),
        slug=campaign.slug or slugify(campaign.title),
        letter=letter,
        signup=dataclasses.replace(
            campaign.signup,
            channels=tuple(dict.fromkeys(campaign.signup.channels)),
            purpose=campaign.signup.purpose.strip(),
            withdraw=campaign.signup.withdraw.strip(),
        ),
        envelopes=dataclasses.replace(
            campaign.envelopes, return_address=tuple(line for line in lines if line)
        ),
    )


def slugify(title: str) -> str:
    """A file-name-safe slug from a title: `Write to your MP!` -> `write-to-your-mp`."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    return slug or "campaign"


def _check_outputs(
    data: dict[str, Any], validator: Validator, products: Collection[str] | None
) -> None:
    items = data.get("outputs") or []
    unknown = [item for item in items if products is not None and item not in products]
    if unknown:
        validator.problems.append(
            Problem(
                f"outputs: unknown output {unknown[0]!r}: expected some of "
                f"{', '.join(products or ())}",
                validator.at("outputs"),
            )
        )


def _check_logo(path: Path, data: dict[str, Any], validator: Validator) -> None:
    """A logo named in campaign.yaml must be a readable SVG or PNG inside the folder."""
    name = data.get("logo")
    message = branding.logo_problem(path.parent, name) if name else None
    if message:
        validator.problems.append(Problem(message, validator.at("logo")))


def _check_picture(path: Path, data: dict[str, Any], validator: Validator) -> None:
    """The picture named in campaign.yaml must be a readable image inside the folder."""
    name = (data.get("image") or {}).get("file")
    message = branding.picture_problem(path.parent, name) if name else None
    if message:
        validator.problems.append(Problem(message, validator.at("image.file")))


def _check_held(root: Path, validator: Validator) -> None:
    """The campaign's own templates and styles must be files inside its folder."""
    for folder, pattern in (("templates", "**/*"), ("styles", "*.css")):
        validator.problems.extend(containment.held_files(root, folder, pattern)[1])


def _check_labels(data: dict[str, Any], validator: Validator) -> None:
    """Own sheets must fit the paper and not take a built-in name; `sheet` must name one."""
    labels = data.get("labels") or {}
    name, own = labels.get("sheet"), labels.get("sheets") or {}
    for taken in sorted(set(own) & set(stationery.LABEL_SHEETS)):
        hint = f"give your own sheet another name, e.g. 'my-{taken}'"
        where = validator.at(f"labels.sheets.{taken}")
        validator.problems.append(Problem(f"{taken} is a built-in sheet", where, hint))
    for key, fields in own.items():
        needed = ("label_width", "label_height", "columns", "rows", "left", "top")
        if fields is None or any(fields.get(field) is None for field in needed):
            continue  # already reported, key by key
        message = schema.build(SheetSpec, fields).sheet(key).problem()
        if message:
            where = validator.at(f"labels.sheets.{key}")
            validator.problems.append(Problem(f"labels.sheets.{key}: {message}", where))
    if name and name not in stationery.LABEL_SHEETS and name not in own:
        known = ", ".join(dict.fromkeys([*stationery.LABEL_SHEETS, *own]))
        hint = f"the sheets are: {known}; describe another under labels.sheets"
        where = validator.at("labels.sheet")
        validator.problems.append(Problem(f"labels.sheet: there is no sheet {name!r}", where, hint))
