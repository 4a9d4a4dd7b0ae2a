"""The campaign page: the campaign as a form, its problems by field, live proofs, saving."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from printkit import api
from printkit.api import drafts, previews
from printkit.errors import PrintkitError, Problem
from printkit.profiles import DEFAULT_PROFILE, PROFILES, Look
from printkit.web import forms, pages, security
from printkit.web.state import KEEP_DRAFTS, State, state_of

SAVED = "saved"  # the draft id of the campaign as saved on disk


async def read_form(request: Request) -> FormData:
    """The request's form, after its CSRF token is checked (403 when it is missing or wrong)."""
    form = await request.form()
    if not security.csrf_ok(request, form, state_of(request).signer):
        raise HTTPException(403, "the form has expired or did not come from this page: reload it")
    return form


def source_of(form: Mapping[str, Any]) -> tuple[drafts.Source, dict[str, str]]:
    """The campaign the form describes, and the fields whose YAML could not be read."""
    values, problems = forms.values_from({k: str(v) for k, v in form.items()})
    letter = str(form.get(forms.LETTER, "")).replace("\r\n", "\n")
    return drafts.Source(values, letter, str(form.get(forms.LETTER_FILE, ""))), problems


def beside(key: str, problem: Problem) -> str:
    """A problem as shown beside its field: what is wrong and what to do, not where."""
    text = problem.message.removeprefix(f"{key}: ")
    return f"{text} ({problem.hint})" if problem.hint else text


def by_field(found: drafts.FieldProblems, extra: Mapping[str, str]) -> dict[str, list[str]]:
    """Each field's problems as the page shows them."""
    shown = {key: [beside(key, p) for p in problems] for key, problems in found.by_key.items()}
    for key, message in extra.items():
        shown.setdefault(key, []).append(message)
    return shown


async def home(request: Request) -> Response:
    """The campaign as a form, with every problem beside its field."""
    state = state_of(request)
    source = await state.pool.run(drafts.read_source, state.campaign)
    found = await state.pool.run(drafts.field_problems, state.campaign)
    return await _page(request, state, source, found, {}, 200)


async def _page(
    request: Request,
    state: State,
    source: drafts.Source,
    found: drafts.FieldProblems,
    extra: Mapping[str, str],
    status: int,
    message: str = "",
) -> Response:
    languages = await state.pool.run(drafts.languages, state.campaign)
    general = [pages.shown(p) for p in (*source.problems, *found.general)]
    return pages.page(
        "workspace.html",
        status,
        fields=forms.campaign_form(source.values, source.letter),
        letter_file=source.letter_file,
        problems=by_field(found, extra),
        general=general,
        csrf=state.signer.issue(),
        campaign=state.campaign,
        example=drafts.is_example(state.campaign),
        kinds={key: kind.title for key, kind in previews.KINDS.items()},
        profiles={name: profile.guidance for name, profile in PROFILES.items()},
        languages=languages,
        saved="saved" in request.query_params,
        message=message,
        section="campaign",
    )


async def draft(request: Request) -> Response:
    """Check the form as it stands, in a draft folder of its own: the problems by field."""
    state = state_of(request)
    source, extra = source_of(await read_form(request))
    ident = hashlib.sha256(
        repr((sorted(source.values.items()), source.letter, source.letter_file)).encode()
    ).hexdigest()[:16]
    folder = state.temp / f"draft-{ident}"
    try:
        if ident not in state.drafts:
            shutil.rmtree(folder, ignore_errors=True)
            state.drafts[ident] = folder
            _forget_old_drafts(state)
        found = await state.pool.run(drafts.draft, state.campaign, source, folder)
    except PrintkitError as error:
        found = drafts.FieldProblems(general=error.problems)
    shown = by_field(found, extra)
    general = [pages.shown(p) for p in found.general]
    return JSONResponse({"draft": ident, "problems": shown, "general": general,
                         "count": found.count + len(extra)})  # fmt: skip


def _forget_old_drafts(state: State) -> None:
    while len(state.drafts) > KEEP_DRAFTS:
        _, folder = state.drafts.popitem(last=False)
        shutil.rmtree(folder, ignore_errors=True)


def _location(state: State, ident: str) -> Path | None:
    if ident == SAVED:
        return state.campaign
    if ident not in state.drafts:
        raise HTTPException(404, "this proof is out of date: reload the page")
    return state.drafts[ident]


def look_of(request: Request) -> Look:
    """The profile and language the page asks for."""
    profile = request.query_params.get("profile") or DEFAULT_PROFILE
    lang = request.query_params.get("lang") or None
    if profile not in PROFILES or (lang is not None and not lang.replace("-", "").isalnum()):
        raise HTTPException(400, "unknown profile or language")
    return Look(profile, lang)


