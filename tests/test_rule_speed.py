"""The rules' fast paths (issue 8) answer exactly as the slower code they replaced.

Each test keeps the old form next to the new one and compares them on inputs chosen to reach the
edge cases (ellipses, entities, characters that case-fold or normalize longer, anchored patterns,
empty matches). The corpus JSON diff showed no change; these keep it that way.
"""

from __future__ import annotations

import html
import random
import re
import unicodedata

import pytest

from newslint import hangul
from newslint.checks import duplicates, front_matter, style, typos
from newslint.checks import html as html_rules
from newslint.checks._style_common import find_all
from newslint.similarity import normalize, word_shingle_hashes
from newslint.testing import codes, lint

_RND = random.Random(8)


def _strings(alphabet: list[str], n: int = 4000, longest: int = 24) -> list[str]:
    return ["".join(_RND.choice(alphabet) for _ in range(_RND.randint(0, longest))) for _ in range(n)]


# --------------------------------------------------------------------------- duplicates

_OLD_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<!--.*?-->", re.DOTALL)
_OLD_WS = re.compile(r"\s+")
_OLD_TRAILING = re.compile(r"(?:\s*(?:\.+|⋯|‥|·{3,}|。))+\s*$")


def _old_normalize(value: str) -> str:
    s = _OLD_TAG.sub(" ", value) if "<" in value else value
    if "&" in s:
        s = html.unescape(s)
    s = unicodedata.normalize("NFKC", s)
    s = _OLD_WS.sub(" ", s).strip()
    s = _OLD_TRAILING.sub("", s)
    return s.casefold()


_TRICKY = list(" .⋯‥·。…\n\t\u3000\u00a0\u2028\x1c가aBß") + ["&nbsp;", "&amp;", "<b>", "</p>", ". ", "···", "ﬁ"]


@pytest.mark.parametrize("text", [
    "정부는 대책을 발표했다…", "정부는 대책을 발표했다 . . .", "a ·· ·", "끝。 ", "x ⋯ ‥", "  ", "", ".",
    "A&amp;B <b>bold</b>  text...", "full　width　ＡＢＣ…", "Straße ·····",
])
def test_normalize_same_as_before(text: str) -> None:
    assert normalize(text) == _old_normalize(text)


def test_normalize_same_as_before_on_random_text() -> None:
    for s in _strings(_TRICKY):
        assert normalize(s) == _old_normalize(s), repr(s)


def test_ten_letters_same_as_counting() -> None:
    letter = re.compile(r"[^\W\d_]")
    for s in _strings(list("a가1²½_ .-\n"), longest=30):
        assert duplicates._few_letters(s) == (len(letter.findall(s)) < 10), repr(s)


def test_short_sentences_skipped_only_when_normalizing_cannot_reach_the_length() -> None:
    for s in _strings(list("aßﬁ㎏\u0301İ가 .…\t\u3000ŉΐ") + ["&amp;", "<b>", "&#xFDFA;"], longest=30):
        for n in (5, 10, 20, 60):
            if duplicates._cannot_reach(s, n):
                assert len(normalize(s)) < n, (s, n)


@pytest.mark.parametrize(("pattern", "anchored"), [
    (r"^\[[\w.]{1,32}\] ", True), (r"^(?:a|b)", True), (r"^a|b", False), (r"(?m)^a", False), (r"a", False),
    (r"(?:^a)", True), (r"(^a)|b", False),
])
def test_boilerplate_anchoring(pattern: str, anchored: bool) -> None:
    assert duplicates._anchored(pattern) is anchored


def test_boilerplate_search_kept_for_unanchored_extra() -> None:
    text = "정부는 대책을 발표했습니다. 지원금은 다음 달부터 지급됩니다. [자동 생성 문단]\n\n"
    article = "---\ntitle: t\n---\n\n" + text * 2
    assert codes(lint(article, select=["DUP005"], dedent=False)) == ["DUP005"]
    assert codes(lint(article, select=["DUP005"], dedent=False,
                      config={"rules": {"DUP005": {"extra_boilerplate": [r"\[자동 생성 문단\]"]}}})) == []


def test_shingle_hashes_same_as_before() -> None:
    import zlib

    mask = (1 << 63) - 1
    for text in ("the the the quick brown fox jumps", "정부는 오늘 대책을 발표했다 정부는 오늘", "a b", ""):
        w = [zlib.crc32(t) for t in text.casefold().encode("utf-8").split()]
        old = [h & mask for h in set(map(hash, zip(w, w[1:], w[2:], strict=False)))]
        assert word_shingle_hashes(text) == old


