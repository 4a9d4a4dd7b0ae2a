"""A campaign as an editor holds it: its YAML values and letter, drafts, problems by field, saving.

The web page edits a campaign as a form. These entry points read a campaign's files as
written (before any checking), write a draft folder from edited values, say which field
each of `check`'s problems belongs to, and save a checked draft back atomically.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from printkit import files
from printkit.api.campaigns import check, init
from printkit.api.common import Outcome, Written, load
from printkit.campaign import glyphs, loader, schema, translations
from printkit.campaign.model import Campaign
from printkit.campaign.validator import Validator
from printkit.errors import CampaignError, Location, OutputError, PrintkitError, Problem
from printkit.resources import example_campaign

LETTER_FILE = "letter.md"  # where a new campaign's letter goes
PREVIOUS = ".previous"  # the version a save replaced is kept beside it: campaign.yaml.previous
# What a draft copies from the campaign folder besides campaign.yaml and the letter: the
# assets a campaign may use. Spreadsheets and PDFs (supporters' data, outputs) stay behind.
LEFT_BEHIND = (".csv", ".pdf", ".tsv", ".xlsx", ".xls", ".ods", PREVIOUS)
_KEY_IN_MESSAGE = re.compile(r"^(?:missing required key )?'?([a-z_]+(?:\.[a-z_*]+)*)'?(?:[: ]|$)")


@dataclass(frozen=True)
class Source:
    """A campaign as its files hold it, before checking: the YAML values and the letter's text."""

    values: Mapping[str, Any]  # campaign.yaml as YAML reads it; {} when it cannot be read
    letter: str  # the letter's text
    letter_file: str = LETTER_FILE  # the file `letter.text` names; "" when the letter is inline
    problems: tuple[Problem, ...] = ()  # why the files could not be read


@dataclass(frozen=True)
class FieldProblems:
    """`check`'s problems, each beside the campaign.yaml key it concerns, or general."""

    by_key: Mapping[str, tuple[Problem, ...]] = field(default_factory=dict)
    general: tuple[Problem, ...] = ()

    @property
    def count(self) -> int:
        return len(self.general) + sum(len(found) for found in self.by_key.values())


def read_source(location: Path | None) -> Source:
    """The campaign's YAML values and letter text as written (the example when None)."""
    path = loader.campaign_file(location)
    try:
        values = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as error:
        return Source({}, "", LETTER_FILE, (Problem(f"cannot read it: {error}", Location(path)),))
    if not isinstance(values, dict):
        return Source(
            {}, "", LETTER_FILE, (Problem("it is not a mapping of keys", Location(path)),)
        )
    text = (
        (values.get("letter") or {}).get("text") if isinstance(values.get("letter"), dict) else ""
    )
    text = str(text or "")
    if "\n" in text or not loader.LETTER_FILE.search(text.strip()):
        return Source(values, text, "")
    letter = inside(path.parent, text.strip())
    try:
        return Source(values, letter.read_text(encoding="utf-8-sig"), text.strip())
    except (OSError, UnicodeDecodeError) as error:
        problem = Problem(f"cannot read the letter: {error}", Location(letter))
        return Source(values, "", text.strip(), (problem,))


def inside(folder: Path, name: str) -> Path:
    """`name` resolved inside `folder`; an OutputError when it leads outside (`../x`, a link)."""
    root = folder.resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root) or path == root:
        raise OutputError(
            Problem(f"{name!r} is not a file inside the campaign folder", Location(folder),
                    "name a file beside campaign.yaml, such as letter.md")
        )  # fmt: skip
    return path


