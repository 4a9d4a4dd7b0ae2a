"""The campaign as a form, made from the one declaration of its fields (campaign/model.py).

Every campaign.yaml field becomes an input named by its dotted key, with the help text
the declaration gives; the letter itself is a text area. What the organiser types comes
back as YAML values, checked by the same loader as any campaign.yaml.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from printkit.campaign import schema
from printkit.campaign.model import Campaign

LETTER = "letter.text"  # the letter's text area; `letter.file` says which file it is saved in
LETTER_FILE = "letter.file"


@dataclass(frozen=True)
class FormField:
    """One input: its dotted key, label, help, kind and current value; a group holds others."""

    key: str
    label: str
    help: str
    kind: str  # text | prose | list | choice | number | yaml | letter | group
    value: str = ""
    placeholder: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    children: tuple[FormField, ...] = ()

    @property
    def id(self) -> str:
        return "field-" + self.key.replace(".", "-")

    @property
    def rows(self) -> int:
        """Lines a text area shows: enough for its text, within reason."""
        lines = sum(1 + len(line) // 70 for line in self.value.splitlines()) or 1
        return min(max(lines, 2 if self.kind != "letter" else 16), 30)


def campaign_form(values: Mapping[str, Any], letter: str) -> tuple[FormField, ...]:
    """Every field of campaign.yaml, with `values` (as YAML reads them) and the letter."""
    return _fields(schema.spec_of(Campaign), values, letter, "")


def _fields(
    spec: schema.Spec, values: Mapping[str, Any], letter: str, prefix: str
) -> tuple[FormField, ...]:
    found = []
    for name, inner in spec.fields.items():
        key = prefix + name
        value = values.get(name) if isinstance(values, Mapping) else None
        label = name.replace("_", " ").capitalize()
        if inner.kind == "mapping":
            children = _fields(
                inner, value if isinstance(value, Mapping) else {}, letter, key + "."
            )
            found.append(FormField(key, label, inner.help, "group", children=children))
            continue
        if key == LETTER:
            found.append(
                FormField(key, "The letter", _letter_help(), "letter", letter, required=True)
            )
            continue
        found.append(_field(key, label, inner, value))
    return tuple(found)


def _letter_help() -> str:
    return (
        "the letter as the campaign published it: [MP name], [Your name] and any [Label] "
        "in square brackets become writing lines, or are filled from the spreadsheet"
    )


def _field(key: str, label: str, spec: schema.Spec, value: Any) -> FormField:
    kind, shown, hint = _shown(key, spec, value)
    if kind == "choice" and value is None:
        shown = _default(key)
    return FormField(key, label, hint, kind, shown, _default(key), spec.required, spec.choices)


def _shown(key: str, spec: schema.Spec, value: Any) -> tuple[str, str, str]:
    """A field's kind of input, its value as text, and its help."""
    if spec.kind == "list":
        shown = "\n".join(str(item) for item in value) if isinstance(value, list) else _text(value)
        hint = spec.help if "one a line" in spec.help else spec.help + " (one a line)"
        return "list", shown, hint
    if spec.kind in ("choice", "number"):
        return spec.kind, _number(value), spec.help
    if spec.kind == "named":
        shown = yaml.safe_dump(value, sort_keys=False, allow_unicode=True) if value else ""
        return "yaml", shown, spec.help + " (YAML, as in campaign.yaml)"
    kind = "prose" if spec.translate == schema.MUST and key != "title" else "text"
    return kind, _text(value), spec.help


def _default(key: str) -> str:
    """The declared default of a field, as text ("" when it has none)."""
    *groups, name = key.split(".")
    model: Any = Campaign
    for group in groups:
        hint = typing.get_type_hints(model)[group]
        model = next((a for a in typing.get_args(hint) if a is not type(None)), hint)
    declared = {f.name: f for f in schema.yaml_fields(model)}[name]
    value = declared.default
    if declared.default_factory is not dataclasses.MISSING:
        value = declared.default_factory()
    if value is dataclasses.MISSING or value in (None, "", (), {}):
        return ""
    if isinstance(value, tuple):
        return ", ".join(str(item) for item in value)
    return _number(value) if isinstance(value, float) else str(value)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _text(value)


def values_from(form: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The YAML values the form describes (empty fields left out), and fields that are not YAML."""
    problems: dict[str, str] = {}
    values = _values(schema.spec_of(Campaign), form, "", problems)
    return values, problems


def _values(
    spec: schema.Spec, form: Mapping[str, str], prefix: str, problems: dict[str, str]
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, inner in spec.fields.items():
        key = prefix + name
        if inner.kind == "mapping":
            nested = _values(inner, form, key + ".", problems)
            if nested:
                values[name] = nested
            continue
        raw = str(form.get(key, "")).replace("\r\n", "\n")
        if key == LETTER:
            values[name] = raw  # replaced by the letter file's name when it is saved in one
            continue
        value = _value(inner, raw, key, problems)
        if inner.kind == "choice" and not inner.required and value == _default(key):
            continue
        if value not in (None, "", []):
            values[name] = value
    return values


def _value(spec: schema.Spec, raw: str, key: str, problems: dict[str, str]) -> Any:
    if spec.kind == "list":
        return [line.strip() for line in raw.splitlines() if line.strip()]
    if spec.kind == "number":
        try:
            number = float(raw)
        except ValueError:
            return raw.strip()  # the loader says what is wrong, beside the field
        return int(number) if number.is_integer() else number
    if spec.kind == "named":
        try:
            return yaml.safe_load(raw) if raw.strip() else None
        except yaml.YAMLError as error:
            problems[key] = f"{key}: this is not YAML: {error}"
            return None
    text = raw.rstrip()
    return text.strip() if "\n" not in text else text + "\n"
