"""What the organiser's workspace holds while it runs; nothing of it outlives the server."""

from __future__ import annotations

import collections
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.requests import Request

from printkit.api import previews
from printkit.web import security
from printkit.web.jobs import Job
from printkit.web.rendering import RenderPool

MAX_UPLOAD = 20 * 1024 * 1024  # bytes: a spreadsheet of 100,000 supporters is about 10 MB
KEEP_DRAFTS = 6  # draft folders kept for the proofs still being fetched
KEEP_PICTURES = 64


@dataclass(frozen=True)
class Config:
    """How the workspace runs: the campaign, its secrets and its limits."""

    campaign: Path | None  # None: the example campaign
    token: str = field(default_factory=security.new_secret)
    secret: str = field(default_factory=security.new_secret)
    port: int = 0  # only names the cookie, so that two servers on one machine keep apart
    max_upload: int = MAX_UPLOAD


@dataclass
class Upload:
    """The spreadsheet the organiser uploaded, held in memory only, and its column choices."""

    name: str
    data: bytes
    mapping: dict[str, str] = field(default_factory=dict)
    version: int = 0
    table: Any = None  # the spreadsheet as read with `mapping`; None when it cannot be read
    problems: tuple[Any, ...] = ()


@dataclass
class State:
    """The campaign, the spreadsheet, drafts, pictures and runs of one workspace."""

    config: Config
    pool: RenderPool
    temp: Path
    signer: security.Signer
    campaign: Path | None
    upload: Upload | None = None
    drafts: collections.OrderedDict[str, Path] = field(default_factory=collections.OrderedDict)
    pictures: collections.OrderedDict[tuple[Any, ...], previews.Picture] = field(
        default_factory=collections.OrderedDict
    )
    jobs: dict[str, Job] = field(default_factory=dict)
    uploads: int = 0

    def remember(self, key: tuple[Any, ...], picture: previews.Picture) -> None:
        self.pictures[key] = picture
        while len(self.pictures) > KEEP_PICTURES:
            self.pictures.popitem(last=False)

    def close(self) -> None:
        """End every run and delete every temporary file."""
        for job in self.jobs.values():
            job.remove()
        shutil.rmtree(self.temp, ignore_errors=True)


def state_of(request: Request) -> State:
    """The workspace a request belongs to."""
    state: State = request.app.state.workspace
    return state
