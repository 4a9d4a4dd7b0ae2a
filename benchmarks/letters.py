"""Time personalised letters: printkit against a plain WeasyPrint loop and against Typst.

    python benchmarks/letters.py --rows 1000            # all three engines
    python benchmarks/letters.py --rows 10000 --engines printkit

Each engine runs in its own process on the same synthetic rows; the script prints
wall time, time per letter, peak memory (the process and its workers, shared pages
counted once) and
the ratios to printkit. Typst needs the `typst` package (`pip install typst`).
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ENGINES = ("printkit", "weasyprint-loop", "typst")


def write_rows(path: Path, count: int) -> None:
    """`count` synthetic supporters, every one a valid letter."""
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["Name", "Address 1", "Town", "Postcode", "MP name"])
        for n in range(count):
            writer.writerow([f"Supporter {n}", f"{n + 1} Church Lane", "Leeds", "LS1 1AA",
                             f"Member {n}"])  # fmt: skip


def run_printkit(data: Path, out: Path, jobs: int) -> int:
    from printkit import api

    run = api.LetterRun(data, output=out / "printkit.pdf", jobs=jobs)
    api.letters(None, run)
    return run.output.stat().st_size if run.output else 0


def run_weasyprint_loop(data: Path, out: Path, jobs: int) -> int:
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
    return size


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


def run_typst(data: Path, out: Path, jobs: int) -> int:
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
    return (out / "typst.pdf").stat().st_size


RUNNERS = {"printkit": run_printkit, "weasyprint-loop": run_weasyprint_loop, "typst": run_typst}


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


def measure(engine: str, data: Path, jobs: int) -> dict[str, float]:
    """Run one engine in a fresh process; wall time and peak memory of its process tree."""
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, __file__, "--child", engine, "--data", str(data),
                   "--out", out, "--jobs", str(jobs)]  # fmt: skip
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
            raise SystemExit(f"{engine} failed with exit status {process.returncode}")
        return {"seconds": elapsed, "peak_mib": peak / 1024, "bytes": float(stdout.strip() or 0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--jobs", type=int, default=0, help="printkit's processes (0: all cores)")
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
        results = {engine: measure(engine, data, args.jobs) for engine in args.engines.split(",")}
    base = results.get("printkit")
    print(f"{args.rows} one-letter rows, example campaign")
    print(
        f"{'engine':<17}{'wall s':>9}{'ms/letter':>11}{'peak MiB':>10}{'PDF MiB':>9}{'x printkit':>12}"
    )
    for engine, r in results.items():
        ratio = f"{r['seconds'] / base['seconds']:.2f}" if base else "-"
        print(f"{engine:<17}{r['seconds']:>9.1f}{1000 * r['seconds'] / args.rows:>11.1f}"
              f"{r['peak_mib']:>10.0f}{r['bytes'] / 2**20:>9.1f}{ratio:>12}")  # fmt: skip


if __name__ == "__main__":
    main()
