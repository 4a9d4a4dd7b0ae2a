"""The one place printkit talks to the network: JSON over HTTP, with timeout, retries and cache."""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import platformdirs

from printkit.errors import Problem, ServiceError

DEFAULT_TIMEOUT = 10.0  # seconds for one request
DEFAULT_ATTEMPTS = 3  # tries of one request before giving up
DEFAULT_BACKOFF = 1.0  # seconds before the second try; doubled for each try after it
MAX_WAIT = 30.0  # the longest printkit waits before a retry, whatever a service asks
CACHE_MAX_AGE = 7 * 24 * 3600.0  # seconds a cached answer is used: MPs change, postcodes too
CACHE_ENV = "PRINTKIT_CACHE_DIR"
ANSWERS = frozenset({200, 404})  # statuses that are answers (404: no such postcode), not failures
_RETRY = frozenset({408, 425, 429, 500, 502, 503, 504})
_AGAIN = "check the internet connection, or try again in a few minutes"


def user_agent() -> str:
    """The User-Agent printkit sends: its name, version and what it is for."""
    try:
        version = metadata.version("printkit")
    except metadata.PackageNotFoundError:
        version = "dev"
    return f"printkit/{version} (campaign letter printing; looks up MPs from postcodes)"


@dataclass(frozen=True)
class Response:
    """A service's answer: the HTTP status (200 or 404) and the JSON it sent."""

    status: int
    data: Any