def _old_minhash(hashes: list[int], k: int = 64) -> bytes:
    if not hashes:
        return b""
    hashes = sorted(hashes, reverse=True)
    found = {h % k: h >> 31 for h in hashes}
    bins = [found.get(i, 0xFFFFFFFF) for i in range(k)]
    if len(found) < k:
        for i in range(k):
            if i not in found:
                d = 1
                while (i + d) % k not in found:
                    d += 1
                bins[i] = (found[(i + d) % k] + d * 0x9E3779B1) & 0xFFFFFFFE
    return b"".join(v.to_bytes(4, "big") for v in bins)


@pytest.mark.parametrize("n", [0, 1, 50, 700, 769, 800, 2000, 20000])
def test_minhash_same_as_sorting_everything(n: int) -> None:
    from newslint.similarity import minhash

    for _ in range(5):
        hashes = [_RND.getrandbits(63) for _ in range(n)]
        assert minhash(hashes) == _old_minhash(hashes)
    one_bin = [_RND.getrandbits(57) * 64 for _ in range(max(n, 1))]  # every hash in bin 0: the slow path
    assert minhash(one_bin) == _old_minhash(one_bin)


# --------------------------------------------------------------------------- typos

_OLD_URLISH = re.compile(
    r"(?:\b[a-zA-Z][a-zA-Z0-9+.-]*://|\bwww\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)+/\S*"
)


def _old_url_spans(text: str) -> list[tuple[int, int]]:
    if not ("/" in text or "@" in text or "www." in text):
        return []
    return [m.span() for m in _OLD_URLISH.finditer(text)]


def test_url_spans_same_as_before() -> None:
    samples = ["see https://example.com/a?b=c and me@example.co.kr", "a.b/c d@e.f www.x", "a@b.c.+x@y.z",
               "2024/01/02 and/or example.com/path", "http://", "www.", "x@y", "-a.b/", "가.나/다"]
    for s in samples + _strings(list("ab.-/:@w+ 가\n_") + ["www.", "://", "http://"]):
        assert typos._url_spans(s) == _old_url_spans(s), repr(s)


def test_chat_spans_same_as_before() -> None:
    samples = ["<nick> hello\n<other> hi", "text\n[12:01] <nick> message\n<p>not chat</p>", "\n<a> b",
               "**\\<nick>** message", "&lt;nick&gt; hello", "<li> item", "<nick>hello"]
    alphabet = list("<>ab \n:[]*_12") + ["&lt;", "&gt;", "<p>", "\n"]
    for s in samples + _strings(alphabet, longest=30):
        assert typos._chat_spans(s) == [m.span() for m in typos._CHAT_LINE.finditer(s)], repr(s)


def test_lower_run_same_as_before() -> None:
    old = re.compile(r"[a-z]{4,}|\b[a-z]{3}\b")
    for s in ["the government's plan", "abc abcd ab", "Xabc abc_ 가abc"] + _strings(list("abcXY .-가_1'")):
        assert typos._LOWER_RUN.findall(s) == old.findall(s), repr(s)


def _reference_find(m: object, text: str) -> list[tuple[int, int, object]]:
    """The matcher's contract, spelled out slowly: from left to right, the longest bounded entry wins."""
    from newslint.typo_packs import _bounded

    by_wrong = m.by_wrong  # type: ignore[attr-defined]
    longest = max(map(len, by_wrong))
    out, pos = [], 0
    while pos < len(text):
        for n in range(min(longest, len(text) - pos), 0, -1):
            hit = next((e for e in by_wrong.get(text[pos:pos + n], ()) if _bounded(text, pos, pos + n, e)), None)
            if hit is not None:
                out.append((pos, pos + n, hit))
                pos += n
                break
        else:
            pos += 1
    return out


def test_automaton_finds_what_the_plain_search_finds() -> None:
    from newslint.typo_packs import pack_set

    m = pack_set((), ()).substitution[0]
    words = list(m.by_wrong) + ["가", "다", " ", "은", "x", "\n", "했다"]
    texts = [" ".join(_RND.choice(words) for _ in range(_RND.randint(0, 8))) for _ in range(3000)]
    texts += ["".join(_RND.choice(words) for _ in range(_RND.randint(0, 8))) for _ in range(3000)]
    found = [[(h.start, h.end, h.entry) for h in m.find(t)] for t in texts]
    assert found == [_reference_find(m, t) for t in texts]
    assert sum(map(len, found)) > 1000


def test_english_word_matches_same_as_the_full_scan() -> None:
    words = {"teh": "the", "adn": "and", "goverment": "government", "recieve": "receive"}
    alphabet = ["teh", "the", "adn", "goverment", "recieve", " ", "-", "'", ".", "/", "x", "A", "é", "\n", "@", "{"]
    for s in ["teh teh-adn Goverment goverment.", "'teh' adn/ x@teh {teh} teh's"] + _strings(alphabet, longest=12):
        found = words.keys() & set(typos._LOWER_RUN.findall(s))
        old = [m.span() for m in typos._EN_WORD.finditer(s) if m.group() in words]
        assert [m.span() for m in typos._word_matches(s, found)] == old, repr(s)


