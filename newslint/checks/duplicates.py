"""Duplicates family (DUP0xx), within one article: teasers that repeat each other, repeated text.

Korean portals sanction repeated copy and readers see a teaser that says the same thing twice.
Field values are compared after `newslint.similarity.normalize` (YAML folding, whitespace,
HTML tags and entities, full-width forms, case, a trailing ellipsis), so two values that read
the same count as the same. The cross-article rules are in duplicates_corpus.py.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterator
from functools import cache
from itertools import combinations
from typing import Any, NamedTuple

from newslint.body import INLINE, VOID, Block
from newslint.diagnostics import Diagnostic
from newslint.document import Document
from newslint.frontmatter import Node
from newslint.lazyre import lazy
from newslint.registry import REGISTRY, Context, Option, rule
from newslint.resources import rules_data
from newslint.similarity import has_markup, markup_free, normalize, trigram_jaccard, trigram_jaccard_below

SUMMARY_FIELDS = ["title", "subtitle", "excerpt", "description", "summary", "feature_text"]


class Field(NamedTuple):  # a NamedTuple: cheaper to build at import than a dataclass
    key: str
    node: Node
    norm: str  # normalized value, never empty

    @property
    def start(self) -> int:
        return self.node.start


def summary_fields(doc: Document, keys: list[str]) -> dict[str, Field]:
    """The string fields among `keys` that are not empty once normalized (memoized per document)."""
    fm = doc.fm
    if fm is None:
        return {}
    cache: dict[str, Field | None] = doc.memo.setdefault("dup:fields", {})
    out: dict[str, Field] = {}
    for key in keys:
        if key not in cache:
            node = fm.node(key)
            f = None
            if node is not None and node.kind == "scalar" and isinstance(node.value, str):
                norm = normalize(node.value)
                if norm:
                    f = Field(key, node, norm)
            cache[key] = f
        got = cache[key]
        if got is not None:
            out[key] = got
    return out


def _ordered(a: Field, b: Field) -> tuple[Field, Field]:
    """(earlier, later) in the file: the later one is reported, naming the earlier."""
    return (a, b) if a.start <= b.start else (b, a)


def _pairs_option(value: Any) -> frozenset[frozenset[str]]:
    out = set()
    for p in value or []:
        if isinstance(p, (list, tuple)) and len(p) == 2:
            out.add(frozenset(str(x) for x in p))
        elif isinstance(p, str) and "=" in p:  # "excerpt=feature_text"
            a, _, b = p.partition("=")
            out.add(frozenset((a.strip(), b.strip())))
    return frozenset(out)


def _error_pairs(doc: Document, ctx: Context) -> frozenset[frozenset[str]]:
    """The pairs DUP001 owns (its configured `pairs`, or its default when it is switched off)."""
    enabled = ctx.config.rules_for(doc.fspath or doc.path).get("DUP001")
    opts = enabled[1] if enabled else REGISTRY["DUP001"].defaults()
    return _pairs_option(opts.get("pairs"))


# The pair lists below are the same for every article of a run (unless per-file settings change the
# options): cached by their options, turned into hashable values first.
@cache
def _error_pair_list(pairs: frozenset[frozenset[str]]) -> tuple[tuple[str, ...], ...]:
    """DUP001's pairs, in order."""
    return tuple(sorted(tuple(sorted(p)) for p in pairs if len(p) == 2))


@cache
def _pairs_to_check(fields: tuple[Any, ...], skip: frozenset[frozenset[str]]) -> tuple[tuple[Any, Any], ...]:
    """DUP002's pairs: every two of `fields` but DUP001's."""
    return tuple((a, b) for a, b in combinations(fields, 2) if frozenset((a, b)) not in skip)


def _line(doc: Document, offset: int) -> int:
    return doc.position(offset)[0]


# --------------------------------------------------------------------------- DUP001 / DUP002


def _identical(doc: Document, ctx: Context, pairs: tuple[tuple[Any, ...], ...]) -> Iterator[Diagnostic]:
    keys = sorted({k for p in pairs for k in p})
    fields = summary_fields(doc, keys)
    if len(fields) < 2 or len({f.norm for f in fields.values()}) == len(fields):
        return  # no two fields read the same
    for a_key, b_key in pairs:
        a, b = fields.get(a_key), fields.get(b_key)
        if a is None or b is None or a.norm != b.norm:
            continue
        first, later = _ordered(a, b)
        yield ctx.report(
            later.node.start, later.node.end,
            f"{later.key} repeats {first.key} (line {_line(doc, first.start)}) word for word: "
            f"readers see the same teaser twice",
            f"rewrite {later.key} so it adds to {first.key}, or leave it out if the theme does not need it",
        )


