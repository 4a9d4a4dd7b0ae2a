"""Personalised letters on paper: pages per row, order, rejects, manifest, split, duplex."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pypdf
import pytest
import supporters
from conftest import PdfView

from printkit import api, paper
from printkit.mail import outputs as names
from printkit.products import batch, parts

WINDOW = paper.WINDOWS["dl"]


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.fixture(scope="module")
def excel_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[api.Outcome, Path]:
    """The 40-row Excel export rendered once, merged, over two processes."""
    folder = tmp_path_factory.mktemp("excel")
    data = supporters.write(folder / "supporters.csv", supporters.supporters())
    run = api.LetterRun(data, output=folder / "letters.pdf", jobs=2, date="1 December 2026")
    return api.letters(None, run), folder


@pytest.mark.slow
def test_38_letters_2_rejects_and_the_summary(excel_run) -> None:
    outcome, folder = excel_run
    assert outcome.summary == (
        "38 letters, 2 rows rejected (1 postcode not valid, 1 required field empty; see"
        " letters-rejects.csv), 1 blank row skipped"
    )
    assert [w.path.name for w in outcome.written] == [
        "letters.pdf",
        "letters-manifest.csv",
        "letters-rejects.csv",
    ]
    rejects = read_csv(folder / "letters-rejects.csv")
    assert [(r["row"], r["reason"]) for r in rejects] == [
        ("7", "column 'Postcode': 'LS1 XYZ' is not a valid UK postcode"),
        ("12", "column 'MP name': [MP name] is empty"),
    ]
    assert rejects[0]["First name"] == "Sam5"  # the original columns are kept


@pytest.mark.slow
def test_pages_follow_the_rows_in_order(excel_run) -> None:
    _, folder = excel_run
    manifest = read_csv(folder / "letters-manifest.csv")
    view = PdfView((folder / "letters.pdf").read_bytes())
    assert len(manifest) == 38
    assert len(view.pages) == sum(int(m["pages"]) for m in manifest)
    rows = [int(m["row"]) for m in manifest]
    assert rows == sorted(rows) and 7 not in rows and 12 not in rows
    for entry in (manifest[0], manifest[20], manifest[-1]):
        first = int(entry["first page"]) - 1
        text = view.text(first)
        assert entry["name"] in text and entry["recipient"] in text
        assert entry["postcode"] in text


@pytest.mark.slow
def test_each_letter_is_addressed_through_the_window(excel_run) -> None:
    _, folder = excel_run
    view = PdfView((folder / "letters.pdf").read_bytes())
    box = view.find("Alex Sobel0 MP")
    assert WINDOW.left - 0.05 <= box["x0"] and box["x1"] <= WINDOW.left + WINDOW.width
    assert WINDOW.top <= box["top"] and box["bottom"] <= WINDOW.top + WINDOW.height
    sender = view.find("LS1 0AB")
    assert sender["x0"] > 110
    assert "1 December 2026" in view.text(0)
    assert "Dear Alex Sobel0," in view.text(0)
    assert "Sam0 O’Brien0" in view.text(0)  # the curly apostrophe survives cp1252


@pytest.mark.slow
def test_values_print_as_text_not_markup(excel_run) -> None:
    _, folder = excel_run
    view = PdfView((folder / "letters.pdf").read_bytes())
    assert "<b>Flat 2</b> <img src=x>" in view.flat_text()


@pytest.mark.slow
def test_merged_pdf_asks_for_actual_size(excel_run) -> None:
    _, folder = excel_run
    reader = pypdf.PdfReader(folder / "letters.pdf")
    root = reader.trailer["/Root"]
    assert root["/ViewerPreferences"]["/PrintScaling"] == "/None"
    assert root["/Lang"] == "en-GB"
    assert reader.metadata is not None and reader.metadata.title == "Write to your MP"
    assert all(p.mediabox.width == pytest.approx(595.28, abs=0.1) for p in reader.pages)


def small_csv(tmp_path: Path, rows: list[str]) -> Path:
    path = tmp_path / "s.csv"
    path.write_text("Name,Address 1,Town,Postcode,MP name\n" + "\n".join(rows) + "\n",
                    encoding="utf-8")  # fmt: skip
    return path


def test_templates_and_placeholders_in_values_stay_literal(tmp_path: Path, read_pdf) -> None:
    data = small_csv(tmp_path, ['"{{ 7*7 }} {% if 1 %}x{% endif %}",[Your name],Leeds,LS1 1AA,'
                                '"<script>bad()</script> [MP name]"'])  # fmt: skip
    api.letters(None, api.LetterRun(data, output=tmp_path / "out.pdf", jobs=1))
    text = read_pdf(tmp_path / "out.pdf").flat_text()
    assert "{{ 7*7 }} {% if 1 %}x{% endif %}" in text
    assert "49" not in text
    assert "Dear <script>bad()</script> [MP name]," in text


def test_a_value_cannot_make_the_pdf_fetch_or_embed(tmp_path: Path) -> None:
    data = small_csv(tmp_path, ['"<img src=\'file:///etc/hostname\'>",'
                                '"<link rel=stylesheet href=http://example.com/x.css>",'
                                'Leeds,LS1 1AA,Someone'])  # fmt: skip
    outcome = api.letters(None, api.LetterRun(data, output=tmp_path / "out.pdf", jobs=1))
    assert outcome.warnings == ()
    assert b"/EmbeddedFile" not in (tmp_path / "out.pdf").read_bytes()


def test_duplex_starts_every_letter_on_a_front(tmp_path: Path) -> None:
    data = small_csv(tmp_path, ["Jo,1 A St,Leeds,LS1 1AA,Someone", "Al,2 B St,York,YO1 7HH,Other"])
    run = api.LetterRun(data, output=tmp_path / "out.pdf", duplex=True, jobs=1)
    api.letters(None, run)
    manifest = read_csv(tmp_path / "out-manifest.csv")
    assert [int(m["first page"]) % 2 for m in manifest] == [1, 1]
    reader = pypdf.PdfReader(tmp_path / "out.pdf")
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/Duplex"] == "/DuplexFlipLongEdge"
    assert len(reader.pages) == sum(int(m["pages"]) for m in manifest)
    assert all(int(m["pages"]) % 2 == 0 for m in manifest)


def test_split_writes_one_safe_unique_file_per_row(tmp_path: Path, read_pdf) -> None:
    data = small_csv(tmp_path, ["Jo Bloggs,1 A St,Leeds,ls11aa,Someone",
                                "Jo Bloggs,2 B St,Leeds,LS1 1AA,Someone",
                                "../../etc/passwd,3 C St,York,YO1 7HH,Other",
                                "Bad,4 D St,York,nope,Other"])  # fmt: skip
    run = api.LetterRun(data, split=tmp_path / "each", name="{postcode}-{your_name}", jobs=1)
    outcome = api.letters(None, run)
    names = sorted(p.name for p in (tmp_path / "each").iterdir())
    assert names == ["LS1-1AA-Jo-Bloggs-2.pdf", "LS1-1AA-Jo-Bloggs.pdf", "YO1-7HH-etc-passwd.pdf",
                     "rejects.csv"]  # fmt: skip
    assert "3 letters, 1 row rejected" in outcome.summary
    assert "../../etc/passwd" in read_pdf(tmp_path / "each" / "YO1-7HH-etc-passwd.pdf").text()


def test_every_row_rejected_is_an_error_naming_each_reason_and_writes_nothing(
    tmp_path: Path,
) -> None:
    from printkit.errors import DataError

    data = small_csv(tmp_path, ["Jo,1 A St,Leeds,nope,Someone"])
    with pytest.raises(DataError, match="no letters made: 0 letters, 1 row rejected") as caught:
        api.letters(None, api.LetterRun(data, output=tmp_path / "out.pdf"))
    assert "s.csv: row 2, column 'Postcode': 'nope' is not a valid UK postcode" in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.csv"]


def test_an_interrupted_batch_leaves_no_pdf(tmp_path: Path, monkeypatch) -> None:
    data = small_csv(tmp_path, [f"P{n},1 A St,Leeds,LS1 1AA,Someone" for n in range(3)])

    def interrupted(writer: parts.Writer, part: str) -> None:
        raise KeyboardInterrupt  # while the letters are written, after they were checked

    monkeypatch.setattr(parts.Writer, "enter", interrupted)
    with pytest.raises(KeyboardInterrupt):
        api.letters(None, api.LetterRun(data, output=tmp_path / "out.pdf", jobs=1))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.csv"]


def test_progress_is_reported_for_every_letter(tmp_path: Path) -> None:
    data = small_csv(tmp_path, [f"P{n},1 A St,Leeds,LS1 1AA,Someone" for n in range(3)])
    seen: list[batch.Progress] = []
    api.letters(None, api.LetterRun(data, output=tmp_path / "o.pdf", jobs=1), seen.append)
    assert sum(event.done for event in seen) == 3 and {event.total for event in seen} == {3}


@pytest.mark.parametrize(
    ("text", "safe"),
    [("Zoë O’Brien", "Zoe-OBrien"), ("../../x", "x"), ("a/b\\c:d", "a-b-c-d"), ("", "")],
)
def test_safe_name(text: str, safe: str) -> None:
    assert names.safe_name(text) == safe


def test_large_print_letters_keep_the_address_in_the_window(tmp_path: Path, read_pdf) -> None:
    from printkit.profiles import Look

    data = small_csv(tmp_path, ["Jo,1 A St,Leeds,LS1 1AA,Alexandra Sobel-Smith"])
    run = api.LetterRun(data, output=tmp_path / "large.pdf", jobs=1, look=Look(profile="large"))
    api.letters(None, run)
    view = read_pdf(tmp_path / "large.pdf")
    for line in ("Alexandra Sobel-Smith MP", "House of Commons", "SW1A 0AA"):
        box = view.find(line)
        assert WINDOW.left - 0.05 <= box["x0"] and box["x1"] <= WINDOW.left + WINDOW.width
        assert WINDOW.top <= box["top"] and box["bottom"] <= WINDOW.top + WINDOW.height, line
    assert min(c["size"] for c in view.pages[0].chars if c["text"].strip()) >= 15.99


@pytest.mark.slow
def test_merged_letters_keep_one_structure_tree(excel_run) -> None:
    _, folder = excel_run
    reader = pypdf.PdfReader(folder / "letters.pdf", strict=True)
    root = reader.trailer["/Root"]
    tree = root["/StructTreeRoot"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a PDF boolean)
    (document,) = [kid.get_object() for kid in tree["/K"]]
    assert [kid.get_object()["/S"] for kid in document["/K"]] == ["/Art"] * 38  # one a letter
    keys = [p["/StructParents"] for p in reader.pages]
    assert keys == sorted(set(keys))  # every page its own key, in order
    entries = dict(number_tree(tree["/ParentTree"]))
    assert sorted(entries) == keys
    assert tree["/ParentTreeNextKey"] == keys[-1] + 1
    # Each page's entry lists structure elements with text on that page.
    last_page = reader.pages[-1].indirect_reference
    for element in (e.get_object() for e in entries[keys[-1]]):
        kids = element["/K"]
        on = {element.raw_get("/Pg").idnum} | {
            k.get_object().raw_get("/Pg").idnum for k in kids if not isinstance(k, int)
        }
        assert last_page.idnum in on


def number_tree(node):  # -> Iterator[tuple[int, list]]
    """The (key, value) pairs of a PDF number tree."""
    node = node.get_object()
    nums = node.get("/Nums", [])
    for i in range(0, len(nums), 2):
        yield int(nums[i]), nums[i + 1]
    for kid in node.get("/Kids", []):
        yield from number_tree(kid)


def test_renderer_warnings_reach_the_user_with_the_row(make_campaign, tmp_path: Path) -> None:
    folder = make_campaign("title: T\nletter: {text: letter.md}\n", "Dear [MP name],\n")
    (folder / "styles").mkdir()
    (folder / "styles" / "extra.css").write_text(".letter-body { background: url(gone.png) }\n")
    data = small_csv(tmp_path, ["Jo,1 A St,Leeds,LS1 1AA,Someone", "Al,2 B St,York,YO1 7HH,X"])
    outcome = api.letters(folder, api.LetterRun(data, output=tmp_path / "o.pdf", jobs=1))
    assert [w.where.row for w in outcome.warnings if w.where] == [2, 3]
    assert all("gone.png" in w for w in map(str, outcome.warnings))
