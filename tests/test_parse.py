"""Parse family: each broken input yields one clear diagnostic, never a traceback."""

from __future__ import annotations

from newslint.document import load_bytes
from newslint.engine import check_document
from newslint.testing import codes, lint, make_config


def _lint_bytes(data: bytes, path: str = "a.md") -> list:
    cfg = make_config({"select": ["parse"]})
    return check_document(load_bytes(data, path), cfg).diagnostics


def test_good_article_has_no_parse_problems() -> None:
    assert lint("---\ntitle: 좋은 기사\n---\n\n본문입니다.\n", select=["parse"]) == []


def test_missing_front_matter() -> None:
    d = lint("# 제목\n\n본문\n", select=["parse"])
    assert codes(d) == ["NL004"]
    assert (d[0].line, d[0].column) == (1, 1)


def test_unclosed_front_matter() -> None:
    assert codes(lint("---\ntitle: 제목\n\n본문\n", select=["parse"])) == ["NL005"]
    assert codes(lint("---", select=["parse"])) == ["NL005"]


def test_dots_close_front_matter() -> None:
    assert lint("---\ntitle: 제목\n...\n본문\n", select=["parse"]) == []


def test_yaml_error_points_at_yaml_position_with_advice() -> None:
    d = lint("---\ncategories: News\ntitle: [파리올림픽] 신정휘 준결승 진출!\n---\n본문\n", select=["parse"])
    assert codes(d) == ["NL006"]
    assert d[0].line == 3
    assert d[0].suggestion is not None and '"[파리올림픽] 신정휘 준결승 진출!"' in d[0].suggestion


def test_text_after_closing_quote() -> None:
    d = lint("---\ntitle: '인형' 듀엣영상, 임영웅의 대박!\n---\n본문\n", select=["parse"])
    assert codes(d) == ["NL006"]
    assert d[0].line == 2
    assert d[0].suggestion is not None and "quote the whole value" in d[0].suggestion


def test_front_matter_not_mapping() -> None:
    d = lint("---\n- a\n- b\n---\n본문\n", select=["parse"])
    assert codes(d) == ["NL007"]
    assert d[0].line == 2


def test_invalid_utf8_reports_byte_offset_and_line() -> None:
    data = "---\ntitle: 제목\n---\n본문 ".encode() + b"\xff\xfe!" + b"\n"
    d = _lint_bytes(data)
    assert codes(d) == ["NL002"]
    assert d[0].line == 4 and d[0].column == 4
    bad = data.index(b"\xff")
    assert f"byte {bad}" in d[0].message


def test_utf16_and_binary() -> None:
    assert codes(_lint_bytes("---\ntitle: x\n---\n".encode("utf-16"))) == ["NL002"]
    assert codes(_lint_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")) == ["NL003"]


def test_bom_and_crlf_are_fine() -> None:
    data = "\ufeff---\r\ntitle: 제목\r\n---\r\n본문\r\n".encode()
    assert _lint_bytes(data) == []


def test_alias_bomb_is_stopped() -> None:
    lines = ["---", 'a: &a ["x","x","x","x","x","x","x","x","x"]']
    prev = "a"
    for i in range(9):
        name = f"b{i}"
        lines.append(f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
        prev = name
    lines += ["---", "본문"]
    d = lint("\n".join(lines) + "\n", select=["parse"], dedent=False)
    assert codes(d) == ["NL009"]


def test_python_tag_is_never_constructed() -> None:
    d = lint("---\ntitle: !!python/object/apply:os.system ['echo hacked']\n---\n본문\n", select=["parse"])
    assert codes(d) == ["NL010"]
