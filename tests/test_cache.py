"""The result cache: a second run reuses results, any change invalidates them, output stays identical."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newslint.testing import invoke

ART = "---\ntitle: [속보] 대통령 담화\n---\n본문\n"
GOOD = "---\ntitle: 좋은 기사 제목입니다\n---\n본문\n"


def run(args: list[str], cwd: Path) -> tuple[int, str]:
    code, out, _err = invoke(args, cwd)
    return code, out


def test_second_run_reuses_results_and_output_is_identical(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"a{i}.md").write_text(ART if i % 2 else GOOD, encoding="utf-8")
    code1, out1 = run(["check", "--format", "json", "--select", "parse,front-matter"], tmp_path)
    cache = tmp_path / ".newslint_cache"
    assert (cache / ".gitignore").read_text().strip().endswith("*")
    assert (cache / "results.v2.sqlite3").is_file()
    code2, out2 = run(["check", "--format", "json", "--select", "parse,front-matter"], tmp_path)
    assert (code1, json.loads(out1)["diagnostics"]) == (code2, json.loads(out2)["diagnostics"])
    _c, out3 = run(["check", "--format", "json", "--select", "parse,front-matter", "--no-cache"], tmp_path)
    assert json.loads(out3)["diagnostics"] == json.loads(out1)["diagnostics"]


def test_changes_to_the_file_or_the_config_invalidate(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text(ART, encoding="utf-8")
    code, _ = run(["check", "--select", "parse"], tmp_path)
    assert code == 1
    p.write_text(GOOD, encoding="utf-8")
    code, _ = run(["check", "--select", "parse"], tmp_path)
    assert code == 0
    p.write_text(ART, encoding="utf-8")
    (tmp_path / ".newslint.yaml").write_text("severity: {NL006: warning}\n", encoding="utf-8")
    code, out = run(["check", "--select", "parse"], tmp_path)
    assert code == 0 and "NL006 warning" in out


def test_an_unwritable_cache_is_turned_off_not_fatal(tmp_path: Path) -> None:
    (tmp_path / ".newslint_cache").write_text("not a folder")
    (tmp_path / "a.md").write_text(ART, encoding="utf-8")
    code, out = run(["check", "--select", "parse"], tmp_path)
    assert code == 1 and "NL006" in out


# --------------------------------------------------------------------------- stored records, joins, pruning

def _same_title_articles(folder: Path, n: int) -> None:
    for i in range(n):
        body = " ".join(f"단어{(i * 37 + k) % 101}번" for k in range(60))
        (folder / f"2026-07-0{i + 1}-a{i}.md").write_text(
            f"---\ntitle: 같은 제목의 기사입니다\nexcerpt: 요약 {i}번입니다\n---\n\n{body}\n", encoding="utf-8")


def test_cross_article_findings_are_cached_and_follow_changes(tmp_path: Path) -> None:
    import sqlite3

    _same_title_articles(tmp_path, 3)
    args = ["check", "--format", "json", "--select", "DUP101,FM"]
    _c, first = run(args, tmp_path)
    db = sqlite3.connect(tmp_path / ".newslint_cache" / "results.v2.sqlite3")
    assert db.execute("SELECT count(*) FROM joins").fetchone() == (1,)
    _c, second = run(args, tmp_path)
    assert json.loads(second)["diagnostics"] == json.loads(first)["diagnostics"]
    assert [d["rule"] for d in json.loads(first)["diagnostics"]].count("DUP101") == 3
    # Another title in one article: the join over the new set of files runs again.
    p = tmp_path / "2026-07-03-a2.md"
    p.write_text(p.read_text(encoding="utf-8").replace("같은 제목의 기사입니다", "전혀 다른 제목"), encoding="utf-8")
    _c, third = run(args, tmp_path)
    assert [d["rule"] for d in json.loads(third)["diagnostics"]].count("DUP101") == 2
    assert db.execute("SELECT count(*) FROM joins").fetchone() == (2,)


def test_records_round_trip_every_field(tmp_path: Path) -> None:
    from newslint.cache import ResultCache
    from newslint.diagnostics import Diagnostic, Edit, Severity
    from newslint.engine import FileResult
    from newslint.suppress import Suppressions
    from newslint.testing import make_config

    d1 = Diagnostic("a.md", 3, 4, 3, 9, "TYP001", "misspelling", "typos", Severity.WARNING, "msg", "fix it", True,
                    (Edit(10, 12, "며칠"),), "몇일")
    d2 = Diagnostic("other.md", 1, 1, 1, 1, "NL900", "internal-error", "parse", Severity.ERROR, "m", None)
    res = FileResult("a.md", [d1, d2], {"DUP101": ("t", 1)}, Suppressions(file_sel=("TYP",)), False)
    cache = ResultCache(tmp_path / "c", make_config())
    cache.put_many([("k", res)])
    back = cache.get_many(["k", "missing"])["k"]
    assert back.path == "a.md" and back.fingerprints == {"DUP101": ("t", 1)}
    assert back.suppressions == res.suppressions
    for got, want in zip(back.diagnostics, res.diagnostics, strict=True):
        assert (got, got.edits, got.snippet, got.severity) == (want, want.edits, want.snippet, want.severity)
    light = cache.get_many(["k"], with_prints=False)["k"]
    assert light.fingerprints == {} and light.diagnostics == res.diagnostics


def test_entries_unused_for_two_weeks_are_pruned_and_old_layouts_removed(tmp_path: Path) -> None:
    import sqlite3

    from newslint.cache import KEEP_DAYS

    folder = tmp_path / ".newslint_cache"
    folder.mkdir()
    (folder / "results.sqlite3").write_bytes(b"an older layout")
    (tmp_path / "a.md").write_text(ART, encoding="utf-8")
    run(["check", "--select", "parse"], tmp_path)
    assert not (folder / "results.sqlite3").exists()
    db = sqlite3.connect(folder / "results.v2.sqlite3")
    db.execute("INSERT INTO results (key, diags, used) VALUES ('old', x'00', 1), ('new', x'00', 99999999)")
    db.commit()
    (used,) = db.execute("SELECT used FROM results WHERE key NOT IN ('old', 'new')").fetchone()
    db.execute("UPDATE results SET used = ? WHERE key NOT IN ('old', 'new')", (used - KEEP_DAYS + 1,))
    db.commit()
    run(["check", "--select", "parse"], tmp_path)  # the same day as the first run: no pruning yet
    assert "old" in {k for (k,) in db.execute("SELECT key FROM results")}
    db.execute("UPDATE meta SET value = value - 1 WHERE name = 'pruned'")  # as if that was yesterday
    db.commit()
    run(["check", "--select", "parse"], tmp_path)
    keys = {k for (k,) in db.execute("SELECT key FROM results")}
    assert "old" not in keys and "new" in keys and len(keys) == 2  # the article's entry was used again


def test_a_file_is_hashed_again_whenever_its_stat_changes_and_trusted_only_when_old(tmp_path: Path) -> None:
    import os
    import time

    from newslint.cache import ResultCache
    from newslint.testing import make_config

    p = tmp_path / "a.md"
    p.write_text(ART, encoding="utf-8")
    old = time.time() - 3600
    os.utime(p, (old, old))
    cache = ResultCache(tmp_path / "c", make_config())
    items = [(str(p), "a.md")]
    (k1,) = cache.keys_for(items, 1 << 20)
    assert cache.db is not None
    assert cache.db.execute("SELECT count(*) FROM stats").fetchone() == (1,)
    assert cache.keys_for(items, 1 << 20) == [k1]
    # Same size and the same old modification time, other bytes: the change time still differs.
    p.write_text(ART.replace("대통령", "국무총"), encoding="utf-8")
    os.utime(p, (old, old))
    (k2,) = cache.keys_for(items, 1 << 20)
    assert k2 != k1
    # A file changed just now is hashed but not remembered: it may change again within the same tick.
    fresh = tmp_path / "b.md"
    fresh.write_text(GOOD, encoding="utf-8")
    cache.keys_for([(str(fresh), "b.md")], 1 << 20)
    assert cache.db.execute("SELECT count(*) FROM stats WHERE path = ?", (str(fresh),)).fetchone() == (0,)
    assert cache.keys_for([(str(tmp_path / "missing.md"), "m.md")], 1 << 20) == [None]
    assert cache.keys_for(items, 4) == [None]  # over the size limit: never cached


def test_a_diagnostic_survives_the_trip_from_a_worker_process() -> None:
    import pickle

    from newslint.diagnostics import Diagnostic, Edit, Severity

    for sev in Severity:
        d = Diagnostic("a.md", 3, 4, 3, 9, "TYP001", "misspelling", "typos", sev, "msg", None, True,
                       (Edit(10, 12, "며칠"),), "몇일")
        back = pickle.loads(pickle.dumps(d, protocol=pickle.HIGHEST_PROTOCOL))
        assert (back, back.edits, back.snippet) == (d, d.edits, d.snippet) and back.severity is sev


def test_few_files_or_many_the_same_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import time

    from newslint import cache as cache_module
    from newslint.cache import ResultCache
    from newslint.testing import make_config

    old = time.time() - 3600
    items = []
    for i in range(5):
        p = tmp_path / f"a{i}.md"
        p.write_text(ART + str(i), encoding="utf-8")
        os.utime(p, (old, old))
        items.append((str(p), p.name))
    cache = ResultCache(tmp_path / "c", make_config())
    first = cache.keys_for(items, 1 << 20)  # records the digests
    monkeypatch.setattr(cache_module, "_FEW_FILES", 0)  # the whole table in one read
    assert cache.keys_for(items, 1 << 20) == first
    monkeypatch.setattr(cache_module, "_FEW_FILES", 100)  # only these files' rows
    assert cache.keys_for(items[2:], 1 << 20) == first[2:]


def test_the_cache_follows_the_word_lists_content_not_their_dates(tmp_path: Path) -> None:
    import os

    from newslint.cache import ResultCache
    from newslint.testing import make_config

    packs = tmp_path / "packs"
    packs.mkdir()
    pack = packs / "house.yaml"
    pack.write_text("kind: existence\nentries: []\n", encoding="utf-8")
    config = make_config({"rule-packs": [str(packs)]}, root=tmp_path)
    salt = ResultCache(tmp_path / "c", config).salt
    os.utime(pack, (1, 1))  # a fresh install or checkout: new dates, same bytes
    assert ResultCache(tmp_path / "c", config).salt == salt
    pack.write_text("kind: existence\nentries: [{term: 찌라시, message: m, flag: 찌라시, pass: 정보지}]\n",
                    encoding="utf-8")
    assert ResultCache(tmp_path / "c", config).salt != salt


@pytest.mark.parametrize("garbage", [b"this is not a database, it is a note someone saved here\n" * 20,
                                     b"SQLite format 3\x00" + b"\xff" * 4000])
def test_a_damaged_cache_file_is_replaced_and_the_next_run_uses_the_cache(tmp_path: Path, garbage: bytes) -> None:
    """A cut-off or foreign file where the cache should be (a crash, a disk filling up, a bad copy) must
    not turn the cache off for every run to come: it only held results, so it is started afresh."""
    (tmp_path / "a.md").write_text(ART, encoding="utf-8")
    folder = tmp_path / ".newslint_cache"
    folder.mkdir()
    (folder / "results.v2.sqlite3").write_bytes(garbage)
    code, out, err = invoke(["check", "--select", "parse"], tmp_path)
    assert code == 1 and "NL006" in out and "cache" not in err
    import sqlite3

    with sqlite3.connect(folder / "results.v2.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM results").fetchone()[0] == 1
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    code2, out2 = run(["check", "--select", "parse", "--format", "json"], tmp_path)
    assert code2 == 1 and [d["rule"] for d in json.loads(out2)["diagnostics"]] == ["NL006"]
