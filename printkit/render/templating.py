"""The Jinja environment: a campaign's own templates first, then the built-in ones, in a sandbox.

A campaign's templates are someone else's code. They run in Jinja's immutable sandbox with
no globals at all (`lipsum`, `cycler`, `joiner`, `namespace`, `range`, `dict` are gone), see
only the values printkit passes, never a file path, and load only templates that lie inside
the campaign folder or printkit's own templates, links resolved.
"""

from __future__ import annotations

import functools
import io
import operator
import os
import types
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment

from printkit import containment, languages
from printkit.errors import CampaignError, Location, PrintkitError, Problem
from printkit.resources import asset_path

MAX_RESULT = 100_000  # items or characters a template's `*` may make
MAX_EXPONENT = 64  # a template's `**` stays small
_HIDDEN = (os.PathLike, types.ModuleType, type, io.IOBase)  # never handed to a template
_SANDBOX_HINT = (
    "a campaign's template can use only the values the built-in one is given; "
    "printkit's templates folder shows which"
)


def search_path(campaign_root: Path | None) -> list[Path]:
    """Folders searched for templates, in order: the campaign's overrides, then printkit's."""
    folders = [asset_path("templates")]
    if campaign_root is not None and (campaign_root / "templates").is_dir():
        folders.insert(0, campaign_root / "templates")
    return folders


class ContainedLoader(jinja2.BaseLoader):
    """Finds templates along the search path, refusing any that resolves outside its root."""

    def __init__(self, campaign_root: Path | None) -> None:
        builtin = asset_path("templates")
        self.folders: list[tuple[Path, Path]] = [(builtin, builtin)]
        if campaign_root is not None:
            self.folders.insert(0, (campaign_root / "templates", campaign_root))

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # TemplateNotFound for `..` in the name
        for folder, root in self.folders:
            candidate = folder.joinpath(*pieces)
            if not (candidate.exists() or candidate.is_symlink()):
                continue
            relative = os.path.relpath(candidate, root)
            path = containment.contained(root, relative, "the template")
            return _read_template(path, candidate), str(candidate), lambda: True
        raise jinja2.TemplateNotFound(template)


def _read_template(path: Path, shown: Path) -> str:
    """The text of a template file, or a CampaignError saying why it cannot be used."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CampaignError(Problem("this template is not UTF-8 text", Location(shown))) from None
    except OSError as error:
        reason = "it is a folder" if path.is_dir() else error.strerror
        raise CampaignError(
            Problem(f"cannot read the template: {reason}", Location(shown))
        ) from None


class CampaignSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, closed further: no paths, modules or classes, small numbers."""

    intercepted_binops = frozenset({"*", "**"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return bool(super().is_safe_attribute(obj, attr, value)) and not isinstance(value, _HIDDEN)

    def getitem(self, obj: Any, argument: Any) -> Any:
        value = super().getitem(obj, argument)
        if isinstance(value, _HIDDEN):
            return self.unsafe_undefined(obj, str(argument))
        return value

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, _HIDDEN):
            raise SecurityError(f"{__obj!r} gives a value a template may not use")
        return result

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"the power {right} is too large for a template")
        if operator_name == "*":
            for seq, count in ((left, right), (right, left)):
                sized = isinstance(seq, (str, list, tuple)) and isinstance(count, int)
                if sized and len(seq) * count > MAX_RESULT:
                    raise SecurityError("a template may not make text or lists that long")
        return {"*": operator.mul, "**": operator.pow}[operator_name](left, right)


@functools.cache
def environment(campaign_root: Path | None) -> jinja2.Environment:
    """One sandboxed, autoescaping, strict environment per campaign folder and process."""
    env = CampaignSandbox(
        loader=ContainedLoader(campaign_root),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.clear()  # only what printkit passes: no lipsum, cycler, joiner, namespace
    return env


def render(campaign_root: Path | None, name: str, **context: object) -> str:
    """Render template `name` with `context`; a broken or hostile template is the user's error.

    Every template gets `direction` (ltr or rtl) from its `language`, and `t`, which puts
    printkit's own English words into that language.
    """
    language = str(context.get("language") or "en")
    context.setdefault("direction", languages.direction(language))
    context.setdefault("t", languages.translator(language))
    roots = [root for root in (campaign_root,) if root is not None]
    try:
        return environment(campaign_root).get_template(name).render(**context)
    except PrintkitError:
        raise
    except jinja2.TemplateSyntaxError as error:
        where = Location(Path(error.filename or name), error.lineno)
        raise CampaignError(Problem(f"template error: {error.message}", where)) from None
    except Exception as error:
        problem = template_problem(error, name, roots)
        if problem is None:
            raise  # printkit's own template failed: a bug, with its traceback
        raise CampaignError(problem) from None


def template_problem(error: Exception, name: str, roots: Sequence[Path]) -> Problem | None:
    """What went wrong in a template, where; None when no campaign template is to blame."""
    where = _template_frame(error, roots)
    if isinstance(error, jinja2.TemplateNotFound):
        missing = error.name if isinstance(error.name, str) else name
        return Problem(
            f"the template {missing!r} does not exist",
            where,
            "include or extend only templates in the campaign's templates/ folder or printkit's",
        )
    if isinstance(error, SecurityError):
        return Problem(f"this template is not allowed to do that: {error}", where, _SANDBOX_HINT)
    if isinstance(error, jinja2.UndefinedError):
        return Problem(f"template {name}: {error.message}", where, _SANDBOX_HINT)
    if where is None or not any(containment.inside(str(where.path), [root]) for root in roots):
        return None
    return Problem(f"this template failed: {type(error).__name__}: {error}", where)


def _template_frame(error: BaseException, roots: Sequence[Path]) -> Location | None:
    """The template file and line where `error` was raised, from Jinja's rewritten traceback."""
    folders = [asset_path("templates"), *(root / "templates" for root in roots)]
    found = None
    trace = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(".html") or any(filename.startswith(str(f)) for f in folders):
            found = Location(Path(filename), trace.tb_lineno)
        trace = trace.tb_next
    return found
