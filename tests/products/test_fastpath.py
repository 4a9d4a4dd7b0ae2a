"""The fast letter path: the letters the full layout makes, composed from shared shapes."""

from __future__ import annotations

import csv
import io
import random
import shutil
from pathlib import Path

import page
import pdfplumber
import pypdf
import pypdfium2
import pytest
import readback
from conftest import write_campaign
from PIL import ImageChops

from printkit import api, paper
from printkit.api.common import load
from printkit.mail import outcomes
from printkit.mail import spreadsheet as spreadsheet_module
from printkit.products.letter import Fill, LetterTemplate
from printkit.products.shapes import Shapes
from printkit.profiles import Look
from printkit.render import compose, fonts, preflight
from printkit.render.pdf import Renderer

BUS_LETTER = """\
Dear [MP name],

The 42 bus is the only way many of us in Llanfair reach the hospital, the college and
work. The council plans to stop it in [Month the service ends].

[Why the 42 matters to you]

Yours sincerely,

[Your name]
"""

FIDELITY = 0.001  # at most this share of a page's pixels may differ, at 150 dpi
HEADER = "Name,Address 1,Address 2,Town,Postcode,MP name"
# Not yet letters only the bundled font's latin-ext file has (Ł, ő, ș): WeasyPrint gives that
# file the same font name as the latin one, so they print as other letters on either path.
FIRST = ["Jo", "Siân", "Dafydd", "Ŵyn", "Ngozi", "Zoë", "محمد", "অনিতা", "Ffion", "Gwenllïan"]
LAST = ["Bloggs", "ap Rhys", "Okafor", "O’Brien", "Smith-Jones", "علي", "Ŷr Efail", "Nowak"]
STREETS = ["Church Lane", "High Street", "Heol y Frenhines", "Stryd Fawr", "Elm Road"]
TOWNS = [("Leeds", "LS1 1AA"), ("Cardiff", "CF10 1AA"), ("York", "YO1 7HH")]


def random_rows(count: int, seed: int) -> list[str]:
    """Supporters' rows as a spreadsheet holds them: short, long and non-Latin names."""
    pick = random.Random(seed)
    rows = []
    for n in range(count):
        name = f"{pick.choice(FIRST)} {pick.choice(LAST)}"
        if n % 17 == 5:
            name = ("Bartholomew-Fitzwilliam " * 4)[:90].strip()  # 90 characters
        flat = f"Flat {n % 9 + 1}" if n % 3 == 0 else ""
        town, postcode = pick.choice(TOWNS)
        mp = f"{pick.choice(FIRST)} {pick.choice(LAST)}{'-' + pick.choice(LAST) if n % 4 else ''}"
        rows.append(f'"{name}",{n + 1} {pick.choice(STREETS)},{flat},{town},{postcode},"{mp}"')
    return rows


def spreadsheet(folder: Path, rows: list[str], header: str = HEADER) -> Path:
    path = folder / "supporters.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def both_engines(campaign: Path | None, data: Path, folder: Path, **options) -> dict[str, Path]:
    """The same rows through the fast and the full engine; each engine's merged PDF.

    Each run's summary is kept beside its PDF, in summary.txt.
    """
    made = {}
    for engine in ("fast", "full"):
        out = folder / engine
        out.mkdir()
        run = api.LetterRun(data, output=out / "letters.pdf", engine=engine, date="1 May 2026",
                            jobs=2, verbose=True, **options)  # fmt: skip
        (out / "summary.txt").write_text(api.letters(campaign, run).summary, encoding="utf-8")
        made[engine] = out / "letters.pdf"
    return made


def differing_share(fast: pypdfium2.PdfDocument, full: pypdfium2.PdfDocument, index: int) -> float:
    """The share of pixels of one page that differ between two PDFs, at 150 dpi."""
    images = [
        document[index].render(scale=150 / 72).to_pil().convert("L") for document in (fast, full)
    ]
    histogram = ImageChops.difference(*images).histogram()
    return 1 - histogram[0] / sum(histogram)


