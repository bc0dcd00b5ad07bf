"""Images family, offline rules: what each must catch and what it must leave alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.checks.images import data_uri_bytes, host_matches, parse_address
from newslint.testing import codes, lint

FIXTURES = Path(__file__).parent / "fixtures" / "images"
SEED = Path("/work/shared/examples/breaking-news-ko.md")
NEWSDAO = {"name": "newsdao", "aliases": ["뉴스다오", "newsdao.kr"], "url": "https://newsdao.kr",
           "default_images": ["newsdao_breakingnews.jpg"]}


def fm(body: str, front: str = "title: 기사") -> str:
    return f"---\n{front}\n---\n\n{body}\n"


# --------------------------------------------------------------------------- helpers


def test_parse_address_kinds() -> None:
    assert parse_address("https://a.kr/x.jpg").kind == "url"
    assert parse_address("//cdn.a.kr/x.jpg").host == "cdn.a.kr"
    assert parse_address("/assets/x.jpg").kind == "local"
    assert parse_address("../img/y.png?v=2").path == "../img/y.png"
    assert parse_address("data:image/png;base64,AAAA").kind == "data"
    assert parse_address("C:\\Users\\me\\a.jpg").kind == "local"


def test_host_matches_subdomains_and_paths() -> None:
    assert host_matches("img.newsdao.kr", "newsdao.kr")
    assert host_matches("img.newsdao.kr", "*.newsdao.kr")
    assert not host_matches("evilnewsdao.kr", "newsdao.kr")
    assert host_matches("github.com", "github.com/user-attachments/*", "/user-attachments/assets/x")
    assert not host_matches("github.com", "github.com/user-attachments/*", "/owner/repo")


def test_data_uri_size() -> None:
    assert data_uri_bytes("data:image/png;base64," + "A" * 4000) == 3000
    assert data_uri_bytes("data:image/svg+xml,%3Csvg%3E") == len("<svg>")


# --------------------------------------------------------------------------- IMG001


@pytest.mark.parametrize("src", ["https//newsdao.kr/a.jpg", "htps://newsdao.kr/a.jpg", "http:/newsdao.kr/a.jpg",
                                 "www.newsdao.kr/a.jpg", "file:///C:/Users/me/a.jpg", "C:\\Users\\me\\a.jpg",
                                 "javascript:alert(1)", "ftp://a.kr/a.jpg"])
def test_malformed_scheme(src: str) -> None:
    d = lint(fm(f'<img src="{src}" alt="회담">'), select=["IMG001"])
    assert codes(d) == ["IMG001"]
    assert d[0].snippet == src  # points at the address itself


def test_malformed_space_control_brackets_and_empty() -> None:
    d = lint(fm('<img src="https://a.kr/uploads/2025/06/28/20250628_141617_다운로드 (4).jpg" alt="차">'),
             select=["IMG001"])
    assert codes(d) == ["IMG001"]
    assert d[0].message.endswith("(…025/06/28/20250628_141617_다운로드 (4).jpg)")  # shows where the space is
    assert codes(lint(fm('<img src="https://a.kr/a\x01.jpg" alt="차">'), select=["IMG001"])) == ["IMG001"]
    assert codes(lint(fm('<img src="https://a.kr/a(1.jpg" alt="차">'), select=["IMG001"])) == ["IMG001"]
    assert codes(lint(fm('<img alt="차">'), select=["IMG001"])) == ["IMG001"]
    assert codes(lint(fm("![차]()"), select=["IMG001"])) == ["IMG001"]
    d = lint(fm("![차](https//a.kr/a.jpg)", "title: 기사\nimage: 'https//a.kr/b.jpg'"), select=["IMG001"])
    assert [x.line for x in d] == [3, 6]


def test_malformed_leaves_good_and_templated_addresses_alone() -> None:
    body = ('<img src="https://a.kr/a_(1).jpg" alt="차">\n\n'
            '<img src="{{ site.baseurl }}/assets/a b.jpg" alt="차">\n\n'
            "![차](/img/%EC%B0%A8.jpg)\n\n![차](../img/사진.png)\n\n"
            '```\n<img src="https//bad">\n```\n')
    assert lint(fm(body), select=["IMG001"]) == []


# --------------------------------------------------------------------------- IMG002


def test_insecure_http_in_body_and_front_matter() -> None:
    d = lint(fm("![차](http://i.imgur.com/a.jpg)", "title: 기사\nimage: http://a.kr/b.jpg"), select=["IMG002"])
    assert codes(d) == ["IMG002", "IMG002"]
    assert "front matter `image`" in d[0].message


def test_insecure_allow_list_and_https() -> None:
    text = fm("![차](http://intranet.local/a.jpg)\n\n![차](https://a.kr/a.jpg)\n\n![차](//a.kr/a.jpg)")
    assert lint(text, select=["IMG002"], config={"rules": {"IMG002": {"allow_http_hosts": ["intranet.local"]}}}) == []


# --------------------------------------------------------------------------- IMG003


def test_host_not_allowed_only_with_a_list() -> None:
    text = fm("![차](https://www.behealthy4u.com/koreanews.jpg)\n\n![차](https://img.newsdao.kr/a.jpg)\n\n"
              "![차](https://newsdao.kr/a.jpg)\n\n![차](/res/a.jpg)")
    assert lint(text, select=["IMG003"]) == []
    d = lint(text, select=["IMG003"], config={"site": {"image_hosts": ["*.newsdao.kr"], "url": "https://newsdao.kr"}})
    assert codes(d) == ["IMG003"]
    assert "behealthy4u.com" in d[0].message


# --------------------------------------------------------------------------- IMG004


def test_not_an_image_path() -> None:
    text = fm("![차](https://a.kr/news/article.html)\n\n![차](https://a.kr/photo/12345)")
    d = lint(text, select=["IMG004"])
    assert codes(d) == ["IMG004", "IMG004"]
    assert ".html" in d[0].message


def test_image_paths_cdns_and_query_formats_pass() -> None:
    text = fm("![차](https://a.kr/a.JPG)\n\n![차](https://a.kr/a.webp?w=800)\n\n"
              "![차](https://img1.daumcdn.net/thumb/R1280x0/?fname=https%3A%2F%2Fb.kr%2Fimg.png)\n\n"
              "![차](https://images.example.com/abc?format=webp)\n\n![차](https://lh3.googleusercontent.com/abc=s800)\n\n"
              "![차](https://picsum.photos/2560/600?image=733)\n\n![차](https://resize.newsdao.kr/abc)")
    assert lint(text, select=["IMG004"], config={"site": {"cdn_hosts": ["resize.newsdao.kr"]}}) == []


# --------------------------------------------------------------------------- IMG005


def test_placeholder_hosts_from_the_data_file() -> None:
    text = fm("![차](https://via.placeholder.com/600.png)",
              "title: 기사\nimage: https://picsum.photos/2560/600?image=733\nheader:\n  image: /img/placeholder.png")
    d = lint(text, select=["IMG005"])
    assert codes(d) == ["IMG005"] * 3
    assert [x.line for x in d] == [3, 5, 8]


def test_default_banner_by_file_name_or_url() -> None:
    seed = SEED.read_text(encoding="utf-8")
    assert lint(seed, select=["IMG005"], dedent=False) == []
    d = lint(seed, select=["IMG005"], dedent=False, config={"site": NEWSDAO})
    assert [(x.line, x.rule) for x in d] == [(9, "IMG005"), (12, "IMG005")]
    by_url = {"default_images": ["https://newsdao.kr/res/images/meta/newsdao_breakingnews.jpg"]}
    assert len(lint(seed, select=["IMG005"], dedent=False, config={"site": by_url})) == 2
    other = fm("![회담](https://newsdao.kr/res/images/2024/summit.jpg)")
    assert lint(other, select=["IMG005"], config={"site": NEWSDAO}) == []


# --------------------------------------------------------------------------- IMG006


def test_alt_missing_html_and_markdown() -> None:
    text = fm('<img src="/a.jpg">\n\n![](/b.jpg)\n\n![  ](/c.jpg)\n\n[ref]: /d.jpg\n\n![][ref]')
    d = lint(text, select=["IMG006"])
    assert codes(d) == ["IMG006"] * 4
    assert d[0].column == 1 and d[0].snippet.startswith("<img")


def test_alt_present_or_decorative_is_fine() -> None:
    text = fm('<img src="/a.jpg" alt="회담장">\n\n<img src="/line.png" alt="">\n\n'
              '<img src="/dot.png" role="presentation">\n\n![회담장](/b.jpg)\n\n'
              '<picture><source srcset="/a.webp"><img src="/a.jpg" alt="회담장"></picture>\n\n'
              "    code\n\n```html\n<img src=\"/x.jpg\">\n```\n\n<!-- <img src=\"/y.jpg\"> -->")
    assert lint(text, select=["IMG006"]) == []


def test_alt_missing_fixture_file() -> None:
    text = (FIXTURES / "alt-missing.md").read_text(encoding="utf-8")
    d = lint(text, select=["IMG006"], dedent=False)
    assert [x.line for x in d] == [7, 9, 13]


# --------------------------------------------------------------------------- IMG007


@pytest.mark.parametrize("alt", ["image", "사진", "이미지", "Image 3", "사진1", "IMG_2041.jpg", "DSC01234",
                                 "20210131_041251", "https://a.kr/a.jpg", "1568309995552", "스크린샷 2021-03-01 오후 3.12.55"])
def test_alt_says_nothing(alt: str) -> None:
    d = lint(fm(f'<img src="/a.jpg" alt="{alt}">'), select=["IMG007"])
    assert codes(d) == ["IMG007"], alt
    assert d[0].snippet == alt  # points at the alt text


def test_alt_is_the_file_stem() -> None:
    assert codes(lint(fm("![toast_os12_pt](/img/toast_os12_pt.png)"), select=["IMG007"])) == ["IMG007"]
    assert codes(lint(fm("![image-20191112154254806](/img/image-20191112154254806.png)"),
                      select=["IMG007"])) == ["IMG007"]
    # a readable slug is a (short) description: left alone
    assert lint(fm("![second-metric-flow](/img/second-metric-flow.png)"), select=["IMG007"]) == []


def test_same_alt_on_different_pictures() -> None:
    text = fm("![회담장 전경](/a.jpg)\n\n![회담장 전경](/b.jpg)\n\n![회담장 전경](/a.jpg)")
    d = lint(text, select=["IMG007"])
    assert codes(d) == ["IMG007"]
    assert d[0].line == 7 and "line 5" in d[0].message


def test_descriptive_alts_pass() -> None:
    text = fm('<img src="/a.jpg" alt="카자흐스탄에서 만난 푸틴과 시진핑">\n\n![Image of a cat](/cat.jpg)\n\n'
              "![2024년 물가 상승률 그래프](/chart.png)\n\n<img src=\"/b.jpg\" alt=\"\">")
    assert lint(text, select=["IMG007"]) == []


# --------------------------------------------------------------------------- IMG008


def test_alt_naming_another_brand_on_the_seed() -> None:
    seed = SEED.read_text(encoding="utf-8")
    d = lint(seed, select=["IMG008"], dedent=False, config={"site": NEWSDAO})
    assert codes(d) == ["IMG008"]
    assert d[0].snippet == "ranknews" and "newsdao" in d[0].message
    assert lint(seed, select=["IMG008"], dedent=False) == []  # no site.name: nothing to compare with


def test_alt_brand_own_names_and_ordinary_words_pass() -> None:
    text = fm('<img src="/a.jpg" alt="뉴스다오 속보">\n\n<img src="/b.jpg" alt="newsdao.kr 로고">\n\n'
              '<img src="/c.jpg" alt="가짜뉴스 확산 경로">\n\n<img src="/d.jpg" alt="속보">\n\n'
              '<img src="/e.jpg" alt="Breaking news from the summit">')
    assert lint(text, select=["IMG008"], config={"site": NEWSDAO}) == []
    bad = fm('<img src="/a.jpg" alt="info 속보">\n\n![조선일보 제공](/b.jpg)\n\n![출처: ranknews.kr](/c.jpg)')
    assert [x.snippet for x in lint(bad, select=["IMG008"], config={"site": NEWSDAO})] == [
        "info", "조선일보", "ranknews.kr"]


# --------------------------------------------------------------------------- IMG009


def _site(tmp_path: Path) -> Path:
    (tmp_path / "_config.yml").write_text("title: site\n")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "x.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "y.png").write_bytes(b"\x89PNG")
    (tmp_path / "static" / "h").mkdir(parents=True)
    (tmp_path / "static" / "h" / "z.png").write_bytes(b"\x89PNG")
    return tmp_path


def test_local_file_missing(tmp_path: Path) -> None:
    root = _site(tmp_path)
    text = fm("![a](/assets/x.jpg)\n\n![b](../img/y.png)\n\n![c](/h/z.png)\n\n![d](/assets/%EC%97%86.jpg)\n\n"
              "![e](../img/missing.png)\n\n![f](https://a.kr/x.jpg)\n\n![g]({{ site.url }}/nope.jpg)",
              "title: 기사\nimage: /assets/gone.jpg")
    d = lint(text, select=["IMG009"], root=root, path=str(root / "_posts" / "2024-01-01-a.md"))
    assert [x.line for x in d] == [3, 12, 14]
    assert "/assets/gone.jpg" in d[0].message and "/assets/없.jpg" in d[1].message


def test_local_file_base_path_and_site_root(tmp_path: Path) -> None:
    root = _site(tmp_path)
    text = fm("![a](/blog/assets/x.jpg)")
    path = str(root / "_posts" / "a.md")
    assert codes(lint(text, select=["IMG009"], root=root, path=path)) == ["IMG009"]
    cfg = {"rules": {"IMG009": {"base_path": "/blog"}}}
    assert lint(text, select=["IMG009"], root=root, path=path, config=cfg) == []


def test_local_file_check_needs_a_site(tmp_path: Path) -> None:
    # A folder of posts without any site marker (like a corpus copy): no way to know, no report.
    (tmp_path / "_posts").mkdir()
    assert lint(fm("![a](/assets/none.jpg)"), select=["IMG009"], root=tmp_path,
                path=str(tmp_path / "_posts" / "a.md")) == []
    cfg = {"site": {"root": "."}}
    assert codes(lint(fm("![a](/assets/none.jpg)"), select=["IMG009"], root=tmp_path, config=cfg,
                      path=str(tmp_path / "_posts" / "a.md"))) == ["IMG009"]


# --------------------------------------------------------------------------- IMG010


def test_large_data_uri() -> None:
    big = "data:image/png;base64," + "iVBO" * 4000
    d = lint(fm(f'<img src="{big}" alt="도표">\n\n<img src="data:image/gif;base64,R0lGOD==" alt="점">'),
             select=["IMG010"])
    assert codes(d) == ["IMG010"]
    assert "12 KB" in d[0].message
    assert lint(fm(f'<img src="{big}" alt="도표">'), select=["IMG010"],
                config={"rules": {"IMG010": {"max_bytes": 20000}}}) == []


# --------------------------------------------------------------------------- the seed, all rules


def test_seed_article_with_site_config() -> None:
    seed = SEED.read_text(encoding="utf-8")
    d = lint(seed, select=["images"], dedent=False, config={"site": NEWSDAO})
    assert sorted(codes(d)) == ["IMG005", "IMG005", "IMG008"]