async def picture(request: Request) -> previews.Picture:
    """The proof a request names, rendered once and kept for its pages and PDF."""
    state = state_of(request)
    ident, kind = request.path_params["draft"], request.path_params["kind"]
    if kind not in previews.KINDS:
        raise HTTPException(404, f"there is no product {kind!r}")
    look = look_of(request)
    mail = kind in ("labels", "envelopes") and state.upload is not None
    upload = state.upload if mail else None
    key = (ident, kind, look, upload.version if upload else -1)
    if key not in state.pictures:
        table = upload.table if upload else None
        location = _location(state, ident)
        made = await state.pool.run(previews.product, location, kind, look, table)
        state.remember(key, made)
    return state.pictures[key]


async def proof(request: Request) -> Response:
    """A product's proof: how many pages, where their pictures and the PDF are, its warnings."""
    try:
        made = await picture(request)
    except PrintkitError as error:
        return JSONResponse({"error": [pages.shown(p) for p in error.problems]})
    base = request.url.path
    query = f"?{request.url.query}" if request.url.query else ""
    return JSONResponse({
        "pages": [f"{base}/{n}.png{query}" for n in range(1, made.pages + 1)],
        "pdf": f"{base}.pdf{query}",
        "warnings": [pages.shown(p) for p in made.warnings],
    })  # fmt: skip


async def proof_page(request: Request) -> Response:
    """One page of a proof as a PNG."""
    made = await _made(request)
    number = request.path_params["page"]
    if not 1 <= number <= made.pages:
        raise HTTPException(404, f"there is no page {number}")
    return Response(made.pngs[number - 1], media_type="image/png")


async def proof_pdf(request: Request) -> Response:
    """A proof as the PDF it is, to download."""
    made = await _made(request)
    name = f"{request.path_params['kind']}-proof.pdf"
    headers = {"content-disposition": f'attachment; filename="{name}"'}
    return Response(made.pdf, media_type="application/pdf", headers=headers)


async def _made(request: Request) -> previews.Picture:
    try:
        return await picture(request)
    except PrintkitError as error:
        raise HTTPException(422, "; ".join(pages.shown(p) for p in error.problems)) from None


async def save(request: Request) -> Response:
    """Save the form as the campaign, once the same checks as `printkit check` pass."""
    state = state_of(request)
    form = await read_form(request)
    source, extra = source_of(form)
    target = _target(state, str(form.get("folder", "")).strip())
    check = state.temp / "saving"
    shutil.rmtree(check, ignore_errors=True)
    found = await state.pool.run(drafts.draft, state.campaign, source, check)
    shutil.rmtree(check, ignore_errors=True)
    if isinstance(target, Problem):
        extra = {**extra, "folder": target.message}
    if found.count or extra:
        message = "Not saved: put right the problems shown beside the fields, then save again."
        return await _page(request, state, source, found, extra, 422, message)
    try:
        await state.pool.run(drafts.save, target, source)
    except PrintkitError as error:
        failed = drafts.FieldProblems(general=error.problems)
        return await _page(request, state, source, failed, {}, 422, "Not saved.")
    state.campaign = target if isinstance(target, Path) else state.campaign
    state.pictures.clear()
    return RedirectResponse("/?saved=1", 303)


def _target(state: State, folder: str) -> Path | Problem:
    """Where a save goes: the campaign being edited, or a new folder for the example."""
    if not drafts.is_example(state.campaign):
        assert state.campaign is not None
        return state.campaign
    if not folder:
        return Problem("the example cannot be changed: name a new folder for your campaign")
    return Path(folder).expanduser().resolve()


async def new(request: Request) -> Response:
    """A new campaign folder, copied from the example, becomes the one being edited."""
    state = state_of(request)
    folder = str((await read_form(request)).get("folder", "")).strip()
    if not folder:
        raise HTTPException(400, "name the folder for the new campaign")
    target = Path(folder).expanduser().resolve()  # the render processes have their own cwd
    try:
        await state.pool.run(api.init, target)
    except PrintkitError as error:
        raise HTTPException(422, "; ".join(pages.shown(p) for p in error.problems)) from None
    state.campaign = target
    state.pictures.clear()
    return RedirectResponse("/", 303)


ROUTES = [
    Route("/", home),
    Route("/draft", draft, methods=["POST"]),
    Route("/save", save, methods=["POST"]),
    Route("/new", new, methods=["POST"]),
    Route("/proofs/{draft}/{kind}.pdf", proof_pdf),
    Route("/proofs/{draft}/{kind}/{page:int}.png", proof_page),
    Route("/proofs/{draft}/{kind}", proof),
]