def page_text(document: pypdfium2.PdfDocument, index: int) -> str:
    return " ".join(document[index].get_textpage().get_text_range().split())


def assert_same_letters(made: dict[str, Path], sample: int, seed: int) -> None:
    """The same files beside each PDF, the same pages, the same text, the same pixels."""
    for name in ("letters-manifest.csv", "letters-rejects.csv"):
        fast, full = (made[e].with_name(name) for e in ("fast", "full"))
        assert fast.exists() == full.exists()
        if fast.exists():
            assert fast.read_bytes() == full.read_bytes(), name
    fast, full = (pypdfium2.PdfDocument(made[e]) for e in ("fast", "full"))
    assert len(fast) == len(full)
    pages = random.Random(seed).sample(range(len(fast)), min(sample, len(fast)))
    for index in sorted({0, 1, len(fast) - 1, *pages}):
        assert page_text(fast, index) == page_text(full, index), f"page {index + 1}"
        assert differing_share(fast, full, index) <= FIDELITY, f"page {index + 1}"


@pytest.mark.slow
def test_example_campaign_random_rows_look_the_same_both_ways(tmp_path: Path) -> None:
    data = spreadsheet(tmp_path, random_rows(300, seed=13))
    made = both_engines(None, data, tmp_path)
    assert_same_letters(made, sample=40, seed=13)


@pytest.mark.slow
def test_councillor_letter_with_inline_placeholders_looks_the_same(
    tmp_path: Path, councillor_campaign: Path
) -> None:
    rows = [
        f'"{name}",{n} Elm Road,,Springfield,YO1 7HH,"{councillor}",{n % 30 + 2},"{date}"'
        for n, (name, councillor, date) in enumerate(
            [
                ("Jo Bloggs", "Ann Smith", "1 June"),
                ("Siân Ŵyn", "Bob Lee", "31 December 2026"),
                ("Ngozi Okafor", "Priya Patel-Fitzwilliam", "the end of the summer holidays"),
                ("Zoë Nowak", "Tom Jones", "Friday"),
            ]
            * 15
        )
    ]
    header = "Name,Address 1,Address 2,Town,Postcode,Councillor name,Number of years,Closing date"
    made = both_engines(councillor_campaign, spreadsheet(tmp_path, rows, header), tmp_path)
    assert_same_letters(made, sample=20, seed=7)


def test_most_rows_are_composed_and_a_row_that_changes_the_flow_is_laid_out_whole(
    tmp_path: Path, read_pdf
) -> None:
    long_name = "Bartholomew Fitzwilliam-Montgomery of Little Snoring"
    rows = [f"Jo {n},{n} Church Lane,,Leeds,LS1 1AA,Member {n}" for n in range(5)]
    rows.insert(2, f"{long_name},9 High St,,York,YO1 7HH,Al")  # two lines in the sender's block
    data = spreadsheet(tmp_path, rows)
    run = api.LetterRun(data, output=tmp_path / "l.pdf", jobs=1, verbose=True)
    outcome = api.letters(None, run)
    assert outcome.summary.endswith("(4 composed, 2 laid out in full)")  # the first, the long
    view = read_pdf(tmp_path / "l.pdf")
    assert f"{long_name}." in view.flat_text()  # the signature
    assert view.flat_text().count("Dear Member") == 5


