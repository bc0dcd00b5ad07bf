"""Typos family rules TYP001–TYP006: what each must catch and what it must leave alone."""

from __future__ import annotations

import pytest

from newslint.diagnostics import Diagnostic
from newslint.testing import lint

FM = "---\ntitle: 기사 제목\n---\n\n"


def _lint(body: str, code: str, fm: str = FM) -> list[Diagnostic]:
    return lint(fm + body, select=[code], dedent=False)


def _apply(text: str, diags: list[Diagnostic]) -> str:
    for e in sorted((e for d in diags for e in d.edits), key=lambda e: -e.start):
        text = text[: e.start] + e.replacement + text[e.end :]
    return text


# --------------------------------------------------------------------------- TYP001


def test_misspelling_in_markdown_points_at_the_word_and_fixes_it() -> None:
    text = FM + "회의는 몇일 뒤 열린다. 결과가 발표됬다.\n"
    d = lint(text, select=["TYP001"], dedent=False)
    assert [(x.line, x.column, x.end_column) for x in d] == [(5, 5, 7), (5, 21, 22)]
    assert _apply(text, d).endswith("회의는 며칠 뒤 열린다. 결과가 발표됐다.\n")


def test_misspelling_in_html_front_matter_table_and_alt() -> None:
    fm = "---\ntitle: 오랫만에 만난 두 정상\nexcerpt: >\n  곰곰히 생각해 보면\n---\n\n"
    body = ('<p data-ke-size="size16">설겆이를 했다.</p>\n'
            '<table><tr><td style="x">역활 분담</td></tr></table>\n'
            '<img src="a.jpg" alt="희안한 장면">\n')
    d = _lint(body, "TYP001", fm)
    assert [x.message.split("'")[1] for x in d] == ["오랫만", "곰곰히", "설겆이", "역활", "희안"]
    assert [x.line for x in d] == [2, 4, 7, 8, 9]


def test_misspelling_left_alone_in_code_urls_attributes_and_keys() -> None:
    fm = "---\ntitle: 기사\n몇일: 3\n---\n\n"
    body = ("`몇일` 코드와 https://example.com/몇일 주소, mail 몇일@example.com\n\n"
            "```\n됬다\n```\n\n"
            '<p title="x" data-x="몇일">정상 문장</p>\n<!-- 몇일 -->\n{% comment %}됬{% endcomment %}\n')
    assert _lint(body, "TYP001", fm) == []


def test_word_that_is_right_in_another_sense_is_not_in_the_list() -> None:
    assert _lint("금새 값을 물었다. 빛이 바랜 사진. 예산의 일부로 쓴다. 기대를 모읍니다.\n", "TYP001") == []


def test_misspelling_inside_a_name_is_left_alone() -> None:
    assert _lint("김희안 씨와 박수근 화백, 서울 지하철\n", "TYP001") == []


def test_several_corrections_are_not_fixable() -> None:
    d = _lint("손가락으로 가르키며 말했다.\n", "TYP001")
    assert len(d) == 1 and not d[0].fixable and "'가리키' or '가르치'" in d[0].message


def test_word_list_paragraph_is_not_prose() -> None:
    body = "나무, 넝쿨, 덩쿨, 덩굴, 뿌리, 줄기, 잎, 꽃, 열매, 씨앗, 가지, 껍질\n"
    assert _lint(body, "TYP001") == []


# --------------------------------------------------------------------------- TYP002


def test_banned_term_only_with_a_newsroom_pack(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "ban.yaml").write_text(
        "kind: existence\nentries:\n  - {term: 찌라시, message: 비속어, flag: 찌라시 돌아, pass: 정보지}\n",
        encoding="utf-8")
    body = "증권가 찌라시에 따르면\n"
    assert _lint(body, "TYP002") == []
    d = lint(FM + body, select=["TYP002"], config={"rule-packs": [str(tmp_path)]}, dedent=False)
    assert len(d) == 1 and d[0].column == 5 and "비속어" in d[0].message and not d[0].fixable


# --------------------------------------------------------------------------- TYP003


@pytest.mark.parametrize(("wrong", "right"), [
    ("어떻게 될 지 주목된다.", "어떻게 될지 주목된다."),
    ("어떻게 될 지도 모른다.", "어떻게 될지도 모른다."),
    ("있는 지 확인했다.", "있는지 확인했다."),
    ("사실인 지 묻는다.", "사실인지 묻는다."),
    ("갈수록 아니 갈 수록 어렵다.", "갈수록 아니 갈수록 어렵다."),
    ("효과가 없을 뿐더러 해롭다.", "효과가 없을뿐더러 해롭다."),
])
def test_ending_spacing_flags_and_fixes(wrong: str, right: str) -> None:
    text = FM + wrong + "\n"
    d = lint(text, select=["TYP003"], dedent=False)
    assert len(d) == 1 and d[0].fixable
    assert _apply(text, d) == FM + right + "\n"


@pytest.mark.parametrize("text", [
    "만난 지 3년이 됐다.",          # bound noun of elapsed time
    "서울 지도 앱을 켰다.",          # a noun ending in ㄹ, then the noun 지도
    "할 지역이 많다.",               # 지역
    "3월 지방선거, 1일 지",          # dates
    "곡을 수록했다. 신곡을 수록 예정",  # 수록 the verb after 을
    "언니는 지(저) 생각밖에 안 해요.",  # dialect pronoun
    "어떻게 될지 주목된다.",
])
def test_ending_spacing_leaves_alone(text: str) -> None:
    assert _lint(text + "\n", "TYP003") == []


