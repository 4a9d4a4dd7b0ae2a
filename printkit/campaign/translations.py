"""A campaign in another language: `campaign.<lang>.yaml` beside `campaign.yaml`, and `--lang`.

A translation holds only words: the fields declared translatable in model.py. Those
marked MUST must be translated whenever the main campaign has them, so no block of a
leaflet mixes two languages; everything else (web addresses, the letter's recipient
and envelope, outputs, logo, colours) is the main campaign's.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any

from printkit import containment, languages
from printkit.campaign import loader, schema
from printkit.campaign.model import Campaign
from printkit.campaign.validator import Validator
from printkit.errors import CampaignError, Location, Problem

REQUIRED = ("title",)  # what every translation gives, whatever the main campaign has


def translation_spec() -> schema.Spec:
    """The Spec of a translation file: the translatable fields, and the mappings holding them."""
    spec = schema.spec_of(Campaign, translation=True)
    fields = {
        name: dataclasses.replace(inner, required=name in REQUIRED)
        for name, inner in spec.fields.items()
    }
    return dataclasses.replace(spec, fields=fields)


def needed() -> list[str]:
    """The dotted keys a translation must give when the main campaign has them."""
    return [key for key, spec in _walk(translation_spec()) if spec.translate == schema.MUST]


def _walk(spec: schema.Spec, prefix: str = "") -> Iterator[tuple[str, schema.Spec]]:
    for name, inner in spec.fields.items():
        key = f"{prefix}{name}"
        if inner.translate:
            yield key, inner
        elif inner.kind == "mapping":
            yield from _walk(inner, key + ".")


def translation_file(main: Campaign, tag: str) -> Path:
    """Where the campaign's `tag` version is: `campaign.cy.yaml` beside `campaign.yaml`."""
    return main.source.with_name(f"{main.source.stem}.{tag}{main.source.suffix}")


def available(main: Campaign) -> list[str]:
    """The languages a campaign can be printed in: its own, then each translation's."""
    pattern = re.compile(
        rf"^{re.escape(main.source.stem)}\.([A-Za-z0-9-]+){re.escape(main.source.suffix)}$"
    )
    found = sorted(m.group(1) for p in main.root.iterdir() if (m := pattern.match(p.name)))
    return [main.language, *found]


def load(
    location: Path | None, lang: str | None = None, products: Collection[str] | None = None
) -> Campaign:
    """The campaign in `lang` (`cy`, or `cy+en` for two side by side); None: its own language."""
    main = loader.load(location, products)
    if not lang:
        return main
    try:
        tags = languages.parse(lang)
    except ValueError as error:
        raise CampaignError(Problem(f"--lang {lang}: {error}")) from None
    versions = [version(main, tag) for tag in tags]
    return dataclasses.replace(versions[0], parallel=tuple(versions[1:]))


def version(main: Campaign, tag: str) -> Campaign:
    """One language of the campaign: the main one, or the translation file's."""
    if languages.same(tag, main.language):
        return main
    path = translation_file(main, tag)
    outside = containment.outside_reason(main.root, path.name, "the translation")
    if outside:
        raise CampaignError(Problem(outside, Location(path), containment.KEEP_INSIDE))
    if not path.is_file():
        have = ", ".join(available(main))
        raise CampaignError(
            Problem(
                f"--lang {tag}: there is no {path.name} beside {main.source.name}",
                hint=f"this campaign is in: {have}; write {path.name} to add {tag} "
                "(see 'Languages' in the README)",
            )
        )
    validator = Validator(path)
    data = loader.parse(path, validator, translation_spec())
    _check_complete(main, path, data, validator)
    letter = main.letter
    if (data.get("letter") or {}).get("text"):
        fields = {"to": main.letter.to, "window": main.letter.window,
                  "text": data["letter"]["text"],
                  "recipient_address": list(main.letter.recipient_address)}  # fmt: skip
        letter = loader.letter_of(path, fields, validator) or main.letter
    if validator.problems:
        raise CampaignError(validator.problems)
    tag = data.get("language") or tag
    translated: Campaign = _override(main, data, _isolating(tag))
    return dataclasses.replace(
        translated,
        letter=dataclasses.replace(
            letter, text=_isolating(tag)(letter.text), ask=translated.letter.ask
        ),
        slug=f"{main.slug}-{languages.primary(tag)}",
        language=tag,
        translation=path,
        locations=dict(validator.locations),
    )


def _check_complete(main: Campaign, path: Path, data: dict[str, Any], validator: Validator) -> None:
    """Every text the main campaign prints must be translated, or the print would mix languages."""
    for key in needed():
        given = _get(main, key)
        if (given.strip() if isinstance(given, str) else given) and _get(data, key) is None:
            validator.problems.append(
                Problem(
                    f"{path.name} has no {key}, which {main.source.name} has",
                    Location(path),
                    f"translate it under {key}, so no block mixes two languages",
                )
            )


def _get(source: Any, key: str) -> Any:
    """The value at dotted `key` in checked YAML values or in a Campaign; None if absent."""
    for part in key.split("."):
        if source is None:
            return None
        source = source.get(part) if isinstance(source, dict) else getattr(source, part, None)
    return source


def _override(model_value: Any, data: dict[str, Any], text: Callable[[str], str]) -> Any:
    """`model_value` with each translated field of `data` put in place of its own."""
    if not dataclasses.is_dataclass(model_value) or not data:
        return model_value
    spec = schema.spec_of(typing.cast(type, type(model_value)), translation=True)
    changes: dict[str, Any] = {}
    for name, inner in spec.fields.items():
        value = data.get(name)
        if value is None:
            continue
        if inner.translate:
            changes[name] = _translated(value, text, name)
        else:
            changes[name] = _override(getattr(model_value, name), value, text)
    return dataclasses.replace(model_value, **changes)  # type: ignore[type-var]


def _translated(value: Any, text: Callable[[str], str], name: str) -> Any:
    """A translated value as the model holds it: stripped text, a tuple of steps, a mapping."""
    if isinstance(value, str):
        value = value.strip() if name != "summary" else value
        return text(value) if name not in ("language", "hashtag") else value
    if isinstance(value, list):
        return tuple(text(item) for item in value)
    return dict(value)


def _isolating(tag: str) -> Callable[[str], str]:
    """For a right-to-left language, keep web addresses, postcodes and hashtags left to right."""
    if languages.direction(tag) == "rtl":
        return languages.isolate_ltr
    return lambda value: value
