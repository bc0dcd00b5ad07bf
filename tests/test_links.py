"""Links family: rel keywords, new windows, tracking parameters and broken or insecure addresses."""

from __future__ import annotations

import re
from pathlib import Path

from newslint.checks.links import malformed, strip_tracking
from newslint.diagnostics import Diagnostic
from newslint.testing import codes, lint

FIXTURES = Path(__file__).parent / "fixtures" / "links"
FM = "---\ntitle: 제목\n---\n\n"


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _lint(body: str, select: list[str], path: str = "_posts/2026-07-04-a.md", **config: object) -> list[Diagnostic]:
    return lint(FM + body, path=path, select=select, config=dict(config) or None, dedent=False)


def _apply(text: str, d: Diagnostic) -> str:
    for e in sorted(d.edits, key=lambda e: e.start, reverse=True):
        text = text[:e.start] + e.replacement + text[e.end:]
    return text


# --------------------------------------------------------------------------- fixtures


def test_pasted_links_fixture() -> None:
    d = lint(_fixture("pasted-links.md"), select=["links"], dedent=False)
    assert sorted(codes(d)) == ["LNK001", "LNK002", "LNK003", "LNK004", "LNK005", "LNK006", "LNK006",
                                "LNK007", "LNK008"]


def test_clean_links_fixture() -> None:
    assert lint(_fixture("clean.md"), select=["links"], dedent=False) == []


def test_seed_article() -> None:
    seed = Path("/work/shared/examples/breaking-news-ko.md")
    if not seed.exists():
        return
    d = lint(seed.read_text(encoding="utf-8"), select=["links"], dedent=False)
    assert sorted(codes(d)) == ["LNK001", "LNK008"]


# --------------------------------------------------------------------------- LNK001


def test_dofollow_and_its_fix_removes_the_attribute() -> None:
    body = '<a href="https://newsdao.kr" rel="dofollow">뉴스다오</a>\n'
    d = _lint(body, ["LNK001"])
    assert codes(d) == ["LNK001"] and "dofollow" in d[0].message and d[0].fixable
    assert (d[0].line, d[0].column) == (5, 30)
    assert _apply(FM + body, d[0]) == FM + '<a href="https://newsdao.kr">뉴스다오</a>\n'


def test_invalid_keyword_among_valid_ones_keeps_the_valid() -> None:
    body = "<a href='https://a.kr' rel='nofollow dofollow noopenr'>가</a>\n"
    d = _lint(body, ["LNK001"])
    assert "did you mean 'noopener'" in d[0].message and "'dofollow', 'noopenr' are not" in d[0].message
    assert _apply(FM + body, d[0]) == FM + "<a href='https://a.kr' rel='nofollow'>가</a>\n"


def test_valid_rel_and_extra_keywords() -> None:
    assert _lint('<a href="https://a.kr" rel="Nofollow sponsored ugc noopener noreferrer me">가</a>\n',
                 ["LNK001"]) == []
    body = '<a href="https://a.kr" rel="newsroom">가</a>\n'
    assert codes(_lint(body, ["LNK001"])) == ["LNK001"]
    assert _lint(body, ["LNK001"], rules={"LNK001": {"extra": ["newsroom"]}}) == []


# --------------------------------------------------------------------------- LNK002


def test_target_blank_needs_noopener_or_noreferrer() -> None:
    assert codes(_lint('<a href="https://a.kr" target="_blank">가</a>\n', ["LNK002"])) == ["LNK002"]
    assert codes(_lint('<a href="https://a.kr" target="_blank" rel="nofollow">가</a>\n', ["LNK002"])) == ["LNK002"]
    for rel in ("noopener", "noreferrer", "nofollow noopener"):
        assert _lint(f'<a href="https://a.kr" target="_blank" rel="{rel}">가</a>\n', ["LNK002"]) == []
    assert _lint('<a href="https://a.kr" target="_self">가</a>\n', ["LNK002"]) == []


# --------------------------------------------------------------------------- LNK003


