"""Typo checking throughput (TYP001–TYP019, no Kiwi) in characters of prose per second.

    .venv/bin/python bench/typos_bench.py [CORPUS] [--limit N]

Documents are loaded and parsed first (not timed); then each rule runs over every document, timed
with process CPU time. Pack and dictionary loading is timed separately (once per process).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newslint.config import Limits
from newslint.document import read_document
from newslint.prose import prose_segments
from newslint.registry import REGISTRY, Context, load_rules
from newslint.testing import make_config

CODES = [f"TYP{n:03d}" for n in range(1, 20)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default="/work/shared/corpus")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    files = sorted(p for p in Path(args.corpus).rglob("*") if p.suffix in {".md", ".markdown", ".html"})
    if args.limit:
        files = files[: args.limit]
    docs = [read_document(str(f), str(f), Limits()) for f in files]
    docs = [d for d in docs if d.readable]
    chars = sum(len(s.text) for d in docs for s in prose_segments(d))
    load_rules()
    cfg = make_config({})
    rules = [REGISTRY[c] for c in CODES if c in REGISTRY]

    t = time.process_time()
    from newslint.checks import typos
    from newslint.typo_packs import pack_set

    pack_set((), ())
    typos._codespell_dictionary().whole()  # type: ignore[union-attr]
    load = time.process_time() - t

    total = 0.0
    print(f"{len(docs)} documents, {chars:,} characters of prose; packs + codespell load: {load * 1000:.0f} ms")
    for r in rules:
        assert r.check is not None
        t = time.process_time()
        n = 0
        for d in docs:
            d.memo.pop("typos:prose", None)
            n += sum(1 for _ in r.check(d, Context(r, r.defaults(), cfg, d)))
        dt = time.process_time() - t
        total += dt
        print(f"{r.code} {r.name:22s} {dt:6.2f} s  {chars / dt / 1e6:6.2f} M chars/s  {n:5d} flags")
    print(f"all {len(rules)} rules        {total:6.2f} s  {chars / total / 1e6:6.2f} M chars/s  "
          f"{total / len(docs) * 1000:.3f} ms per document")


if __name__ == "__main__":
    main()
