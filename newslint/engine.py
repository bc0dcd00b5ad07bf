"""Run the rules: documents in, diagnostics out, one file never stopping the run."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newslint.cache import ResultCache
from newslint.config import Config
from newslint.diagnostics import Diagnostic, Severity
from newslint.document import Document, read_document
from newslint.registry import REGISTRY, WARM_UPS, Context, JoinContext, Rule, load_rules
from newslint.suppress import Suppressions, parse_suppressions

INTERNAL_CODE = "NL900"


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic]
    fingerprints: dict[str, Any] = field(default_factory=dict)  # corpus rule code → fingerprint
    suppressions: Suppressions | None = None
    internal: bool = False


@dataclass
class RunResult:
    diagnostics: list[Diagnostic]
    files_checked: int
    internal_errors: int = 0
    results: list[FileResult] = field(default_factory=list)


def _internal(doc_path: str, r: Rule, exc: BaseException) -> Diagnostic:
    import traceback  # only when a rule has crashed

    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {os.path.basename(where.filename)}:{where.lineno}" if where else ""
    ir = REGISTRY[INTERNAL_CODE]
    return Diagnostic(doc_path, 1, 1, 1, 1, ir.code, ir.name, ir.family, Severity.ERROR,
                      f"internal error in rule {r.code} ({r.name}): {type(exc).__name__}: {exc}{at}",
                      "this is a bug in newslint, not in the article: please report it with this file")


def check_document(doc: Document, config: Config) -> FileResult:
    """Every enabled rule over one document, with severities and suppressions applied."""
    load_rules()
    enabled = config.rules_for(doc.fspath or doc.path)
    out: list[Diagnostic] = []
    fingerprints: dict[str, Any] = {}
    internal = False
    for code, (severity, options) in enabled.items():
        r = REGISTRY[code]
        if not doc.readable and r.family != "parse":
            continue
        ctx = Context(r, options, config, doc)
        try:
            if r.corpus is not None:
                fp = r.corpus.fingerprint(doc, ctx)
                if fp is not None:
                    fingerprints[code] = fp
                continue
            if r.check is None:
                continue
            for d in r.check(doc, ctx):
                if severity != r.severity:
                    d.severity = severity
                out.append(d)
        except Exception as exc:  # one broken rule must not end the run
            internal = True
            out.append(_internal(doc.path, r, exc))
    sup = None
    try:
        sup = parse_suppressions(doc)
    except Exception as exc:
        internal = True
        out.append(_internal(doc.path, REGISTRY[INTERNAL_CODE], exc))
    if sup is not None:
        out = [d for d in out if d.rule == INTERNAL_CODE or not sup.hides(d)]
    out.sort(key=Diagnostic.sort_key)
    return FileResult(doc.path, out, fingerprints, sup, internal)


def check_file(fspath: str, display: str, config: Config) -> FileResult:
    try:
        doc = read_document(fspath, display, config.limits)
        return check_document(doc, config)
    except Exception as exc:  # the loader itself failed: still one diagnostic, not a crash
        return FileResult(display, [_internal(display, REGISTRY[INTERNAL_CODE], exc)], internal=True)


def join_corpus(results: Sequence[FileResult], config: Config) -> list[Diagnostic]:
    """Run every cross-article rule's join over the fingerprints the files produced."""
    out: list[Diagnostic] = []
    top = config.rules_without_overrides()
    by_path = {r.path: r for r in results}
    codes = sorted({c for r in results for c in r.fingerprints})
    for code in codes:
        r = REGISTRY[code]
        assert r.corpus is not None
        severity, options = top.get(code, (r.severity, r.defaults()))
        prints = [(res.path, res.fingerprints[code]) for res in results if code in res.fingerprints]
        try:
            for d in r.corpus.join(prints, JoinContext(r, options, config)):
                res = by_path.get(d.path)
                if res is not None and res.suppressions is not None and res.suppressions.hides(d):
                    continue
                if severity != r.severity:
                    d.severity = severity
                out.append(d)
        except Exception as exc:
            out.append(_internal(prints[0][0] if prints else ".", r, exc))
    return out


# --------------------------------------------------------------------------- running many files

_worker_config: Config | None = None


def _init_worker(config: Config) -> None:
    global _worker_config
    _worker_config = config
    load_rules()


