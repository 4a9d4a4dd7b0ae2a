"""Faults: a run stopped part of the way, outputs aimed at what is not a file, the input, a
full disk. Each leaves no process, no temporary file and nothing the organiser had changed."""

from __future__ import annotations

import contextlib
import csv
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from printkit import api
from printkit.errors import OutputError, PrintkitError
from printkit.resources import example_campaign

ROWS = 160  # two pages of work per worker for a few seconds


def write_rows(path: Path, count: int = ROWS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Name", "Address 1", "Town", "Postcode", "MP name"])
        for n in range(count):
            writer.writerow([f"Siân Hughes {n}", f"{n + 1} Heol y Bont", "Bala", "LL23 7AB",
                             f"Member {n}"])  # fmt: skip
    return path


def descendants(pid: int) -> set[int]:
    """A process and everything it started, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(entry.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.parent.name))
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        found.add(current)
        todo.extend(children.get(current, []))
    return found


def workers(pid: int) -> int:
    """How many of a process's descendants came from its fork server (the server included)."""
    count = 0
    for child in descendants(pid) - {pid}:
        with contextlib.suppress(OSError):
            count += b"forkserver" in Path(f"/proc/{child}/cmdline").read_bytes()
    return count


def catches(pid: int, number: int) -> bool:
    """Whether the process has a handler set for signal `number` (Linux: /proc/PID/status)."""
    with contextlib.suppress(OSError, StopIteration):
        status = Path(f"/proc/{pid}/status").read_text()
        mask = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
        return bool(int(mask.split()[1], 16) >> (number - 1) & 1)
    return False


def running(pid: int) -> bool:
    """Whether `pid` is a live process (a zombie has ended, it only waits to be reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def leftovers(folder: Path) -> list[str]:
    """Temporary or half-made files anywhere under `folder`."""
    return sorted(p.name for p in folder.rglob("*") if p.suffix in (".part", ".old"))


def until(
    condition: Callable[[], bool], process: subprocess.Popen[str], seconds: float = 600
) -> None:
    """Wait for `condition` while the run goes on (slowly, on a busy machine)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"the run ended (status {process.returncode}) before the point")
        if time.monotonic() > deadline:
            raise AssertionError("the run never reached the point to stop it at")
        time.sleep(0.02)


def part_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob(".*.part") if p.exists())


# Where to stop the run: each a condition on the run's process and its output folder.
POINTS: dict[str, Callable[[subprocess.Popen[str], Path], bool]] = {
    # Once printkit handles SIGTERM, before it has started a worker: still loading.
    "while loading": lambda process, out: catches(process.pid, signal.SIGTERM),
    "once the workers exist": lambda process, out: workers(process.pid) >= 3,
    "while the pdf streams in": lambda process, out: part_size(out) > 0,
    "late in the run": lambda process, out: part_size(out) > 150_000,  # composed: 1.5 KB a letter
}
SIGNALS = {"SIGTERM": (signal.SIGTERM, 143), "SIGINT": (signal.SIGINT, 130),
           "SIGHUP": (signal.SIGHUP, 129)}  # fmt: skip


def stop_a_run(tmp_path: Path, point: str, name: str) -> None:
    """Start a 2-worker run, stop it at `point` with signal `name`, and check what is left."""
    number, status = SIGNALS[name]
    data = write_rows(tmp_path / "supporters.csv")
    out = tmp_path / "out"
    out.mkdir()
    command = [sys.executable, "-m", "printkit", "letter", "--data", str(data), "--jobs", "2",
               "-o", str(out / "letters.pdf")]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: set[int] = set()
    reached = POINTS[point]
    try:
        until(lambda: bool(seen.update(descendants(process.pid))) or reached(process, out), process)
        seen |= descendants(process.pid)
        process.send_signal(number)
        _, stderr = process.communicate(timeout=300)
    finally:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
    time.sleep(0.3)
    assert [pid for pid in seen if running(pid)] == [], "processes were left running"
    assert leftovers(tmp_path) == []
    assert not (out / "letters.pdf").exists() and not (out / "letters-manifest.csv").exists()
    assert "Traceback" not in stderr
    assert process.returncode == status, stderr
    assert f"stopped ({'Ctrl-C' if name == 'SIGINT' else name})" in stderr


