"""Time personalised letters: printkit's two engines, a plain WeasyPrint loop and Typst.

    python benchmarks/letters.py --rows 1000            # every engine, the same letters
    python benchmarks/letters.py --rows 10000 --engines printkit,typst
    python benchmarks/letters.py --rows 1000 --profile  # where printkit's time goes

Each engine runs in its own process on the same synthetic rows; the script prints
wall time, time per letter, peak memory (the process and its workers, shared pages
counted once), PDF size per letter, how many letters printkit composed from shared
shapes and how many it laid out in full, and the ratios to printkit and to Typst.
Typst needs the `typst` package (`pip install -e ".[bench]"`). Timings depend on
what else the machine is doing: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ENGINES = ("printkit", "printkit-full", "weasyprint-loop", "typst")


def write_rows(path: Path, count: int) -> None:
    """`count` synthetic supporters, every one a valid letter."""
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Name", "Address 1", "Town", "Postcode", "MP name"])
        for n in range(count):
            writer.writerow([f"Supporter {n}", f"{n + 1} Church Lane", "Leeds", "LS1 1AA",
                             f"Member {n}"])  # fmt: skip


def run_printkit(data: Path, out: Path, jobs: int, engine: str = "fast") -> str:
    """The `printkit letter --data` command, as a user runs it."""
    import contextlib
    import io

    from printkit.cli import main

    target = out / "printkit.pdf"
    args = ["letter", "--data", str(data), "-o", str(target), "--engine", engine, "--verbose"]
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        main([*args, *(["--jobs", str(jobs)] if jobs else [])], standalone_mode=False)
    paths = said.getvalue().strip().rsplit("(", 1)[-1].rstrip(")")
    return f"{target.stat().st_size} {paths}"


def run_printkit_full(data: Path, out: Path, jobs: int) -> str:
    return run_printkit(data, out, jobs, engine="full")


def run_weasyprint_loop(data: Path, out: Path, jobs: int) -> str:
    """What a first script would do: one WeasyPrint document per letter, styles re-read each time."""
    from weasyprint import CSS, HTML

    from printkit import campaign, paper
    from printkit.mail import outcomes, spreadsheet
    from printkit.products.letter import Fill, LetterTemplate
    from printkit.resources import asset_path

    loaded = campaign.load(None)
    template = LetterTemplate(loaded)
    letters = outcomes.prepare(loaded, spreadsheet.read_table(data)).letters
    variables = "; ".join(f"--{k}: {v}" for k, v in paper.letter_geometry(template.window).items())
    size = 0
    for number, letter in enumerate(letters):
        sheets = [CSS(filename=str(asset_path("fonts") / "fonts.css")),
                  *(CSS(filename=str(asset_path("styles") / n)) for n in ("base.css", "letter.css")),
                  CSS(string=f":root {{ {variables} }}")]  # fmt: skip
        html = template.html(Fill.addressed(letter, "1 December 2026"))
        target = out / f"loop-{number}.pdf"
        HTML(string=html, base_url=str(loaded.root)).write_pdf(target, stylesheets=sheets)
        size += target.stat().st_size
    return str(size)


TYPST_LETTER = """#set page(paper: "a4", margin: (top: 14mm, rest: 20mm))
#set text(font: "DejaVu Sans", size: 12pt, lang: "en", region: "gb")
#set par(justify: false, leading: 0.7em)
#let rows = json("rows.json")
#for (i, r) in rows.enumerate() [
  #if i > 0 { pagebreak() }
  #place(top + right, block(width: 76mm)[#r.name \\ #r.street \\ LEEDS \\ #r.postcode \\ \\ 1 December 2026])
  #place(top + left, dx: 2mm, dy: 38mm, block(width: 76mm, height: 30mm, text(size: 11pt)[#r.mp MP \\ House of Commons \\ LONDON \\ SW1A 0AA]))
  #v(84mm)
  Dear #r.mp,

  BODY

  Yours sincerely,
  #v(16mm)
  #r.name
]
"""


def run_typst(data: Path, out: Path, jobs: int) -> str:
    """The same letters with Typst, all in one document: its best case."""
    import typst

    from printkit import campaign

    body = campaign.load(None).letter.text
    body = body[body.index("\n") : body.rindex("Yours sincerely")].strip()
    body = "\n\n".join(p for p in body.split("\n\n") if not p.startswith("["))
    with data.open(encoding="utf-8") as stream:
        rows = [{"name": r["Name"], "street": r["Address 1"], "postcode": r["Postcode"],
                 "mp": r["MP name"]} for r in csv.DictReader(stream)]  # fmt: skip
    (out / "rows.json").write_text(json.dumps(rows), encoding="utf-8")
    escaped = body.replace("#", "\\#").replace("$", "\\$").replace("*", "\\*")
    (out / "letter.typ").write_text(TYPST_LETTER.replace("BODY", escaped), encoding="utf-8")
    typst.compile(str(out / "letter.typ"), output=str(out / "typst.pdf"))
    return str((out / "typst.pdf").stat().st_size)


RUNNERS = {
    "printkit": run_printkit,
    "printkit-full": run_printkit_full,
    "weasyprint-loop": run_weasyprint_loop,
    "typst": run_typst,
}


def tree_memory_kib(pid: int) -> int:
    """Memory of a process and all its descendants, in KiB: proportional set size (Linux /proc),
    so pages the processes share are counted once, not once per process."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def run_measured(command: list[str], name: str) -> tuple[float, int, str]:
    """Run `command` in a fresh process: wall seconds, peak KiB of its process tree, stdout."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, tree_memory_kib(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    stdout, _ = process.communicate()
    sampler.join()
    elapsed = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"{name} failed with exit status {process.returncode}")
    return elapsed, peak, stdout


def measure(engine: str, data: Path, jobs: int) -> dict[str, Any]:
    """Run one engine in a fresh process; wall time and peak memory of its process tree."""
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, __file__, "--child", engine, "--data", str(data),
                   "--out", out, "--jobs", str(jobs)]  # fmt: skip
        elapsed, peak, stdout = run_measured(command, engine)
        size, _, paths = (stdout.strip() or "0").partition(" ")
        return {"seconds": elapsed, "peak_mib": peak / 1024, "bytes": float(size), "paths": paths}


def profile(data: Path, jobs: int) -> None:
    """printkit's fast engine in this process (one job), its 25 costliest functions."""
    import cProfile
    import pstats

    with tempfile.TemporaryDirectory() as out:
        profiler = cProfile.Profile()
        profiler.runcall(run_printkit, data, Path(out), 1)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def report(rows: int, results: dict[str, dict[str, Any]]) -> None:
    """The table: one line per engine, ratios to printkit and to Typst."""
    base, typst = results.get("printkit"), results.get("typst")
    print(f"{rows} one-letter rows, example campaign; load average {os.getloadavg()[0]:.2f}")
    print(f"{'engine':<17}{'wall s':>8}{'ms/letter':>10}{'peak MiB':>9}{'PDF MiB':>8}"
          f"{'KiB/letter':>11}{'x printkit':>11}{'x typst':>8}  paths")  # fmt: skip
    for engine, r in results.items():
        ratio = f"{r['seconds'] / base['seconds']:.2f}" if base else "-"
        versus = f"{r['seconds'] / typst['seconds']:.2f}" if typst else "-"
        print(f"{engine:<17}{r['seconds']:>8.2f}{1000 * r['seconds'] / rows:>10.2f}"
              f"{r['peak_mib']:>9.0f}{r['bytes'] / 2**20:>8.1f}{r['bytes'] / 1024 / rows:>11.2f}"
              f"{ratio:>11}{versus:>8}  {r['paths']}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--jobs", type=int, default=0, help="printkit's processes (0: all cores)")
    parser.add_argument("--profile", action="store_true", help="profile printkit's fast engine")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(RUNNERS[args.child](args.data, args.out, args.jobs))
        return
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "rows.csv"
        write_rows(data, args.rows)
        if args.profile:
            profile(data, args.jobs)
            return
        results = {engine: measure(engine, data, args.jobs) for engine in args.engines.split(",")}
    report(args.rows, results)


if __name__ == "__main__":
    main()
