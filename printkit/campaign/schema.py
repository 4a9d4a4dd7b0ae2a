"""Checking a YAML document against specs derived from the campaign's declared fields.

A field is declared once, as a dataclass field made with `setting()`: its type, default,
help text, check and whether a translation may override it. `spec_of()` turns such a
dataclass into the Spec the Validator walks, so the check, the typed model, the
translation rules and the reference table all come from that one declaration.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import math
import re
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from printkit.errors import Location, Problem

Check = Callable[[Any], str | None]
MUST, MAY, ONLY = "must", "may", "only"  # how a translation treats a field


def setting(
    default: Any = dataclasses.MISSING,
    *,
    help: str = "",
    check: Check | None = None,
    required: bool = False,
    translate: str | None = None,
    example: str = "",
) -> Any:
    """A campaign.yaml field: its default, help, check and translation rule (MUST, MAY, ONLY).

    MUST: a translation must give it when the main campaign does; MAY: it may; ONLY: it
    is given only in a translation.
    """
    metadata = {"yaml": True, "help": help, "check": check, "required": required,
                "translate": translate, "example": example}  # fmt: skip
    if isinstance(default, (list, set)):
        raise TypeError("use a tuple for a list's default")
    if isinstance(default, dict) or (
        dataclasses.is_dataclass(default) and not isinstance(default, type)
    ):
        value = default
        return field(default_factory=lambda: value.copy() if isinstance(value, dict) else value,
                     metadata=metadata)  # fmt: skip
    return field(default=default, metadata=metadata)


def derived(default: Any = None) -> Any:
    """A field of the model that campaign.yaml does not hold: worked out while loading."""
    if isinstance(default, (dict, tuple)) and not default:
        empty = type(default)
        return field(default_factory=empty, metadata={"yaml": False}, compare=False)
    return field(default=default, metadata={"yaml": False}, compare=False)


@dataclass(frozen=True)
class Spec:
    """What one YAML value must be: text, a list of text, a choice, a number or a mapping."""

    kind: str  # "text" | "list" | "choice" | "number" | "mapping" | "named"
    required: bool = False
    choices: tuple[str, ...] = ()
    fields: Mapping[str, Spec] = field(default_factory=dict)
    check: Check | None = None
    help: str = ""
    translate: str | None = None
    model: type | None = None  # the dataclass a mapping builds


def yaml_fields(model: type) -> list[dataclasses.Field[Any]]:
    """The fields of a declared dataclass that campaign.yaml holds."""
    return [f for f in dataclasses.fields(model) if f.metadata.get("yaml")]


@functools.cache
def spec_of(model: type, translation: bool = False) -> Spec:
    """The Spec of a declared dataclass: a mapping of its YAML fields.

    With `translation`, only what a translation may give: the translatable fields and the
    mappings that hold some; without, every field but those given only in translations.
    """
    hints = typing.get_type_hints(model)
    fields = {}
    for declared in yaml_fields(model):
        meta = declared.metadata
        if meta["translate"] == ONLY and not translation:
            continue
        spec = _spec_of_type(hints[declared.name], translation and not meta["translate"])
        if translation and not meta["translate"] and not spec.fields:
            continue
        hint = meta["help"] + (f", e.g. '{meta['example']}'" if meta["example"] else "")
        fields[declared.name] = dataclasses.replace(
            spec, required=meta["required"] and not translation, check=meta["check"], help=hint,
            translate=meta["translate"],
        )  # fmt: skip
    return Spec("mapping", fields=fields, model=model)


def _spec_of_type(hint: Any, translation: bool = False) -> Spec:
    """The Spec of one annotation: str, float, tuple[str, ...], Literal, a dataclass, a map.

    With `translation`, a dataclass gives only its translatable fields, and anything else
    gives nothing (an empty Spec, left out by the caller).
    """
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):  # `X | None`: absent is allowed anyway
        inner = next(arg for arg in args if arg is not type(None))
        return _spec_of_type(inner, translation)
    if dataclasses.is_dataclass(hint):
        return spec_of(typing.cast(type, hint), translation)
    if translation:
        return Spec("text")
    if hint is str:
        return Spec("text")
    if hint is float:
        return Spec("number")
    if origin is typing.Literal:
        return Spec("choice", choices=tuple(args))
    if origin is tuple:
        return Spec("list")
    if origin in (Mapping, dict, typing.Mapping):
        inner = args[1]
        each = (
            spec_of(typing.cast(type, inner)) if dataclasses.is_dataclass(inner) else Spec("text")
        )
        return Spec("named", fields={"*": each})
    raise TypeError(f"no YAML spec for the annotation {hint!r}")


def build(model: type, data: Mapping[str, Any] | None, **extra: Any) -> Any:
    """An instance of a declared dataclass from checked YAML values; absent ones take defaults."""
    hints = typing.get_type_hints(model)
    values: dict[str, Any] = {}
    for declared in yaml_fields(model):
        raw = (data or {}).get(declared.name)
        if raw is None:
            continue
        values[declared.name] = _built(hints[declared.name], raw)
    return model(**values, **extra)


def _built(hint: Any, raw: Any) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        return _built(next(arg for arg in args if arg is not type(None)), raw)
    if dataclasses.is_dataclass(hint):
        return build(typing.cast(type, hint), raw)
    if origin is tuple:
        return tuple(raw)
    if origin in (Mapping, dict, typing.Mapping):
        return {key: _built(args[1], value) for key, value in raw.items()}
    return raw


def is_url(value: Any) -> str | None:
    """None for a web address, else what is wrong."""
    if re.match(r"^https?://[^\s/]+\.[^\s]+$", str(value)):
        return None
    return f"{value!r} is not a web address: write it in full, starting with https://"


def is_email(value: Any) -> str | None:
    """None for an email address, else what is wrong."""
    if re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", str(value)):
        return None
    return f"{value!r} is not an email address"


def is_language(value: Any) -> str | None:
    """None for a BCP 47 language tag such as en-GB or cy, else what is wrong."""
    if re.match(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", str(value)):
        return None
    return f"{value!r} is not a language tag: use a code such as en-GB, cy or ar"


class Validator:
    """Walks a composed YAML node against a spec, converting values and noting problems."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.locations: dict[str, Location] = {}  # where each key's value was written

    def where(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def at(self, key: str) -> Location:
        """Where `key` (dotted: `letter.text`) was written, or the file when it was not."""
        return self.locations.get(key, Location(self.path))

    def problem(self, node: yaml.Node, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(message, self.where(node), hint))

    def value(self, node: yaml.Node, spec: Spec, name: str) -> Any:
        """The Python value of `node`, or None after noting a problem."""
        self.locations[name] = self.where(node)
        result = getattr(self, f"_{spec.kind}")(node, spec, name)
        if result is not None and spec.check is not None:
            message = spec.check(result)
            if message:
                self.problem(node, f"{name}: {message}")
                return None
        return result

    def _text(self, node: yaml.Node, spec: Spec, name: str) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null":
            return str(node.value)
        self.problem(node, f"{name} must be text, not {_describe(node)}", spec.help or None)
        return None

    def _number(self, node: yaml.Node, spec: Spec, name: str) -> float | None:
        try:
            number = float(node.value) if isinstance(node, yaml.ScalarNode) else None
        except ValueError:
            number = None
        if number is not None and math.isfinite(number):
            return number
        self.problem(node, f"{name} must be a number, not {_describe(node)}", spec.help or None)
        return None

    def _list(self, node: yaml.Node, spec: Spec, name: str) -> list[str] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(
                node, f"{name} must be a list (lines starting with '- '), not {_describe(node)}"
            )
            return None
        items = [self._text(item, spec, f"{name} item") for item in node.value]
        return None if any(i is None for i in items) else [str(i) for i in items]

    def _choice(self, node: yaml.Node, spec: Spec, name: str) -> str | None:
        options = " | ".join(spec.choices)
        if isinstance(node, yaml.ScalarNode) and str(node.value) in spec.choices:
            return str(node.value)
        self.problem(node, f"{name} must be one of {options}, not {_show(node)}")
        return None

    def _mapping(self, node: yaml.Node, spec: Spec, name: str) -> dict[str, Any] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{name} must be a mapping of keys, not {_describe(node)}")
            return None
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            inner = spec.fields.get(key)
            if inner is None:
                self._unknown(key_node, key, spec, name)
            elif key in result:
                self.problem(key_node, f"{_qualified(name, key)} is given twice")
            else:
                result[key] = self.value(value_node, inner, _qualified(name, key))
        for key, inner in spec.fields.items():
            if inner.required and key not in result:
                self.problem(
                    node, f"missing required key {_qualified(name, key)!r}", inner.help or None
                )
        return result

    def _named(self, node: yaml.Node, spec: Spec, name: str) -> dict[str, Any] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{name} must be a mapping of names, not {_describe(node)}")
            return None
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in result:
                self.problem(key_node, f"{_qualified(name, key)} is given twice")
            else:
                result[key] = self.value(value_node, spec.fields["*"], _qualified(name, key))
        return result

    def _unknown(self, node: yaml.Node, key: str, spec: Spec, name: str) -> None:
        known = list(spec.fields)
        close = difflib.get_close_matches(key, known, n=1)
        guess = f" (did you mean {close[0]!r}?)" if close else ""
        self.problem(
            node,
            f"unknown key {_qualified(name, key)!r}{guess}",
            f"expected one of: {', '.join(known)}",
        )


def _qualified(parent: str, key: str) -> str:
    return f"{parent}.{key}" if parent else key


def _show(node: yaml.Node) -> str:
    return repr(node.value) if isinstance(node, yaml.ScalarNode) else _describe(node)


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == "tag:yaml.org,2002:null":
        return "empty"
    return f"{node.value!r}"