@pytest.mark.slow
def test_sigterm_while_the_pdf_streams_in(tmp_path: Path) -> None:
    stop_a_run(tmp_path, "while the pdf streams in", "SIGTERM")


@pytest.mark.slow
@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("point", POINTS)
def test_a_signal_at_any_point_leaves_nothing(tmp_path: Path, point: str, name: str) -> None:
    stop_a_run(tmp_path, point, name)


@pytest.mark.slow
def test_sighup_stops_a_run_like_ctrl_c(tmp_path: Path) -> None:
    stop_a_run(tmp_path, "once the workers exist", "SIGHUP")


# --- Outputs that are not files -------------------------------------------------------------


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write_rows(tmp_path / "supporters.csv", 6)


def make_device(path: Path) -> Path:
    """A character device (the null device's numbers) when we may make one; else /dev/null."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        return Path("/dev/null")
    return path


@pytest.mark.parametrize("flag", ["-o", "--rejects", "manifest"])
@pytest.mark.parametrize("kind", ["fifo", "device", "link", "folder"])
def test_an_output_that_is_not_a_file_is_refused(
    tmp_path: Path, data: Path, kind: str, flag: str
) -> None:
    (tmp_path / "victim.txt").write_text("the organiser's notes")
    target = tmp_path / ("letters-manifest.csv" if flag == "manifest" else "target")
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        target = make_device(target)
    elif kind == "link":
        target.symlink_to(tmp_path / "victim.txt")
    else:
        target.mkdir()
    before = os.lstat(target)
    rows = data.read_text().splitlines()
    data.write_text("\n".join([*rows, "No Postcode,1 Road,Bala,,Member"]) + "\n")  # a reject
    options = {"-o": {"output": target}, "--rejects": {"rejects": target}}.get(flag, {})
    run = api.LetterRun(data, **{"output": tmp_path / "letters.pdf", **options}, jobs=1)
    with pytest.raises(OutputError) as caught:
        api.letters(None, run)
    words = {"fifo": "a pipe (FIFO)", "device": "a device", "link": "a link", "folder": "a folder"}
    assert f"{target} is {words[kind]}, not a file" in str(caught.value)
    after = os.lstat(target)
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode)
    assert after.st_ino == before.st_ino
    assert (tmp_path / "victim.txt").read_text() == "the organiser's notes"
    assert not (tmp_path / "letters.pdf").exists() and leftovers(tmp_path) == []


def test_a_split_folder_that_is_a_link_or_a_file_is_refused(tmp_path: Path, data: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "linked").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "notes.txt").write_text("keep")
    for folder, what in ((tmp_path / "linked", "a link"), (tmp_path / "notes.txt", "a file")):
        with pytest.raises(OutputError, match=f"it is {what}, not a folder"):
            api.letters(None, api.LetterRun(data, split=folder, jobs=1))
    assert list((tmp_path / "elsewhere").iterdir()) == []
    assert (tmp_path / "notes.txt").read_text() == "keep"


# --- No output may be an input --------------------------------------------------------------


def _same_file(tmp_path: Path) -> Path:
    return tmp_path / "supporters.csv"


def _hard_link(tmp_path: Path) -> Path:
    os.link(tmp_path / "supporters.csv", tmp_path / "another-name.csv")
    return tmp_path / "another-name.csv"


def _through_a_linked_folder(tmp_path: Path) -> Path:
    (tmp_path / "via").symlink_to(tmp_path)
    return tmp_path / "via" / "supporters.csv"


SAME = {"the same path": _same_file, "a hard link": _hard_link,
        "a linked folder": _through_a_linked_folder}  # fmt: skip
RUNS: dict[str, Callable[[Path, Path], object]] = {
    "letter -o": lambda data, target: api.letters(None, api.LetterRun(data, target, jobs=1)),
    "letter --rejects": lambda data, target: api.letters(
        None, api.LetterRun(data, data.with_name("l.pdf"), rejects=target, jobs=1)
    ),
    "labels -o": lambda data, target: api.labels(None, api.LabelRun(data, target)),
    "labels --rejects": lambda data, target: api.labels(
        None, api.LabelRun(data, data.with_name("l.pdf"), rejects=target)
    ),
    "envelopes -o": lambda data, target: api.envelopes(None, api.EnvelopeRun(data, target)),
    "lookup -o": lambda data, target: api.lookup(data, target),
}


@pytest.mark.parametrize("how", SAME.values(), ids=SAME.keys())
@pytest.mark.parametrize("command", RUNS.values(), ids=RUNS.keys())
def test_no_output_may_be_the_spreadsheet(
    tmp_path: Path, data: Path, command: Callable[[Path, Path], object], how: Callable[..., Path]
) -> None:
    rows = data.read_text().splitlines()
    data.write_text("\n".join([*rows, "No Postcode,1 Road,Bala,,Member"]) + "\n")
    before = data.read_bytes()
    target = how(tmp_path)
    with pytest.raises(OutputError, match="is one of this run's inputs"):
        command(data, target)
    assert data.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_the_manifest_may_not_be_the_spreadsheet(tmp_path: Path) -> None:
    data = write_rows(tmp_path / "letters-manifest.csv", 4)
    before = data.read_bytes()
    with pytest.raises(OutputError, match=r"letters-manifest\.csv is one of this run's inputs"):
        api.letters(None, api.LetterRun(data, tmp_path / "letters.pdf", jobs=1))
    assert data.read_bytes() == before and not (tmp_path / "letters.pdf").exists()


def test_a_split_file_may_not_be_the_spreadsheet(tmp_path: Path) -> None:
    data = write_rows(tmp_path / "2-Sian-Hughes-0.pdf", 3)  # named as row 2's letter would be
    before = data.read_bytes()
    with pytest.raises(OutputError, match="is one of this run's inputs"):
        api.letters(None, api.LetterRun(data, split=tmp_path, jobs=1))
    assert data.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2-Sian-Hughes-0.pdf"]


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    folder = tmp_path / "campaign"
    folder.mkdir()
    for name in ("campaign.yaml", "letter.md"):
        (folder / name).write_bytes((example_campaign() / name).read_bytes())
    return folder


def test_no_output_may_be_a_campaign_file(campaign: Path) -> None:
    letter = (campaign / "letter.md").read_bytes()
    (campaign / "templates").mkdir()
    (campaign / "templates" / "end-stop-and-scan-leaflet.pdf").write_text("notes")
    (campaign / "templates" / "end-stop-and-scan-letter-1.png").write_text("notes")
    attempts: list[Callable[[], object]] = [
        lambda: api.letter(campaign, campaign / "letter.md"),
        lambda: api.poster(campaign, campaign / "campaign.yaml"),
        lambda: api.build(campaign, campaign / "templates"),
        lambda: api.proof(campaign, "letter", campaign / "templates", overwrite=True),
    ]
    for attempt in attempts:
        with pytest.raises(OutputError, match="is one of this run's inputs"):
            attempt()
    assert (campaign / "letter.md").read_bytes() == letter
    assert (campaign / "templates" / "end-stop-and-scan-leaflet.pdf").read_text() == "notes"
    assert (campaign / "templates" / "end-stop-and-scan-letter-1.png").read_text() == "notes"


def test_two_outputs_of_one_run_may_not_share_a_file(tmp_path: Path, data: Path) -> None:
    rows = data.read_text().splitlines()
    data.write_text("\n".join([*rows, "No Postcode,1 Road,Bala,,Member"]) + "\n")
    target = tmp_path / "letters.pdf"
    with pytest.raises(OutputError, match="is named for two outputs of this run"):
        api.letters(None, api.LetterRun(data, target, rejects=target, jobs=1))
    assert not target.exists()


# --- A second run ---------------------------------------------------------------------------


def test_a_second_run_replaces_nothing_unless_asked(tmp_path: Path, data: Path) -> None:
    rows = data.read_text().splitlines()
    data.write_text("\n".join([*rows, "No Postcode,1 Road,Bala,,Member"]) + "\n")
    target = tmp_path / "letters.pdf"
    api.letters(None, api.LetterRun(data, target, jobs=1))
    first = {p.name: p.read_bytes() for p in tmp_path.glob("letters*")}
    assert sorted(first) == ["letters-manifest.csv", "letters-rejects.csv", "letters.pdf"]
    with pytest.raises(OutputError) as caught:
        api.letters(None, api.LetterRun(data, target, jobs=1, date="2 January 2027"))
    message = str(caught.value)
    for name in first:  # every file in the way, named at once
        assert f"{tmp_path / name} already exists" in message
    assert "--overwrite" in message
    assert {p.name: p.read_bytes() for p in tmp_path.glob("letters*")} == first


def test_overwrite_replaces_the_whole_set_and_drops_a_stale_rejects_file(
    tmp_path: Path, data: Path
) -> None:
    good = data.read_text()
    data.write_text(good + "No Postcode,1 Road,Bala,,Member\n")
    target = tmp_path / "letters.pdf"
    api.letters(None, api.LetterRun(data, target, jobs=1))
    assert (tmp_path / "letters-rejects.csv").exists()
    data.write_text(good)  # the organiser fixed the row: no rejects this time
    outcome = api.letters(None, api.LetterRun(data, target, jobs=1, overwrite=True))
    assert not (tmp_path / "letters-rejects.csv").exists()  # not left beside the new letters
    assert "7 letters" not in outcome.summary and "6 letters" in outcome.summary
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "letters-manifest.csv", "letters.pdf", "supporters.csv"
    ]  # fmt: skip


def test_overwrite_never_replaces_an_input(tmp_path: Path, data: Path) -> None:
    with pytest.raises(OutputError, match="is one of this run's inputs"):
        api.letters(None, api.LetterRun(data, data, jobs=1, overwrite=True))


# --- A full disk ----------------------------------------------------------------------------


@contextlib.contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A tiny tmpfs at `folder` (root only); skips the test where it cannot be made."""
    if os.geteuid() != 0:
        pytest.skip("a full disk needs a small tmpfs, which only root can mount")
    folder.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, text=True)  # fmt: skip
    if made.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_full_disk_is_a_message_and_leaves_nothing(tmp_path: Path) -> None:
    data = write_rows(tmp_path / "supporters.csv", 40)
    with small_disk(tmp_path / "stick", "64k") as stick:
        with pytest.raises(OutputError) as caught:
            api.letters(None, api.LetterRun(data, stick / "letters.pdf", jobs=1))
        assert "No space left on device" in str(caught.value)
        assert "nothing was written" in str(caught.value)
        assert list(stick.iterdir()) == []


def test_a_read_only_folder_is_a_message(tmp_path: Path, data: Path) -> None:
    folder = tmp_path / "ro"
    with read_only(folder):
        with pytest.raises(PrintkitError) as caught:
            api.letter(None, folder / "letter.pdf")
        assert str(folder) in str(caught.value)
        assert list(folder.iterdir()) == []


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """A folder nothing can be written into: a read-only tmpfs as root, else chmod 555."""
    folder.mkdir()
    if os.geteuid() == 0:
        made = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)],
                              capture_output=True, text=True)  # fmt: skip
        if made.returncode:
            pytest.skip(f"cannot mount a read-only tmpfs here: {made.stderr.strip()}")
        try:
            yield folder
        finally:
            subprocess.run(["umount", str(folder)], check=False)
        return
    folder.chmod(0o555)
    try:
        yield folder
    finally:
        folder.chmod(0o755)
