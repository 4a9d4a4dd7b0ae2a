"""The command line: every command, its output lines and exit codes, bad input included."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from printkit.cli import main


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def assert_user_error(result: Result, *fragments: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.stderr


def test_letter_writes_the_example_into_the_current_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("letter")
    assert result.exit_code == 0, result.output
    written = tmp_path / "end-stop-and-scan-letter.pdf"
    assert written.stat().st_size > 10_000
    assert result.stdout.splitlines()[0] == str(written)
    assert result.stdout.splitlines()[-1].startswith("blank letter, ")


def test_letter_output_option(tmp_path: Path, councillor_campaign: Path) -> None:
    result = run("letter", councillor_campaign, "-o", tmp_path / "mine.pdf")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mine.pdf").read_bytes().startswith(b"%PDF-")


def test_build_writes_every_output_into_the_folder(
    tmp_path: Path, councillor_campaign: Path
) -> None:
    result = run("build", councillor_campaign, "-o", tmp_path / "pack")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pack" / "save-elm-road-library-letter.pdf").is_file()
    assert str(tmp_path / "pack" / "save-elm-road-library-letter.pdf") in result.stdout


def test_check_passes_the_example() -> None:
    result = run("check")
    assert result.exit_code == 0
    assert "no problems found" in result.stdout


def test_check_reports_every_problem_and_exits_1(make_campaign) -> None:
    folder = make_campaign("titel: x\nletter: {to: mayor, text: gone.md}\n")
    result = run("check", folder)
    assert_user_error(
        result,
        "unknown key 'titel'",
        "letter.to must be one of",
        "missing required key 'title'",
        "the letter file 'gone.md' does not exist",
    )
    assert "4 problems found" in result.stdout


def test_broken_yaml_is_a_message_not_a_traceback(make_campaign, tmp_path: Path) -> None:
    folder = make_campaign("title: T\n  letter: : :\n")
    result = run("letter", folder, "-o", tmp_path / "x.pdf")
    assert_user_error(result, "campaign.yaml:2:", "YAML syntax error")
    assert not (tmp_path / "x.pdf").exists()


def test_missing_campaign_folder(tmp_path: Path) -> None:
    assert_user_error(run("letter", tmp_path / "nope"), "no campaign found")


def test_init_copies_the_example(tmp_path: Path) -> None:
    result = run("init", tmp_path / "mine")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mine" / "campaign.yaml").is_file()
    assert (tmp_path / "mine" / "letter.md").is_file()
    assert run("check", tmp_path / "mine").exit_code == 0


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("keep me")
    assert_user_error(run("init", tmp_path / "busy"), "already exists and is not empty")
    assert (tmp_path / "busy" / "notes.txt").read_text() == "keep me"


def test_unwritable_output_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    assert_user_error(run("letter", "-o", tmp_path / "taken"), "is a folder")


@pytest.mark.parametrize("args", [["letter", "--nope"], ["frobnicate"]])
def test_wrong_usage_is_exit_2(args: list[str]) -> None:
    assert run(*args).exit_code == 2


def write_supporters(tmp_path: Path) -> Path:
    import supporters

    return supporters.write(tmp_path / "supporters.csv", supporters.supporters(6))


def test_letter_data_writes_pdf_manifest_and_summary(tmp_path: Path) -> None:
    data = write_supporters(tmp_path)
    result = run("letter", "--data", data, "-o", tmp_path / "out.pdf", "--jobs", "1")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:3] == [str(tmp_path / n) for n in ("out.pdf", "out-manifest.csv",
                                                     "out-rejects.csv")]  # fmt: skip
    assert lines[-1] == "5 letters, 1 row rejected (1 postcode not valid; see out-rejects.csv)"


def test_letter_data_options(tmp_path: Path) -> None:
    data = write_supporters(tmp_path)
    result = run("letter", "--data", data, "--split", tmp_path / "each", "--rows", "2-4",
                 "--name", "{row}", "--rejects", tmp_path / "bad.csv", "--duplex",
                 "--jobs", "1")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "each").iterdir()) == ["2.pdf", "3.pdf", "4.pdf"]
    assert result.stdout.splitlines()[-1] == "3 letters, 0 rows rejected"


def test_letter_map_names_the_column(tmp_path: Path) -> None:
    data = tmp_path / "s.csv"
    data.write_text("Supporter,Postcode,Member\nJo,LS1 1AA,Alex Sobel\n", encoding="utf-8")
    result = run("letter", "--data", data, "-o", tmp_path / "o.pdf",
                 "--map", "Your name=Supporter", "--map", "MP name=Member")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "1 letter, 0 rows rejected" in result.stdout


def test_letter_data_that_cannot_fill_the_letter(tmp_path: Path) -> None:
    data = tmp_path / "s.csv"
    data.write_text("Email\na@b.c\n", encoding="utf-8")
    result = run("letter", "--data", data, "-o", tmp_path / "o.pdf")
    assert_user_error(result, "s.csv cannot fill the letter", "no column for [MP name]",
                      "columns found: 'Email'")  # fmt: skip
    assert not (tmp_path / "o.pdf").exists()


def test_letter_data_missing_file(tmp_path: Path) -> None:
    assert_user_error(run("letter", "--data", tmp_path / "nope.csv"), "nope.csv")


def test_letter_fill_makes_one_letter(tmp_path: Path, read_pdf) -> None:
    result = run("letter", "-o", tmp_path / "one.pdf", "--fill", "Your name=Jo Bloggs",
                 "--fill", "Postcode=ls11aa", "--fill", "MP name=Alex Sobel",
                 "--fill", "Address 1=1 High St", "--fill", "Town=Leeds")  # fmt: skip
    assert result.exit_code == 0, result.output
    text = read_pdf(tmp_path / "one.pdf").text()
    assert "Dear Alex Sobel," in text and "LS1 1AA" in text and "LEEDS" in text


def test_letter_fill_with_a_bad_postcode(tmp_path: Path) -> None:
    result = run("letter", "-o", tmp_path / "one.pdf", "--fill", "Your name=Jo",
                 "--fill", "Postcode=nope", "--fill", "MP name=Someone")  # fmt: skip
    assert_user_error(result, "--fill: 'nope' is not a valid UK postcode")


@pytest.mark.parametrize(
    "args",
    [
        ["--rows", "x-y"],
        ["--map", "nonsense"],
        ["--fill", "nonsense"],
        ["--split", "d"],
        ["--data", "a.csv", "--fill", "Your name=x"],
    ],
)
def test_letter_bad_options_are_usage_errors(args: list[str]) -> None:
    assert run("letter", *args).exit_code == 2


def test_check_data_reports_each_reject_with_row_and_column(tmp_path: Path) -> None:
    data = write_supporters(tmp_path)
    result = run("check", "--data", data)
    assert_user_error(result, "supporters.csv: row 7, column 'Postcode': 'LS1 XYZ' is not a valid")
    assert "5 letters would print, 1 row would not (1 postcode not valid)" in result.stdout


@pytest.mark.parametrize(
    ("args", "name", "summary"),
    [
        (["leaflet", "--size", "a6"], "leaflet.pdf", "leaflet"),
        (["leaflet", "--print-shop"], "leaflet.pdf", "leaflet"),
        (["poster", "--size", "a3"], "poster.pdf", "poster"),
        (["signup"], "signup.pdf", "sign-up"),
    ],
)
def test_stall_products(tmp_path: Path, args: list[str], name: str, summary: str) -> None:
    result = run(*args, "-o", tmp_path / name)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == str(tmp_path / name)
    assert summary in result.stdout.splitlines()[-1].lower()
    assert (tmp_path / name).read_bytes().startswith(b"%PDF-")


def test_proof_of_one_product(tmp_path: Path) -> None:
    result = run("proof", "poster", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    pngs = sorted(tmp_path.glob("*.png"))
    assert pngs and all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)
    assert all("poster" in p.name for p in pngs)


def test_stall_product_with_a_broken_campaign(make_campaign, tmp_path: Path) -> None:
    folder = make_campaign("title: T\nletter: {text: letter.md}\nlogo: missing.svg\n", "Hi\n")
    assert_user_error(run("leaflet", folder, "-o", tmp_path / "x.pdf"), "missing.svg")


@pytest.mark.parametrize("args", [["leaflet", "--size", "a4"], ["poster", "--size", "a5"],
                                  ["proof", "x", "flyer"]])  # fmt: skip
def test_stall_products_bad_usage(args: list[str]) -> None:
    assert run(*args).exit_code == 2


def test_proof_names_the_products_it_can_make() -> None:
    result = run("proof", "x", "flyer")
    assert "'flyer' is not one of 'letter', 'leaflet', 'signup', 'poster'" in result.stderr


def test_the_command_line_starts_without_loading_weasyprint() -> None:
    # `letter --data` starts its workers' server first, and loads WeasyPrint while it starts.
    script = "import sys, printkit.cli; print(sorted({'weasyprint', 'pydyf'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_printing_never_loads_the_network_code(tmp_path: Path) -> None:
    """Offline printing does not even import the lookup's HTTP client."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from printkit.cli import main\n"
        "try:\n"
        f"    main(['letter', '-o', {str(tmp_path / 'l.pdf')!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('printkit.lookup')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "l.pdf").is_file()