@rule("DUP001", "excerpt-duplicates-feature-text", "duplicates", "error",
      "The excerpt and the feature_text are the same text.",
      bad="excerpt: 푸틴, 시진핑과 회담\nfeature_text: >\n  푸틴, 시진핑과 회담",
      good="excerpt: 푸틴, 시진핑과 회담\nfeature_text: 양국 관계 '역대 최고'… 10월 방러 초청",
      docs="The theme shows the excerpt on lists and the feature_text on the article's header: when they "
           "are the same, readers see one sentence twice and portals treat the page as repeated copy. "
           "Values are compared as readers see them: YAML folding (`>`, `|`, quotes), line breaks, HTML "
           "tags and entities (`&nbsp;`), full-width forms, case and a trailing ellipsis do not matter. "
           "`pairs` lists the field pairs checked at this rule's severity; other pairs are DUP002's.",
      options={"pairs": Option([["excerpt", "feature_text"]],
                               "field pairs that must never be identical, e.g. [[excerpt, feature_text]]")})
def excerpt_duplicates_feature_text(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    yield from _identical(doc, ctx, _error_pair_list(_pairs_option(ctx.options["pairs"])))


@rule("DUP002", "summary-fields-identical", "duplicates", "warning",
      "Two summary fields (title, subtitle, excerpt, description, summary, feature_text) are the same text.",
      bad="title: Ruby 2.0 released\ndescription: Ruby 2.0 released",
      good="title: Ruby 2.0 released\ndescription: Keyword arguments, refinements and a faster GC.",
      docs="A description or summary that only repeats the title tells search engines and readers "
           "nothing more. Compared as in DUP001; the pairs DUP001 checks are left to it.",
      options={"fields": Option(list(SUMMARY_FIELDS), "front matter fields compared two by two")})
def summary_fields_identical(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    fields = tuple(ctx.options["fields"])
    if len(fields) >= 2:  # (one field, even a malformed one such as a list, makes no pair)
        yield from _identical(doc, ctx, _pairs_to_check(fields, _error_pairs(doc, ctx)))


# --------------------------------------------------------------------------- DUP003


def _added(longer: str, shorter: str) -> str:
    """What `longer` has besides `shorter` (which it contains)."""
    i = longer.find(shorter)
    return (longer[:i] + " … " + longer[i + len(shorter):]).strip(" …") if i >= 0 else ""


@rule("DUP003", "summary-fields-near-identical", "duplicates", "warning",
      "One summary field contains another, or the two are nearly the same text.",
      bad="excerpt: 정부가 폐교를 무상 양여한다…\nfeature_text: |\n  ## 실시간 뉴스 속보입니다.\n  정부가 폐교를 무상 양여한다…",
      good="excerpt: 정부가 폐교를 무상 양여한다…\nfeature_text: 인구감소지역에 농촌 유학 확대",
      docs="A fixed banner plus the excerpt, or the excerpt with a word changed, is still the same teaser. "
           "Containment: the shorter field (at least `min_length` characters once normalized) appears whole "
           "inside the longer; fields are compared with the title only when `title_containment` is on, "
           "because a dek that starts from the headline and goes on ('Elixir v1.16 released with "
           "compiler diagnostics…') is normal practice. Similarity: the Jaccard index of the two fields' "
           "character 3-grams, spaces removed, at or above `threshold`. Measured on the 4,071-article "
           "corpus, this measure separates copies from rewordings best: at 0.8 it flags 1 pair of 3,740 "
           "non-identical field pairs (a description that repeats its title with one word changed), "
           "where rapidfuzz's edit ratio flags 24, most of them titles followed by '…하는 방법에 대하여 "
           "알아보겠습니다' (a real rewording), and word-token Jaccard misses Korean copies whose "
           "spacing or particles differ ('데이터분석' / '데이터 분석'). Character 3-grams ignore spacing and "
           "word order, cost a few microseconds per field and need no extra library. Identical pairs "
           "are DUP001/DUP002's.",
      options={"fields": Option(list(SUMMARY_FIELDS), "front matter fields compared two by two"),
               "threshold": Option(0.8, "3-gram Jaccard similarity (0–1) from which two fields count as "
                                        "near-identical"),
               "min_length": Option(15, "the shorter field's length (characters) below which containment "
                                        "is not reported"),
               "title_containment": Option(False, "also report a summary field that contains the title")})
def summary_fields_near_identical(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    fields = summary_fields(doc, list(ctx.options["fields"]))
    threshold = float(ctx.options["threshold"])
    min_length = int(ctx.options["min_length"])
    distinct: dict[str, Field] = {}  # identical fields are DUP001/DUP002's: compare each text once
    for f in sorted(fields.values(), key=lambda f: f.start):
        distinct.setdefault(f.norm, f)
    for a, b in combinations(distinct.values(), 2):
        short, long_ = (a, b) if len(a.norm) <= len(b.norm) else (b, a)
        if short.norm in long_.norm:
            if len(short.norm) < min_length or ("title" in (a.key, b.key) and not ctx.options["title_containment"]):
                continue
            added = _added(long_.norm, short.norm)
            extra = f" and only adds '{added}'" if 0 < len(added) <= 60 else ""
            yield ctx.report(
                long_.node.start, long_.node.end,
                f"{long_.key} contains the whole {short.key} (line {_line(doc, short.start)}){extra}",
                f"write {long_.key} so it tells readers something {short.key} does not",
            )
            continue
        if trigram_jaccard_below(a.norm, b.norm, threshold):
            continue  # lengths far apart: no 3-gram sets compared
        sim = trigram_jaccard(a.norm, b.norm)
        if sim >= threshold:
            yield ctx.report(
                b.node.start, b.node.end,
                f"{b.key} is {sim:.0%} the same as {a.key} (line {_line(doc, a.start)}): nearly the same teaser",
                f"rewrite {b.key} so it adds to {a.key}",
            )


# --------------------------------------------------------------------------- DUP004


def first_paragraph(doc: Document) -> Block | None:
    for b in doc.body.blocks:
        if b.kind == "paragraph" and b.text.strip():
            return b
    return None


@rule("DUP004", "excerpt-repeats-first-paragraph", "duplicates", "info",
      "The excerpt is the body's first paragraph (or its opening words) again.",
      bad="excerpt: Elixir v1.8 comes with many improvements.\n---\n\nElixir v1.8 comes with many improvements.",
      good="excerpt: Faster compilation and custom inspect.\n---\n\nElixir v1.8 comes with many improvements.",
      docs="Many newsrooms want a dek (standfirst) that is not the lede: on an article page the reader "
           "reads the same sentence twice. Reported when the excerpt, once normalized and without a "
           "trailing ellipsis, is the first paragraph or its beginning.",
      options={"fields": Option(["excerpt"], "front matter fields compared with the first paragraph"),
               "min_length": Option(20, "shortest excerpt (characters) that is compared")})
def excerpt_repeats_first_paragraph(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    fields = summary_fields(doc, list(ctx.options["fields"]))
    if not fields:
        return
    para = first_paragraph(doc)
    if para is None:
        return
    text = normalize(para.text)
    for f in fields.values():
        if len(f.norm) < int(ctx.options["min_length"]) or not text.startswith(f.norm):
            continue
        how = "is the first paragraph" if text == f.norm else "is the opening of the first paragraph"
        yield ctx.report(f.node.start, f.node.end,
                         f"{f.key} {how} (line {_line(doc, para.start)}): the page shows it twice",
                         f"write {f.key} as a separate standfirst that sums up the story")


# --------------------------------------------------------------------------- DUP005

@cache
def _shipped_boilerplate() -> tuple[str, ...]:
    return tuple(str(p) for p in rules_data("duplicates.yaml").get("boilerplate") or ())


@cache
def _boilerplate(extra: tuple[str, ...]) -> Callable[[str], re.Match[str] | None] | None:
    """The boilerplate patterns' search; `match` when every one starts with ^ (the same answer, but
    search would try every position of the paragraph first)."""
    patterns = _shipped_boilerplate() + extra
    if not patterns:
        return None
    rx = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    return rx.match if all(_anchored(p) for p in patterns) else rx.search


def _anchored(pattern: str) -> bool:
    """The pattern can only match at the start of the text: its top level begins with ^ (no MULTILINE)."""
    try:
        parser = importlib.import_module("re._parser")  # private: any failure only means "not sure"
        const = importlib.import_module("re._constants")
        tree = parser.parse(pattern, re.IGNORECASE)
        return (not tree.state.flags & re.MULTILINE and len(tree.data) > 0
                and tree.data[0] == (const.AT, const.AT_BEGINNING))
    except Exception:  # noqa: BLE001
        return False


_IAL_ONLY = lazy(r"^\s*\{[:.#][^}]*\}\s*$")  # kramdown attribute lists left in a paragraph
_SENTENCE_END = lazy(r"(?<=[.!?。！？])\s+")
# Ten letters ([^\W\d_]) anywhere: the classes are disjoint, so the match stops at the tenth letter
# without backtracking, instead of listing every letter of a long paragraph.
_TEN_LETTERS = lazy(r"(?:[\W\d_]*[^\W\d_]){10}")


def _overlaps(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect_left(regions, (start, -1))
    if i > 0 and regions[i - 1][1] > start:
        return True
    return i < len(regions) and regions[i][0] < end


def _block_key(doc: Document, b: Block) -> str:
    """What the reader sees; with the source when inline code was masked out of the text."""
    if _overlaps(doc.body.code, b.start, b.end):
        return normalize(doc.text[b.start : b.end])
    return normalize(b.text)


def _few_letters(s: str) -> bool:
    """Fewer than ten letters: numbers, symbols and markup left overs, not prose."""
    return _TEN_LETTERS.match(s) is None


@rule("DUP005", "repeated-paragraph", "duplicates", "info",
      "A paragraph, or a long sentence, appears twice in the body.",
      bad="정부는 대책을 발표했습니다. 지원금은 다음 달부터 지급됩니다.\n\n"
          "현장 반응은 엇갈렸습니다.\n\n정부는 대책을 발표했습니다. 지원금은 다음 달부터 지급됩니다.",
      good="정부는 대책을 발표했습니다. 지원금은 다음 달부터 지급됩니다.\n\n현장 반응은 엇갈렸습니다.",
      docs="A paragraph pasted twice, or a generated article that repeats itself, reads as careless and "
           "portals count it as filler. Reported at the second occurrence, naming the line of the first. "
           "Paragraphs and quotes are compared (list items and table cells repeat by design); text built "
           "by a template (Liquid, Hugo) is skipped, and inline code counts as written. A sentence of at "
           "least `min_sentence_length` characters repeated in another paragraph is reported too. "
           "Paragraphs that repeat by the nature of their format (chat transcript lines, the attribution "
           "under an embedded tweet) are left alone: the patterns are in rules/duplicates.yaml, and "
           "`extra_boilerplate` adds a newsroom's own. Info by default: on the real corpus only about a "
           "quarter of repeats were mistakes (security advisories and release notes repeat a paragraph on "
           "purpose); a newsroom that never repeats text can raise it with `severity: {DUP005: warning}`.",
      options={"min_length": Option(40, "shortest paragraph (characters, normalized) that is compared"),
               "min_sentence_length": Option(60, "shortest sentence (characters) compared on its own; "
                                                 "0 turns sentence checks off"),
               "kinds": Option(["paragraph", "blockquote"], "block kinds compared (paragraph, blockquote, "
                                                            "list_item, caption, table_cell)"),
               "extra_boilerplate": Option([], "regular expressions for paragraphs that may repeat, on top "
                                               "of those in rules/duplicates.yaml")})
def repeated_paragraph(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    if not doc.readable:
        return
    kinds = set(ctx.options["kinds"])
    min_len = int(ctx.options["min_length"])
    min_sent = int(ctx.options["min_sentence_length"])
    body = doc.body
    if not _may_repeat(doc, kinds, min_len, min_sent):
        return
    skip = _boilerplate(tuple(str(p) for p in ctx.options["extra_boilerplate"]))
    seen: dict[str, Block] = {}
    sentences: dict[str, Block] = {}
    for b in body.blocks:
        if b.kind not in kinds or body.is_templated(b.start, b.end):
            continue
        key = _block_key(doc, b)
        if len(key) < min_len or _few_letters(key) or _IAL_ONLY.match(key):
            continue
        if skip is not None and _is_boilerplate(doc, b, skip):
            continue
        first = seen.get(key)
        if first is not None:
            yield ctx.report(b.start, b.end,
                             f"this {_kind_name(b)} repeats the one at line {_line(doc, first.start)} word for word",
                             "delete the repeat, or rewrite it if both places need to say it")
            continue
        seen[key] = b
        if min_sent <= 0 or _overlaps(body.code, b.start, b.end):
            continue  # sentences are cut from the plain text, which has lost the inline code
        yield from _repeated_sentences(doc, ctx, b, sentences, min_sent, key)


def _may_repeat(doc: Document, kinds: set[str], min_len: int, min_sent: int) -> bool:
    """False when no paragraph and no sentence can be reported: a much cheaper pass than the rule's.

    Most articles repeat nothing. This looks at every block the rule might compare (before the
    letter, boilerplate and attribute-list filters, which only ever take blocks out) and every
    sentence it might cut from them, all at once: the texts are joined, cut at sentence ends,
    normalized and stripped of spaces in a few C-level calls, and split again (see `_shared_key`).
    """
    body = doc.body
    code = body.code
    templates = body.templates
    src = doc.text
    keyed: list[str] = []  # what each block's key is normalized from
    prose = 0  # blocks sentences are cut from
    for b in body.blocks:
        if b.kind not in kinds or (templates and body.is_templated(b.start, b.end)):
            continue
        if code and _overlaps(code, b.start, b.end):
            keyed.append(markup_free(src[b.start : b.end]))  # the source, with its tags (<code>)
        else:
            keyed.append(b.text)
            prose += 1
    if len(keyed) < 2:
        return False  # one block: nothing to repeat (a sentence repeated in its own block is not reported)
    joined = _BLOCK_END.join(keyed)
    plain = _plain_spaces(joined)
    # markup or the separators themselves in the prose, or odd line breaks: paragraph by paragraph
    if (_SENTENCE_CUT in joined or joined.count(_BLOCK_END) != len(keyed) - 1 or has_markup(joined)
            or (not plain and _ODD_BREAK.search(joined))):
        return _may_repeat_exact(doc, kinds, min_len, min_sent)
    cut = joined
    sentences = min_sent > 0 and prose >= 2
    if sentences:
        # _SENTENCE_END's cuts: after these, only ' ' and '\n' follow a sentence end (_ODD_BREAK). A run
        # of spaces leaves its tail at the start of the next sentence, where normalize() drops it.
        for p in _SENTENCE_PUNCT:
            if p in cut:
                cut = cut.replace(p + " ", p + _SENTENCE_CUT).replace(p + "\n", p + _SENTENCE_CUT)
    folded = unicodedata.normalize("NFKC", cut).casefold()
    # NFKC and casefold turn no printable character into a space but ' ' (tests/test_duplicates_gate.py)
    bare = folded.replace(" ", "").replace("\n", "") if plain else "".join(folded.replace(" ", "").split())
    if _shared_key(bare.replace(_SENTENCE_CUT, "").split(_BLOCK_END),
                   folded.split(_BLOCK_END), min_len):
        return True
    if not sentences:
        return False
    # Sentences of blocks with inline code are compared too (the rule skips them): never a wrong False.
    return _shared_key(bare.replace(_BLOCK_END, _SENTENCE_CUT).split(_SENTENCE_CUT),
                       folded.replace(_BLOCK_END, _SENTENCE_CUT).split(_SENTENCE_CUT), min_sent)


_BLOCK_END = "\x01"
_SENTENCE_CUT = "\x00"
_SENTENCE_PUNCT = ".!?。！？"
_ODD_BREAK = lazy(r"[.!?。！？][^\S \n]")  # a sentence end followed by a space other than ' ' or '\n'
_DOTS = ".⋯‥·。"  # what the trailing-ellipsis step of normalize() removes, besides whitespace


def _plain_spaces(joined: str) -> bool:
    """The only spaces in `joined` are ' ' and line breaks: it is printable but for those and the block
    ends (printable text has no space but ' ', tests/test_duplicates_gate.py checks). Then _ODD_BREAK,
    whose search costs more than this, cannot be in it."""
    return joined.replace("\n", " ").replace(_BLOCK_END, " ").isprintable()


def _shared_key(bare: list[str], folded: list[str], min_len: int) -> bool:
    """Whether two texts whose normalize() keys could reach `min_len` characters share a coarse key
    (never a wrong False; a rare needless True sends the article through the rule's exact loop).

    `folded` is each text after NFKC and casefold, at least as long as its key; `bare` the same
    without whitespace, whose coarse key is it without trailing dots. normalize() only folds
    whitespace and drops trailing whitespace and dots; casefold maps those characters to themselves
    and nothing else to them (tests/test_duplicates_gate.py checks every code point), so two texts
    with one key have one coarse key. NFKC and casefold work across the separators (control
    characters nothing maps to or from) as on each text alone.
    """
    keys = [b.rstrip(_DOTS) for b, f in zip(bare, folded, strict=True) if len(f) >= min_len]
    return len(set(keys)) != len(keys)


def _may_repeat_exact(doc: Document, kinds: set[str], min_len: int, min_sent: int) -> bool:
    """_may_repeat one block and one sentence at a time, normalized as the rule does (for markup)."""
    body = doc.body
    code = body.code
    templates = body.templates
    src = doc.text
    blocks_seen: set[str] = set()
    owner: dict[str, int] = {}  # sentence key -> index of the first block it was cut from
    for i, b in enumerate(body.blocks):
        if b.kind not in kinds or (templates and body.is_templated(b.start, b.end)):
            continue
        in_code = bool(code) and _overlaps(code, b.start, b.end)
        text = b.text
        key = normalize(src[b.start : b.end] if in_code else text)
        if len(key) < min_len:
            continue
        if key in blocks_seen:
            return True
        blocks_seen.add(key)
        if min_sent <= 0 or in_code:
            continue
        for piece in _SENTENCE_END.split(text):
            if _cannot_reach(piece, min_sent):
                continue
            norm = key if piece == text else normalize(piece)
            if len(norm) >= min_sent and owner.setdefault(norm, i) != i:
                return True
    return False


_LEADING_MARKUP = lazy(r"^[\s>*_#-]*")
_HTML_START = lazy(r"</?([A-Za-z][A-Za-z0-9]*)")
_HTML_NAMES = VOID | INLINE | frozenset(
    ["p", "div", "section", "article", "aside", "header", "footer", "main", "nav", "figure", "figcaption", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "code", "center", "details", "summary"])


def _is_boilerplate(doc: Document, b: Block, skip: Callable[[str], re.Match[str] | None]) -> bool:
    """Match on the plain text and on the source line: `\\<nick>` is markup the text has lost."""
    if skip(b.text.strip()):
        return True
    line_start = doc.index.line_start(doc.position(b.start)[0])
    src = _LEADING_MARKUP.sub("", doc.text[line_start : b.end], count=1)
    m = _HTML_START.match(src)
    if m and m.group(1).lower() in _HTML_NAMES:
        return False  # a real element, not a chat nick
    return bool(skip(src))


def _kind_name(b: Block) -> str:
    return {"blockquote": "quote", "list_item": "list item", "table_cell": "table cell"}.get(b.kind, b.kind)


def _cannot_reach(piece: str, min_len: int) -> bool:
    """normalize(piece) is surely shorter than min_len, told without normalizing.

    With no tag and no entity in it and already in NFKC form, normalizing only folds spaces, drops a
    trailing ellipsis and case-folds character by character: never longer than piece.casefold().
    """
    return (len(piece) < min_len and "<" not in piece and "&" not in piece
            and unicodedata.is_normalized("NFKC", piece) and len(piece.casefold()) < min_len)


def _repeated_sentences(doc: Document, ctx: Context, b: Block, sentences: dict[str, Block],
                        min_sent: int, block_key: str) -> Iterator[Diagnostic]:
    text = b.text
    pos = 0
    pieces = _SENTENCE_END.split(text)
    for piece in pieces:
        start = text.find(piece, pos)
        pos = start + len(piece)
        if _cannot_reach(piece, min_sent):
            continue  # too short to compare, as the length test below would find
        norm = block_key if piece is text or piece == text else normalize(piece)  # one sentence: the block's key
        if len(norm) < min_sent or _few_letters(norm):
            continue
        first = sentences.get(norm)
        if first is None:
            sentences[norm] = b
        elif first is not b:
            yield ctx.report(b.source_offset(start), b.source_offset(pos),
                             f"this sentence repeats one in the {_kind_name(first)} at line "
                             f"{_line(doc, first.start)}",
                             "delete the repeated sentence, or say it once")
