"""CPU cost of every enabled rule, in ms per article, by rule and by family.

    .venv/bin/python bench/profile_rules.py [CORPUS] [--limit N] [--repeat R] [--select X,Y] [--isolate] [--serial]

Articles are discovered as `newslint check` does, read and parsed once (not counted against any
rule: that cost is printed on its own line). Then every enabled rule runs over every article in
the engine's order, timed with process CPU time (the machine is shared: compare ratios within one
run, not absolute figures across runs). Per-document memos (`doc.memo`) are cleared before each
repetition; within one repetition the first rule that computes a shared memo pays for it, as in a
real run (Kiwi's sentence cache too). `--isolate` clears the memo before every rule instead, so each rule is charged its whole
standalone cost. The figure kept per rule is the minimum over the repetitions. A corpus rule is
charged its fingerprints plus its join (spread over the articles).
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict

from newslint import kiwi
from newslint.config import load_config
from newslint.discover import discover
from newslint.document import Document, read_document
from newslint.registry import REGISTRY, WARM_UPS, Context, JoinContext, load_rules


def _pick(files: list[tuple[str, str]], limit: int) -> list[tuple[str, str]]:
    """An evenly spread sample (every site represented) rather than the first N."""
    if not limit or limit >= len(files):
        return files
    step = len(files) / limit
    return [files[int(i * step)] for i in range(limit)]


def _one_pass(docs: list[Document], codes: list[str], enabled: dict, config, isolate: bool) -> dict[str, float]:
    spent: dict[str, float] = defaultdict(float)
    prints: dict[str, list] = defaultdict(list)
    clock = time.process_time
    for d in docs:
        d.memo.clear()
    kiwi._cache.clear()  # analysed sentences are kept per process: each repetition pays for its own
    for d in docs:
        for code in codes:
            r = REGISTRY[code]
            if not d.readable and r.family != "parse":
                continue
            if isolate:
                d.memo.clear()
            ctx = Context(r, enabled[code][1], config, d)
            t = clock()
            if r.corpus is not None:
                fp = r.corpus.fingerprint(d, ctx)
                if fp is not None:
                    prints[code].append((d.path, fp))
            elif r.check is not None:
                for _ in r.check(d, ctx):
                    pass
            spent[code] += clock() - t
    for code, fps in prints.items():
        r = REGISTRY[code]
        assert r.corpus is not None
        t = clock()
        for _ in r.corpus.join(fps, JoinContext(r, enabled[code][1], config)):
            pass
        spent[code] += clock() - t
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default="/work/shared/corpus")
    ap.add_argument("--limit", type=int, default=1000, help="articles to sample evenly (0: all)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--select", default="", help="comma-separated codes, families or prefixes")
    ap.add_argument("--isolate", action="store_true", help="clear doc.memo before every rule")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--serial", action="store_true",
                    help="skip the warm-ups a run over many articles does first (numpy for DUP102, the whole "
                         "codespell dictionary): measure what a run over a few files pays per article")
    args = ap.parse_args()

    config = load_config(None)
    if args.select:
        config.select = [s.strip() for s in args.select.split(",") if s.strip()]
        config._resolved.clear()
    load_rules()
    files = _pick(discover([args.corpus], config).files, args.limit)

    t = time.process_time()
    docs = [read_document(fs, disp, config.limits) for fs, disp in files]
    t_read = time.process_time() - t
    t = time.process_time()
    for d in docs:
        if d.readable:
            d.body  # noqa: B018 - parse once, outside the rules' timing
    t_parse = time.process_time() - t
    t = time.process_time()
    for d in docs:
        d.index  # noqa: B018 - the line index every report needs
    t_index = time.process_time() - t

    n = len(docs)
    enabled = config.rules_for(str(config.root / "_"))
    codes = list(enabled)
    # Warm up: imports, lazily loaded word lists and schemas are paid once per process, not per article.
    t = time.process_time()
    if not args.serial:  # as engine._check_all does before forking its workers (the default run, -j 2)
        for fn in WARM_UPS:
            fn(set(codes))
    _one_pass(docs[: min(20, n)], codes, enabled, config, args.isolate)
    t_warm = time.process_time() - t

    best: dict[str, float] = {}
    totals = []
    for _ in range(args.repeat):
        spent = _one_pass(docs, codes, enabled, config, args.isolate)
        totals.append(sum(spent.values()))
        for code in codes:
            v = spent.get(code, 0.0)
            best[code] = min(best.get(code, v), v)

    def ms(x: float) -> str:
        return f"{x / n * 1000:8.3f}"

    print(f"{n} articles, {len(codes)} rules, {args.repeat} repetitions{' (isolated)' if args.isolate else ''}")
    print(f"read {ms(t_read)}  parse body {ms(t_parse)}  line index {ms(t_index)}  ms/article; "
          f"warm-up (imports, data) {t_warm * 1000:.0f} ms once")
    print("all rules per repetition, ms/article: " + "  ".join(f"{x / n * 1000:.3f}" for x in totals))
    fam: dict[str, float] = defaultdict(float)
    for code, v in best.items():
        fam[REGISTRY[code].family] += v
    print(f"\n{'family':20s} ms/article   share")
    whole = sum(best.values()) or 1.0
    for f, v in sorted(fam.items(), key=lambda kv: -kv[1]):
        print(f"{f:20s} {ms(v)}   {v / whole * 100:5.1f}%")
    print(f"{'all (best of each)':20s} {ms(sum(best.values()))}")
    from newslint.checks.typos_korean import KIWI_RULES

    with_kiwi = sum(v for code, v in best.items() if code in KIWI_RULES)
    print(f"{'of which Kiwi rules':20s} {ms(with_kiwi)}   ({', '.join(sorted(c for c in KIWI_RULES if c in best))})")
    print(f"\n{'rule':8s} {'name':34s} {'family':14s} ms/article")
    for code, v in sorted(best.items(), key=lambda kv: -kv[1])[: args.top]:
        r = REGISTRY[code]
        print(f"{code:8s} {r.name:34s} {r.family:14s} {ms(v)}")


if __name__ == "__main__":
    main()
