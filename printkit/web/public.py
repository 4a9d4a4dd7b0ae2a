"""The supporter page: one form in, that person's letter out as a PDF, nothing about them kept.

Stateless: no session, no files, no log of what was typed; a form is accepted by any
worker that shares the secret, so several can run behind a load balancer.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import logging
import os
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from printkit import api
from printkit.api import previews, rows
from printkit.errors import PrintkitError, ServiceError
from printkit.names import fold
from printkit.web import pages, security
from printkit.web.rendering import QueueFull, RenderPool

MAX_BODY = 64 * 1024  # bytes: a letter's details and the supporter's own words
CAMPAIGN_ENV, SECRET_ENV, RATE_ENV, JOBS_ENV = (
    "PRINTKIT_CAMPAIGN", "PRINTKIT_SECRET", "PRINTKIT_RATE", "PRINTKIT_JOBS"
)  # fmt: skip
WAITING = 8  # letters queued behind each render process before the page says "busy"
log = logging.getLogger("printkit.web")
PRINT_AT_SIZE = 'Print it at 100% ("actual size"), never "fit to page".'
HOW_TO_POST = {  # the campaign's letter.window -> how to fold it, and the envelope
    "dl": ("Fold it in three, on the two short marks in the left margin.",
           "Put it in a DL window envelope: the address shows through the window."),
    "c5": ("Fold it in half, on the short mark in the left margin.",
           "Put it in a C5 window envelope: the address shows through the window."),
    "none": ("Fold it to fit your envelope.",
             "Write the address at the top of the letter on the envelope."),
}  # fmt: skip


@dataclass(frozen=True)
class PublicConfig:
    """The campaign, the secret forms are signed with, and the limits."""

    campaign: Path
    secret: str = field(default_factory=security.new_secret)
    rate: int = 10  # letters (and lookups) per client per minute; 0: no limit
    max_body: int = MAX_BODY


@dataclass(frozen=True)
class Page:
    """What the form shows, worked out once from the campaign."""

    title: str
    organisation: str
    fields: tuple[rows.Field, ...]
    lookup: bool  # whether the recipient can be looked up from the postcode
    recipient: str  # the recipient's label: MP name
    howto: tuple[str, ...]  # three lines on how to print and post it
    file_name: str


def create_public_app(config: PublicConfig, pool: RenderPool, own_pool: bool = False) -> Starlette:
    """The supporter page as an ASGI app."""
    config = dataclasses.replace(config, campaign=config.campaign.resolve())  # for the workers
    campaign, _ = api.load(config.campaign)
    form = Page(campaign.title, campaign.organisation.name, rows.fields(config.campaign),
                campaign.letter.to in ("mp", "councillor"), rows.recipient_label(campaign),
                (PRINT_AT_SIZE, *HOW_TO_POST[campaign.letter.window]),
                f"{campaign.slug}-letter.pdf")  # fmt: skip

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if own_pool:
                pool.close()

    app = Starlette(
        routes=[
            Route("/", show, methods=["GET"]),
            Route("/", letter, methods=["POST"]),
            Route("/healthz", lambda _: PlainTextResponse("ok\n")),
            Mount("/static", StaticFiles(directory=pages.folder("static")), name="static"),
        ],
        middleware=[
            Middleware(security.Headers),
            Middleware(Quiet),
            Middleware(
                security.BodyLimit,
                limit=config.max_body,
                message="413: that is more than a letter's details\n",
            ),
        ],
        lifespan=lifespan,
    )
    app.state.config, app.state.pool, app.state.page = config, pool, form
    app.state.signer = security.Signer(config.secret, 2 * 3600)
    app.state.limit = security.RateLimit(config.rate)
    return app


def from_environment() -> Starlette:
    """The app for `uvicorn --factory`, one per worker: settings from the environment."""
    config = PublicConfig(
        Path(os.environ[CAMPAIGN_ENV]),
        os.environ.get(SECRET_ENV) or security.new_secret(),
        int(os.environ.get(RATE_ENV, "10")),
    )
    jobs = int(os.environ.get(JOBS_ENV, "1"))
    return create_public_app(config, RenderPool(jobs, WAITING * jobs), own_pool=True)


class Quiet:
    """An unexpected error becomes a plain 500, logged by its kind only: never what was typed."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self.app(scope, receive, send)
        except Exception as error:
            log.error("internal error answering a request: %s", type(error).__name__)
            await PlainTextResponse("500: something went wrong; please try again\n", 500)(
                scope, receive, send
            )