def test_a_paragraph_with_a_writing_line_is_drawn_as_it_is_and_the_rows_still_composed(
    tmp_path: Path,
) -> None:
    # "[Month the service ends]" is an optional column: where a row leaves it empty, its
    # paragraph holds a writing line, which cannot be re-laid. Such rows share a shape of
    # their own; the rows that fill it are composed as any other.
    folder = write_campaign(tmp_path / "buses", """\
        title: Keep the 42 running
        organisation: {name: Llanfair Bus Users, email: buses@example.org}
        summary: The 42 links Llanfair with the hospital.
        action: {text: Write to your MP about the 42, url: https://example.org/42}
        letter: {to: mp, text: letter.md, window: c5}
        """, BUS_LETTER)  # fmt: skip
    rows = [
        f'"Jo {n}",{n} Heol y Bont,,Llanfair,LL55 4UR,"Member {n}",{"" if n % 3 else "May"},'
        for n in range(12)
    ]
    header = f"{HEADER},Month the service ends,Why the 42 matters to you"
    made = both_engines(folder, spreadsheet(tmp_path, rows, header), tmp_path)
    assert_same_letters(made, sample=24, seed=2)
    fast = pypdfium2.PdfDocument(made["fast"])
    assert "stop it in May." in page_text(fast, 0)  # row 2 fills it in
    assert "stop it in May." not in page_text(fast, 2)
    summary = made["fast"].with_name("summary.txt").read_text(encoding="utf-8")
    assert summary.endswith("(10 composed, 2 laid out in full)")  # the first of each shape


def test_a_letter_the_fit_steps_set_smaller_is_composed_as_its_layout_would_be(
    tmp_path: Path,
) -> None:
    # The councillor's name and a six-line council address fit the window only one fit
    # step down. Every row takes that step: the rows are composed through the layouts
    # the fit policy tried, and end in the one their own layout would.
    folder = write_campaign(tmp_path / "library", """\
        title: Keep Hartwell Library Open
        organisation: {name: Friends of Hartwell Library, email: friends@example.org}
        letter:
          to: councillor
          text: letter.md
          window: dl
          recipient_address: [Democratic Services, Hartwell Metropolitan Borough Council,
                              "Civic Centre, Crown Street", Hartwell, HARTWELL, HW1 2AB]
        """, "Dear [Councillor name],\n\nAs a resident of [Ward] ward, I ask you to keep "
        "the library open.\n\nYours faithfully,\n\n[Your name]\n")  # fmt: skip
    wards = ["Station", "Crown Street and Abbey Fields North", "Tŷ Gwyn"]
    rows = [f'"Jo {n}",{n} Elm Close,Hartwell,HW1 6JD,"Cllr Ann Smith {n}",{wards[n % 3]}'
            for n in range(10)]  # fmt: skip
    header = "Full name,Street,City,Postcode,Councillor name,Ward"
    made = both_engines(folder, spreadsheet(tmp_path, rows, header), tmp_path)
    assert_same_letters(made, sample=10, seed=4)
    summary = made["fast"].with_name("summary.txt").read_text(encoding="utf-8")
    composed = int(summary.rsplit("(", 1)[1].split()[0])
    assert composed >= 7, summary  # all but the first of each shape


def test_engine_full_lays_every_letter_out(tmp_path: Path) -> None:
    data = spreadsheet(tmp_path, random_rows(3, seed=1))
    run = api.LetterRun(data, output=tmp_path / "l.pdf", jobs=1, verbose=True, engine="full")
    assert api.letters(None, run).summary.endswith("(0 composed, 3 laid out in full)")


@pytest.mark.parametrize("engine", ["fast", "full"])
def test_merged_letters_pass_every_pdf_ua_1_rule(tmp_path: Path, engine: str) -> None:
    rows = [f"Jo {n},{n} Church Lane,,Leeds,LS1 1AA,Member {n}" for n in range(25)]
    run = api.LetterRun(spreadsheet(tmp_path, rows), output=tmp_path / "l.pdf", jobs=1,
                        engine=engine, look=Look(pdf_variant="pdf/ua-1"))  # fmt: skip
    api.letters(None, run)
    report = page.validate_pdf(tmp_path / "l.pdf", profile="ua1")
    assert [f"{f.rule_id}: {f.message}" for f in report.failures] == []
    assert report.is_compliant and report.rules.total >= 100


