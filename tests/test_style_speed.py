"""The style family's fast paths (issue 8) answer exactly as the slower code they replaced.

Each test keeps the old form next to the new one and compares them on random text built from the
characters that reach the edge cases (digits after spaces, look-behinds at the window's edge,
letters that case-fold to ASCII, spaces of every kind).
"""

from __future__ import annotations

import random
import re

from newslint.checks import _style_common as common
from newslint.checks import style
from newslint.document import Document, load_text
from newslint.prose import Segment
from newslint.resources import rules_data

_RND = random.Random(8)


def _strings(alphabet: list[str], n: int = 20000, longest: int = 20) -> list[str]:
    return ["".join(_RND.choice(alphabet) for _ in range(_RND.randint(0, longest))) for _ in range(n)]


# The date forms `is_dated` looks for, as one regex: 2024-07-04, 2024년 7월 4일, 7월 4일, (4일), 지난 3일
# (not 3일간), July 4, 4 July, the 4th.
_DATE_FORMS = re.compile(
    r"\d{4}\s*[-./년]\s*\d{1,2}\s*[-./월]\s*\d{1,2}"
    r"|\d{1,2}\s*월\s*\d{1,2}\s*일"
    r"|(?<![\d.,])\d{1,2}\s*일(?!\s*(?:간|째|동안|이내|만에|치|분))"
    rf"|\b{common._MONTHS}\.?\s+\d{{1,2}}(?!\d)"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{common._MONTHS}\b"
    r"|\bthe\s+\d{1,2}(?:st|nd|rd|th)\b",
    re.IGNORECASE,
)


def test_is_dated_same_as_the_date_regex_in_any_window() -> None:
    alphabet = list("0123456789  \n\t.,-/년월일간째치분동안the stndrdofSeptemberJulyMayDec가") + [
        "the ", "July ", "Sept. ", "September.", "4th", "일간", "\u00a0", "ſ", "İ", "١", "of ", "이내"]
    rx = _DATE_FORMS
    for t in _strings(alphabet):
        s = _RND.randint(0, len(t))
        e = _RND.randint(s, len(t))
        assert common.is_dated(t, s, e) == (rx.search(t, s, e) is not None), (t, s, e)
        assert common.is_dated(t) == (rx.search(t) is not None), t


def test_sentence_breaks_same_as_the_look_behind_form() -> None:
    old = re.compile(r"(?<=[.!?。])[\"'”’)\]]*\s+|\n+")
    alphabet = list(".!?。\"'”’)] \n\t\u3000\u00a0\r\x85ab가3") + [". ", ".\n", "\n\n", ".”\n", "\n.", "!\n "]
    for t in _strings(alphabet):
        assert common._breaks(t) == [m.span() for m in old.finditer(t)], t


def _any_has_all(doc: Document, groups: tuple[tuple[str, ...], ...]) -> bool:
    """Whether every literal (lower-cased, no spaces) of one of `groups` is in the squeezed prose, by `_Gate.has`."""
    has = common._gate(doc).has
    return any(all(has(lit, common._keys(lit)) for lit in g) for g in groups)


def _old_open(entry: common.Gated, gate_text: str) -> bool:
    all_of, any_of = _all_of(entry), [lit for lit, _keys, _words in entry._any_keys]
    return all(g in gate_text for g in all_of) and (not any_of or any(g in gate_text for g in any_of))


def _all_of(entry: common.Gated) -> list[str]:
    """The literals (lower-cased, spaces removed) the entry needs, every one; longest first."""
    return sorted((lit for lit, _keys, _words in entry._all_keys), key=len, reverse=True)


