"""Walking a YAML document against a Spec: values converted, every problem noted with its place."""

from __future__ import annotations

import difflib
import math
import re
from pathlib import Path
from typing import Any

import yaml

from printkit.campaign.schema import Spec
from printkit.errors import Location, Problem


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
