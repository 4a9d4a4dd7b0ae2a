"""Bad input of every kind is a message naming where it is, never a traceback, and writes
nothing; a bug is one line and a log file; values cannot reorder printkit's own words."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from printkit import api
from printkit.cli import main
from printkit.errors import CampaignError, DataError, PrintkitError
from printkit.mail import outcomes, spreadsheet
from printkit.products import parts
from printkit.profiles import Look

CAMPAIGN = """\
    title: Keep the Llanberis Bus
    organisation: {name: Llanberis Bus Users}
    letter:
      to: councillor
      recipient_address: [Swyddfa'r Cyngor, Stryd y Jêl, CAERNARFON, LL55 1SH]
      text: letter.md
    """
LETTER = """\
    Dear [Councillor name],

    The 85 is how half the village gets to work.

    Yours sincerely,

    [Your name]
    """
HEADER = "Your name,Address 1,Town,Postcode,Councillor name\n"
GOOD_ROW = "Siân Hughes,4 Stryd Fawr,Llanberis,LL55 4EU,Cllr Dafydd Jones\n"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def user_error(result: Result, *fragments: str) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    return result.stderr


@pytest.fixture
def campaign(make_campaign) -> Path:
    return make_campaign(CAMPAIGN, LETTER)


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    path = tmp_path / "supporters.csv"
    path.write_text(HEADER + GOOD_ROW + "No Postcode,1 Ffordd,Llanberis,,Cllr Jones\n")
    return path


# --- The campaign's YAML --------------------------------------------------------------------


def test_yaml_nested_thousands_deep_is_a_message(campaign: Path) -> None:
    (campaign / "campaign.yaml").write_text(
        "title: x\nletter: {text: letter.md}\naction: " + "[" * 5000 + "]" * 5000 + "\n"
    )
    message = user_error(run("check", campaign), "nested thousands of levels deep")
    assert "campaign.yaml" in message


def test_a_nul_byte_in_the_yaml_names_its_line_and_column(campaign: Path) -> None:
    (campaign / "campaign.yaml").write_text("title: Keep the\x00 Bus\nletter: {text: letter.md}\n")
    user_error(run("letter", campaign), "campaign.yaml:1:16: the character U+0000 is not allowed")


def test_a_folder_named_like_a_stylesheet_is_a_message(campaign: Path, tmp_path: Path) -> None:
    (campaign / "styles" / "print.css").mkdir(parents=True)
    message = user_error(run("check", campaign), "styles/print.css: this is a folder")
    assert "rename or remove it" in message
    user_error(run("letter", campaign, "-o", tmp_path / "l.pdf"), "styles/print.css")
    assert not (tmp_path / "l.pdf").exists()


def test_a_template_that_includes_a_missing_file_names_the_line(
    campaign: Path, tmp_path: Path
) -> None:
    (campaign / "templates").mkdir()
    (campaign / "templates" / "letter.html").write_text(
        '{% extends "base.html" %}\n{% block body %}\n{% include "footer.html" %}\n{% endblock %}\n'
    )
    user_error(
        run("letter", campaign, "-o", tmp_path / "l.pdf"),
        "templates/letter.html:3: the template 'footer.html' does not exist",
    )


def test_init_into_a_read_only_folder_is_a_message(tmp_path: Path) -> None:
    from test_faults import read_only

    with read_only(tmp_path / "ro") as folder:
        message = user_error(run("init", folder / "new"), f"no campaign was made in {folder}")
        assert "Read-only file system" in message or "Permission denied" in message
        assert list(folder.iterdir()) == []


# --- The spreadsheet and the options --------------------------------------------------------


def test_a_cell_over_128_kib_names_its_row(campaign: Path, tmp_path: Path) -> None:
    path = tmp_path / "supporters.csv"
    path.write_text(HEADER + GOOD_ROW + f"Big,1 Ffordd,Llanberis,LL55 4EU,{'x' * 140_000}\n")
    with pytest.raises(DataError) as caught:
        spreadsheet.read_table(path)
    assert "supporters.csv: row 3: a cell is longer than 128 KiB" in str(caught.value)
    user_error(run("letter", campaign, "--data", path), "row 3: a cell is longer than 128 KiB")


@pytest.mark.parametrize("pattern", ["{0}", "{}", "{row.__class__}", "{row:>9999999}", "{a[0]}"])
def test_a_bad_split_name_is_a_message_and_nothing_is_written(
    campaign: Path, sheet: Path, tmp_path: Path, pattern: str
) -> None:
    folder = tmp_path / "split"
    message = user_error(
        run("letter", campaign, "--data", sheet, "--split", folder, "--name", pattern),
        "is not a column name",
    )
    assert pattern in message
    assert not folder.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["campaign", "supporters.csv"]


@pytest.mark.parametrize("value", ["5000", "-21", "nan", "inf", "-inf", "1e400"])
@pytest.mark.parametrize("option", ["--offset-x", "--offset-y"])
def test_label_offsets_stay_within_20_mm_on_the_command_line(
    campaign: Path, sheet: Path, tmp_path: Path, option: str, value: str
) -> None:
    result = run("labels", campaign, "--data", sheet, option, value, "-o", tmp_path / "x.pdf")
    assert result.exit_code == 2, result.output
    assert "from -20 to 20" in result.output
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("value", [math.nan, math.inf, 20.5])
def test_label_offsets_stay_within_20_mm_in_the_library(
    campaign: Path, sheet: Path, value: float
) -> None:
    with pytest.raises(PrintkitError, match="at most 20 mm either way"):
        api.labels(campaign, api.LabelRun(sheet, offset_y=value))


@pytest.mark.parametrize(
    ("written", "said"),
    [("5000", "more than any printer is off"), ("-20.5", "more than any printer is off"),
     ("nan", "must be a number"), (".nan", "must be a number"), (".inf", "must be a number"),
     ("-.inf", "must be a number"), ("1e400", "must be a number")],
)  # fmt: skip
def test_label_offsets_in_campaign_yaml_are_checked(
    campaign: Path, tmp_path: Path, written: str, said: str
) -> None:
    path = campaign / "campaign.yaml"
    text = path.read_text()
    path.write_text(text + f"labels:\n  offset_x: {written}\n")
    line = text.count("\n") + 2
    problems, _ = api.check(campaign)
    assert any(f"campaign.yaml:{line}:" in str(p) and said in str(p) for p in problems), problems
    with pytest.raises(CampaignError, match=said):
        api.labels(campaign, api.LabelRun(tmp_path / "unused.csv"))


def test_start_must_name_a_label_on_the_sheet(campaign: Path, sheet: Path) -> None:
    assert run("labels", campaign, "--data", sheet, "--start", "0").exit_code == 2
    user_error(run("labels", campaign, "--data", sheet, "--start", "22"), "labels 1 to 21")
    user_error(
        run("labels", campaign, "--data", sheet, "--sheet", "L7163", "--start", "15"),
        "an L7163 sheet has labels 1 to 14",
    )


@pytest.mark.parametrize("jobs", ["0", "65", "100000"])
def test_jobs_stay_within_bounds(campaign: Path, sheet: Path, jobs: str) -> None:
    assert run("letter", campaign, "--data", sheet, "--jobs", jobs).exit_code == 2


# --- What a failed run leaves, and what it says ----------------------------------------------


def test_a_failed_render_leaves_neither_rejects_nor_letters(
    campaign: Path, sheet: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "letters.pdf"
    api.letters(campaign, api.LetterRun(sheet, target, jobs=1))
    before = {p.name: p.read_bytes() for p in target.parent.iterdir()}
    assert "letters-rejects.csv" in before

    def broken(writer: parts.Writer, part: str) -> None:
        raise CampaignError("the printer's template broke")  # as the letters are written

    monkeypatch.setattr(parts.Writer, "enter", broken)
    sheet.write_text(sheet.read_text() + "Another,2 Ffordd,Llanberis,,Cllr Jones\n")
    with pytest.raises(CampaignError) as caught:
        api.letters(campaign, api.LetterRun(sheet, target, jobs=1, overwrite=True))
    assert "see" not in str(caught.value)  # no rejects file is pointed to: none was written
    assert {p.name: p.read_bytes() for p in target.parent.iterdir()} == before


def test_no_letters_made_says_nothing_was_written(campaign: Path, tmp_path: Path) -> None:
    path = tmp_path / "supporters.csv"
    path.write_text(HEADER + "No Postcode,1 Ffordd,Llanberis,,Cllr Jones\n")
    message = user_error(run("letter", campaign, "--data", path, "-o", tmp_path / "l.pdf"),
                         "no letters made", "nothing was written")  # fmt: skip
    assert "see " not in message and "rejects.csv" not in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["campaign", "supporters.csv"]


def test_the_summary_points_to_a_rejects_file_that_was_written(
    campaign: Path, sheet: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("letter", campaign, "--data", sheet, "-o", "out/letters.pdf", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "see letters-rejects.csv)" in result.stdout
    assert "out/letters-rejects.csv" in result.stdout.splitlines()  # the paths written
    assert (tmp_path / "out" / "letters-rejects.csv").is_file()


def test_a_logo_that_cannot_be_read_says_why(campaign: Path, tmp_path: Path) -> None:
    (campaign / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # a PNG's first bytes, no more
    path = campaign / "campaign.yaml"
    path.write_text(path.read_text() + "logo: logo.png\n")
    outcome = api.leaflet(campaign, tmp_path / "f.pdf")
    said = [str(w) for w in outcome.warnings if "logo.png" in str(w)]
    assert said and said[0].endswith("damaged or unfinished? (ImageLoadingError from "
                                     "UnidentifiedImageError)")  # fmt: skip


def test_phrases_are_given_in_a_translation(campaign: Path, tmp_path: Path, read_pdf) -> None:
    (campaign / "campaign.cy.yaml").write_text(
        textwrap.dedent("""\
        title: Cadwch Fws Llanberis
        letter: {text: letter.md}
        phrases:
          "What you can do": "Beth allwch chi ei wneud heddiw"
        """)
    )
    outcome = api.leaflet(campaign, tmp_path / "f.pdf", look=Look(lang="cy"))
    assert "Beth allwch chi ei wneud heddiw" in read_pdf(outcome.written[0].path).flat_text()
    (campaign / "campaign.yaml").write_text(
        (campaign / "campaign.yaml").read_text() + "phrases: {Date: Dyddiad}\n"
    )
    with pytest.raises(CampaignError, match="unknown key 'phrases'"):
        api.letter(campaign)  # printkit's words are translated in the translation only


# --- A bug ----------------------------------------------------------------------------------


def test_a_bug_is_one_line_and_a_log_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, campaign: Path
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in printkit, not the organiser's mistake")

    monkeypatch.setattr(api, "letter", broken)
    result = run("letter", campaign)
    assert result.exit_code == 70
    assert "Traceback" not in result.output and "a bug in printkit" not in result.output
    line = result.stderr.strip()
    assert line.startswith("printkit hit an internal error; please report it with this file: ")
    log = Path(line.rsplit(": ", 1)[1])
    assert log.is_relative_to(tmp_path / "state")
    text = log.read_text()
    assert "Traceback" in text and "RuntimeError: a bug in printkit" in text
    assert str(campaign) not in text  # the command's arguments can name supporters: left out


# --- Values in the page ---------------------------------------------------------------------


def bidi_letter(campaign: Path, tmp_path: Path, name: str, councillor: str) -> Path:
    path = tmp_path / "bidi.csv"
    path.write_text(HEADER + f"{name},4 Stryd Fawr,Llanberis,LL55 4EU,{councillor}\n")
    target = tmp_path / "bidi.pdf"
    api.letters(campaign, api.LetterRun(path, target, jobs=1))
    return target


def test_a_right_to_left_override_cannot_reorder_printkits_words(
    campaign: Path, tmp_path: Path, read_pdf
) -> None:
    target = bidi_letter(campaign, tmp_path, "Siân\u202eHughes", "\u202eAB Cllr")
    view = read_pdf(target)
    chars = [c for c in view.pages[0].chars if c["text"].strip()]
    dear = next(i for i, c in enumerate(chars) if c["text"] == "D" and chars[i + 1]["text"] == "e")
    line = [c for c in chars if abs(c["top"] - chars[dear]["top"]) < 1]
    text = "".join(c["text"] for c in sorted(line, key=lambda c: c["x0"]))
    assert text == "DearAB Cllr,".replace(" ", "")  # not "Dear ,rllC BA"
    assert "SiânHughes" in view.flat_text().replace(" ", "")


def test_every_value_is_wrapped_in_one_bidi_isolate() -> None:
    from printkit.languages import isolated

    assert isolated("\u202eAB") == "\u2068AB\u2069"
    assert isolated("a\u2069\u202eb") == "\u2068ab\u2069"  # its own pop cannot end ours early
    assert isolated("") == ""


def test_isolates_need_no_glyph() -> None:
    from printkit.render.fonts import undrawable

    assert undrawable("\u2068Siân Hughes\u2069") == []


@pytest.mark.parametrize(
    "name", ["\u200b\u200b", "\x07\x1b", "\u3164", "\u2800", "\u202e", " \u00a0 ", "\u0301"]
)
def test_a_name_of_only_invisible_characters_is_empty(tmp_path: Path, name: str) -> None:
    path = tmp_path / "s.csv"
    path.write_text(HEADER + f"{name},4 Stryd Fawr,Llanberis,LL55 4EU,Cllr Dafydd Jones\n")
    from printkit.campaign import load

    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "campaign.yaml").write_text(textwrap.dedent(CAMPAIGN))
    (folder / "letter.md").write_text(textwrap.dedent(LETTER))
    mailing = outcomes.prepare(load(folder), spreadsheet.read_table(path))
    assert mailing.letters == ()
    assert mailing.rejects[0].reason.startswith("[Your name] is empty")


def test_control_characters_are_dropped_from_printed_values(tmp_path: Path) -> None:
    from printkit.postal import clean_line

    assert clean_line("Siân\x07 Hughes\x1b[31m") == "Siân Hughes[31m"