def test_gates_same_as_searching_the_squeezed_text_wherever_a_pattern_matches() -> None:
    """A gate may now open where the squeezed text says no, or stay shut where it says yes, but only
    for a pattern that matches no segment: wherever one matches, the answer is the old one."""
    entries = (common.gated_phrase("as an AI language model"), common.gated_phrase("요청하신 주제"),
               common.gated(r"(?:아래|위)(?:의)?\s*내용[을를]\s*참고하여"), common.gated(r"(?:a|b)"),
               common.gated(r"ⓒ\s*연합", any_of=("(c)", "ⓒ", "©")), common.gated_phrase("Σσ x"),
               common.gated(r"\bI am sorry,? but", any_of=("sorry", "(c)")), common.gated_phrase("is ok"))
    alphabet = list("asn AIlguemod요청하신 주제내용을참고하여ⓒ©(c)\t\u3000\u00a0\nΣσςİıſKk") + [
        "as an ai ", "language model", "요청하신", "주 제", "참고 하여", "i am sorry, but", "İS OK", "iſ ok"]
    groups = (("이번", "주"), ("today",), ("as", "model"), ("is", "ok"))
    phrases = [re.compile(common.phrase_regex(" ".join(g)), re.IGNORECASE) for g in groups]
    for t in _strings(alphabet, n=4000, longest=30):
        cut = _RND.randint(0, len(t))
        doc = load_text(f"---\ntitle: x\n---\n\n{t[:cut]}\n\n{t[cut:]}\n")
        segs = [seg.text for seg in common.style_segments(doc)]
        old_text = "".join("".join(segs).lower().split())
        assert common._gate(doc).squeezed == old_text, t
        opened = common.open_patterns(entries, doc)
        for e in entries:
            if any(e.rx.search(x) for x in segs):
                assert (e.rx in opened) == _old_open(e, old_text), (t, e.pattern)
        old_any = any(all(g in old_text for g in grp) for grp in groups)
        assert _any_has_all(doc, groups) == old_any, t
        if any(rx.search(x) for rx in phrases for x in segs):
            assert common.any_has_words(doc, groups) == old_any, t


def test_time_word_regexes_same_without_the_groups() -> None:
    words = style._time_words()
    data = rules_data("style-time.yaml")
    ko = data["ko"]
    old_ko = re.compile(rf"(?:{common.alternation(common.phrase_regex(w) for w in ko['words'])})"
                        rf"(?=(?:{common.alternation(ko.get('particles', []))})?(?![가-힣]))")
    old_habitual = _habitual_regex()
    old_intro = re.compile(common.alternation(common.phrase_regex(v) for v in ko["blog_intro"]))
    alphabet = list("오늘어제내일이번주말지난다음그저께모레은는에도부터 매일주간every dayweeklyDAILY알아보살펴") + [
        "이번 주", "지난 주말", "every week", "알아보겠", "소개해 드리"]
    for t in _strings(alphabet, n=5000):
        assert [m.span() for m in words.ko.finditer(t)] == [m.span() for m in old_ko.finditer(t)], t
        assert words.is_habitual(t) == (old_habitual.search(t) is not None), t
        assert (words.ko_intro.search(t) is None) == (old_intro.search(t) is None), t


def test_time_words_cut_to_the_words_in_the_text_match_as_the_whole_regex() -> None:
    words = style._time_words()
    alphabet = list("오늘어제내일이번주말지난다음그저께모레은는에도부터 \n\t가this week last night tomorrow's’") + [
        "이번 주", "지난 주말", "다음주", "this weekend", "last  week", "그 다음 주", "내일을", "tonight's"]
    for t in _strings(alphabet, n=5000, longest=16):
        for alt, whole in ((words.ko_words, words.ko), (words.en_words, words.en_words.whole)):
            cut = alt.in_text(t)
            assert [m.span() for m in (cut.finditer(t) if cut else ())] == [m.span() for m in whole.finditer(t)], t


