"""Front-matter family: what each rule catches, and what it leaves alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslint.checks.front_matter import parse_date
from newslint.testing import codes, lint

GOOD = """\
---
title: 푸틴·시진핑 카자흐스탄 회담
categories:
  - 국제
excerpt: 두 정상이 카자흐스탄에서 만나 협력을 다짐했다.
image: /assets/2026/summit.jpg
date: 2026-07-04 09:30:00 +0900
---

본문입니다.
"""


def fm(select: list[str], text: str, path: str = "_posts/2026-07-04-summit.md", **kw) -> list:
    return lint(text, path=path, select=select, **kw)


def test_good_article_is_clean() -> None:
    assert fm(["front-matter"], GOOD) == []


def test_required_title_missing_is_error_at_fence() -> None:
    d = fm(["FM001"], "---\ncategories: News\n---\n본문\n")
    assert codes(d) == ["FM001"]
    assert d[0].severity.label == "error" and d[0].line == 1 and "title" in d[0].message


def test_empty_front_matter_misses_title() -> None:
    assert codes(fm(["FM001"], "---\n---\n본문\n")) == ["FM001"]


def test_recommended_fields_warn_and_filename_date_counts() -> None:
    d = fm(["FM002"], "---\ntitle: 회담 결과 발표\n---\n본문\n")
    assert sorted(x.message for x in d) == sorted(
        ["the front matter has no categories", "the front matter has no excerpt", "the front matter has no image"])
    d = fm(["FM002"], "---\ntitle: 회담 결과 발표\n---\n본문\n", path="posts/summit.md")
    assert "the front matter has no date" in [x.message for x in d]


def test_recommended_field_empty() -> None:
    d = fm(["FM002"], GOOD.replace("excerpt: 두 정상이 카자흐스탄에서 만나 협력을 다짐했다.", "excerpt:"))
    assert [x.message for x in d] == ["excerpt is empty"]
    assert d[0].line == 5


def test_title_read_as_list_explains_the_quote_fix() -> None:
    d = fm(["FM003"], "---\ntitle: [속보]\n---\n본문\n")
    assert codes(d) == ["FM003"]
    assert d[0].line == 2 and "list" in d[0].message
    assert d[0].suggestion == 'quote the whole value: title: "[속보] …"'


def test_title_number_and_multiline() -> None:
    d = fm(["FM003"], "---\ntitle: 2024\n---\n본문\n")
    assert "number" in d[0].message and d[0].suggestion == 'quote it: title: "2024"'
    d = fm(["FM003"], "---\ntitle: |\n  첫 줄\n  둘째 줄\n---\n본문\n")
    assert d[0].message.startswith("the title must be one line of text")


def test_schema_violation_reports_json_path_at_value_line() -> None:
    d = fm(["FM003"], GOOD.replace("categories:\n  - 국제", "categories:\n  - 국제\n  - {a: 1}"))
    assert codes(d) == ["FM003"]
    assert d[0].line == 4 and d[0].message == "categories must be a name or a list of names ($.categories)"
    d = fm(["FM003"], GOOD.replace("---\n\n", "published: maybe\n---\n\n"))
    assert d[0].message.startswith("published must be true or false") and d[0].line == 8


@pytest.mark.parametrize("value", ["2026-07-04", "2026-07-04 09:30", "2026-07-04T09:30:00+09:00",
                                   "2013-01-23 19:52:42 +0000", "2026/07/04", "2026-07-04 09:30:00 Z"])
def test_valid_dates(value: str) -> None:
    assert not isinstance(parse_date(value), str)


@pytest.mark.parametrize("value", ["2026-13-40", "2026-02-30", "July 4", "2026-07-04 25:00", "2023-01-29 18:30:22 2023 -0800"])
def test_invalid_dates(value: str) -> None:
    assert isinstance(parse_date(value), str)


def test_invalid_date_is_error_at_its_line_without_crashing_the_loader() -> None:
    d = fm(["FM004"], GOOD.replace("2026-07-04 09:30:00 +0900", "2026-13-40"))
    assert codes(d) == ["FM004"] and d[0].line == 7 and d[0].column == 7
    assert "2026-13-40" in d[0].message


def test_date_filename_mismatch() -> None:
    d = fm(["FM005"], GOOD.replace("2026-07-04 09:30:00 +0900", "2026-07-09"))
    assert codes(d) == ["FM005"] and "2026-07-09" in d[0].message and "2026-07-04" in d[0].message
    # One day off, explained by the time zone: fine.
    assert fm(["FM005"], GOOD.replace("2026-07-04 09:30:00 +0900", "2026-07-03 23:30:00 -0500")) == []
    assert fm(["FM005"], GOOD, path="posts/summit.md") == []


def test_future_date_is_info() -> None:
    d = fm(["FM006"], GOOD.replace("2026-07-04 09:30:00 +0900", "2099-07-04"), path="a.md")
    assert codes(d) == ["FM006"] and d[0].severity.label == "info"
    assert fm(["FM006"], GOOD) == []


def test_field_length_limits_are_configurable() -> None:
    long_title = "가" * 101
    d = fm(["FM007"], GOOD.replace("푸틴·시진핑 카자흐스탄 회담", long_title))
    assert codes(d) == ["FM007"] and "101 characters" in d[0].message
    assert fm(["FM007"], GOOD.replace("푸틴·시진핑 카자흐스탄 회담", long_title),
              config={"rules": {"FM007": {"max": {"title": 120}}}}) == []


def test_duplicate_key_names_first_line() -> None:
    d = fm(["FM008"], "---\ntitle: Design contest\nlang: ko\ntitle: 디자인 공모전\n---\n본문\n")
    assert codes(d) == ["FM008"]
    assert d[0].line == 4 and "line 2" in d[0].message


def test_unknown_key_did_you_mean_and_leaves_site_keys_alone() -> None:
    d = fm(["FM009"], GOOD.replace("excerpt:", "exerpt:"))
    assert codes(d) == ["FM009"] and "'excerpt'" in d[0].message and d[0].fixable
    assert fm(["FM009"], GOOD.replace("---\n\n", "my_site_flag: true\n---\n\n")) == []


def test_whitespace_fixes() -> None:
    d = fm(["FM010"], '---\ntitle: " 회담 결과 "   \n---\n본문\n')
    assert len(d) == 2 and all(x.fixable for x in d)


def test_category_allow_list() -> None:
    cfg = {"rules": {"FM011": {"allowed": ["국제", "정치", "스포츠"]}}}
    assert fm(["FM011"], GOOD, config=cfg) == []
    d = fm(["FM011"], GOOD.replace("국제", "국재"), config=cfg)
    assert codes(d) == ["FM011"] and "국제" in (d[0].suggestion or "")


def test_newsroom_schema_replaces_the_default(tmp_path: Path) -> None:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
              "required": ["title", "byline"], "properties": {"title": {"type": "string"}, "byline": {"type": "string"}}}
    (tmp_path / "schema.json").write_text(json.dumps(schema))
    d = fm(["FM001"], GOOD, config={"schema": "schema.json"}, root=tmp_path)
    assert [x.message for x in d] == ["the front matter has no byline"]


def test_empty_tags_or_categories_are_not_schema_errors() -> None:
    assert fm(["FM003"], GOOD.replace("---\n\n", "tags:\n---\n\n")) == []
    d = fm(["FM002"], GOOD.replace("categories:\n  - 국제", "categories:"))
    assert [x.message for x in d] == ["categories is empty"]


def test_shipped_schema_is_a_valid_json_schema() -> None:
    import jsonschema

    from newslint.checks.front_matter import load_schema

    schema = load_schema(None)
    jsonschema.validators.validator_for(schema).check_schema(schema)
