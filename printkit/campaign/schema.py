"""Specs derived from the campaign's declared fields: what each YAML value must be.

A field is declared once, as a dataclass field made with `setting()`: its type, default,
help text, check and whether a translation may override it. `spec_of()` turns such a
dataclass into the Spec the Validator walks, so the check, the typed model, the
translation rules and the reference table all come from that one declaration.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

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