def test_ending_spacing_in_html_paragraph() -> None:
    d = _lint('<p data-ke-size="size16">협의가 이뤄지게 될 지 주목됩니다.</p>\n', "TYP003")
    assert len(d) == 1 and d[0].column == 35


# --------------------------------------------------------------------------- TYP004


@pytest.mark.parametrize(("wrong", "right"), [
    ("비가 올 듯 하다.", "비가 올 듯하다."),
    ("볼 만 합니다.", "볼 만합니다."),
    ("넘어질 뻔 했다.", "넘어질 뻔했다."),
    ("모르는 척 했다.", "모르는 척했다."),
    ("자리를 잡은 듯 합니다.", "자리를 잡은 듯합니다."),
])
def test_auxiliary_spacing_flags_and_fixes(wrong: str, right: str) -> None:
    text = FM + wrong + "\n"
    d = lint(text, select=["TYP004"], dedent=False)
    assert len(d) == 1
    assert _apply(text, d) == FM + right + "\n"


@pytest.mark.parametrize("text", [
    "비가 올 듯하다.", "일 만 하다 지쳤다.", "볼 만 한 번 더", "먹을 만 하루 종일", "그 척 하나로",
])
def test_auxiliary_spacing_leaves_alone(text: str) -> None:
    assert _lint(text + "\n", "TYP004") == []


# --------------------------------------------------------------------------- TYP005


@pytest.mark.parametrize(("text", "word"), [
    ("정부는 정부는 오늘 발표했다.", "정부는"),
    ("It is the the best.", "the"),
    ("The the plan failed.", "the"),
    ("a line that ends with the\nthe next line", "the"),
])
def test_repeated_word_flags_and_fixes(text: str, word: str) -> None:
    full = FM + text + "\n"
    d = lint(full, select=["TYP005"], dedent=False)
    assert [x.message.split("'")[1] for x in d] == [word]
    fixed = _apply(full, d)
    assert fixed.count(word) == full.count(word) - 1


@pytest.mark.parametrize("text", [
    "He said that that was wrong. She had had enough.",
    "매일 매일 한발 한발 차근 차근 바로 바로",   # deliberate doubling
    "Bora Bora and Walla Walla", "Gregor Zeitlinger [zeitlinger](https://github.com/zeitlinger)",
    "please please please", "bumped to `45` to reflect", "차곡차곡 cmdcmd",
    "10 10 20", "a list\n\nlist",
    "potential for upstream patches  \npatches are unlikely",
])
def test_repeated_word_leaves_alone(text: str) -> None:
    assert _lint(text + "\n", "TYP005") == []


def test_repeated_word_across_markup_is_caught() -> None:
    d = _lint("the <b>the</b> plan\n", "TYP005")
    assert len(d) == 1 and not d[0].edits  # reported; the fix would cut markup, so none


# --------------------------------------------------------------------------- TYP006


def test_english_misspelling_flags_and_fixes() -> None:
    text = FM + "The goverment said it would recieve them.\n"
    d = lint(text, select=["TYP006"], dedent=False)
    assert [x.message.split("'")[1] for x in d] == ["goverment", "recieve"]
    assert _apply(text, d) == FM + "The government said it would receive them.\n"


@pytest.mark.parametrize("text", [
    "Goverment is capitalized.", "A hyphenated goverment-run thing.", "version2 recieve2",
    "He wrote \"goverment\" [sic] in the letter.", "see https://example.com/goverment or a@goverment.org",
    "The file recieve.py and the path /tmp/recieve", "reenabled, aways, ot, als",
    "Der Aufwand für alle Altersgruppen",
])
def test_english_misspelling_leaves_alone(text: str) -> None:
    assert _lint(text + "\n", "TYP006") == []


def test_english_misspelling_respects_cspell_ignore_and_chat_logs() -> None:
    fm = "---\ntitle: Notes\ncSpell:ignore: recieve\n---\n\n"
    assert _lint("We recieve data.\n", "TYP006", fm) == []
    assert _lint("**\\<fluffypony>** thats teh plan  \n**\\<m>** ok\n", "TYP006") == []


def test_english_misspelling_skipped_without_codespell(monkeypatch: pytest.MonkeyPatch) -> None:
    import newslint.checks.typos as typos

    monkeypatch.setattr(typos.importlib.util, "find_spec", lambda name: None)
    typos._codespell_dictionary.cache_clear()
    try:
        assert _lint("The goverment said.\n", "TYP006") == []
    finally:
        typos._codespell_dictionary.cache_clear()


def test_misspelling_next_to_a_lone_surrogate_is_still_reported() -> None:
    """Text given in memory (load_text) may hold a lone surrogate: TYP001 reports around it, no crash."""
    d = lint(FM + "회의는 몇일 뒤 \ud800 열린다. 결과가 발표됬다.\n", select=["TYP001"], dedent=False)
    assert [(x.rule, x.line, x.column) for x in d] == [("TYP001", 5, 5), ("TYP001", 5, 23)]
