"""Time and peak memory of the cross-article duplicates rules (DUP101-103) on generated articles.

    .venv/bin/python bench/duplicates_bench.py -n 10000 -j 2

Runs the real engine (workers compute fingerprints, the parent joins them) and prints wall
time, the join's share, CPU time and peak RSS of the parent and of the largest worker.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_duplicates import generate  # noqa: E402

from newslint import engine  # noqa: E402
from newslint.testing import make_config  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--dir", type=Path, help="reuse or keep the generated articles here")
    args = ap.parse_args()
    tmp = None
    if args.dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="dupbench-")
        args.dir = Path(tmp.name)
    paths = sorted(args.dir.rglob("*.md"))
    if len(paths) != args.n:
        t = time.perf_counter()
        paths = generate(args.dir, args.n)
        print(f"generated {args.n} articles in {time.perf_counter() - t:.1f}s")
    config = make_config({"select": ["DUP101", "DUP102", "DUP103"]}, root=args.dir)
    files = [(str(p), str(p.relative_to(args.dir))) for p in paths]

    joined = {}
    real_join = engine.join_corpus

    def timed_join(results, cfg):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        out = real_join(results, cfg)
        joined["s"] = time.perf_counter() - t
        return out

    engine.join_corpus = timed_join
    t0 = time.perf_counter()
    result = engine.run(files, config, jobs=args.jobs)
    wall = time.perf_counter() - t0
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    counts = Counter(d.rule for d in result.diagnostics)
    print(f"articles={args.n} jobs={args.jobs} wall={wall:.1f}s join={joined.get('s', 0):.2f}s "
          f"cpu_parent={me.ru_utime + me.ru_stime:.1f}s cpu_workers={kids.ru_utime + kids.ru_stime:.1f}s "
          f"peak_rss_parent={me.ru_maxrss / 1024:.0f}MB peak_rss_worker={kids.ru_maxrss / 1024:.0f}MB")
    print("diagnostics:", dict(sorted(counts.items())))
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
