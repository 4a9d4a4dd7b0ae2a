"""The built wheel carries everything: it renders the example campaign from another folder."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_renders_the_example(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("printkit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "printkit/templates/letter.html",
        "printkit/styles/letter.css",
        "printkit/fonts/fonts.css",
        "printkit/fonts/atkinson-hyperlegible-next/OFL.txt",
        "printkit/examples/write-to-your-mp/campaign.yaml",
        "printkit/web/templates/workspace.html",
        "printkit/web/static/app.css",
    ):
        assert needed in names

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(env_dir / "bin" / "printkit"), "letter", "-o", "blank.pdf"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "blank letter" in result.stdout
    assert (elsewhere / "blank.pdf").read_bytes().startswith(b"%PDF-")
    assert not result.stderr
