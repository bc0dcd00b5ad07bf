"""Rule packs: every built-in entry's examples pass, and a pack whose examples fail refuses to load."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newslint.testing import codes, lint
from newslint.typo_packs import (
    _DFA_AFTER,
    Matcher,
    PackError,
    _automaton,
    builtin_pack_files,
    load_pack,
    pack_set,
    parse_pack,
    spec_failures,
)

FIXTURES = Path(__file__).parent / "fixtures" / "typos"
BUILTIN = {p.name: p for p in (load_pack(f) for f in builtin_pack_files()) if p is not None}


def test_builtin_packs_are_found_and_large_enough() -> None:
    assert {"typos-ko", "typos-ko-loanwords"} <= set(BUILTIN)
    assert len({e.position for e in BUILTIN["typos-ko"].entries}) >= 150


def _entries() -> list[tuple[str, int]]:
    return [(name, i) for name, p in sorted(BUILTIN.items()) for i in sorted({e.position for e in p.entries})]


@pytest.mark.parametrize(("pack", "index"), _entries())
def test_every_builtin_entry_keeps_its_examples(pack: str, index: int) -> None:
    p = BUILTIN[pack]
    entry = next(e for e in p.entries if e.position == index)
    assert entry.flag and entry.pass_ and entry.message and entry.right
    m = Matcher(p.entries)
    for ex in entry.flag:
        assert any(h.entry.position == index for h in m.find(ex)), ex
    for ex in entry.pass_:
        assert list(m.find(ex)) == [], ex


def test_builtin_examples_flag_in_an_article() -> None:
    """The same examples, through the whole pipeline (prose segments, offsets, fixes)."""
    entry = next(e for e in BUILTIN["typos-ko"].entries if e.wrong == "몇일")
    d = lint(f"---\ntitle: 기사\n---\n\n{entry.flag[0]}\n", select=["TYP001"])
    assert codes(d) == ["TYP001"] and d[0].fixable and d[0].edits[0].replacement == "며칠"


def test_spec_failure_is_reported_with_the_example() -> None:
    with pytest.raises(PackError, match=r"refuses to load.*'가능한 일이다' must be left alone"):
        load_pack(FIXTURES / "packs-bad" / "broken.yaml")


def test_failing_pack_is_reported_by_the_rule_not_a_crash() -> None:
    d = lint("---\ntitle: 기사\n---\n\n본문\n", select=["TYP001"],
             config={"rule-packs": [str(FIXTURES / "packs-bad")]})
    assert codes(d) == ["TYP001"]
    assert "broken-pack" in d[0].message and "refuses to load" in d[0].message


@pytest.mark.parametrize(("data", "error"), [
    ({"entries": [{"wrong": "a", "right": "b"}]}, "kind is missing"),
    ({"kind": "substitution", "entries": []}, "non-empty list"),
    ({"kind": "substitution", "entries": [{"wrong": "a", "right": "b", "message": "m", "flag": "a"}]},
     "pass: missing"),
    ({"kind": "substitution", "entries": [{"wrong": "a", "right": "a", "message": "m", "flag": "a", "pass": "b"}]},
     "its own correction"),
    ({"kind": "substitution", "colour": 1, "entries": [{}]}, "unknown key"),
    ({"kind": "spelling", "entries": [{}]}, "not one of"),
    ({"kind": "existence", "entries": [{"term": "x", "message": "m", "flag": "x", "pass": "y", "left": "no"}]},
     "left"),
])
def test_malformed_packs_say_what_is_wrong(data: dict, error: str) -> None:
    with pytest.raises(PackError, match=error):
        parse_pack(data, "pack.yaml")


def test_newsroom_packs_add_rules_and_other_yaml_is_ignored() -> None:
    text = "---\ntitle: 뉴스다오닷컴 단독\n---\n\n증권가 찌라시에 따르면 we sent an e-mail. E-mail us.\n"
    cfg = {"rule-packs": [str(FIXTURES / "packs-good")]}
    d = lint(text, select=["TYP001", "TYP002"], config=cfg)
    assert sorted(codes(d)) == ["TYP001", "TYP001", "TYP001", "TYP002"]
    fixes = sorted(e.replacement for x in d for e in x.edits)
    assert fixes == ["email", "email", "뉴스다오"]
    assert all("house" in x.message for x in d)


def test_disable_packs_switches_a_builtin_pack_off() -> None:
    text = "---\ntitle: 기사\n---\n\n대국민 메세지를 냈다. 몇일 뒤.\n"
    assert len(lint(text, select=["TYP001"])) == 2
    d = lint(text, select=["TYP001"], config={"disable-packs": ["typos-ko-loanwords"]})
    assert [x.message.split("'")[1] for x in d] == ["몇일"]


def test_longest_entry_wins_and_boundaries_fall_back_to_shorter() -> None:
    pack = parse_pack(yaml.safe_load("""
kind: substitution
entries:
  - {wrong: 있슴, right: 있음, left: any, message: m, flag: 재고 있슴, pass: 있음}
  - {wrong: 있슴니다, right: 있습니다, left: any, message: m, flag: 재고가 있슴니다, pass: 있습니다}
  - {wrong: 왠, right: 웬, right-boundary: word, message: m, flag: 왠 떡, pass: 왠지}