def test_a_screen_reader_reads_sender_address_then_letter(tmp_path: Path) -> None:
    rows = [
        "Jo Bloggs,1 Church Lane,,Leeds,LS1 1AA,Ann Smith",
        "Al Jones,2 Elm Road,,York,YO1 7HH,Bo Lee",
    ]
    api.letters(None, api.LetterRun(spreadsheet(tmp_path, rows), output=tmp_path / "l.pdf",
                                    jobs=1, date="1 May 2026"))  # fmt: skip
    pdf = pdfplumber.open(io.BytesIO((tmp_path / "l.pdf").read_bytes()))
    text = {}
    for number, sheet in enumerate(pdf.pages, start=1):
        for char in sheet.chars:
            text.setdefault((number, char.get("mcid")), []).append(char["text"])

    def read(element) -> list[str]:  # the element's text, in the tree's order
        found = [
            "".join(text.get((element.get("page_number"), m), [])) for m in element.get("mcids", [])
        ]
        return found + [t for child in element.get("children", []) for t in read(child)]

    (document,) = pdf.structure_tree
    letters = document["children"]
    assert [letter["type"] for letter in letters] == ["Art", "Art"]
    expected = [("Jo Bloggs", "1 Church Lane", "Ann Smith"), ("Al Jones", "2 Elm Road", "Bo Lee")]
    for letter, (name, street, mp) in zip(letters, expected, strict=True):
        words = [w for w in read(letter) if w.strip()]
        assert words[:3] == [name, street, "LEEDS" if name == "Jo Bloggs" else "YORK"]
        assert words[4] == "1 May 2026" and words[5] == f"{mp} MP"
        assert words.index(f"Dear {mp},") > words.index("House of Commons")
        assert words[-1] == f"{name}."  # the signature closes the letter


def test_shared_pieces_and_fonts_are_stored_once(tmp_path: Path) -> None:
    rows = [f"Jo {n},{n} Church Lane,,Leeds,LS1 1AA,Member {n}" for n in range(60)]
    api.letters(None, api.LetterRun(spreadsheet(tmp_path, rows), output=tmp_path / "l.pdf", jobs=2))
    reader = pypdf.PdfReader(io.BytesIO((tmp_path / "l.pdf").read_bytes()))
    forms, resources = set(), set()
    for sheet in reader.pages:
        resources.add(sheet.raw_get("/Resources").idnum)
        forms.update(form.idnum for form in sheet["/Resources"]["/XObject"].values())
    fonts = {font.idnum for sheet in reader.pages for font in sheet["/Resources"]["/Font"].values()}
    assert len(reader.pages) == 120
    assert len(resources) <= 2  # one resources dictionary per shape: at most one a worker
    assert len(forms) <= 2 * 40  # the body's pieces, stored once per shape, not once a letter
    assert len(fonts) == 2  # regular and bold, each embedded once for the whole file


COUNCIL = Path(__file__).parent.parent / "data" / "campaigns" / "council"
WINDOW = paper.WINDOWS["dl"]
WINDOW_ZONE = (WINDOW.left, WINDOW.top, WINDOW.width, WINDOW.height)
COUNCIL_ADDRESS = ["Member Services", "Isle of Anglesey County Council", "Council Offices",
                   "LLANGEFNI", "LL77 7TW"]  # fmt: skip


@pytest.mark.slow
def test_council_campaign_same_letters_rejects_and_manifest_and_read_back(tmp_path: Path) -> None:
    campaign = tmp_path / "council"
    shutil.copytree(COUNCIL, campaign)
    made = both_engines(campaign, campaign / "supporters.csv", tmp_path)
    assert_same_letters(made, sample=10, seed=3)
    with made["fast"].with_name("letters-manifest.csv").open(encoding="utf-8-sig") as stream:
        manifest = list(csv.DictReader(stream))
    expect = [
        (int(row["first page"]), line, WINDOW_ZONE, "the DL window zone")
        for row in manifest
        for line in [row["recipient"], *COUNCIL_ADDRESS]
    ]
    report = readback.check(made["fast"].read_bytes(), expect=expect)
    assert report, report.problems
    assert report.pages == sum(int(row["pages"]) for row in manifest)