def _work(item: tuple[str, str]) -> FileResult:
    assert _worker_config is not None
    return check_file(item[0], item[1], _worker_config)


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run(
    files: Iterable[tuple[str, str]],
    config: Config,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    checker: Callable[[str, str, Config], FileResult] = check_file,
    cache: ResultCache | None = None,
) -> RunResult:
    """Check (path, display) pairs, reusing cached results; in parallel when there are enough files."""
    items = list(files)
    load_rules()
    keys: list[str | None] = [None] * len(items)
    cached: dict[str, FileResult] = {}
    join_key: str | None = None
    joined: list[Diagnostic] | None = None
    if cache is not None:
        keys = cache.keys_for(items, config.limits.max_file_bytes)
        if all(k is not None for k in keys):
            join_key = cache.join_key(keys)  # type: ignore[arg-type]
            joined = cache.get_join(join_key)
        # With the join cached, the fingerprints it was made of are not needed.
        cached = cache.get_many((k for k in keys if k is not None), with_prints=joined is None)
    todo = [item for item, key in zip(items, keys, strict=True) if key is None or key not in cached]
    if progress and len(todo) < len(items):
        progress(len(items) - len(todo))
    fresh = _check_all(todo, config, jobs, progress, checker)
    if cache is not None:
        fresh_by_item = dict(zip(todo, fresh, strict=True))
        cache.put_many((key, fresh_by_item[item]) for item, key in zip(items, keys, strict=True)
                       if key is not None and item in fresh_by_item and not fresh_by_item[item].internal)
    fresh_iter = iter(fresh)
    results = [cached[key] if key is not None and key in cached else next(fresh_iter)
               for key in keys]
    diagnostics = [d for res in results for d in res.diagnostics]
    if joined is None:
        joined = join_corpus(results, config)
        if cache is not None and join_key is not None and not any(d.rule == INTERNAL_CODE for d in joined):
            cache.put_join(join_key, joined)
    if cache is not None:
        cache.prune()
    diagnostics.extend(joined)
    diagnostics.sort(key=Diagnostic.sort_key)
    internal = sum(1 for d in diagnostics if d.rule == INTERNAL_CODE)
    return RunResult(diagnostics, len(items), internal, results)


class WorkerLost(RuntimeError):
    """A worker process of a parallel run died: the run's results are incomplete."""


_MANY_FILES = 64  # from this many files a run forks workers and loads what pays off over many articles


def _check_all(items: list[tuple[str, str]], config: Config, jobs: int, progress: Callable[[int], None] | None,
               checker: Callable[[str, str, Config], FileResult]) -> list[FileResult]:
    results: list[FileResult] = []
    many = len(items) >= _MANY_FILES and checker is check_file
    if many:  # what pays for itself over many articles (numpy, whole word lists), loaded before any fork
        enabled = set(config.rules_without_overrides())
        for fn in WARM_UPS:
            fn(enabled)
    if jobs > 1 and many:
        import multiprocessing as mp  # deferred: a one-file pre-commit run never forks

        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        # Check the first few articles here before forking: the word lists, the schema validator and
        # the Korean analyser they load are then inherited by every worker (copy-on-write) instead of
        # being loaded again in each one.
        warm = min(len(items), 4)
        for fspath, display in items[:warm]:
            results.append(check_file(fspath, display, config))
            if progress:
                progress(1)
        rest = items[warm:]
        # Small chunks: a real archive keeps its long articles together (one site, one year), and a chunk
        # of 64 of them could leave one core idle at the end (chunks of 8: the 4,071-article corpus 15.4 s → 13.5 s).
        chunk = max(1, min(8, len(rest) // (jobs * 8)))
        # concurrent.futures rather than multiprocessing.Pool: its main-process thread reads the results
        # itself (Pool's worker-watching thread spins while results wait to be read: a second of the main
        # process's CPU, taken from the workers, over 10,000 articles), and a worker that dies ends the
        # run with an error instead of leaving it waiting forever.
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        try:
            with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker, initargs=(config,)) as pool:
                for res in pool.map(_work, rest, chunksize=chunk):
                    results.append(res)
                    if progress:
                        progress(1)
        except BrokenProcessPool as exc:
            raise WorkerLost(
                "a worker process stopped before finishing its articles (it was killed, perhaps for lack of "
                "memory), so nothing is reported; run newslint again, or with -j 1 to use one process") from exc
    else:
        for fspath, display in items:
            results.append(checker(fspath, display, config))
            if progress:
                progress(1)
    return results