@dataclass(frozen=True)
class Cache:
    """Answers kept on disk, one JSON file per request, used until they are `max_age` old."""

    folder: Path
    max_age: float = CACHE_MAX_AGE

    def get(self, key: str) -> Response | None:
        """The cached answer for `key`, or None when there is none or it has expired."""
        path = self._path(key)
        try:
            if time.time() - path.stat().st_mtime > self.max_age:
                return None
            stored = json.loads(path.read_text(encoding="utf-8"))
            return Response(int(stored["status"]), stored["data"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or damaged: ask the service again

    def put(self, key: str, response: Response) -> None:
        """Keep an answer; a cache that cannot be written is skipped, never an error."""
        path = self._path(key)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
        text = json.dumps({"status": response.status, "data": response.data})
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(text, encoding="utf-8")
            os.replace(temporary, path)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()

    def _path(self, key: str) -> Path:
        return self.folder / f"{hashlib.sha256(key.encode()).hexdigest()}.json"


def default_cache() -> Cache:
    """The cache in the user's cache folder (or `PRINTKIT_CACHE_DIR` when set)."""
    folder = os.environ.get(CACHE_ENV) or platformdirs.user_cache_dir("printkit")
    return Cache(Path(folder) / "lookup")


@dataclass(frozen=True)
class Client:
    """JSON requests to one service, with a timeout, retries with back-off and a cache."""

    name: str  # the service as users know it, for messages: "postcodes.io"
    base_url: str
    timeout: float = DEFAULT_TIMEOUT
    attempts: int = DEFAULT_ATTEMPTS
    backoff: float = DEFAULT_BACKOFF
    cache: Cache | None = None
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)

    def __post_init__(self) -> None:
        scheme = urllib.parse.urlsplit(self.base_url).scheme
        if scheme not in ("http", "https"):
            raise ServiceError(
                Problem(
                    f"the address of {self.name} must start with https:// (got {self.base_url!r})",
                    hint="check the PRINTKIT_..._URL environment variables",
                )
            )

    def get(self, path: str, params: Mapping[str, str] | None = None) -> Response:
        """GET `path` (below the base URL) with a query string; 200 and 404 are answers."""
        url = self._url(path)
        if params:
            url += "?" + urllib.parse.urlencode(params)
        return self._cached("GET", url, None)

    def post(self, path: str, payload: Any) -> Response:
        """POST `payload` as JSON to `path`; 200 and 404 are answers."""
        body = json.dumps(payload, sort_keys=True).encode("utf-8")
        return self._cached("POST", self._url(path), body)

    def _url(self, path: str) -> str:
        return self.base_url.rstrip("/") + "/" + path.lstrip("/")

    def _cached(self, method: str, url: str, body: bytes | None) -> Response:
        """The cached answer, or a fresh one that is then cached."""
        key = f"{method} {url}\n{(body or b'').decode('utf-8')}"
        if self.cache and (hit := self.cache.get(key)) is not None:
            return hit
        response = self._with_retries(method, url, body)
        if self.cache:
            self.cache.put(key, response)
        return response

    def _with_retries(self, method: str, url: str, body: bytes | None) -> Response:
        """Send until an answer comes, waiting longer after each failure; ServiceError at last."""
        tries = max(1, self.attempts)
        for attempt in range(1, tries + 1):
            try:
                return self._send(method, url, body)
            except _Retry as failure:
                if attempt == tries:
                    raise ServiceError(self._problem(failure, tries)) from None
                wait = self.backoff * 2 ** (attempt - 1)
                self.sleep(min(MAX_WAIT, max(wait, failure.retry_after or 0.0)))
        raise AssertionError("unreachable")  # pragma: no cover

    def _send(self, method: str, url: str, body: bytes | None) -> Response:
        """One request: an answer, or _Retry for a failure worth another try."""
        headers = {"User-Agent": user_agent(), "Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                return Response(reply.status, self._json(reply.read(), reply.status))
        except urllib.error.HTTPError as error:
            return self._http_error(error)
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise _Retry(_reason(error)) from None
        except http.client.HTTPException as error:
            raise _Retry(f"the connection broke ({type(error).__name__})") from None

    def _http_error(self, error: urllib.error.HTTPError) -> Response:
        """A 404 as an answer; a busy or failing service as _Retry; anything else as an error."""
        with error:
            data = error.read()
        if error.code in ANSWERS:
            return Response(error.code, self._json(data, error.code, strict=False))
        if error.code in _RETRY:
            raise _Retry(
                f"it answered HTTP {error.code}", _retry_after(error.headers.get("Retry-After"))
            )
        raise ServiceError(
            Problem(
                f"{self.name} refused printkit's request: HTTP {error.code} {error.reason}",
                hint="printkit may be out of date with the service: update printkit",
            )
        )

    def _json(self, data: bytes, status: int, *, strict: bool = True) -> Any:
        """The JSON in a reply; a ServiceError when an answer that must be JSON is not."""
        try:
            return json.loads(data.decode("utf-8")) if data.strip() else None
        except (UnicodeDecodeError, ValueError):
            if not strict:
                return None
            raise ServiceError(
                Problem(
                    f"{self.name} sent a reply that is not JSON (HTTP {status})",
                    hint=f"the service may be under maintenance: {_AGAIN}",
                )
            ) from None

    def _problem(self, failure: _Retry, tries: int) -> Problem:
        """What to tell the user when every try failed."""
        host = urllib.parse.urlsplit(self.base_url).netloc
        times = "once" if tries == 1 else f"{tries} times"
        return Problem(
            f"cannot get an answer from {self.name} ({host}): {failure.reason} (tried {times})",
            hint=_AGAIN,
        )


class _Retry(Exception):
    """A failure worth another try: no connection, a timeout, a busy or failing service."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def _reason(error: Exception) -> str:
    """A short, plain reason for a network failure."""
    cause = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(cause, TimeoutError) or "timed out" in str(cause):
        return "it did not answer in time"
    if isinstance(cause, ConnectionRefusedError):
        return "the connection was refused"
    text = getattr(cause, "strerror", None) or str(cause)
    return f"no connection ({text})"


def _retry_after(value: str | None) -> float | None:
    """The seconds a `Retry-After` header asks for, when it gives a number."""
    try:
        return max(0.0, float(value or ""))
    except ValueError:
        return None
