"""Running the pages with uvicorn: a socket bound first, the address printed, clean shutdown."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import threading
import webbrowser
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

import uvicorn

from printkit import api
from printkit.errors import OutputError, Problem
from printkit.web import public, security
from printkit.web.app import create_app
from printkit.web.rendering import RenderPool
from printkit.web.state import Config

LOCALHOST = "127.0.0.1"
FIRST_PORT = 8750  # the workspace's port unless --port says otherwise, or the next free one
PORTS_TRIED = 20
LOCAL_WAITING = 64  # the organiser's page asks for every product's proof at once


class Server(uvicorn.Server):
    """uvicorn's server, also shutting down cleanly on SIGHUP (a closed terminal).

    After a signal it shuts down and returns, rather than raising the signal again, so the
    process exits normally and its temporary files are removed.
    """

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        super().handle_exit(sig, frame)
        captured = getattr(self, "_captured_signals", None)
        if isinstance(captured, list):
            captured.clear()

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGHUP, self.handle_exit) if main else None
        try:
            with super().capture_signals():
                yield
        finally:
            if main:
                signal.signal(signal.SIGHUP, previous)


def bind(host: str, port: int | None) -> socket.socket:
    """A listening socket on `port`, or on the first free port from FIRST_PORT when None."""
    ports = [port] if port is not None else range(FIRST_PORT, FIRST_PORT + PORTS_TRIED)
    for candidate in ports:
        sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, candidate))
        except OSError as error:
            sock.close()
            reason = error.strerror
            continue
        sock.listen(128)
        return sock
    shown = str(port) if port is not None else f"{FIRST_PORT}-{FIRST_PORT + PORTS_TRIED - 1}"
    raise OutputError(
        Problem(f"cannot listen on {host} port {shown}: {reason}",
                hint="another program is using it: choose another with --port N")
    )  # fmt: skip


def local(campaign: Path | None, port: int | None, open_browser: bool, jobs: int,
          say: Callable[[str], None]) -> None:  # fmt: skip
    """The organiser's workspace on 127.0.0.1, until Ctrl-C."""
    sock = bind(LOCALHOST, port)
    actual = sock.getsockname()[1]
    config = Config(campaign, port=actual)
    app = create_app(config, RenderPool(jobs, LOCAL_WAITING), own_pool=True)
    url = f"http://{LOCALHOST}:{actual}/?token={config.token}"
    name = str(campaign) if campaign else "the example campaign"
    say(f"printkit: the workspace for {name} is at\n\n    {url}\n\nPress Ctrl-C to stop.")
    server = Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
    if open_browser:
        threading.Timer(1.0, webbrowser.open, (url,)).start()
    server.run(sockets=[sock])


def supporters(campaign: Path, host: str, port: int | None, workers: int, jobs: int, rate: int,
               say: Callable[[str], None]) -> None:  # fmt: skip
    """The supporter page, on `host`, with `workers` uvicorn processes, until stopped."""
    api.load(campaign)  # a campaign with problems stops here, with every problem shown
    os.environ.setdefault(public.SECRET_ENV, security.new_secret())  # shared by the workers
    os.environ[public.CAMPAIGN_ENV] = str(campaign.resolve())
    os.environ[public.RATE_ENV], os.environ[public.JOBS_ENV] = str(rate), str(jobs)
    sock = bind(host, port if port is not None else 8000)
    actual = sock.getsockname()[1]
    say(f"printkit: the supporter page for {campaign} is at http://{host}:{actual}/"
        f" ({workers} worker{'s' if workers != 1 else ''}). Press Ctrl-C to stop.")  # fmt: skip
    settings = {"log_level": "warning", "access_log": False, "lifespan": "on"}
    if workers == 1:
        Server(uvicorn.Config(public.from_environment(), **settings)).run(sockets=[sock])  # type: ignore[arg-type]
        return
    config = uvicorn.Config("printkit.web.public:from_environment", factory=True, workers=workers,
                            **settings)  # type: ignore[arg-type]  # fmt: skip
    from uvicorn.supervisors import Multiprocess

    Multiprocess(config, sockets=[sock]).run()
