"""A real supporters' list to bundles of post: duplicates, opt-outs, households, order, files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pypdfium2
import pytest

from printkit import api
from printkit.errors import DataError, PrintkitError

HEADERS = ["First name", "Surname", "Address line 1", "Town", "Postcode", "MP name",
           "Do not mail", "Opted out", "No post"]  # fmt: skip
MPS = ["Alex Sobel", "Hilary Benn", "Rachel Reeves"]


def export_rows() -> list[list[str]]:
    """40 rows: 2 exact duplicates, 1 near-duplicate, 3 opt-outs in 3 spellings, 2 households."""
    rows = []
    for n in range(40):
        rows.append([f"Person{n}", f"Surname{n}", f"{n + 1} Mill Road", "Leeds",
                     f"LS{n % 9 + 1} {n % 10}AB", MPS[n % 3], "", "", ""])  # fmt: skip
    # Spreadsheet rows are index + 2, and one more after the blank row (after index 14).
    rows[10][:2] = ["PERSON0", "surname0"]  # row 12: duplicate of row 2
    rows[10][2:5] = ["1  mill road", "Leeds", "ls10ab"]
    rows[20][:5] = rows[3][:5]  # row 23: duplicate of row 5
    rows[30][:2], rows[30][4] = rows[6][:2], rows[6][4]  # row 33: near-duplicate of row 8
    rows[7][6], rows[15][7], rows[25][8] = "Yes", "x", "TRUE"  # rows 9, 18, 28 opted out
    for n in (33, 34):  # rows 36 and 37: the Bloggs household, 12 Elm Street
        rows[n][:5] = [f"{'Jo' if n == 33 else 'Sam'}", "Bloggs", "12 Elm Street", "Leeds",
                       "LS6 2AB"]  # fmt: skip
    for n, first in ((36, "Ann"), (37, "Bob"), (38, "Cy")):  # rows 39-41: three Khans
        rows[n][:5] = [first, "Khan", "3 Ash Grove", "Leeds", "LS7 3AB"]
    return rows


def write_export(path: Path) -> Path:
    """As Excel writes it: cp1252, CRLF, a blank row after the 15th supporter."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for index, row in enumerate(export_rows()):
        writer.writerow(row)
        if index == 14:
            writer.writerow([""] * len(HEADERS))
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def page_texts(path: Path) -> list[str]:
    """Each page's text, read with PDFium (it reads WeasyPrint's fonts correctly)."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def names_in_order(texts: list[str], names: list[str]) -> list[str]:
    """The names as they first appear going through the pages."""
    found: list[str] = []
    for text in texts:
        flat = " ".join(text.split())
        hits = sorted((flat.find(name), name) for name in names if name in flat)
        found += [name for _, name in hits if name not in found]
    return found


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_export(tmp_path_factory.mktemp("export") / "supporters.csv")


EXPECTED_REJECTS = [
    ("9", "column 'Do not mail': asked not to be posted to"),
    ("12", "duplicate of row 2"),
    ("18", "column 'Opted out': asked not to be posted to"),
    ("23", "duplicate of row 5"),
    ("28", "column 'No post': asked not to be posted to"),
]


@pytest.mark.slow
def test_the_40_row_export_gives_the_letters_and_rejects(export: Path, tmp_path: Path) -> None:
    run = api.LetterRun(export, output=tmp_path / "letters.pdf", jobs=2, date="1 May 2026")
    outcome = api.letters(None, run)
    assert outcome.summary == (
        "35 letters, 5 rows rejected (3 asked not to be posted to, 2 duplicates; see"
        " letters-rejects.csv), 1 blank row skipped"
    )
    rejects = read_csv(tmp_path / "letters-rejects.csv")
    assert [(r["row"], r["reason"]) for r in rejects] == EXPECTED_REJECTS
    near = [str(w) for w in outcome.warnings if "same name and postcode" in str(w)]
    assert len(near) == 1 and "rows 8 and 33" in near[0]
    manifest = read_csv(tmp_path / "letters-manifest.csv")
    assert len(manifest) == 35
    assert len(page_texts(tmp_path / "letters.pdf")) == sum(int(m["pages"]) for m in manifest)


def test_the_40_row_export_on_labels_with_households(export: Path, tmp_path: Path) -> None:
    run = api.LabelRun(export, output=tmp_path / "labels.pdf", to="sender",
                       merge_households=True)  # fmt: skip
    outcome = api.labels(None, run)
    assert outcome.summary == (
        "32 labels for 35 rows, 5 rows rejected (3 asked not to be posted to, 2 duplicates;"
        " see labels-rejects.csv), 1 blank row skipped"
    )
    rejects = read_csv(tmp_path / "labels-rejects.csv")
    assert [(r["row"], r["reason"]) for r in rejects] == EXPECTED_REJECTS
    text = " ".join(" ".join(page_texts(tmp_path / "labels.pdf")).split())
    assert "Jo Bloggs and Sam Bloggs" in text
    assert "The Khan household" in text
    assert "Ann Khan" not in text and text.count("3 Ash Grove") == 1
    # The households sit where their first row's label would be, in the rows' order.
    people = ["Person32 Surname32", "Jo Bloggs and Sam Bloggs", "Person35 Surname35",
              "The Khan household"]  # fmt: skip
    assert names_in_order(page_texts(tmp_path / "labels.pdf"), people) == people


def test_households_need_to_sender(export: Path, tmp_path: Path) -> None:
    run = api.LabelRun(export, output=tmp_path / "labels.pdf", merge_households=True)
    with pytest.raises(PrintkitError, match="--merge-households needs --to sender"):
        api.labels(None, run)


def small_export(path: Path, count: int = 6) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS[:6])
    for n in range(count):  # MPs in the order C, B, A, C, B, A...; postcodes falling
        writer.writerow([f"Name{n}", f"Kaur{n}", f"{n + 1} Mill Road", "Leeds",
                         f"LS{9 - n % 9} 1AB", MPS[2 - n % 3]])  # fmt: skip
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


NAMES = [f"Name{n} Kaur{n}" for n in range(6)]


@pytest.mark.parametrize(
    ("sort", "bundle", "expected"),
    [
        ("row", None, NAMES),
        ("recipient", None, [NAMES[i] for i in (2, 5, 1, 4, 0, 3)]),
        ("postcode", None, [NAMES[i] for i in (5, 4, 3, 2, 1, 0)]),
        ("row", "recipient", [NAMES[i] for i in (0, 3, 1, 4, 2, 5)]),
    ],
)
def test_letters_labels_and_envelopes_keep_one_order(
    tmp_path: Path, sort: str, bundle: str | None, expected: list[str]
) -> None:
    data = small_export(tmp_path / "s.csv")
    layout = api.Layout(bundle=bundle)
    api.letters(None, api.LetterRun(data, output=tmp_path / "l.pdf", jobs=1, date="1 May",
                                    sort=sort, layout=layout))  # fmt: skip
    api.labels(None, api.LabelRun(data, output=tmp_path / "lab.pdf", to="sender", sort=sort,
                                  bundle=bundle))  # fmt: skip
    api.envelopes(None, api.EnvelopeRun(data, output=tmp_path / "env.pdf", to="sender",
                                        sort=sort, bundle=bundle))  # fmt: skip
    for name in ("l.pdf", "lab.pdf", "env.pdf"):
        assert names_in_order(page_texts(tmp_path / name), NAMES) == expected, name
    manifest = read_csv(tmp_path / "l-manifest.csv")
    letters_only = [m["name"] for m in manifest if m["row"]]
    assert letters_only == expected


def test_a_bundle_starts_with_its_cover_sheet(tmp_path: Path) -> None:
    data = small_export(tmp_path / "s.csv")
    run = api.LetterRun(data, output=tmp_path / "l.pdf", jobs=1, date="1 May",
                        layout=api.Layout(bundle="recipient"))  # fmt: skip
    api.letters(None, run)
    texts = page_texts(tmp_path / "l.pdf")
    manifest = read_csv(tmp_path / "l-manifest.csv")
    covers = [m for m in manifest if not m["row"]]
    assert [c["recipient"] for c in covers] == ["Rachel Reeves MP", "Hilary Benn MP",
                                                "Alex Sobel MP"]  # fmt: skip
    first = " ".join(texts[int(covers[0]["first page"]) - 1].split())
    assert "Rachel Reeves MP House of Commons LONDON SW1A 0AA" in first
    assert "2 letters" in first
    assert "Name0 Kaur0 LS9 1AB" in first and "Name3 Kaur3 LS6 1AB" in first
    assert "Name1" not in first
    assert len(texts) == sum(int(m["pages"]) for m in manifest)


def test_split_by_recipient_writes_one_file_each(tmp_path: Path) -> None:
    data = small_export(tmp_path / "s.csv")
    run = api.LetterRun(data, output=tmp_path / "l.pdf", jobs=1, date="1 May",
                        layout=api.Layout(bundle="recipient", split_by="recipient"))  # fmt: skip
    outcome = api.letters(None, run)
    pdfs = [w.path.name for w in outcome.written if w.path.suffix == ".pdf"]
    assert pdfs == ["l-Rachel-Reeves-MP.pdf", "l-Hilary-Benn-MP.pdf", "l-Alex-Sobel-MP.pdf"]
    for name in pdfs:
        texts = page_texts(tmp_path / name)
        recipient = name[2:-4].replace("-", " ")
        assert all(recipient in " ".join(t.split()) for t in texts[1:2])
    manifest = read_csv(tmp_path / "l-manifest.csv")
    assert {m["file"] for m in manifest} == set(pdfs)


def test_max_pages_never_splits_a_letter(tmp_path: Path) -> None:
    data = small_export(tmp_path / "s.csv", 5)
    run = api.LetterRun(data, output=tmp_path / "l.pdf", jobs=1, date="1 May",
                        layout=api.Layout(max_pages=4))  # fmt: skip
    outcome = api.letters(None, run)
    pdfs = [(w.path.name, w.pages) for w in outcome.written if w.path.suffix == ".pdf"]
    assert pdfs == [("l-1.pdf", 4), ("l-2.pdf", 4), ("l-3.pdf", 2)]
    manifest = read_csv(tmp_path / "l-manifest.csv")
    assert [(m["row"], m["file"], m["first page"]) for m in manifest] == [
        ("2", "l-1.pdf", "1"), ("3", "l-1.pdf", "3"), ("4", "l-2.pdf", "1"),
        ("5", "l-2.pdf", "3"), ("6", "l-3.pdf", "1")]  # fmt: skip
    for name, pages in pdfs:
        texts = page_texts(tmp_path / name)
        assert len(texts) == pages
        for entry in (m for m in manifest if m["file"] == name):
            assert entry["name"] in texts[int(entry["first page"]) - 1]


def test_a_letter_longer_than_max_pages_is_an_error(tmp_path: Path) -> None:
    data = small_export(tmp_path / "s.csv", 2)
    run = api.LetterRun(data, output=tmp_path / "l.pdf", jobs=1, layout=api.Layout(max_pages=1))
    with pytest.raises(PrintkitError, match="row 2: its letter has 2 pages, more than --max-p"):
        api.letters(None, run)
    assert not list(tmp_path.glob("l*.pdf"))  # nothing written


@pytest.mark.slow
def test_max_pages_500_over_1000_two_page_letters(tmp_path: Path) -> None:
    data = small_export(tmp_path / "s.csv", 1000)
    run = api.LetterRun(data, output=tmp_path / "l.pdf", jobs=2, date="1 May",
                        layout=api.Layout(max_pages=500))  # fmt: skip
    outcome = api.letters(None, run)
    pdfs = [(w.path.name, w.pages) for w in outcome.written if w.path.suffix == ".pdf"]
    assert pdfs == [(f"l-{n}.pdf", 500) for n in (1, 2, 3, 4)]
    manifest = read_csv(tmp_path / "l-manifest.csv")
    assert len(manifest) == 1000
    for name, _ in pdfs:
        entries = [m for m in manifest if m["file"] == name]
        assert sum(int(m["pages"]) for m in entries) == 500 == len(page_texts(tmp_path / name))
        assert [int(m["first page"]) for m in entries] == list(range(1, 500, 2))
    assert [m["row"] for m in manifest] == [str(n) for n in range(2, 1002)]


def test_for_service_clashes_with_bundles(tmp_path: Path) -> None:
    data = small_export(tmp_path / "s.csv", 1)
    run = api.LetterRun(data, service="pingen", layout=api.Layout(bundle="recipient"))
    with pytest.raises(DataError, match="--for pingen writes one PDF per letter"):
        api.letters(None, run)