def names(page: Page) -> dict[str, rows.Field]:
    """The form's input names (field-1, field-2, ...) and their fields."""
    return {f"field-{number}": item for number, item in enumerate(page.fields, start=1)}


def render(request: Request, status: int = 200, values: Mapping[str, str] | None = None,
           problems: Mapping[str, str] | None = None, message: str = "",
           headers: dict[str, str] | None = None) -> Response:  # fmt: skip
    """The form, filled with what the supporter typed (sent back, never kept)."""
    page: Page = request.app.state.page
    return pages.page(
        "public.html", status, headers, page=page, names=names(page), values=values or {},
        problems=problems or {}, message=message, csrf=request.app.state.signer.issue(),
    )  # fmt: skip


async def show(request: Request) -> Response:
    return render(request)


async def letter(request: Request) -> Response:
    """The supporter's letter as a PDF, the recipient looked up, or the form with its problems."""
    wait = request.app.state.limit.retry_after(request.client.host if request.client else "")
    if wait:
        message = f"Too many letters from here in a minute: try again in {wait} seconds."
        return render(request, 429, message=message, headers={"retry-after": str(wait)})
    form = await request.form(max_files=0, max_fields=64, max_part_size=MAX_BODY)
    page: Page = request.app.state.page
    values = {name: str(form.get(name, "")) for name in names(page)}
    if not security.csrf_ok(request, form, request.app.state.signer):
        message = "This form has expired. Your details are below: send them again."
        return render(request, 403, values, message=message)
    if form.get("action") == "lookup" and page.lookup:
        return await _lookup(request, page, values)
    by_label = {names(page)[name].label: value for name, value in values.items()}
    try:
        pdf = await request.app.state.pool.run(
            previews.one_letter, request.app.state.config.campaign, by_label
        )
    except QueueFull as busy:
        message = f"Many people are writing at once: try again in {busy.retry_after} seconds."
        return render(request, 503, values, message=message,
                      headers={"retry-after": str(busy.retry_after)})  # fmt: skip
    except PrintkitError as error:
        return render(request, 422, values, _beside(page, error))
    link = "data:application/pdf;base64," + base64.b64encode(pdf).decode("ascii")
    return pages.page("public_done.html", 200, page=page, link=link, size=len(pdf) // 1024 + 1)


def _beside(page: Page, error: PrintkitError) -> dict[str, str]:
    """Each problem beside the input it concerns (by the label a reject names)."""
    by_fold = {fold(item.label): name for name, item in names(page).items()}
    shown: dict[str, str] = {}
    for problem in error.problems:
        column = problem.where.field if problem.where else None
        name = by_fold.get(fold(column or ""), "form")
        message = problem.message.replace(f"[{column}] is empty", "this is needed")
        shown[name] = message if name not in shown else f"{shown[name]}; {message}"
    return shown


async def _lookup(request: Request, page: Page, values: dict[str, str]) -> Response:
    """Fill the recipient's name from the postcode, or say why it could not be."""
    by_name = names(page)
    postcode = next((v for n, v in values.items() if fold(by_name[n].label) == "postcode"), "")
    target = next(n for n, item in by_name.items() if item.label == page.recipient)
    try:
        found = await run_in_threadpool(rows.recipient_for, request.app.state.config.campaign,
                                        postcode)  # fmt: skip
    except ServiceError:
        problem = "the look-up service cannot be reached just now: type the name yourself"
        return render(request, 200, values, {target: problem})
    except PrintkitError as error:
        return render(request, 200, values, {target: error.problems[0].message})
    return render(request, 200, {**values, target: found}, message=f"Found: {found}.")
