"""Envelopes on paper: page size, the address in the delivery area, return address, order."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
import supporters
from click.testing import CliRunner
from conftest import PdfView, accent_room
from test_labels import clean_rows, label_lines, read_rejects, write_rows

from printkit import api, paper, stationery
from printkit.cli import main
from printkit.errors import PrintkitError

DL = stationery.ENVELOPES["dl"]
C5 = stationery.ENVELOPES["c5"]
SLACK = 0.3  # mm: a glyph box may reach a little past where it is set


def render(tmp_path: Path, rows: list[list[str]], campaign: Path | None = None,
           **options: object) -> tuple[api.Outcome, PdfView]:  # fmt: skip
    data = write_rows(tmp_path / "supporters.csv", rows)
    target = tmp_path / "envelopes.pdf"
    run = api.EnvelopeRun(data, target, **options)  # type: ignore[arg-type]
    return api.envelopes(campaign, run), PdfView(target.read_bytes())


@pytest.fixture(scope="module")
def dl_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[api.Outcome, PdfView]:
    return render(tmp_path_factory.mktemp("dl"), clean_rows(5), return_address=True)


def inside(word: dict, box: paper.Box, slack: float = SLACK) -> bool:
    return (
        box.x - slack <= word["x0"]
        and word["x1"] <= box.x + box.width + slack
        and box.y - slack <= word["top"]
        and word["bottom"] <= box.y + box.height + slack
    )


def overlaps(word: dict, box: paper.Box) -> bool:
    return not (
        word["x1"] <= box.x
        or box.x + box.width <= word["x0"]
        or word["bottom"] <= box.y
        or box.y + box.height <= word["top"]
    )


def test_dl_envelopes_are_220_by_110_landscape_pages_one_per_row(dl_run) -> None:
    outcome, view = dl_run
    assert len(view.pages) == 5
    assert {view.size_mm(i) for i in range(5)} == {(220.0, 110.0)}
    assert outcome.summary == "5 envelopes, 0 rows rejected"


def test_the_address_is_in_the_delivery_area_clear_of_stamp_and_bottom(dl_run) -> None:
    _, view = dl_run
    address = [view.find(t, 3) for t in ("MP3 MP", "House of Commons", "LONDON", "SW1A 0AA")]
    for line in address:
        assert inside(line, DL.delivery), line
        assert not overlaps(line, DL.stamp)
        assert line["bottom"] <= 110 - 15
    assert {round(line["x0"], 1) for line in address} == {DL.delivery.x}  # left-aligned
    assert abs(address[0]["top"] - DL.delivery.y - accent_room(12)) < SLACK
    tops = [line["top"] for line in address]
    assert tops == sorted(tops)  # Royal Mail order: name, address, TOWN, postcode last


def test_every_word_on_every_envelope_is_in_its_area(dl_run) -> None:
    _, view = dl_run
    for page in range(len(view.pages)):
        for word in view.words(page):
            assert inside(word, DL.delivery) or inside(word, DL.sender), word
            assert not overlaps(word, DL.stamp), word


def test_the_return_address_is_small_and_top_left(dl_run) -> None:
    _, view = dl_run
    lines = label_lines(view, DL.sender, page=2)
    assert lines == ["Sam2 Jones", "3 Mill Street", "LEEDS", "LS1 1AB"]
    first = view.find("Sam2 Jones", index=2)
    assert (
        abs(first["x0"] - DL.sender.x) < SLACK
        and abs(first["top"] - DL.sender.y - accent_room(8)) < SLACK
    )
    sizes = {round(c["size"]) for c in view.pdf.pages[2].chars if c["top"] < 40 * 72 / 25.4}
    assert sizes == {8}


def test_no_return_address_unless_asked(tmp_path: Path) -> None:
    _, view = render(tmp_path, clean_rows(1))
    assert label_lines(view, DL.sender) == []
    assert {round(c["size"]) for c in view.pdf.pages[0].chars} == {12}


def test_c5_envelopes(tmp_path: Path) -> None:
    _, view = render(tmp_path, clean_rows(2), size="c5", to="sender")
    assert view.size_mm(1) == (229.0, 162.0)
    assert label_lines(view, C5.delivery, page=1) == ["Sam1 Jones", "2 Mill Street", "LEEDS",
                                                      "LS1 1AB"]  # fmt: skip
    assert view.find("LS1 1AB", index=1)["bottom"] <= 162 - 15


def test_the_campaigns_return_address_for_supporters_envelopes(make_campaign, tmp_path) -> None:
    folder = make_campaign(
        """\
        title: Library
        letter: {text: "Dear [MP name],"}
        envelopes:
          size: c5
          return_address: [Friends of Elm Road Library, 3 Elm Road, SPRINGFIELD, SP1 2AB]
        """
    )
    _, view = render(tmp_path, clean_rows(1), folder, to="sender", return_address=True)
    assert view.size_mm(0) == (229.0, 162.0)
    assert label_lines(view, C5.sender)[0] == "Friends of Elm Road Library"
    with pytest.raises(PrintkitError, match="--return-address with --to sender needs"):
        render(tmp_path, clean_rows(1), None, to="sender", return_address=True)


def test_long_addresses_shrink_then_are_rejected(tmp_path: Path) -> None:
    rows = clean_rows(3)
    rows[1][2] = "Apartment 1204, The Former Yorkshire Post Printing Works"  # 92 mm at 10 pt
    rows[2][2] = "Apartment 1204, The Former Yorkshire Post Newspaper Printing Works, Hunslet"
    outcome, view = render(tmp_path, rows, to="sender")
    assert {round(c["size"]) for c in view.pdf.pages[1].chars} == {11}
    assert outcome.summary == (
        "2 envelopes, 1 row rejected (1 address too long to print; see envelopes-rejects.csv)"
    )
    reason = read_rejects(tmp_path / "envelopes-rejects.csv")[0]["reason"]
    assert reason.endswith(" mm wide at 10 pt; the DL envelope's address area is 110 mm")


def test_same_rows_rejected_as_letters(tmp_path: Path) -> None:
    data = supporters.write(tmp_path / "supporters.csv", supporters.supporters())
    outcome = api.envelopes(None, api.EnvelopeRun(data, tmp_path / "envelopes.pdf"))
    assert outcome.summary == (
        "38 envelopes, 2 rows rejected (1 postcode not valid, 1 required field empty; see"
        " envelopes-rejects.csv), 1 blank row skipped"
    )
    rejects = read_rejects(tmp_path / "envelopes-rejects.csv")
    assert [r["row"] for r in rejects] == ["7", "12"]


def test_the_pdf_asks_to_be_printed_at_actual_size(dl_run) -> None:
    _, view = dl_run
    root = pypdf.PdfReader(io.BytesIO(view.data)).trailer["/Root"]
    assert root["/ViewerPreferences"]["/PrintScaling"] == "/None"


@pytest.mark.slow
def test_letters_labels_and_envelopes_list_the_same_recipients_in_order(tmp_path: Path) -> None:
    data = supporters.write(tmp_path / "supporters.csv", supporters.supporters(24))
    letters = api.letters(None, api.LetterRun(data, tmp_path / "letters.pdf", jobs=1))
    api.labels(None, api.LabelRun(data, tmp_path / "labels.pdf"))
    api.envelopes(None, api.EnvelopeRun(data, tmp_path / "envelopes.pdf"))
    found = {}
    for product in ("letters", "labels", "envelopes"):
        view = PdfView((tmp_path / f"{product}.pdf").read_bytes())
        found[product] = [
            match["text"]
            for page in view.pdf.pages
            for match in sorted(
                page.search(r"Alex Sobel\d+ MP", regex=True),
                key=lambda m: (round(m["top"]), m["x0"]),
            )
        ]
    expected = [f"Alex Sobel{n} MP" for n in range(24) if n not in (5, 10)]  # rows 7 and 12
    assert found["letters"] == found["labels"] == found["envelopes"] == expected
    assert letters.summary.startswith("22 letters, 2 rows rejected")


def test_the_envelopes_command(tmp_path: Path) -> None:
    data = write_rows(tmp_path / "supporters.csv", clean_rows(2))
    target = tmp_path / "out.pdf"
    args = ["envelopes", "--data", data, "--size", "c5", "--to", "sender", "-o", target]
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(target), "2 envelopes, 0 rows rejected"]
    assert PdfView(target.read_bytes()).size_mm(0) == (229.0, 162.0)
    bad = CliRunner().invoke(main, ["envelopes", "--data", str(data), "--size", "c6"])
    assert bad.exit_code == 2