def test_strip_tracking_keeps_everything_else() -> None:
    pat = re.compile(r"utm_.*|fbclid")
    assert strip_tracking("https://a.kr/p?id=1&utm_source=x&b=2#frag", pat) == (
        "https://a.kr/p?id=1&b=2#frag", ["utm_source"])
    assert strip_tracking("https://a.kr/?utm_source=x&amp;fbclid=y", pat) == ("https://a.kr/", ["utm_source", "fbclid"])
    assert strip_tracking("https://a.kr/?a=1&amp;utm_medium=x&amp;b=2", pat) == ("https://a.kr/?a=1&amp;b=2",
                                                                                   ["utm_medium"])
    assert strip_tracking("https://a.kr/?utm=1&source=utm_x", pat) == ("https://a.kr/?utm=1&source=utm_x", [])


def test_tracking_fix_in_markdown_and_html() -> None:
    md = "[보도자료](https://a.kr/news?id=12&utm_source=naver&utm_medium=referral)\n"
    d = _lint(md, ["LNK003"])
    assert codes(d) == ["LNK003"] and "utm_source, utm_medium" in d[0].message
    assert _apply(FM + md, d[0]) == FM + "[보도자료](https://a.kr/news?id=12)\n"
    html = '<a href="https://a.kr/?fbclid=IwAR0&amp;gclid=x">가</a>\n'
    d = _lint(html, ["LNK003"], path="_posts/2026-07-04-a.html")
    assert _apply(FM + html, d[0]) == FM + '<a href="https://a.kr/">가</a>\n'


def test_tracking_options_and_templates() -> None:
    md = "[가](https://unsplash.com/@x?utm_source=site&ref_src=tw)\n"
    assert _lint(md, ["LNK003"], rules={"LNK003": {"ignore_hosts": ["unsplash.com"]}}) == []
    d = _lint(md, ["LNK003"], rules={"LNK003": {"keep": ["utm_*"], "extra": ["ref_src"]}})
    assert "ref_src" in d[0].message and "utm_source" not in d[0].message
    assert _lint("[가]({{ site.url }}/a?utm_source={{ page.slug }})\n", ["LNK003"]) == []


# --------------------------------------------------------------------------- LNK004, LNK005


def test_javascript_links_are_errors() -> None:
    for href in ("javascript:void(0)", " JavaScript:alert(1)", "java\tscript:alert(1)", "vbscript:x"):
        d = _lint(f'<a href="{href}">가</a>\n', ["LNK004"])
        assert codes(d) == ["LNK004"] and d[0].severity.label == "error", href
    assert _lint("`<a href=\"javascript:x\">`\n", ["LNK004"]) == []


def test_empty_links() -> None:
    for link in ("[이곳]()", '<a href="">이곳</a>', '<a href="#">이곳</a>', '<a href=" ">이곳</a>'):
        assert codes(_lint(f"{link}\n", ["LNK005"])) == ["LNK005"], link
    for link in ('<a id="note"></a>', '<a name="top">위로</a>', "[위로](#top)"):
        assert _lint(f"{link}\n", ["LNK005"]) == [], link


# --------------------------------------------------------------------------- LNK006


def test_malformed_addresses() -> None:
    bad = {
        "https://https://www.korea.kr": "https://www.korea.kr",
        "http://http//a.kr": "http://a.kr",
        "https//a.kr/x": "https://a.kr/x",
        "https:/a.kr": "https://a.kr",
        "www.korea.kr": "https://www.korea.kr",
    }
    for href, fixed in bad.items():
        found = malformed(href)
        assert found is not None and fixed in found[1], href
    for href in ("ttps://a.kr", "ruby-talk:124413", "URL:https://a.kr", "https://", "#a b", "(https://a.kr)"):
        assert malformed(href) is not None, href
    for href in ("javascript:void(0)",  # LNK004 reports it; not twice (regression)
                 "https://httpbin.org", "https://a.kr/a%20b", "/2024/01/post/", "../img/a.png", "#top",
                 "mailto:a@b.kr", "tel:+8221234", "//cdn.a.kr/x.js", "magnet:?xt=urn", "?page=2"):
        assert malformed(href) is None, href


def test_malformed_rule_position_and_extra_schemes() -> None:
    d = _lint('<a href="www.korea.kr">정책브리핑</a>\n', ["LNK006"])
    assert codes(d) == ["LNK006"] and (d[0].line, d[0].column, d[0].end_column) == (5, 10, 22)
    assert _lint("[가](zotero://select/items/1)\n", ["LNK006"], rules={"LNK006": {"extra_schemes": ["zotero"]}}) == []


# --------------------------------------------------------------------------- LNK007, LNK008