"""), "t.yaml")
    assert spec_failures(pack) == []
    m = Matcher(pack.entries)
    assert [(h.start, h.end, h.entry.fix) for h in m.find("재고가 있슴니다")] == [(4, 8, "있습니다")]
    assert [h.entry.fix for h in m.find("재고 있슴")] == ["있음"]
    assert list(m.find("왠지 좋다")) == []


def test_korean_word_start_boundary() -> None:
    pack = parse_pack({"kind": "substitution", "entries": [
        {"wrong": "희안", "right": "희한", "message": "m", "flag": "희안한 일", "pass": "조희안한"}]}, "t")
    m = Matcher(pack.entries)
    assert [h.start for h in m.find("참 희안한 일이다")] == [2]
    assert list(m.find("김희안 씨")) == []  # inside a name: not the start of a word


def test_longest_form_wins_and_matches_do_not_overlap() -> None:
    pack = parse_pack({"kind": "substitution", "left": "any", "entries": [
        {"wrong": w, "right": w.upper(), "message": "m", "flag": w, "pass": "zz"}
        for w in ("ab", "abcd", "abc", "x", "cdx")]}, "t")
    m = Matcher(pack.entries)
    assert [(h.start, h.end) for h in m.find("abcdx abx")] == [(0, 4), (4, 5), (6, 8), (8, 9)]


def test_ignore_case_keeps_positions_when_a_letter_lowers_to_two() -> None:
    pack = parse_pack({"kind": "substitution", "ignore-case": True, "entries": [
        {"wrong": "teh", "right": "the", "message": "m", "flag": "Teh cat", "pass": "then"}]}, "t")
    m = Matcher(pack.entries, ignore_case=True)
    text = "İstanbul: TEH cat, teh dog"  # 'İ'.lower() is two characters
    assert [text[h.start:h.end] for h in m.find(text)] == ["TEH", "teh"]


def test_pack_set_is_cached_per_config() -> None:
    assert pack_set((), ()) is pack_set((), ())
    assert pack_set((), ("typos-ko",)) is not pack_set((), ())


@pytest.mark.parametrize("dfa", [False, True])
@pytest.mark.parametrize("ignore_case", [False, True])
def test_joined_texts_give_each_text_s_hits(ignore_case: bool, dfa: bool) -> None:
    """find_joined over texts joined by line breaks finds what find() finds in each text, in order."""
    import random

    entries = [{"wrong": w, "right": w + "z", "message": "m", "flag": w, "pass": "qq"}
               for w in ("ab", "abc", "σς", "Σa", "b가", "가나", "x")]
    entries.append({"wrong": "nb", "right": "nbz", "left": "any", "right-boundary": "word", "message": "m",
                    "flag": "nb", "pass": "nbx"})
    entries.append({"wrong": "이", "right": "가", "right-boundary": "particle", "message": "m", "flag": "이", "pass": "이것"})
    pack = parse_pack({"kind": "substitution", "ignore-case": ignore_case, "entries": entries}, "t")
    with_break = parse_pack({"kind": "substitution", "left": "any", "entries": [
        *entries, {"wrong": "b\nA", "right": "bA", "message": "m", "flag": "b\nA", "pass": "bA"}]}, "t")
    rnd = random.Random(5)
    found = 0
    alphabet = ["ab", "AB", "abc", "c", " ", "_", "가", "나", "이", "를", "σ", "Σ", "ς", "İ", "x", "n", "b", ".", "1", "😀"]
    for m in (Matcher(pack.entries, ignore_case), Matcher(with_break.entries)):
        m._searches = _DFA_AFTER if dfa else -10**9  # the DFA over bytes, built by now in a long run
        m._dfa = _automaton(m._keys, dfa=True) if dfa else None
        for _ in range(3000):
            texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 8))) for _ in range(rnd.randint(1, 4))]
            starts = [sum(len(t) + 1 for t in texts[:k]) for k in range(len(texts))]
            want = [(k, h) for k, t in enumerate(texts) for h in m.find(t)]
            assert m.find_joined("\n".join(texts), starts) == want, texts
            found += len(want)
    assert found > 1000


@pytest.mark.parametrize("dfa", [False, True])
def test_a_lone_surrogate_does_not_stop_the_search(dfa: bool) -> None:
    """Text built in memory (load_text) may hold a lone surrogate, which the automaton cannot take:
    the entries around it are still found, where they are."""
    pack = parse_pack({"kind": "substitution", "entries": [
        {"wrong": "ab", "right": "abz", "message": "m", "flag": "ab", "pass": "qq"}]}, "t")
    m = Matcher(pack.entries)
    m._searches = _DFA_AFTER if dfa else -10**9
    m._dfa = _automaton(m._keys, dfa=True) if dfa else None
    text = "ab \ud800ab ab\udfff\nx ab"
    assert [(h.start, h.end) for h in m.find(text)] == [(0, 2), (4, 6), (7, 9), (13, 15)]
    assert [(k, h.start, h.end) for k, h in m.find_joined(text, [0, 11])] == [(0, 0, 2), (0, 4, 6), (0, 7, 9),
                                                                                (1, 2, 4)]


def test_particle_after_an_entry_is_what_the_particle_pattern_matched() -> None:
    import random
    import re

    from newslint.typo_packs import _PARTICLES, _particle_at

    old = re.compile("(?:" + "|".join(sorted(_PARTICLES, key=len, reverse=True)) + r")(?!\w)")
    rnd = random.Random(3)
    alphabet = [*_PARTICLES, "이다음", "가", "음", "x", "_", "1", " ", ".", "\n", "é"]
    found = 0
    for _ in range(6000):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 5)))
        for i in range(len(s)):
            assert _particle_at(s, i) == (old.match(s, i) is not None), (s, i)
            found += _particle_at(s, i)
    assert found > 3000
