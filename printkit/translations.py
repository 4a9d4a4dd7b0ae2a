"""A campaign in another language: `campaign.<lang>.yaml` beside `campaign.yaml`, and `--lang`."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from printkit import campaign as campaign_module
from printkit import languages, schema
from printkit.campaign import Campaign, Link
from printkit.errors import CampaignError, Location, Problem

# The words a translation carries; everything else (web addresses, the letter's recipient and
# envelope, outputs, logo, accent) is the main campaign's.
SCHEMA = schema.mapping(
    language=schema.text(check=schema.is_language),
    title=schema.text(
        required=True, help="translate the title, e.g. 'title: Ysgrifennwch at eich AS'"
    ),
    hashtag=schema.text(),
    summary=schema.text(),
    organisation=schema.mapping(name=schema.text()),
    action=schema.mapping(text=schema.text(), steps=schema.text_list()),
    more=schema.mapping(text=schema.text()),
    letter=schema.mapping(
        text=schema.text(help="name the translated letter, e.g. 'text: letter.cy.md'"),
        ask=schema.text(),
    ),
    signup=schema.mapping(purpose=schema.text(), withdraw=schema.text()),
    phrases=schema.named(schema.text()),
)
# Keys the translation must give when the main campaign has them: a leaflet never mixes languages.
NEEDED = ("summary", "action.text", "action.steps", "more.text", "letter.text", "letter.ask",
          "signup.purpose", "signup.withdraw")  # fmt: skip


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


def load(location: Path | None, lang: str | None = None) -> Campaign:
    """The campaign in `lang` (`cy`, or `cy+en` for two side by side); None: its own language."""
    main = campaign_module.load(location)
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
    if not path.is_file():
        have = ", ".join(available(main))
        raise CampaignError(
            Problem(
                f"--lang {tag}: there is no {path.name} beside {main.source.name}",
                hint=f"this campaign is in: {have}; write {path.name} to add {tag} "
                "(see 'Languages' in the README)",
            )
        )
    validator = schema.Validator(path)
    data = campaign_module._parse(path, validator)
    _check_complete(main, path, data, validator)
    letter = _letter(main, path, data.get("letter") or {}, validator)
    if validator.problems:
        raise CampaignError(validator.problems)
    return _translated(main, path, data, letter, data.get("language") or tag)


def _check_complete(
    main: Campaign, path: Path, data: dict[str, Any], validator: schema.Validator
) -> None:
    """Every text the main campaign prints must be translated, or the print would mix languages."""
    english = _present(main)
    for key in NEEDED:
        if key in english and _get(data, key) is None:
            validator.problems.append(
                Problem(
                    f"{path.name} has no {key}, which {main.source.name} has",
                    Location(path),
                    f"translate it under {key}, so no block mixes two languages",
                )
            )


def _present(main: Campaign) -> set[str]:
    """The NEEDED keys the main campaign gives."""
    values = {
        "summary": main.summary.strip(),
        "action.text": main.action.text,
        "action.steps": main.action.steps,
        "more.text": main.more.text if main.more else "",
        "letter.text": main.letter.text,
        "letter.ask": main.letter.ask,
        "signup.purpose": main.signup.purpose,
        "signup.withdraw": main.signup.withdraw,
    }
    return {key for key, value in values.items() if value}


def _get(data: dict[str, Any], key: str) -> Any:
    for part in key.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)  # type: ignore[assignment]
    return data


def _letter(
    main: Campaign, path: Path, data: dict[str, Any], validator: schema.Validator
) -> campaign_module.LetterSpec:
    """The main letter's envelope and recipient, with the translated text."""
    if not data.get("text"):
        return main.letter
    fields = {"to": main.letter.to, "window": main.letter.window, "text": data["text"],
              "recipient_address": list(main.letter.recipient_address)}  # fmt: skip
    spec = campaign_module._letter(path, fields, validator)
    ask = (data.get("ask") or "").strip()
    return dataclasses.replace(spec, ask=ask) if spec else main.letter


def _translated(
    main: Campaign, path: Path, data: dict[str, Any], letter: Any, tag: str
) -> Campaign:
    action, more = data.get("action") or {}, data.get("more") or {}
    signup = data.get("signup") or {}
    text = _isolating(tag)
    return dataclasses.replace(
        main,
        title=text(data["title"].strip()),
        slug=f"{main.slug}-{languages.primary(tag)}",
        language=tag,
        hashtag=data.get("hashtag") or main.hashtag,
        summary=text(data.get("summary") or ""),
        organisation=dataclasses.replace(
            main.organisation,
            name=(data.get("organisation") or {}).get("name") or main.organisation.name,
        ),
        action=dataclasses.replace(
            main.action,
            text=text(action.get("text") or ""),
            steps=tuple(text(step) for step in action.get("steps") or ()),
        ),
        more=Link(text(more.get("text") or ""), main.more.url) if main.more else None,
        letter=dataclasses.replace(letter, text=text(letter.text), ask=text(letter.ask)),
        signup=dataclasses.replace(
            main.signup,
            purpose=text((signup.get("purpose") or "").strip()),
            withdraw=text((signup.get("withdraw") or "").strip()),
        ),
        phrases=dict(data.get("phrases") or {}),
        translation=path,
    )


def _isolating(tag: str) -> Any:
    """For a right-to-left language, keep web addresses, postcodes and hashtags left to right."""
    if languages.direction(tag) == "rtl":
        return languages.isolate_ltr
    return lambda value: value
