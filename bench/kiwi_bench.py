"""Kiwi's load time and throughput, and what the Korean typo rules cost per article.

    .venv/bin/python bench/kiwi_bench.py [corpus folder] [--files N]

Prints CPU seconds (not wall time: the machine is shared): Kiwi's load, Kiwi's raw
throughput (characters of Korean prose per second, with and without the typo model),
and the rules TYP020–TYP024 over N articles with and without Kiwi.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from newslint import kiwi
from newslint.document import Document, read_document
from newslint.engine import check_document
from newslint.prose import prose_segments
from newslint.testing import make_config

HANGUL = re.compile(r"[가-힣]")
RULES = ["TYP020", "TYP021", "TYP022", "TYP023", "TYP024"]


def cpu() -> float:
    return time.process_time()


def _korean(doc: Document) -> bool:
    try:
        return doc.readable and any(HANGUL.search(s.text) for s in prose_segments(doc))
    except Exception:  # a body-model bug on one file must not stop the benchmark
        return False


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default="../shared/corpus")
    ap.add_argument("--files", type=int, default=400)
    args = ap.parse_args()
    files = sorted(p for p in Path(args.corpus).rglob("*") if p.suffix in (".md", ".markdown", ".html"))
    docs = [read_document(str(p), str(p)) for p in files]
    korean = [d for d in docs if _korean(d)]
    step = max(1, len(korean) // args.files)
    sample = korean[::step][: args.files]
    sentences = [s.text for d in sample[:150] for s in prose_segments(d) if HANGUL.search(s.text)]
    chars = sum(len(s) for s in sentences)
    print(f"{len(sample)} Korean articles sampled of {len(korean)}; raw-throughput text: {chars:,} chars")

    t = cpu()
    assert kiwi.get() is not None, "kiwipiepy is not installed"
    print(f"Kiwi load (import + model + first call): {cpu() - t:.2f} s CPU")

    for typos in (False, True):
        kiwi._cache.clear()
        t = cpu()
        kiwi.tokenize(sentences, typos=typos)
        dt = cpu() - t
        print(f"Kiwi tokenize{' with typos=basic' if typos else ''}: {chars / dt:,.0f} chars/s CPU")

    prose_chars = sum(len(s.text) for d in sample for s in prose_segments(d))
    for label, on in (("with Kiwi", True), ("without Kiwi", False)):
        saved = (kiwi._kiwi, kiwi._tried)
        if not on:
            kiwi._reset_for_tests(None, tried=True)
        kiwi._cache.clear()
        cfg = make_config({"select": RULES})
        fresh = [read_document(d.path, d.path) for d in sample]
        for d in fresh:  # parse outside the timing: the body model is shared by every family
            prose_segments(d)
        t = cpu()
        n = sum(len(check_document(d, cfg).diagnostics) for d in fresh)
        dt = cpu() - t
        kiwi._reset_for_tests(*saved)
        print(f"TYP020-TYP024 {label}: {dt / len(fresh) * 1000:.2f} ms CPU per Korean article, "
              f"{prose_chars / dt:,.0f} prose chars/s, {n} diagnostics")


if __name__ == "__main__":
    main()