def dump(values: Mapping[str, Any]) -> str:
    """campaign.yaml from values: keys in the order given, multi-line text as `|` blocks."""
    return yaml.dump(dict(values), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


class _Dumper(yaml.SafeDumper):
    """A YAML writer that keeps line breaks readable."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def with_letter(source: Source) -> dict[str, Any]:
    """The YAML values with `letter.text` naming the letter file, or holding the letter inline."""
    values = dict(source.values)
    letter = dict(values.get("letter") or {})
    letter["text"] = source.letter_file or source.letter
    values["letter"] = letter
    return values


def write_draft(base: Path | None, source: Source, folder: Path) -> Path:
    """A campaign folder at `folder`: `base`'s assets, then campaign.yaml and the letter."""
    origin = loader.campaign_file(base).parent
    shutil.copytree(origin, folder, ignore=_left_behind, dirs_exist_ok=True)
    (folder / loader.CAMPAIGN_FILE).write_text(dump(with_letter(source)), encoding="utf-8")
    if source.letter_file:
        inside(folder, source.letter_file).write_text(source.letter, encoding="utf-8")
    return folder


def _left_behind(folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n.startswith(".") or n.lower().endswith(LEFT_BEHIND)]


def field_problems(location: Path | None) -> FieldProblems:
    """Every problem `printkit check` finds, with the glyph warnings, by campaign.yaml key."""
    problems, _ = check(location)
    if not problems:
        problems = list(_warnings(location))
    path = loader.campaign_file(location)
    keys = key_locations(path)
    by_key: dict[str, list[Problem]] = {}
    general: list[Problem] = []
    for problem in problems:
        key = key_of(problem, keys, path)
        if key is None:
            general.append(problem)
        else:
            by_key.setdefault(key, []).append(problem)
    return FieldProblems({k: tuple(v) for k, v in by_key.items()}, tuple(general))


def _warnings(location: Path | None) -> Iterable[Problem]:
    """What printing would warn about before rendering: characters no font can draw."""
    try:
        campaign, _ = load(location)
    except PrintkitError:
        return ()
    return tuple(glyphs.campaign_warnings(campaign))


def key_locations(path: Path) -> dict[str, Location]:
    """Where each dotted key of campaign.yaml is written, as the loader records it."""
    validator = Validator(path)
    try:
        loader.parse(path, validator, schema.spec_of(Campaign))
    except CampaignError:
        return {}
    return {key: where for key, where in validator.locations.items() if key}


def key_of(problem: Problem, keys: Mapping[str, Location], campaign_file: Path) -> str | None:
    """The campaign.yaml key a problem concerns: named in its message, or written where it is."""
    named = _KEY_IN_MESSAGE.match(problem.message)
    if named and named.group(1) in keys and not problem.message.startswith("unknown key"):
        return named.group(1)
    if named and problem.message.startswith("missing required key"):
        return named.group(1)
    where = problem.where
    if where is None or where.path is None:
        return None
    if where.path.resolve() != campaign_file.resolve():
        letter = keys.get("letter.text")
        return "letter.text" if letter and where.path.suffix != ".yaml" else None
    same_line = [k for k, at in keys.items() if at.line == where.line]
    exact = [k for k in same_line if keys[k].column == where.column]
    chosen = exact or same_line
    return max(chosen, key=len) if chosen else None


def draft(base: Path | None, source: Source, folder: Path) -> FieldProblems:
    """Write a draft of `base` edited to `source` into `folder`, and check it."""
    write_draft(base, source, folder)
    return field_problems(folder)


def languages(location: Path | None) -> list[str]:
    """The languages a campaign can be printed in: its own, then its translations'."""
    try:
        campaign, _ = load(location)
    except PrintkitError:
        return []
    return translations.available(campaign)


def is_example(location: Path | None) -> bool:
    """Whether `location` is the example that ships with printkit (saved elsewhere, never there)."""
    path = loader.campaign_file(location).resolve()
    return path.is_relative_to(example_campaign().resolve())


def save(location: Path, source: Source) -> Outcome:
    """Write campaign.yaml and the letter together, keeping the versions they replace.

    `location` is a campaign folder or its YAML file; a new folder starts as a copy of the
    example. The caller checks a draft first: this writes exactly what it is given.
    """
    if location.is_file():
        path = location
    else:
        path = location / loader.CAMPAIGN_FILE
        if not path.is_file():
            init(location)  # refuses a folder that holds anything: nothing is overwritten
    folder = path.parent
    targets = {path: dump(with_letter(source))}
    if source.letter_file:
        targets[inside(folder, source.letter_file)] = source.letter
    with files.outputs(overwrite=True) as staged:  # the versions replaced are kept beside
        for target, text in targets.items():
            if target.is_file():
                previous = target.with_name(target.name + PREVIOUS)
                staged.path(previous).write_bytes(target.read_bytes())
            staged.path(target).write_text(text, encoding="utf-8")
    written = tuple(Written(target, 0) for target in targets)
    return Outcome(written, summary=f"saved {folder}; the previous version is kept as *{PREVIOUS}")
