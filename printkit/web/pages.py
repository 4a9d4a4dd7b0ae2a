"""The web page's own templates (not a campaign's: no campaign can change these pages)."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from starlette.responses import HTMLResponse

from printkit.errors import Problem

PACKAGE = "printkit.web"


def folder(name: str) -> Path:
    """A folder shipped with the web package: `templates` or `static`."""
    return Path(str(resources.files(PACKAGE) / name))


@functools.cache
def environment() -> jinja2.Environment:
    """One autoescaping, strict environment for the pages."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder("templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["problem"] = shown
    return env


def page(
    name: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any
) -> HTMLResponse:
    """A page rendered from template `name`."""
    return HTMLResponse(environment().get_template(name).render(**context), status, headers)


def shown(problem: Problem) -> str:
    """A problem as the page shows it: the file's name (never the machine's path), line or row."""
    where = problem.where
    place = ""
    if where is not None:
        if where.row is not None:
            place = f"row {where.row}" + (f", column {where.field!r}" if where.field else "")
        elif where.path is not None:
            place = where.path.name + (f", line {where.line}" if where.line else "")
    text = f"{place}: {problem.message}" if place else problem.message
    return f"{text} ({problem.hint})" if problem.hint else text
