"""The command line: every command, its output lines and exit codes, bad input included."""

from __future__ import annotations

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
