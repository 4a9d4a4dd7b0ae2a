"""The sign-up sheet: columns to write in, unticked consent boxes, the data-protection notice."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from conftest import PdfView

from printkit import api, paper
from printkit.errors import CampaignError

CAMPAIGN = """\
title: Save Elm Road Library
organisation: {name: Friends of Elm Road Library, email: friends@example.org}
signup:
  channels: [email, text, post]
  privacy_url: https://example.org/privacy
  purpose: to tell you about meetings and the council's decision
letter: {text: letter.md}
"""


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> PdfView:
    from conftest import write_campaign

    folder = write_campaign(tmp_path_factory.mktemp("signup") / "c", CAMPAIGN, "Dear [MP name],\n")
    outcome = api.signup(folder, folder / "signup.pdf")
    assert not outcome.warnings, outcome.warnings
    return PdfView((folder / "signup.pdf").read_bytes())


def tick_boxes(view: PdfView) -> list[dict[str, float]]:
    side = paper.SIGNUP_SHEET.box
    return [
        d
        for d in view.drawings()
        if abs(d["x1"] - d["x0"] - side) < 0.5 and abs(d["bottom"] - d["top"] - side) < 0.5
    ]


def test_one_a4_landscape_page(sheet: PdfView) -> None:
    assert len(sheet.pages) == 1
    assert sheet.size_mm() == (297.0, 210.0)


def test_heading_and_columns(sheet: PdfView) -> None:
    text = sheet.text()
    assert "Sign up: Save Elm Road Library" in text
    for column in ("Name", "Email", "Postcode", "Mobile", "Address"):
        assert column in text
    for channel in ("Email me", "Text me", "Post to me"):
        assert channel in text


def test_a_consent_box_per_channel_per_row_all_unticked(sheet: PdfView) -> None:
    boxes = tick_boxes(sheet)
    assert len(boxes) == 3 * paper.SIGNUP_SHEET.rows
    for box in boxes:  # nothing written or drawn inside a box
        inside = [
            c
            for c in sheet.pages[0].chars
            if box["x0"] * 72 / 25.4 < c["x0"] < box["x1"] * 72 / 25.4
            and box["top"] * 72 / 25.4 < c["top"] < box["bottom"] * 72 / 25.4
        ]
        assert not inside
    assert not set("✓✔☑☒✗") & set(sheet.text())


def test_rows_are_tall_enough_to_write_in(sheet: PdfView) -> None:
    tops = sorted({round(b["top"], 1) for b in tick_boxes(sheet)})
    gaps = [b - a for a, b in itertools.pairwise(tops)]
    assert len(tops) == paper.SIGNUP_SHEET.rows
    assert min(gaps) >= 10


def test_notice_says_who_what_for_how_to_withdraw_and_where(sheet: PdfView) -> None:
    notice = sheet.flat_text()
    assert "Friends of Elm Road Library collects these details to tell you about meetings" in notice
    assert "withdraw your consent at any time: email friends@example.org" in notice
    assert "example.org/privacy" in notice


def test_missing_notice_details_leave_lines_and_warn(tmp_path: Path, make_campaign) -> None:
    folder = make_campaign("title: T\nletter: {text: letter.md}\n", "Dear [MP name],\n")
    outcome = api.signup(folder, tmp_path / "s.pdf")
    assert len(outcome.warnings) == 3
    assert any("organisation.name" in w for w in map(str, outcome.warnings))
    text = PdfView((tmp_path / "s.pdf").read_bytes()).text()
    assert "who collects these details" in text and "where our privacy notice is" in text


def test_unknown_channel_is_an_error_with_its_line(make_campaign) -> None:
    folder = make_campaign(
        "title: T\nsignup:\n  channels: [email, fax]\nletter: {text: letter.md}\n",
        "Dear [MP name],\n",
    )
    with pytest.raises(CampaignError) as caught:
        api.signup(folder)
    problem = caught.value.problems[0]
    assert "unknown channel 'fax'" in problem.message and problem.where.line == 3