def test_example_campaign_fast_pages_read_back(tmp_path: Path) -> None:
    data = spreadsheet(tmp_path, random_rows(12, seed=5))
    run = api.LetterRun(data, output=tmp_path / "l.pdf", jobs=1, verbose=True)
    outcome = api.letters(None, run)
    assert "composed" in outcome.summary and not outcome.summary.endswith("(0 composed, 12 laid")
    report = readback.check((tmp_path / "l.pdf").read_bytes())
    assert report, report.problems


def test_a_composed_row_the_preflight_fails_is_the_same_reject_either_way(
    tmp_path: Path,
) -> None:
    # The same shape as the rows around it, but no font draws its name: composed, the
    # preflight finds it on the composed page, and the row is a reject as on the full path.
    rows = [f"Jo {n},{n} Church Lane,,Leeds,LS1 1AA,Member {n}" for n in range(4)]
    rows.insert(2, "ᚠᚢᚦᚨ ᚱᚲ,9 Church Lane,,Leeds,LS1 1AA,Member 9")  # Runic: no bundled font
    data = spreadsheet(tmp_path, rows)
    summaries, rejects = {}, {}
    for engine in ("fast", "full"):
        out = tmp_path / engine / "l.pdf"
        out.parent.mkdir()
        run = api.LetterRun(data, output=out, jobs=1, verbose=True, engine=engine)
        summaries[engine] = api.letters(None, run).summary
        rejects[engine] = out.with_name("l-rejects.csv").read_text(encoding="utf-8-sig")
    if fonts.coverage().draws("ᚠ"):
        pytest.skip("this machine has a font that draws Runic")
    assert rejects["fast"] == rejects["full"]
    assert "row 4" in rejects["fast"] or ",4," in rejects["fast"]
    assert "no font can draw 'ᚠ' (U+16A0)" in rejects["fast"]
    assert summaries["fast"].startswith("4 letters, 1 row rejected")
    assert summaries["fast"].endswith("(3 composed, 1 laid out in full)")
    assert summaries["full"].endswith("(0 composed, 4 laid out in full)")


def test_the_preflight_reads_the_composed_page_not_the_shape(tmp_path: Path) -> None:
    rows = ["Jo Bloggs,1 Church Lane,,Leeds,LS1 1AA,Ann Smith",
            "ᚠᚢᚦᚨ ᚱᚲ,9 Church Lane,,Leeds,LS1 1AA,Member 9"]  # fmt: skip
    campaign, look = load(None, Look(), "letter")
    table = spreadsheet_module.read_table(spreadsheet(tmp_path, rows), {})
    letters = outcomes.prepare(campaign, table).letters
    template, renderer = LetterTemplate(campaign, look.spec), Renderer(campaign.root, look)
    shapes = Shapes(template, renderer)
    fills = [Fill.addressed(letter, "1 May 2026") for letter in letters]
    made = shapes.row(fills[0], lambda: template.document(fills[0]), "row 2")
    assert made.full and not made.findings
    (chain,) = shapes.known[template.shape_key(fills[1])]
    (trial,) = chain.trials  # laid out at its first step
    live = trial.live
    composed = compose.compose(live, shapes.painter, template.regions(fills[1]))
    assert composed is not None  # it fits the shape: only the preflight can tell
    found = {(f.kind, f.text) for f in preflight.check_all(composed[1])}
    assert found == {(f.kind, f.text) for f in preflight.check_changed(*composed[1:])}
    name = "\u2068ᚠᚢᚦᚨ ᚱᚲ\u2069"  # a value on the page is a first-strong isolate
    assert found == {(preflight.MISSING, name), (preflight.MISSING, f"{name}."),
                     (preflight.MISSING, f"From: {name}")}  # fmt: skip
    assert preflight.check_all(live.read) == []  # the shape's own row, Jo Bloggs, is fine
    row = shapes.row(fills[1], lambda: template.document(fills[1]), "row 3")
    assert row.full and row.findings[0].kind == preflight.MISSING  # laid out whole, and failed
