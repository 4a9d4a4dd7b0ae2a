"""The reference table of campaign.yaml, made from the fields' one declaration.

`python -m printkit.campaign.reference` prints it; docs/campaign-yaml.md holds a copy that
a test keeps up to date.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from printkit.campaign import schema
from printkit.campaign.model import Campaign

TRANSLATION = {schema.MUST: "must", schema.MAY: "may", schema.ONLY: "only there"}


@dataclass(frozen=True)
class Entry:
    """One key of campaign.yaml as the reference shows it."""

    key: str  # dotted: letter.text
    kind: str  # text, list, one of ..., number, mapping
    default: str
    translation: str  # what a campaign.<lang>.yaml may do with it
    help: str


def entries(model: type = Campaign, prefix: str = "") -> Iterator[Entry]:
    """Every key of `model`, nested mappings after their parent, in declaration order."""
    hints = typing.get_type_hints(model)
    for declared in schema.yaml_fields(model):
        meta = declared.metadata
        spec = schema.spec_of(model, translation=meta["translate"] == schema.ONLY).fields
        key = prefix + declared.name
        inner = spec.get(declared.name)
        yield Entry(key, _kind(inner), _default(declared, meta), _translation(meta), meta["help"])
        nested = _nested_model(hints[declared.name])
        if nested is not None:
            named = typing.get_origin(hints[declared.name]) in (Mapping, dict)
            yield from entries(nested, key + (".<name>." if named else "."))


def markdown() -> str:
    """The reference as a Markdown table."""
    lines = [
        "# campaign.yaml, key by key",
        "",
        "Made from printkit's own declaration of the fields (`python -m printkit.campaign."
        "reference`). *Translation* says what `campaign.<lang>.yaml` does with a key: *must*"
        " translate it when `campaign.yaml` has it, *may* give its own, or gives it *only there*.",
        "",
        "| key | value | default | translation | what it is |",
        "|---|---|---|---|---|",
    ]
    for entry in entries():
        cells = (f"`{entry.key}`", entry.kind, entry.default, entry.translation, entry.help)
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def _kind(spec: schema.Spec | None) -> str:
    if spec is None:
        return ""
    if spec.kind == "choice":
        return "one of " + ", ".join(f"`{choice}`" for choice in spec.choices)
    if spec.kind == "named":
        return "names, each a mapping" if spec.fields["*"].kind == "mapping" else "names to text"
    return {"list": "list of text"}.get(spec.kind, spec.kind)


def _default(declared: dataclasses.Field[Any], meta: Any) -> str:
    if meta["required"]:
        return "required"
    if declared.default is dataclasses.MISSING or declared.default in ("", (), None):
        return ""
    if isinstance(declared.default, tuple):
        return ", ".join(declared.default)
    return f"`{declared.default}`" if not isinstance(declared.default, float) else ""


def _translation(meta: Any) -> str:
    return TRANSLATION.get(meta["translate"], "")


def _nested_model(hint: Any) -> type | None:
    """The declared dataclass a field holds (`Link | None` holds Link), if any."""
    args = typing.get_args(hint) or (hint,)  # Mapping[str, SheetSpec] holds SheetSpec
    for arg in args:
        if dataclasses.is_dataclass(arg):
            return typing.cast(type, arg)
    return None


if __name__ == "__main__":
    print(markdown(), end="")
