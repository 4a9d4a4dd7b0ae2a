"""What keeps the pages safe: the URL token, CSRF tokens, strict headers, size and rate limits."""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from starlette.datastructures import URL
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",  # the token in the URL never leaves in a Referer
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cache-control": "no-store",  # supporters' details and letters stay out of caches
}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"


def new_secret() -> str:
    """A random secret, for the URL token or for signing forms."""
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class Signer:
    """CSRF tokens: a time, signed with the server's secret, valid for `max_age` seconds.

    Nothing is stored, so any worker that shares the secret accepts a form another made.
    """

    secret: str
    max_age: float = 4 * 3600

    def issue(self, now: float | None = None) -> str:
        stamp = str(int(time.time() if now is None else now))
        return f"{stamp}.{self._sign(stamp)}"

    def valid(self, token: str | None, now: float | None = None) -> bool:
        stamp, _, signature = (token or "").partition(".")
        if not stamp.isdigit() or not hmac.compare_digest(signature, self._sign(stamp)):
            return False
        age = (time.time() if now is None else now) - int(stamp)
        return -60 <= age <= self.max_age

    def _sign(self, stamp: str) -> str:
        return hmac.new(self.secret.encode(), stamp.encode(), hashlib.sha256).hexdigest()[:32]


def csrf_ok(request: Request, form: Mapping[str, object], signer: Signer) -> bool:
    """Whether a request that changes something carries a valid CSRF token (header or field)."""
    if request.method in SAFE_METHODS:
        return True
    token = request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD)
    return signer.valid(token if isinstance(token, str) else None)


class TokenGate:
    """Every route answers 403 without the server's token: in the URL once, then a cookie."""

    def __init__(self, app: ASGIApp, token: str, cookie: str) -> None:
        self.app, self.token, self.cookie = app, token, cookie

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        given = request.query_params.get("token")
        if given is not None and hmac.compare_digest(given, self.token):
            clean = URL(scope=scope).remove_query_params("token")
            response: Response = RedirectResponse(str(clean.replace(scheme="", netloc="")), 303)
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="strict")
            await response(scope, receive, send)
            return
        cookie = request.cookies.get(self.cookie, "")
        if not hmac.compare_digest(cookie, self.token):
            forbidden = "403: open the address printkit serve printed, with its ?token=...\n"
            await PlainTextResponse(forbidden, 403)(scope, receive, send)
            return
        await self.app(scope, receive, send)


class Headers:
    """Strict security headers on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {name.lower() for name, _ in message.get("headers", [])}
                extra = [
                    (k.encode(), v.encode()) for k, v in HEADERS.items() if k.encode() not in have
                ]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


class TooLarge(Exception):
    """Raised when a request's body is larger than the limit."""


class BodyLimit:
    """A request body over `limit` bytes gets 413, whether its length is declared or streamed."""

    def __init__(self, app: ASGIApp, limit: int, message: str) -> None:
        self.app, self.limit, self.message = app, limit, message

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, receive, send)
            return
        seen = 0

        async def counting() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise TooLarge
            return message

        started = False

        async def watching(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting, watching)
        except TooLarge:
            if not started:
                await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        await PlainTextResponse(self.message, 413)(scope, receive, send)


@dataclass
class RateLimit:
    """At most `per_minute` requests from one client a minute (0: no limit), kept in memory.

    Clients are counted by a salted hash of their address, forgotten after a minute.
    """

    per_minute: int
    salt: bytes = field(default_factory=lambda: secrets.token_bytes(16))
    seen: dict[bytes, list[float]] = field(default_factory=dict)

    def retry_after(self, client: str, now: float | None = None) -> int:
        """0 when `client` may go on (and counts this request), else seconds to wait."""
        if self.per_minute <= 0:
            return 0
        now = time.monotonic() if now is None else now
        if len(self.seen) > 10_000:
            self._forget(now)
        key = hashlib.blake2b(client.encode(), key=self.salt, digest_size=16).digest()
        recent = [t for t in self.seen.get(key, []) if now - t < 60]
        if len(recent) >= self.per_minute:
            self.seen[key] = recent
            return max(1, math.ceil(60 - (now - recent[0])))
        self.seen[key] = [*recent, now]
        return 0

    def _forget(self, now: float) -> None:
        self.seen = {k: v for k, v in self.seen.items() if v and now - v[-1] < 60}