def test_hit_windows_same_as_filtering_every_sentence() -> None:
    from newslint.prose import Segment

    texts = ["오늘 회의. 어제 발표", "본문 첫 문장. 둘째!", "   ", "셋째 문장", "a. b. c", "끝", "x.  y"]
    for _ in range(2000):
        segs = [Segment(_RND.choice(texts), _RND.choice(["fm:title", "fm:excerpt", "paragraph", "paragraph"]))
                for _ in range(_RND.randint(1, 7))]
        segs.sort(key=lambda s: not s.in_front_matter)  # front matter values come first
        hits = {}
        for k, seg in enumerate(segs):
            starts = sorted(_RND.sample(range(len(seg.text) + 1), _RND.randint(0, min(3, len(seg.text)))))
            if starts:
                hits[k] = [(_RND.choice(["ko", "en"]), s, s + 1) for s in starts]

        def view(run: list[style._Sentence], i: int) -> tuple[object, ...]:
            window = run[max(0, i - 1):i + 2]
            return (id(run[i].seg), run[i].start, i == 0, [(id(w.seg), w.start, w.end) for w in window])

        old = []  # every sentence of the article cut, in reading order: the plain way, as the rule once did
        index = {id(seg): k for k, seg in enumerate(segs)}
        for run in _sentence_runs(segs):
            for i, sent in enumerate(run):
                found = [h for h in hits.get(index[id(sent.seg)], []) if sent.start <= h[1] < sent.end]
                if found:
                    old.append((view(run, i), found))
        new = [(view(run, i), found) for run, i, found in style._hit_windows(segs, hits)]
        assert new == old


def _sentence_runs(segs: list[Segment]) -> list[list[style._Sentence]]:
    """Every sentence in reading order; each front matter value is a run of its own, the body is one."""
    runs: list[list[style._Sentence]] = []
    body: list[style._Sentence] = []
    for seg in segs:
        sents = [style._Sentence(seg, s, e) for s, e in common.sentence_spans(seg.text)]
        if seg.in_front_matter:
            runs.append(sents)
        else:
            body.extend(sents)
    runs.append(body)
    return runs


def test_sentence_spans_same_as_before() -> None:
    old = re.compile(r"(?<=[.!?。])[\"'”’)\]]*\s+|\n+")

    def old_spans(text: str) -> list[tuple[int, int]]:
        out, pos = [], 0
        for m in old.finditer(text):
            if text[pos : m.start()].strip():
                out.append((pos, m.start()))
            pos = m.end()
        if text[pos:].strip():
            out.append((pos, len(text)))
        return out

    alphabet = list(".!? \n\t\u3000\u00a0a가") + [". ", ".\n", "\n\n", "\n \n"]
    for t in _strings(alphabet):
        assert common.sentence_spans(t) == old_spans(t), t


def test_body_text_same_as_joining_the_body_segments() -> None:
    from newslint.checks import style_headline

    for body in ["<p>ΑΣ</p>\n<p>Σb</p>", "오늘 회의.\n\n- 목록\n", "", "<p>x</p>"]:
        for fm in ["title: ΣA\nexcerpt: AΣ", "title: t", "x: 1"]:
            doc = load_text(f"---\n{fm}\n---\n\n{body}\n")
            segs = common.style_segments(doc)
            assert style_headline._body_text(doc) == "\n".join(s.text for s in segs if not s.in_front_matter).lower()


def test_clickbait_gate_lets_every_clickbait_headline_through() -> None:
    from newslint.checks import style_headline

    gate, rx = style_headline._clickbait_gate(()), style_headline._clickbait(())
    assert gate is not None
    alphabet = list("충격적!… 경악헉이럴수가알고보니결국소름돋you won't believe SHOCKING ſK") + [
        "충격", "[충격]", "알고 보니", "jaw-dropping", "What Happened Next", "doctors hate", "헉"]
    for t in _strings(alphabet, n=5000, longest=12):
        if gate.search(t) is None:
            assert rx.search(t) is None, t


