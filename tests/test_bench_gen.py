"""bench/gen_corpus.py: same seed, same bytes; articles newslint can read; the defects it claims are there."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
import yaml

from newslint.document import load_text
from newslint.engine import check_document
from newslint.resources import rules_path
from newslint.testing import make_config

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("gen_corpus", ROOT / "bench" / "gen_corpus.py")
assert _spec is not None and _spec.loader is not None
gen = importlib.util.module_from_spec(_spec)
sys.modules["gen_corpus"] = gen
_spec.loader.exec_module(gen)

KIWI = ["TYP021", "TYP022", "TYP023", "TYP024", "TYP025"]
N = 40


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    gen.generate(tmp_path / "a", 12, seed=7)
    gen.generate(tmp_path / "b", 12, seed=7)
    a, b = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert len(a) == 13 and a == b  # 12 articles and the manifest


def test_other_seed_other_articles_and_prefix_independent_of_count(tmp_path: Path) -> None:
    assert gen.article(3, 1)[0] != gen.article(3, 2)[0]
    gen.generate(tmp_path / "small", 5, seed=1)
    gen.generate(tmp_path / "big", 9, seed=1)
    small, big = _tree(tmp_path / "small" / "articles"), _tree(tmp_path / "big" / "articles")
    assert len(big) == 9 and all(big[k] == v for k, v in small.items())


def test_sizes_kinds_and_manifest(tmp_path: Path) -> None:
    m = gen.generate(tmp_path, N, seed=1)
    files = m["files"]
    assert len(files) == N
    assert all(gen.MIN_BYTES <= e["bytes"] <= gen.MAX_BYTES for e in files.values())
    for rel, e in files.items():
        assert (tmp_path / "articles" / rel).stat().st_size == e["bytes"]
    kinds = {(e["lang"], e["body"]) for e in files.values()}
    assert {("ko", "html"), ("ko", "md")} <= kinds and any(lang == "en" for lang, _ in kinds)
    assert json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["counts"] == m["counts"]


def test_misspellings_come_from_the_rule_lists() -> None:
    ko = yaml.safe_load(rules_path("typos-ko.yaml").read_text(encoding="utf-8"))
    def words(x: str | list[str]) -> list[str]:  # an entry's wrong or right: one word or a list
        return x if isinstance(x, list) else [x]

    pairs = {(w, r) for e in ko["entries"] for w in words(e["wrong"]) for r in words(e["right"])}
    assert set(gen.KO_TYPOS) <= pairs
    spec = importlib.util.find_spec("codespell_lib")  # TYP006 reads codespell's dictionary as data
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("codespell is not installed")
    data = Path(list(spec.submodule_search_locations)[0]) / "data" / "dictionary.txt"
    wrong = {line.split("->", 1)[0] for line in data.read_text(encoding="utf-8").splitlines()}
    assert set(gen.EN_TYPOS) <= wrong


def test_the_example_shape() -> None:
    text, entry = next((t, e) for t, e in (gen.article(i, 1) for i in range(30))
                       if e["lang"] == "ko" and e["body"] == "html")
    assert text.startswith("---\ntitle: ")
    for key in ("\ncategories:\n  - News", "\nexcerpt: >\n  ", "\nfeature_text: >\n  ", "\nimage: 'https://"):
        assert key in text
    assert 'data-ke-size="size16"' in text and "<h2" in text and "<p><img src=" in text


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict[str, object], set[str], str]]:
    """N articles with every defect made likely, each checked by newslint's default rules (no Kiwi)."""
    out = tmp_path_factory.mktemp("corpus")
    rates = {k: 0.4 for k in gen.DEFECTS}
    m = gen.generate(out, N, seed=3, rates=rates)
    cfg = make_config({"ignore": KIWI})
    res = []
    for rel, e in m["files"].items():
        text = (out / "articles" / rel).read_text(encoding="utf-8")
        doc = load_text(text, f"_posts/{Path(rel).name}", cfg.limits)
        rules = {d.rule for d in check_document(doc, cfg).diagnostics}
        res.append((e, rules, text))
    return res


def test_articles_parse_unless_a_yaml_error_was_injected(checked: list) -> None:
    for e, rules, text in checked:
        bad_yaml = any(d["kind"] == "yaml_error_in_title" for d in e["defects"])
        parse = {r for r in rules if r.startswith("NL")}
        assert parse == ({"NL006"} if bad_yaml else set()), text[:300]
        if not bad_yaml:
            data = yaml.safe_load(text.split("\n---\n", 1)[0][4:])
            assert set(data) == {"title", "categories", "excerpt", "feature_text", "image"}


def test_every_claimed_defect_is_reported_by_its_rule(checked: list) -> None:
    seen: set[str] = set()
    for e, rules, text in checked:
        for d in e["defects"]:
            seen.add(d["kind"])
            assert d["rule"] in rules, (d, text)
    assert seen >= set(gen.DEFECTS)  # every kind was tried at these rates


def test_defect_rules_fire_only_where_claimed(checked: list) -> None:
    """The manifest is complete: a defect rule that fires on an article is listed for it."""
    defect_rules = {v[0] for v in gen.DEFECTS.values()} | set(gen.STRUCTURAL.values())
    for e, rules, text in checked:
        claimed = {d["rule"] for d in e["defects"]}
        assert (rules & defect_rules) <= claimed, (rules & defect_rules - claimed, text)


def test_repeated_word_defect_is_one_word_twice() -> None:
    """Regression: '대학 연구진은 대학 연구진은' (two words twice) was claimed as a repeated word."""
    import random

    from newslint.testing import lint

    for i in range(40):
        a = gen.Article(i, "ko", "md", random.Random(i), {})
        para = gen._inject_word_defects(a, "정부는 계획을 발표했습니다.", ["repeated_word"])
        found = lint(f"---\ntitle: 계획 발표 소식\n---\n\n{para}\n", select=["TYP005"], dedent=False)
        assert [d.rule for d in found] == ["TYP005"], para
