"""Every output format: golden files (a fixed report, so they change only when the format does),
SARIF validated against the official 2.1.0 schema, and `--output`/`--statistics` end to end.

Regenerate the golden files after an intended format change with `UPDATE_GOLDEN=1 pytest tests/test_formats.py`.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newslint.diagnostics import Diagnostic, Edit, Severity
from newslint.registry import Rule
from newslint.report import Report, formatters, json_format, sarif, statistics
from newslint.report.text import format_statistics, format_text
from newslint.testing import invoke

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
SCHEMA = HERE / "data" / "sarif-schema-2.1.0.json"
EXT = {"text": "txt", "json": "json", "json-lines": "jsonl", "sarif": "sarif", "github": "txt", "junit": "xml",
       "gitlab": "json"}


def diag(path: str, line: int, col: int, rule: str, name: str, family: str, sev: str, message: str,
         suggestion: str | None = None, end: tuple[int, int] | None = None, snippet: str = "",
         edits: tuple[Edit, ...] = ()) -> Diagnostic:
    eline, ecol = end or (line, col)
    return Diagnostic(path, line, col, eline, ecol, rule, name, family, Severity.parse(sev), message, suggestion,
                      bool(edits), edits, snippet)


KO = "_posts/2026-07-04-한중 정상회담.md"
REPORT = Report(
    [
        diag(KO, 2, 13, "NL006", "yaml-syntax-error", "parse", "error",
             "the front matter is not valid YAML: did not find expected key",
             'quote the whole value, e.g. title: "[속보] 한중, 정상: 회담"', snippet="[속보]"),
        # an emoji earlier on the line: columns count characters (code points), not UTF-16 units
        diag(KO, 9, 7, "FM009", "unknown-key", "front-matter", "warning", "unknown key 'exerpt': did you mean 'excerpt'?",
             "rename exerpt to excerpt", end=(9, 13), snippet="exerpt", edits=(Edit(120, 126, "excerpt"),)),
        diag("_posts/2026-07-05-trade.md", 3, 1, "FM010", "front-matter-whitespace", "front-matter", "info",
             "spaces at the end of the line, 100% safe to remove\nsecond line", "delete them", end=(3, 4),
             snippet="   ", edits=(Edit(40, 43, ""),)),
        diag("_posts/2026-07-05-trade.md", 7, 1, "FM009", "unknown-key", "front-matter", "error",
             "a control character \x07 in a message", None),
    ],
    files_checked=3, seconds=0.0,
    files=(KO, "_posts/2026-07-05-trade.md", "_posts/2026-07-06-clean.md"),
)

FAKE_RULES = {
    "NL006": Rule("NL006", "yaml-syntax-error", "parse", Severity.ERROR, "The front matter is valid YAML.",
                  "title: [속보] x", 'title: "[속보] x"', "A broken front matter hides every field."),
    "FM009": Rule("FM009", "unknown-key", "front-matter", Severity.WARNING, "A key that looks misspelt.",
                  "exerpt: 요약", "excerpt: 요약", "", fixable=False),
    "FM010": Rule("FM010", "front-matter-whitespace", "front-matter", Severity.INFO, "Stray spaces.",
                  'title: " 회담 "', 'title: "회담"', "Safe to fix.", fixable=True),
}


@pytest.fixture
def fixed_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    """Golden output must not change when a rule's documentation or the version does."""
    monkeypatch.setattr(sarif, "find_rule", FAKE_RULES.get)
    monkeypatch.setattr(sarif, "__version__", "0.0.0-test")
    monkeypatch.setattr(json_format, "__version__", "0.0.0-test")


@pytest.mark.parametrize("fmt", sorted(EXT))
def test_golden(fmt: str, fixed_metadata: None) -> None:
    out = formatters()[fmt](REPORT)
    golden = GOLDEN / f"report.{fmt}.{EXT[fmt]}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_formatters_are_pure() -> None:
    for fmt, f in formatters().items():
        assert f(REPORT) == f(REPORT), fmt


def validate_sarif(text: str) -> dict:  # type: ignore[type-arg]
    import jsonschema

    doc = json.loads(text)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema, cls=jsonschema.Draft7Validator)
    return doc  # type: ignore[no-any-return]