def test_case_folds_to_ascii_letters_are_the_known_ones() -> None:
    import sys

    letter = re.compile("[a-z]", re.IGNORECASE)
    found: dict[str, str] = {}
    for i in range(128, sys.maxunicode + 1):
        c = chr(i)
        if letter.match(c):
            for x in "abcdefghijklmnopqrstuvwxyz":
                if re.match(x, c, re.IGNORECASE):
                    found[x] = found.get(x, "") + c
    assert found == common.ASCII_FOLDS


def _habitual_regex() -> re.Pattern[str]:
    """The habitual words (매주, every week) as one regex ignoring case: what `is_habitual` answers as."""
    data = rules_data("style-time.yaml")
    return re.compile(common.alternation(common.phrase_regex(h) for h in data["habitual"]), re.IGNORECASE)


def test_habitual_test_same_as_the_whole_regex() -> None:
    words = style._time_words()
    rx = _habitual_regex()
    alphabet = list("매주일날마다간 every dayweeklyEACHDAILY\u0130\u0131\u017f\u212a가") + ["every day", "매주", "Weekly"]
    for t in _strings(alphabet, n=20000, longest=14):
        assert words.is_habitual(t) == (rx.search(t) is not None), t


def test_squeezed_body_answers_as_the_body_without_spaces() -> None:
    from newslint.checks import style_headline

    alphabet = list("회담정상 \n\t\u3000\u00a0ab") + ["회 담", "정상 회담", "  "]
    words = ["회담", "정상회담", "담", "ab", "a", "회담정", "bb", "상회"]
    for t in _strings(alphabet, n=5000, longest=30):
        squeezed = style_headline._Squeezed(t)
        for w in words:
            assert (w in squeezed) == (w in "".join(t.split())), (t, w)
        assert "회담" in style_headline._Squeezed(t * 20) or "회담" not in "".join(t.split())
    for w in words:
        assert (w in style_headline._Squeezed("회 " * 40 + "정상 회 담")) == (w in "회" * 40 + "정상회담")


def test_headline_word_candidates_all_start_with_the_shortest() -> None:
    from newslint.checks import style_headline

    data = style_headline._missing_data()
    syllables = list("정상회담에서는을를했다하는이가의도만까지부터으로") + list(data.particles) + list(data.endings)
    for w in _strings(syllables, n=5000, longest=6) + ["초청을", "소중한", "드러났다"]:
        if w:
            cands = style_headline._ko_candidates(w, data)
            shortest = min(cands, key=len)
            assert all(c.startswith(shortest) for c in cands), (w, cands)
    for w in ["reports", "walked", "company's", "boxes", "used", "ship"]:
        cands = style_headline._en_candidates(w)
        assert all(c.startswith(min(cands, key=len)) for c in cands), cands


def test_hangul_tests_without_a_hangul_class_answer_as_the_class() -> None:
    # every Hangul syllable is a word character, so [가-힣\w] is \w
    assert all(re.match(r"\w", chr(i)) for i in range(ord("가"), ord("힣") + 1))
    phrase, syllable = re.compile(r"[가-힣]+(?: [가-힣]+)*"), re.compile(r"[가-힣]")
    alphabet = list("가힣각 a1_\t\u3131\u1100\uac00\ud7a3\ud7a4") + ["  ", "매 주"]
    for t in _strings(alphabet, n=5000, longest=8):
        assert style._hangul_words(t) == (phrase.fullmatch(t) is not None), t
        assert common.has_hangul(t) == (syllable.search(t) is not None), t


def test_rules_patterns_compile() -> None:
    """The patterns of rules/ are compiled when an article needs them: each must be a valid regex."""
    boiler, ads = rules_data("style-boilerplate.yaml"), rules_data("style-ads.yaml")
    patterns = [p for lang in ("ko", "en") for p in boiler["assistant"]["patterns"].get(lang, [])]
    patterns += list(boiler["wire"]["patterns"]) + list(ads["markers"]) + list(ads["disclosure"])
    for p in patterns:
        re.compile(p, re.IGNORECASE)
    for e in style._assistant_patterns(()) + style._wire_patterns(tuple(boiler["wire"]["agencies"]), ()):
        assert e.rx.pattern == e.pattern


