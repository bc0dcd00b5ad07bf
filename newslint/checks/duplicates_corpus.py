"""Duplicates family (DUP1xx), across the articles of one run.

Each rule's fingerprint is small plain data computed per file in the workers (hashes, one
MinHash signature as a hex string, positions), so it pickles cheaply and can be cached; the join
runs once over all fingerprints. Articles in different languages (front matter `lang`,
`language` or `locale`) are never compared: a translation keeps its original's title.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from newslint.checks.duplicates import summary_fields
from newslint.diagnostics import Diagnostic
from newslint.document import Document
from newslint.registry import Context, JoinContext, Option, corpus_rule, warm_up
from newslint.similarity import body_signature, signature_similarity, stable_hash
from newslint.similarity import lsh_pairs as _lsh_pairs

_LANG_KEYS = ("lang", "language", "locale")


def _lang(doc: Document) -> str:
    """The article's language code ('' when not given), read once for DUP101 and DUP102."""
    lang: str | None = doc.memo.get("dup:lang")
    if lang is None:
        lang = doc.memo["dup:lang"] = _read_lang(doc)
    return lang


def _read_lang(doc: Document) -> str:
    fm = doc.fm
    if fm is None:
        return ""
    for key in _LANG_KEYS:
        v = fm.string(key)
        if v and v.strip():
            return v.strip().lower().replace("_", "-").split("-")[0]
    return ""


def _others(paths: list[str], cap: int) -> str:
    shown = ", ".join(paths[:cap])
    return shown + (f" and {len(paths) - cap} more" if len(paths) > cap else "")


# --------------------------------------------------------------------------- DUP101


def shared_summary_fingerprint(doc: Document, ctx: Context) -> Any:
    """((hash, field, line, column), …): one entry per distinct text among the fields."""
    min_length = int(ctx.options["min_length"])
    lang = _lang(doc)
    out = []
    seen = set()
    for f in sorted(summary_fields(doc, list(ctx.options["fields"])).values(), key=lambda f: f.start):
        if len(f.norm) < min_length:
            continue
        h = stable_hash(lang + "\x00" + f.norm)
        if h in seen:
            continue  # excerpt == feature_text: one entry, DUP001 already says so
        seen.add(h)
        line, col = doc.position(f.node.start)
        out.append((h, f.key, line, col))
    return tuple(out) or None


def shared_summary_join(prints: list[tuple[str, Any]], jctx: JoinContext) -> Iterator[Diagnostic]:
    counts = Counter(h for _path, fp in prints for h, *_ in fp)
    groups: dict[int, list[tuple[str, str, int, int]]] = defaultdict(list)
    for path, fp in prints:
        for h, key, line, col in fp:
            if counts[h] > 1:
                groups[h].append((path, key, line, col))
    del counts
    cap = int(jctx.options["max_listed"])
    for members in groups.values():
        for path, key, line, col in members:
            others = [f"{p} ({k})" if k != key else p for p, k, _l, _c in members if p != path]
            if not others:
                continue
            yield jctx.report(
                path, line, col,
                f"the same {key} is in {len(others)} other article{'s' * (len(others) > 1)}: "
                f"{_others(others, cap)}",
                f"write a {key} for this story: portals treat articles with the same {key} as repeats",
            )


corpus_rule(
    "DUP101", "summary-shared-across-articles", "duplicates", "warning",
    "Two or more articles have the same title, excerpt or feature_text.",
    bad="# a.md\ntitle: 폭염 특보 발령\n# b.md\ntitle: 폭염 특보 발령",
    good="# a.md\ntitle: 폭염 특보 발령\n# b.md\ntitle: 폭염 특보 이틀째, 온열질환 비상",
    fingerprint=shared_summary_fingerprint, join=shared_summary_join,
    docs="Korean portals sanction repeated articles, and a reader who sees two items with one teaser "
         "takes the second for a repeat. Compared as in DUP001 (folding, tags, entities, full-width "
         "forms, case and a trailing ellipsis do not matter), across the fields listed in `fields`: the "
         "title of one article and the excerpt of another count too. Each article is told the others "
         "(up to `max_listed`). Articles in different languages are not compared.",
    options={"fields": Option(["title", "excerpt", "feature_text", "description", "summary"],
                              "front matter fields compared across articles"),
             "min_length": Option(10, "shortest text (characters) compared: a title such as 'Update' may "
                                      "repeat"),
             "max_listed": Option(5, "how many of the other articles a diagnostic names")},
)


# --------------------------------------------------------------------------- DUP102

_BODY_KINDS = frozenset(("paragraph", "heading", "list_item", "blockquote", "table_cell", "caption"))


def body_fingerprint(doc: Document, ctx: Context) -> Any:
    """(lang, line, column, MinHash hex) of the body's word 3-grams; None for a short body."""
    if not doc.readable:
        return None
    blocks = [b for b in doc.body.blocks if b.kind in _BODY_KINDS]
    if not blocks:
        return None
    text = "\n".join(b.text for b in blocks)
    sig = body_signature(text, int(ctx.options["min_words"]))
    if sig is None:
        return None
    line, col = doc.position(blocks[0].start)
    return (_lang(doc), line, col, sig.hex())