def test_sarif_validates_against_the_official_schema() -> None:
    doc = validate_sarif(formatters()["sarif"](REPORT))
    run = doc["runs"][0]
    assert doc["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["FM009", "FM010", "NL006"]
    # help text comes from the registry: summary, docs and the bad/good examples
    nl006 = rules[2]
    assert nl006["help"]["text"].startswith(nl006["shortDescription"]["text"]) and "Bad:" in nl006["help"]["text"]
    res = run["results"]
    assert [rules[r["ruleIndex"]]["id"] for r in res] == [r["ruleId"] for r in res]
    assert [r["level"] for r in res] == ["error", "warning", "note", "error"]
    loc = res[1]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": "_posts/2026-07-04-%ED%95%9C%EC%A4%91%20%EC%A0%95%EC%83%81%ED%9A%8C%EB%8B%B4.md",
                                       "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {"startLine": 9, "startColumn": 7, "endLine": 9, "endColumn": 13}


def test_sarif_of_a_real_run_validates(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("---\ntitle: [속보] x\n---\n본문\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: 회담 결과 발표  \nexerpt: 요약\n---\n본문\n", encoding="utf-8")
    code, out = run_cli(["check", ".", "--select", "parse,front-matter", "--format", "sarif"], tmp_path)
    assert code == 1
    doc = validate_sarif(out)
    assert {r["ruleId"] for r in doc["runs"][0]["results"]} >= {"NL006", "FM009", "FM010"}


def test_sarif_with_no_problems_validates() -> None:
    doc = validate_sarif(formatters()["sarif"](Report([], 0, 0.0)))
    assert doc["runs"][0]["results"] == []


def test_github_escapes_properties_and_data() -> None:
    lines = formatters()["github"](REPORT).splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("::error file=_posts/2026-07-04-한중 정상회담.md,line=2,endLine=2,col=13,")
    assert "quote the whole value, e.g. title: \"[속보] 한중, 정상: 회담\"" in lines[0]  # data keeps , and :
    assert lines[2].startswith("::notice ") and "100%25 safe" in lines[2] and "%0Asecond line" in lines[2]
    assert "title=FM010 front-matter-whitespace::" in lines[2]
    weird = diag("a,b:c%.md", 1, 1, "FM009", "unknown-key", "front-matter", "warning", "m")
    assert "file=a%2Cb%3Ac%25.md," in formatters()["github"](Report([weird], 1, 0.0))


def test_junit_one_testcase_per_file_and_errors_fail() -> None:
    root = ET.fromstring(formatters()["junit"](REPORT))
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == list(REPORT.files)
    assert root.get("tests") == "3" and root.get("failures") == "2"
    assert cases[0].find("failure") is not None and "NL006" in (cases[0].find("failure").text or "")  # type: ignore[union-attr]
    assert "FM009" in (cases[0].findtext("system-out") or "")  # a warning is listed, not a failure
    assert cases[2].find("failure") is None and cases[2].find("system-out") is None  # clean file passes
    assert "\ufffd" in (cases[1].find("failure").text or "")  # type: ignore[union-attr]  # no raw control char


def test_gitlab_code_quality() -> None:
    issues = json.loads(formatters()["gitlab"](REPORT))
    assert [i["severity"] for i in issues] == ["major", "minor", "info", "major"]
    assert len({i["fingerprint"] for i in issues}) == 4
    assert issues[0]["location"] == {"path": KO, "lines": {"begin": 2, "end": 2}}
    twice = Report([REPORT.diagnostics[1], REPORT.diagnostics[1]], 1, 0.0)
    fps = [i["fingerprint"] for i in json.loads(formatters()["gitlab"](twice))]
    assert fps[0] != fps[1]  # the same problem twice is two issues


def test_json_lines_are_the_contract_objects() -> None:
    lines = formatters()["json-lines"](REPORT).splitlines()
    assert [json.loads(line) for line in lines] == [d.to_json() for d in REPORT.diagnostics]


def test_statistics() -> None:
    rows = statistics(REPORT.diagnostics)
    assert [(r.rule, r.count, r.fixable, r.severity) for r in rows] == [
        ("FM009", 2, 1, "error"), ("FM010", 1, 1, "info"), ("NL006", 1, 0, "error")]
    text = format_statistics(REPORT)
    assert text.splitlines()[0].split() == ["2", "FM009", "unknown-key", "error", "(1", "fixable", "with", "--fix)"]
    assert text.splitlines()[-1].startswith("3 files checked")


def test_quiet_text_lists_only_errors_without_hints() -> None:
    lines = format_text(REPORT, quiet=True).splitlines()
    shown = [(rule, sev) for line in lines[:-1] for rule, sev in (("NL006", "error"), ("FM009", "error"),
             ("FM009", "warning"), ("FM010", "info")) if f" {rule} {sev} " in line]
    assert shown == [("NL006", "error"), ("FM009", "error")]  # no warning, no info
    assert not any(line.startswith("    →") for line in lines)
    assert lines[-1].startswith("3 files checked") and "2 errors, 1 warning, 1 info" in lines[-1]
    calm = Report([d for d in REPORT.diagnostics if d.severity != Severity.ERROR], 3, 0.0)
    assert format_text(calm, quiet=True) == ""  # no errors: quiet means silent
    assert "FM010" in format_text(calm)


# --------------------------------------------------------------------------- end to end


def run_cli(args: list[str], cwd: Path) -> tuple[int, str]:
    code, out, _err = invoke(args, cwd)
    return code, out


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "a.md").write_text("---\ntitle: [속보] x\n---\n본문\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: 회담 결과 발표  \n---\n본문\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("fmt", sorted(EXT))
def test_every_format_from_the_command(site: Path, fmt: str) -> None:
    code, out = run_cli(["check", ".", "--select", "parse,FM010", "--format", fmt], site)
    assert code == 1 and "NL006" in out


def test_output_file_gets_the_format_and_the_terminal_text(site: Path) -> None:
    code, out = run_cli(["check", ".", "--select", "parse,FM010", "--format", "sarif", "--output", "r.sarif"], site)
    assert code == 1
    assert "a.md:2:" in out and "NL006 error" in out and "files checked" in out  # text for people
    validate_sarif((site / "r.sarif").read_text(encoding="utf-8"))
    code, out = run_cli(["check", ".", "--select", "parse", "--format", "json", "-o", "r.json", "-q"], site)
    assert json.loads((site / "r.json").read_text(encoding="utf-8"))["summary"]["error"] == 1
    assert "NL006" in out


def test_statistics_from_the_command(site: Path) -> None:
    code, out = run_cli(["check", ".", "--select", "parse,FM010", "--statistics"], site)
    assert code == 1
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["1", "FM010", "front-matter-whitespace"]
    assert "a.md:2" not in out  # counts instead of the list
    code, out = run_cli(["check", ".", "--select", "parse", "--statistics", "--format", "json"], site)
    assert json.loads(out)["summary"]["error"] == 1  # stdout stays machine-readable


def test_output_to_a_missing_folder_is_a_usage_error(site: Path) -> None:
    # invoke() lets any exception but SystemExit through: a traceback here fails the test.
    code, _out, err = invoke(["check", ".", "--format", "json", "-o", "no/such/dir/r.json"], site)
    assert code == 2 and "cannot write no/such/dir/r.json" in err


def test_unknown_format_is_a_usage_error(site: Path) -> None:
    code, _ = run_cli(["check", ".", "--format", "xml"], site)
    assert code == 2


def test_json_one_diagnostic_per_line_even_when_a_message_looks_like_the_boundary() -> None:
    tricky = [Diagnostic(f'a{i}.md', 1, 1, 1, 2, "STY001", "assistant-boilerplate", "style", Severity.WARNING,
                         'pasted: }, {"path": "x.md"} and a quote " and a \\ backslash' if i % 2 else "plain",
                         None) for i in range(4)]
    out = json_format.format_json(Report(tricky, 4, 0.0))
    assert json.loads(out)["diagnostics"] == [d.to_json() for d in tricky]
    lines = out.splitlines()
    assert [ln.startswith('    {"path": ') for ln in lines].count(True) == 4
    assert all(ln.rstrip(",").endswith("}") for ln in lines if ln.startswith('    {"path": '))


def test_json_written_in_pieces_is_the_same_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from newslint.report import format_chunks

    monkeypatch.setattr(json_format, "_CHUNK", 3)  # several pieces from a handful of findings
    many = Report([REPORT.diagnostics[i % len(REPORT.diagnostics)] for i in range(10)], 3, 0.0)
    pieces = list(format_chunks("json", many))
    assert len(pieces) > 4 and all(isinstance(p, bytes) for p in pieces)
    assert b"".join(pieces).decode() == json_format.format_json(many)
    assert json.loads(b"".join(pieces))["diagnostics"] == [d.to_json() for d in many.diagnostics]
    assert b"".join(format_chunks("json", Report([], 0, 0.0))).decode() == json_format.format_json(Report([], 0, 0.0))
    for fmt in ("json-lines", "sarif", "text"):
        assert b"".join(format_chunks(fmt, many)).decode() == formatters()[fmt](many)


def test_json_lines_are_what_json_dumps_writes() -> None:
    import random

    rnd = random.Random(5)
    texts = ["", "plain", '"quoted" \\ back', "줄\n바꿈\t탭", "\x00\x1f\x7f", "\u2028\u2029", "é ß 한글 😀",
             "\ud800 lone", "}, {\"path\": x", "null", "true"]
    diags = []
    for i in range(400):
        diags.append(Diagnostic(rnd.choice(texts), rnd.randint(0, 10**6), rnd.randint(1, 99), i, i + 1,
                                rnd.choice(texts), rnd.choice(texts), rnd.choice(texts), rnd.choice(list(Severity)),
                                rnd.choice(texts), rnd.choice([None, *texts]), rnd.random() < 0.5))
    lines = [line.decode() for line in json_format.json_line_bytes(diags)]  # valid UTF-8 throughout
    assert [json.loads(line) for line in lines] == [d.to_json() for d in diags]
    for line, d in zip(lines, diags, strict=True):
        if not any(isinstance(v, str) and "\ud800" in v for v in d.to_json().values()):
            assert line == json.dumps(d.to_json(), ensure_ascii=False)
        else:  # a lone surrogate has no UTF-8 form: it is written as its escape, the same JSON value
            assert "\ud800" not in line and "\\ud800" in line
