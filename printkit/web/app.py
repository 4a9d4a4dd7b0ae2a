"""The organiser's workspace: one campaign, its proofs and a spreadsheet, for one person locally."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from printkit.web import pages, security, supporters, workspace
from printkit.web.rendering import QueueFull, RenderPool
from printkit.web.state import Config, State


def create_app(config: Config, pool: RenderPool, own_pool: bool = False) -> Starlette:
    """The workspace as an ASGI app; with `own_pool`, the pool is closed when the app stops."""
    temp = Path(tempfile.mkdtemp(prefix="printkit-serve-"))
    campaign = config.campaign.resolve() if config.campaign else None  # workers have their own cwd
    state = State(config, pool, temp, security.Signer(config.secret, 24 * 3600), campaign)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            state.close()
            if own_pool:
                pool.close()

    too_large = f"413: the upload is larger than {config.max_upload // (1024 * 1024) or 1} MB\n"
    app = Starlette(
        routes=[
            *workspace.ROUTES,
            *supporters.ROUTES,
            Mount("/static", StaticFiles(directory=pages.folder("static")), name="static"),
        ],
        middleware=[
            Middleware(security.Headers),
            Middleware(security.TokenGate, token=config.token, cookie=f"printkit-{config.port}"),
            Middleware(security.BodyLimit, limit=config.max_upload, message=too_large),
        ],
        exception_handlers={QueueFull: busy},
        lifespan=lifespan,
    )
    app.state.workspace = state
    return app


async def busy(request: Request, error: Exception) -> Response:
    """503 with Retry-After when the render queue is full."""
    assert isinstance(error, QueueFull)
    headers = {"retry-after": str(error.retry_after)}
    message = f"printkit is busy: try again in {error.retry_after} seconds"
    if "json" in request.headers.get("accept", ""):
        return JSONResponse({"error": message}, 503, headers=headers)
    return pages.page("busy.html", 503, headers, message=message)
