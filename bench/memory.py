"""Peak memory of a default run as the corpus grows (issue 8: ≤ 300 MB at 10,000 articles, ≤ 1 GB at 100,000).

    .venv/bin/python bench/memory.py [--sizes 10000,20000,100000] [--out bench/.corpus-memory] [--jobs 2]

Generates one seeded corpus of the largest size with bench/gen_corpus.py (the first N articles of a
corpus do not depend on its size, so the smaller sizes are its first folders of 1,000 articles) and runs
`newslint check --no-cache -j JOBS` (default rules without Kiwi, JSON to a file) over the first N
articles for each size. Prints, per size: wall and CPU seconds, the peak RSS of the largest process
(GNU time) and of all of the run's processes together (sampled every 50 ms), and the growth per
1,000 articles between sizes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from run import NEWSLINT, NO_KIWI, WORK, measure  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,20000",
                    help="article counts, comma-separated (multiples of the generator's folder size, 1,000)")
    ap.add_argument("--out", default=str(BENCH / ".corpus-memory"))
    ap.add_argument("--jobs", default="2")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    out = Path(args.out).resolve()
    manifest = out / "manifest.json"
    if not (manifest.exists() and json.loads(manifest.read_text(encoding="utf-8")).get("articles") == sizes[-1]):
        from gen_corpus import generate

        print(f"generating {sizes[-1]:,} articles into {out} …", file=sys.stderr)
        generate(out, sizes[-1], args.seed)
    folders = sorted(p for p in (out / "articles").iterdir() if p.is_dir())
    per_folder = sum(1 for _ in folders[0].iterdir())
    WORK.mkdir(parents=True, exist_ok=True)
    print("| articles | wall s | CPU s | peak RSS MB (largest process) | peak RSS MB (all processes) |")
    print("|---:|---:|---:|---:|---:|")
    prev: tuple[int, float] | None = None
    notes = []
    for n in sizes:
        chosen = [str(f) for f in folders[: n // per_folder]]
        cmd = [str(NEWSLINT), "check", *chosen, "--no-cache", "-j", args.jobs, *NO_KIWI,
               "--format", "json", "-o", str(WORK / "memory.json"), "-q"]
        wall, cpu, rss_max, rss_tree, _rc, _lines = measure(cmd, cwd=WORK, stdout=WORK / "memory.txt")
        print(f"| {n:,} | {wall:.1f} | {cpu:.1f} | {rss_max or 0:.0f} | {rss_tree or 0:.0f} |", flush=True)
        if prev is not None and rss_tree:
            notes.append(f"{prev[0]:,} → {n:,}: {(rss_tree - prev[1]) / (n - prev[0]) * 1000:.1f} MB per 1,000 articles")
        prev = (n, rss_tree or 0)
    for note in notes:
        print(f"\n- growth {note}")


if __name__ == "__main__":
    main()