def body_join(prints: list[tuple[str, Any]], jctx: JoinContext) -> Iterator[Diagnostic]:
    threshold = float(jctx.options["threshold"])
    by_lang: dict[str, list[int]] = defaultdict(list)
    for i, (_path, fp) in enumerate(prints):
        by_lang[fp[0]].append(i)
    best: dict[int, tuple[float, int]] = {}
    matches: dict[int, set[int]] = defaultdict(set)
    cap = int(jctx.options["max_listed"])
    for members in by_lang.values():
        sigs = [bytes.fromhex(prints[i][1][3]) for i in members]
        for a, b in _lsh_pairs(sigs, threshold):
            i, j = members[a], members[b]
            seen = matches.get(i)
            if seen is not None and j in seen:
                continue
            sim = signature_similarity(sigs[a], sigs[b])
            if sim < threshold:
                continue
            for x, y in ((i, j), (j, i)):
                if len(matches[x]) < cap + 1:
                    matches[x].add(y)
                if sim > best.get(x, (0.0, -1))[0]:
                    best[x] = (sim, y)
        del sigs
    for i, (sim, j) in sorted(best.items()):
        path, (_lang_, line, col, _sig) = prints[i]
        more = len(matches.get(i, ())) - 1
        extra = f" (and {'at least ' if more >= cap else ''}{more} other{'s' * (more > 1)})" if more > 0 else ""
        what = "the same as" if sim >= 0.999 else f"{sim:.0%} the same as"
        yield jctx.report(
            path, line, col,
            f"this article's body is {what} {prints[j][0]}{extra}",
            "if it is a repeat, remove one; if it is a follow-up, rewrite it around what is new",
        )


corpus_rule(
    "DUP102", "near-duplicate-body", "duplicates", "warning",
    "Two articles' bodies are the same or nearly the same text.",
    bad="# a.md and b.md: the same story pasted twice, or one rewritten by changing a few words",
    good="# b.md: a follow-up that reports what is new",
    fingerprint=body_fingerprint, join=body_join,
    docs="Portals demote near-duplicate articles, and generated rewrites of one story often differ by a "
         "few words. Each body's word 3-grams (headings, paragraphs, list items, table cells) go into a "
         "64-value MinHash signature; locality-sensitive hashing over bands of the signature finds "
         "candidate pairs without comparing every article with every other, so 100,000 articles take "
         "seconds to join. Reported when the estimated Jaccard similarity of the 3-gram sets reaches "
         "`threshold` (±0.06), naming the closest match. Bodies shorter than `min_words` 3-grams are "
         "skipped: short notices share their wording by design.",
    options={"threshold": Option(0.8, "estimated similarity (0–1) from which two bodies are near-duplicates"),
             "min_words": Option(50, "shortest body (distinct word 3-grams) compared"),
             "max_listed": Option(5, "how many other matches are counted in the message")},
)


# --------------------------------------------------------------------------- DUP103


def image_fingerprint(doc: Document, ctx: Context) -> Any:
    fm = doc.fm
    if fm is None:
        return None
    out = []
    seen = set()
    for key in ctx.options["fields"]:
        node = fm.node(key)
        if node is None or node.kind != "scalar" or not isinstance(node.value, str):
            continue
        url = node.value.strip()
        if not url or url in seen:
            continue
        seen.add(url)
        line, col = doc.position(node.start)
        out.append((url, key, line, col))
    return tuple(out) or None


def image_join(prints: list[tuple[str, Any]], jctx: JoinContext) -> Iterator[Diagnostic]:
    counts = Counter(url for _path, fp in prints for url, *_ in fp)
    least = int(jctx.options["min_articles"])
    for path, fp in prints:
        for url, key, line, col in fp:
            n = counts[url]
            if n >= least:
                yield jctx.report(
                    path, line, col,
                    f"this {key} is the same picture on {n} articles of this run: {url}",
                    "use a picture of this story; a shared stock image makes different stories look alike "
                    "in portal and social previews",
                )


corpus_rule(
    "DUP103", "shared-front-matter-image", "duplicates", "info",
    "The same front matter image is used by many articles.",
    bad="# 848 articles\nimage: https://example.com/koreanews.jpg",
    good="image: https://example.com/2026/07/04/summit-photo.jpg",
    fingerprint=image_fingerprint, join=image_join,
    docs="The front matter image is the picture portals and social networks show next to the headline; "
         "one stock picture on hundreds of stories makes them look like the same story. Reported on each "
         "article whose image (compared as written) is shared by at least `min_articles` articles.",
    options={"fields": Option(["image", "feature_image"], "front matter fields holding the article's picture"),
             "min_articles": Option(10, "how many articles must share one image before it is reported")},
)


@warm_up
def _load_numpy(enabled: set[str]) -> None:
    """Before a run over many articles (and its workers) starts: numpy, when installed, halves DUP102's
    fingerprint cost.

    Worth its import (~0.15 s, paid once and shared by the workers) only over many articles, which is
    when warm-ups run; a one-file run never imports it.
    """
    if "DUP102" in enabled:
        import contextlib

        with contextlib.suppress(ImportError):
            import numpy  # noqa: F401

