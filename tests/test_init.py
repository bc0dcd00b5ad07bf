"""`newslint init`: a commented, valid .newslint.yaml for the Jekyll or Hugo site it runs in."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newslint.config import build_config, load_config
from newslint.init import rule_option_lines, severity_lines
from newslint.registry import SITE_KEYS, iter_rules
from newslint.testing import invoke

POST = "---\ntitle: 한중 정상회담 결과\nimage: https://cdn.example.com/2026/a.jpg\n---\n\n![현장](https://cdn.example.com/b.png)\n"


run = invoke


def write(root: Path, rel: str, text: str) -> None:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")


@pytest.fixture
def jekyll(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "_config.yml", "title: 뉴스다오\nurl: https://newsdao.example\nbaseurl: /news\nlang: ko-KR\n"
                                   "timezone: Asia/Seoul\ncollections:\n  columns:\n    output: true\n")
    for i in range(3):
        write(tmp_path, f"_posts/2026-07-0{i + 1}-a{i}.md", POST)
    write(tmp_path, "world/_posts/2026-07-04-w.md", POST.replace("![현장](https://cdn.example.com/b.png)",
                                                                 '<img src="http://hotlink.example.net/x.jpg">'))
    write(tmp_path, "_drafts/draft.md", POST)
    write(tmp_path, "_columns/c.md", POST)
    write(tmp_path, "_layouts/post.html", "<html>{{ content }}</html>")
    write(tmp_path, "_includes/head.html", "<meta>")
    write(tmp_path, "_plugins/README.md", "# plugin notes")
    write(tmp_path, "README.md", "# 저장소\n")
    write(tmp_path, "about.md", "---\ntitle: 소개\n---\n")
    return tmp_path


def test_jekyll_site(jekyll: Path) -> None:
    code, out, _ = run(["init"], jekyll / "_posts")  # found from a subfolder: written at the site root
    assert code == 0 and "wrote " in out and "Jekyll site" in out
    text = (jekyll / ".newslint.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["site"]["name"] == "뉴스다오" and data["site"]["url"] == "https://newsdao.example/news"
    assert data["site"]["language"] == "ko" and data["site"]["timezone"] == "Asia/Seoul"
    if "image_hosts" in SITE_KEYS:
        assert data["site"]["image_hosts"] == ["cdn.example.com"]  # 11 images; the hotlinked one is commented
        assert '# - "hotlink.example.net"  # 1 image' in text
    assert "Articles found in: _drafts (1 article), _posts (3 articles), world/_posts (1 article), " \
           "_columns (1 article)." in text
    assert data["exclude"] == ["_plugins/", "/about.md"]  # _layouts/, README.md… are skipped by default
    cfg = load_config(jekyll / ".newslint.yaml")  # the file is a valid configuration
    assert cfg.site["root"] == "."
    code, out, _ = run(["check", "--select", "parse"], jekyll)
    assert code == 0 and "6 files checked" in out  # posts, drafts, columns; no README, layout or page


def test_every_setting_is_documented(jekyll: Path) -> None:
    run(["init"], jekyll)
    text = (jekyll / ".newslint.yaml").read_text(encoding="utf-8")
    for key in SITE_KEYS:
        assert f"  {key}:" in text or f"  # {key}:" in text, key
    for key in ("include:", "exclude:", "# select:", "# extend-select:", "# ignore:", "# severity:", "# rules:",
                "# overrides:", "# limits:", "# max-warnings:", "# schema:", "# rule-packs:", "# disable-packs:"):
        assert key in text, key
    for r in iter_rules():
        assert f"#   {r.code}: {r.severity.label}" in text
        for name, o in r.options.items():
            assert f"#     {name}: " in text and o.help in text


def test_commented_rule_options_and_severities_are_valid_yaml_with_the_defaults(tmp_path: Path) -> None:
    raw = yaml.safe_load("\n".join(rule_option_lines() + severity_lines()))
    cfg = build_config(raw, tmp_path)  # every option name and type is accepted
    for r in iter_rules():
        if r.options:
            assert cfg.rules[r.code] == r.defaults()
        assert cfg.severity[r.code] == r.severity


def test_refuses_to_overwrite_without_force(jekyll: Path) -> None:
    (jekyll / ".newslint.yaml").write_text("ignore: [STY]\n", encoding="utf-8")
    code, _out, err = run(["init"], jekyll)
    assert code == 2 and "already exists: use --force" in err
    assert (jekyll / ".newslint.yaml").read_text(encoding="utf-8") == "ignore: [STY]\n"
    code, _out, _ = run(["init", "--force"], jekyll)
    assert code == 0 and "site:" in (jekyll / ".newslint.yaml").read_text(encoding="utf-8")


def test_hugo_site(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "hugo.toml", 'baseURL = "https://news.example.org/"\ntitle = "Example News"\n'
                                 'languageCode = "en-us"\ntimeZone = "America/New_York"\n')
    write(tmp_path, "content/posts/first.md", POST)
    write(tmp_path, "content/news/second.md", POST)
    write(tmp_path, "layouts/_default/single.html", "{{ .Content }}")
    write(tmp_path, "themes/t/layouts/index.html", "x")
    write(tmp_path, "static/embed/widget.html", "<div></div>")
    code, out, _ = run(["init"], tmp_path)
    assert code == 0 and "Hugo site" in out
    data = yaml.safe_load((tmp_path / ".newslint.yaml").read_text(encoding="utf-8"))
    assert data["site"]["url"] == "https://news.example.org" and data["site"]["language"] == "en"
    assert data["site"]["timezone"] == "America/New_York" and data["site"]["name"] == "Example News"
    assert data["exclude"] == ["static/"]
    assert "content/news (1 article), content/posts (1 article)" in (tmp_path / ".newslint.yaml").read_text(
        encoding="utf-8")


def test_no_site_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    code, _out, err = run(["init"], tmp_path)
    assert code == 2 and "no Jekyll or Hugo site here" in err
    assert not (tmp_path / ".newslint.yaml").exists()