def test_repeat_precheck_never_misses_a_repeat() -> None:
    alphabet = ["정부는", "the", "The", " ", "  ", "\n", "\t", ",", "2", "a", "-", "'"]
    for s in _strings(alphabet, n=6000, longest=8):
        low = s.lower()
        if typos._REPEAT.search(low):
            assert typos._MAYBE_REPEAT.search(low), repr(s)


@pytest.mark.parametrize(("text", "code"), [
    ("어떻게 될\t지 주목된다.", "TYP003"),
    ("많을\t수록 좋다.", "TYP003"),
    ("비가 올\t듯\t하다.", "TYP004"),
])
def test_spacing_rules_still_see_tabs(text: str, code: str) -> None:
    assert code in codes(lint(f"---\ntitle: t\n---\n\n{text}\n", select=[code], dedent=False))


def test_split_particle_same_as_scanning_every_form() -> None:
    def old(tail: str) -> object:
        for form, p in hangul._FORMS:
            if tail.startswith(form) and tail[len(form):] in p.continuations:
                return form, p, tail[len(form):]
        return None

    words = ["", "을", "를", "으로부터", "이라고", "이다", "과의", "와", "나", "이나", "가나다", "로는", "은"]
    for w in words + _strings(list("을를이가은는으로라고며과와의나다"), longest=5):
        assert hangul.split_particle(w) == old(w), repr(w)


# --------------------------------------------------------------------------- html

def test_single_character_gates_answer_as_the_run_patterns() -> None:
    names, runs = html_rules._invisible()
    one = html_rules._invisible_one()
    alphabet = list("가a \u200b\u200d\ufeff\u4e00\u3400") + ["\U00020000"]
    for s in _strings(alphabet):
        assert (one.search(s) is None) == (runs.search(s) is None)
        assert (html_rules._HAN_ONE.search(s) is None) == (html_rules._HAN_RUN.search(s) is None)


# --------------------------------------------------------------------------- style

def test_link_test_same_as_find_all() -> None:
    markers, _ = style._ad_patterns(None, None)
    rxs = tuple(m.rx for m in markers)
    test = style._link_test(rxs)
    hrefs = ["https://link.coupang.com/a/b", "https://LINK.COUPANG.com", "https://coupa.ng/x", "https://example.com",
             "https://x.org/?q=affiliate+link", "/affiliate links", "paid  partnership", ""]
    for h in hrefs:
        assert test(h) == bool(find_all(list(rxs), h)), h


def test_link_test_falls_back_when_a_marker_can_match_nothing() -> None:
    rxs = (re.compile("x*", re.IGNORECASE), re.compile("abc", re.IGNORECASE))
    test = style._link_test(rxs)
    for h in ("", "x", "abc", "zzz"):
        assert test(h) == bool(find_all(list(rxs), h)), h
    grouped = (re.compile(r"(a)\1", re.IGNORECASE), re.compile("b", re.IGNORECASE))
    for h in ("aa", "ab", "b", "c"):
        assert style._link_test(grouped)(h) == bool(find_all(list(grouped), h)), h


# --------------------------------------------------------------------------- front matter

_VALUES = [None, True, 3, 2.5, "", "x", "a\nb", " ", [], ["a"], [1], [{"a": 1}], {}, {"a": 1}, "http://x y",
           "https://example.com/a.jpg"]


def _documents() -> list[dict[str, object]]:
    keys = ["title", "excerpt", "categories", "tags", "image", "published", "draft", "date", "unknown"]
    docs: list[dict[str, object]] = [{"title": "t"}, {}, {"excerpt": "e"}]
    for _ in range(3000):
        docs.append({k: _RND.choice(_VALUES) for k in _RND.sample(keys, _RND.randint(0, len(keys)))})
    return docs


def test_quick_schema_check_never_hides_an_error() -> None:
    quick = front_matter._quick_valid(None)
    assert quick is not None  # the shipped schema is within its reach
    validator = front_matter._validator(None)
    seen_invalid = 0
    for data in _documents():
        errors = list(validator.iter_errors(data))
        seen_invalid += bool(errors)
        if quick(data):
            assert not errors, data
        else:
            assert errors or "image" in data, data  # only a format it cannot judge sends a valid one on
    assert seen_invalid > 100


def test_quick_schema_check_steps_aside_for_keywords_it_does_not_know() -> None:
    assert front_matter._quick_schema({"type": "object", "additionalProperties": False}) is None
    assert front_matter._quick_schema({"properties": {"a": {"enum": [1]}}}) is None
    assert front_matter._quick_schema({"anyOf": [{"type": "string"}, {"minLength": 2}]}) is None
    assert front_matter._quick_schema({"type": "strnig"}) is None  # a typo in a newsroom's schema
    assert front_matter._quick_schema({"format": ["date"]}) is None
    assert front_matter._quick_schema({"type": "object", "x-messages": {}, "title": "t"}) is not None