def test_letter_bundles_sorted_split_and_bounded(tmp_path: Path) -> None:
    data = write_supporters(tmp_path)
    result = run("letter", "--data", data, "-o", tmp_path / "out.pdf", "--jobs", "1",
                 "--sort", "postcode", "--bundle", "recipient", "--split-by", "recipient",
                 "--max-pages", "4", "--keep-duplicates")  # fmt: skip
    assert result.exit_code == 0, result.output
    written = result.stdout.splitlines()
    assert str(tmp_path / "out-Alex-Sobel0-MP-1.pdf") in written
    assert str(tmp_path / "out-manifest.csv") in written
    assert written[-1] == "5 letters, 1 row rejected (1 postcode not valid; see out-rejects.csv)"


def test_letter_for_a_service_and_labels_for_households(tmp_path: Path) -> None:
    data = write_supporters(tmp_path)
    result = run("letter", "--data", data, "--for", "pingen", "--split", tmp_path / "post",
                 "--jobs", "1")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert str(tmp_path / "post" / "recipients.csv") in result.stdout.splitlines()
    result = run("labels", "--data", data, "--to", "sender", "--merge-households", "-o",
                 tmp_path / "labels.pdf", "--sort", "recipient")  # fmt: skip
    assert result.exit_code == 0, result.output
    result = run("envelopes", "--data", data, "--merge-households", "-o", tmp_path / "e.pdf")
    assert_user_error(result, "--merge-households needs --to sender")


def test_for_a_service_with_a_bundle_is_a_user_error(tmp_path: Path) -> None:
    data = write_supporters(tmp_path)
    result = run("letter", "--data", data, "--for", "stannp", "--bundle", "recipient")
    assert_user_error(result, "--for stannp writes one PDF per letter: leave out --bundle")
