"""The supporters page: a spreadsheet in, every row's outcome, column matching, the mailing out."""

from __future__ import annotations

import asyncio
import secrets
import time
from typing import Any

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from printkit.api import previews, rows
from printkit.errors import PrintkitError
from printkit.web import pages
from printkit.web.jobs import KINDS, Job, Order
from printkit.web.state import State, Upload, state_of
from printkit.web.workspace import look_of, read_form

KEEP_FINISHED = 15 * 60  # seconds a finished run waits to be downloaded before it is deleted
MEDIA = {".pdf": "application/pdf", ".csv": "text/csv", ".zip": "application/zip"}


async def show(request: Request, status: int = 200, lookup: tuple[str, ...] = ()) -> Response:
    """The supporters page: the upload form, then the rows and what can be made of them."""
    state = state_of(request)
    report = None
    upload = state.upload
    if upload is not None and upload.table is not None:
        report = await state.pool.run(rows.report, state.campaign, upload.table)
    return pages.page(
        "supporters.html",
        status,
        upload=upload,
        problems=[pages.shown(p) for p in (upload.problems if upload else ())],
        report=report,
        shown_problems=[pages.shown(p) for p in (report.problems if report else ())],
        lookup=lookup,
        csrf=state.signer.issue(),
        kinds=KINDS,
        campaign=state.campaign,
        section="supporters",
    )


async def page(request: Request) -> Response:
    return await show(request)


async def _read(state: State, upload: Upload) -> Upload:
    """The upload with its table read (or the problems that stop it being read)."""
    try:
        upload.table = await state.pool.run(
            rows.read_upload, upload.name, upload.data, upload.mapping
        )
        upload.problems = ()
    except PrintkitError as error:
        upload.table, upload.problems = None, error.problems
    state.uploads += 1
    upload.version = state.uploads
    return upload


async def upload(request: Request) -> Response:
    """Take a spreadsheet into memory (never onto disk) and show its rows."""
    state = state_of(request)
    form = await read_form(request)
    try:
        sent = form.get("file")
        if not isinstance(sent, UploadFile) or not sent.filename:
            raise HTTPException(400, "choose a CSV file to upload")
        data = await sent.read()
        name = sent.filename
    finally:
        await form.close()  # the spooled upload is deleted now
    state.upload = await _read(state, Upload(name, data))
    if state.upload.problems:
        return await show(request, 422)
    return RedirectResponse("/supporters", 303)


async def columns(request: Request) -> Response:
    """Use the columns the organiser chose (what `--map` does) and read the rows again."""
    state = state_of(request)
    form = await read_form(request)
    if state.upload is None:
        return RedirectResponse("/supporters", 303)
    prefix = "map."
    chosen = {
        str(key)[len(prefix) :]: str(value)
        for key, value in form.items()
        if str(key).startswith(prefix) and str(value)
    }
    state.upload.mapping = chosen
    await _read(state, state.upload)
    return (
        RedirectResponse("/supporters", 303)
        if not state.upload.problems
        else await show(request, 422)
    )


async def forget(request: Request) -> Response:
    """Drop the spreadsheet from memory."""
    await read_form(request)
    state_of(request).upload = None
    return RedirectResponse("/supporters", 303)


async def lookup(request: Request) -> Response:
    """Fill each row's MP from its postcode; a clear message when the services cannot be reached."""
    state = state_of(request)
    await read_form(request)
    upload = state.upload
    if upload is None:
        return RedirectResponse("/supporters", 303)
    try:
        data, summary = await run_in_threadpool(
            rows.looked_up, state.campaign, upload.name, upload.data, upload.mapping, True
        )
    except PrintkitError as error:
        shown = tuple(pages.shown(p) for p in error.problems)
        return await show(request, 502, ("Nothing was changed.", *shown))
    name = upload.name.rsplit(".", 1)[0] + "-mps.csv"
    state.upload = await _read(state, Upload(name, data, dict(upload.mapping)))
    return await show(request, 200, (summary,))