def test_insecure_links() -> None:
    assert codes(_lint("[가](http://www.korea.kr/a)\n", ["LNK007"])) == ["LNK007"]
    for href in ("http://localhost:4000/", "http://127.0.0.1/", "http://www.example.com/", "https://a.kr",
                 "http://http//a.kr"):
        assert _lint(f"[가]({href})\n", ["LNK007"]) == [], href
    assert _lint("[가](http://old.a.kr/)\n", ["LNK007"], rules={"LNK007": {"ignore_hosts": ["a.kr"]}}) == []
    assert codes(_lint("[가](http://old.a.kr/)\n", ["LNK007"])) == ["LNK007"]  # each set of options its own list


def test_options_kept_apart_from_one_article_to_the_next() -> None:
    body = '<a href="https://a.kr/?utm_source=x&ref_src=y" rel="newsroom">가</a>\n'
    for _ in range(2):
        assert codes(_lint(body, ["LNK001"])) == ["LNK001"]
        assert _lint(body, ["LNK001"], rules={"LNK001": {"extra": ["Newsroom"]}}) == []
        assert "ref_src" not in _lint(body, ["LNK003"])[0].message
        assert "ref_src" in _lint(body, ["LNK003"], rules={"LNK003": {"extra": ["ref_src"]}})[0].message
        assert _lint(body, ["LNK003"], rules={"LNK003": {"keep": ["UTM_*"]}}) == []


def test_bare_url_text() -> None:
    assert codes(_lint('<a href="https://newsdao.kr">https://newsdao.kr</a>\n', ["LNK008"])) == ["LNK008"]
    assert codes(_lint("[www.korea.kr](https://www.korea.kr)\n", ["LNK008"])) == ["LNK008"]
    assert _lint("[정책브리핑](https://www.korea.kr) <https://www.korea.kr>\n", ["LNK008"]) == []
    d = _lint("<https://www.korea.kr>\n", ["LNK008"], rules={"LNK008": {"include_autolinks": True}})
    assert codes(d) == ["LNK008"]


def test_documented_examples_behave() -> None:
    from newslint.registry import iter_rules

    for r in iter_rules():
        if r.family == "links":
            assert codes(lint(FM + r.bad + "\n", select=[r.code], dedent=False)) == [r.code], r.code
            assert lint(FM + r.good + "\n", select=[r.code], dedent=False) == [], r.code


REFERENCE_LINKS = """\
자세한 내용은 [보도자료][1]와 [정부 발표][gov]를 보라. 다시 [같은 자료][1], [빈 라벨][].
![현장 사진][photo] 그리고 `[코드][code]` 안은 링크가 아니다. [gov] 하나만 쓴 것도 아니다.

[1]: http://example.go.kr/news?id=3&utm_source=naver
[gov]: <https://korea.kr/briefing?fbclid=abc> "정부"
[빈 라벨]: https://korea.kr/empty
[photo]: http://example.com/p.jpg
[code]: http://example.com/code
[unused]: http://unused.example/
"""


def test_reference_links_are_checked_where_their_address_is_written() -> None:
    """Regression: [text][label] links were not links at all, so an http:// or tracking-tagged address in
    their definitions went unreported. Each definition a link uses is checked once, at the definition."""
    d = _lint(REFERENCE_LINKS, ["LNK003", "LNK007"])
    where = [(x.rule, x.line - FM.count("\n"), x.column) for x in d]
    assert where == [("LNK003", 4, 6), ("LNK007", 4, 6), ("LNK003", 5, 9)]  # [1] once, though used twice
    fixed = _apply(FM + REFERENCE_LINKS, d[0])
    assert "[1]: http://example.go.kr/news?id=3\n" in fixed and "[같은 자료][1]" in fixed
    # the image's definition is IMG002's, an unused or code-span one is no link, [gov] alone is not taken
    assert not any("example.com" in x.message or "unused" in x.message for x in d)


def test_a_reference_link_whose_text_is_its_address() -> None:
    md = "* [https://cache.example.org/ruby-1.8.7.tar.gz][1]\n\n[1]: https://cache.example.org/ruby-1.8.7.tar.gz\n"
    d = _lint(md, ["LNK008"])
    assert codes(d) == ["LNK008"] and d[0].line - FM.count("\n") == 1
    assert _lint("[undefined][nope]\n", ["LNK005", "LNK008"]) == []  # a label with no definition: plain text
