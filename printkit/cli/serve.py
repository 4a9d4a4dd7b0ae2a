"""`printkit serve`: the organiser's workspace in a browser, or the supporter page."""

from __future__ import annotations

from pathlib import Path

import click

from printkit.cli.base import main
from printkit.cli.options import CAMPAIGN


@main.command()
@CAMPAIGN
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    help="The port (default: 8750 or the next free one; 8000 with --public).",
)
@click.option(
    "--public", is_flag=True, help="Only the supporter page: one form in, that person's letter out."
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="With --public: the address to listen on (0.0.0.0 behind a load balancer).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="With --public: web server processes.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="Processes rendering PDFs (default: all cores; with --public, 1 a worker).",
)
@click.option(
    "--rate",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="With --public: letters a minute from one address (0: no limit).",
)
def serve(campaign: Path | None, open_browser: bool, port: int | None, public: bool, host: str,
          workers: int, jobs: int | None, rate: int) -> None:  # fmt: skip
    """The whole kit in a web browser: the campaign as a form with live proofs, and letters
    from a spreadsheet. Only this computer can open it (127.0.0.1, with a secret token).

    With --public, the supporter page instead: a form where a supporter types their details
    and gets their own letter as a PDF. Nothing they type is kept.
    """
    from printkit.render.pool import default_jobs
    from printkit.web import server

    if public and campaign is None:
        raise click.UsageError("--public needs the CAMPAIGN folder to serve")
    if not public and (host != "127.0.0.1" or workers != 1):
        raise click.UsageError("--host and --workers go with --public: the workspace is local")
    if public:
        server.supporters(campaign, host, port, workers, jobs or 1, rate, click.echo)  # type: ignore[arg-type]
    else:
        server.local(campaign, port, open_browser, jobs or default_jobs(), click.echo)