async def row_letter(request: Request) -> Response:
    """A row's letter: its pages' addresses (JSON), or one page as a PNG."""
    state = state_of(request)
    upload = state.upload
    if upload is None or upload.table is None:
        raise HTTPException(404, "upload a spreadsheet first")
    number, look = request.path_params["number"], look_of(request)
    key = ("row", number, look, upload.version)
    if key not in state.pictures:
        try:
            made = await state.pool.run(
                previews.row_letter, state.campaign, upload.table, number, look
            )
        except PrintkitError as error:
            return JSONResponse({"error": [pages.shown(p) for p in error.problems]}, 422)
        state.remember(key, made)
    made = state.pictures[key]
    page_number = request.path_params.get("page")
    if page_number is None:
        base = request.url.path
        return JSONResponse({"pages": [f"{base}/{n}.png" for n in range(1, made.pages + 1)]})
    if not 1 <= page_number <= made.pages:
        raise HTTPException(404, f"there is no page {page_number}")
    return Response(made.pngs[page_number - 1], media_type="image/png")


async def make(request: Request) -> Response:
    """Start a run for the letters, labels, envelopes, rejects or manifest (or all, zipped).

    From the page's script: the run's address at once, to follow its progress. From a
    plain form: the file itself, once it is made.
    """
    state = state_of(request)
    form = await read_form(request)
    kind = str(form.get("kind", ""))
    if kind not in KINDS:
        raise HTTPException(400, f"choose one of {', '.join(KINDS)}")
    if state.upload is None or state.upload.table is None:
        raise HTTPException(409, "upload a spreadsheet that can be read first")
    _sweep(state)
    ident = secrets.token_urlsafe(8)
    order = Order(kind, state.campaign, state.upload.name, state.upload.data,
                  dict(state.upload.mapping), state.temp / f"job-{ident}")  # fmt: skip
    state.jobs[ident] = Job.start(order)
    if "json" in request.headers.get("accept", ""):
        return JSONResponse({"job": ident, "status": f"/jobs/{ident}"}, 202)
    job = state.jobs[ident]
    while job.poll().state == "running":
        await asyncio.sleep(0.2)
    return _outcome(state, ident)


def _sweep(state: State) -> None:
    """Delete finished runs nobody came back for."""
    now = time.monotonic()
    for ident, job in list(state.jobs.items()):
        if job.state != "running" and now - job.ended > KEEP_FINISHED:
            state.jobs.pop(ident).remove()


def _job(request: Request) -> tuple[State, str, Job]:
    state = state_of(request)
    ident = request.path_params["ident"]
    if ident not in state.jobs:
        raise HTTPException(404, "there is no such run (finished runs are kept 15 minutes)")
    return state, ident, state.jobs[ident]


async def job_status(request: Request) -> Response:
    """How far a run has got; when done, where its file is."""
    _, ident, job = _job(request)
    status: dict[str, Any] = job.poll().status()
    if job.state == "done":
        status["download"] = f"/jobs/{ident}/file"
    return JSONResponse(status)


async def cancel(request: Request) -> Response:
    """Stop a run; its files are deleted."""
    await read_form(request)
    state, ident, job = _job(request)
    await run_in_threadpool(job.stop)
    state.jobs.pop(ident).remove()
    return JSONResponse(job.status())


async def download(request: Request) -> Response:
    """A finished run's file; the run's folder is deleted once it has been sent."""
    state, ident, _ = _job(request)
    return _outcome(state, ident)


def _outcome(state: State, ident: str) -> Response:
    job = state.jobs[ident]
    if job.state != "done":
        state.jobs.pop(ident).remove()
        message = "; ".join(job.problems) or f"the run was {job.state}"
        return pages.page("failed.html", 422, message=message, section="supporters",
                          problems=job.problems)  # fmt: skip
    path = job.order.folder / job.file
    cleanup = BackgroundTask(lambda: state.jobs.pop(ident, job).remove())
    media = MEDIA.get(path.suffix, "application/octet-stream")
    return FileResponse(path, media_type=media, filename=path.name, background=cleanup)


ROUTES = [
    Route("/supporters", page),
    Route("/supporters/upload", upload, methods=["POST"]),
    Route("/supporters/columns", columns, methods=["POST"]),
    Route("/supporters/forget", forget, methods=["POST"]),
    Route("/supporters/lookup", lookup, methods=["POST"]),
    Route("/supporters/make", make, methods=["POST"]),
    Route("/supporters/rows/{number:int}", row_letter),
    Route("/supporters/rows/{number:int}/{page:int}.png", row_letter),
    Route("/jobs/{ident}", job_status),
    Route("/jobs/{ident}/cancel", cancel, methods=["POST"]),
    Route("/jobs/{ident}/file", download),
]