def test_link_markers_gated_as_trying_every_marker() -> None:
    markers, _ = style._ad_patterns(None, None)
    every = style._link_test(tuple(m.rx for m in markers))
    found = 0
    alphabet = list("abk/.:-?=ſ\u212aİı쿠팡 ") + ["link.coupang.com", "LINK.Coupang.COM", "coupa.ng", "coupa", "https://",
                                          "affiliate-link", "affiliate link", "paid partnership", ".ng"]
    for _ in range(3000):
        hrefs = ["".join(_RND.choice(alphabet) for _ in range(_RND.randint(0, 6))).replace('"', "")
                 for _ in range(_RND.randint(1, 3))]
        links = "".join(f'<p><a href="{h}">x</a></p>\n' for h in hrefs)
        doc = load_text(f"---\ntitle: x\n---\n\n{links}")
        test = style._href_test(doc, markers)
        for link in doc.body.links:
            if link.href:
                assert (test is not None and test(link.href)) == every(link.href), hrefs
                found += every(link.href)
    assert found > 100


def test_copyright_name_patterns_gated_as_when_parsed() -> None:
    """The copyright-mark patterns skip the parse that finds a pattern's literals: they have none."""
    agencies = tuple(rules_data("style-boilerplate.yaml")["wire"]["agencies"])
    for e in style._wire_patterns(agencies, ())[-2:]:
        parsed = common.gated(e.pattern, any_of=("(c)", "ⓒ", "©", "copyright") if e.pattern.startswith("(?:\\(c\\)")
                              else ("ⓒ", "©"), lazy=True)
        assert (e._all_keys, e._any_keys, e._tests, e._any_tests) == (parsed._all_keys, parsed._any_keys,
                                                                      parsed._tests, parsed._any_tests)


def test_digits_are_what_the_date_token_regex_needs() -> None:
    """A headline word is matched against the date forms only when it has a digit (`_judged`)."""
    import sys

    digit = re.compile(r"\d")
    assert all(c.isdigit() and not c.isalpha() for c in map(chr, range(sys.maxunicode + 1)) if digit.match(c))


def test_letters_re_folds_unlike_lower_case_are_all_known() -> None:
    """_FOLDS_UNLIKE_LOWER is exactly the letters c for which `re`, ignoring case, matches some letter t
    whose lower case is not c's (so the gates, which look for c.lower(), must not look for c)."""
    cased = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF
             and (chr(cp).lower() != chr(cp) or chr(cp).upper() != chr(cp))]
    orbit: dict[str, set[str]] = {}
    for ch in cased:  # letters sharing a lower or an upper case, however far the chain goes
        group = orbit.get(ch.upper(), set()) | orbit.get(ch.lower(), set()) | {ch}
        for key in (*group, ch.upper(), ch.lower()):
            orbit[key] = group
        for member in list(group):
            orbit[member.upper()] = orbit[member.lower()] = group
    found = set()
    for ch in cased:
        if ch.isascii():
            continue
        low = ch.lower()
        rx = re.compile(re.escape(ch), re.IGNORECASE)
        others = orbit.get(ch, set()) | orbit.get(low, set()) | orbit.get(ch.upper(), set())
        if len(low) != 1 or any(t.lower() != low and rx.fullmatch(t) for t in others):
            found.add(ch)
    assert found == common._FOLDS_UNLIKE_LOWER
    assert common._fold_safe("ⓒ연합뉴스") == ["ⓒ연합뉴스"]  # ⓒ folds as it lower-cases: kept
    assert common._fold_safe("İlan") == ["lan"] and common._fold_safe("σπορ") == ["ο"]
