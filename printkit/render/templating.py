"""The Jinja environment: a campaign's own templates first, then the built-in ones."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from printkit import languages
from printkit.errors import CampaignError, Location, Problem
from printkit.resources import asset_path


def search_path(campaign_root: Path | None) -> list[Path]:
    """Folders searched for templates, in order: the campaign's overrides, then printkit's."""
    folders = [asset_path("templates")]
    if campaign_root is not None and (campaign_root / "templates").is_dir():
        folders.insert(0, campaign_root / "templates")
    return folders


@functools.cache
def environment(campaign_root: Path | None) -> jinja2.Environment:
    """One autoescaping, strict environment per campaign folder and process."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(search_path(campaign_root)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(campaign_root: Path | None, name: str, **context: object) -> str:
    """Render template `name` with `context`; a broken override is the user's error.

    Every template gets `direction` (ltr or rtl) from its `language`, and `t`, which puts
    printkit's own English words into that language.
    """
    language = str(context.get("language") or "en")
    context.setdefault("direction", languages.direction(language))
    context.setdefault("t", languages.translator(language))
    try:
        return environment(campaign_root).get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as error:
        where = Location(Path(error.filename or name), error.lineno)
        raise CampaignError(Problem(f"template error: {error.message}", where)) from None
    except jinja2.UndefinedError as error:
        raise CampaignError(
            Problem(
                f"template {name}: {error.message}",
                hint="a campaign's own template can only use the variables the built-in one uses",
            )
        ) from None
