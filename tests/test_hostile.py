"""Hostile and broken input: each file gets a clear diagnostic and the run goes on, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from newslint.document import Limits, load_bytes, load_text
from newslint.engine import check_document
from newslint.testing import make_config

CFG = make_config({})


def parse_codes(data: bytes | str, limits: Limits | None = None) -> list[str]:
    doc = load_bytes(data.encode() if isinstance(data, str) else data, "a.md", limits)
    result = check_document(doc, CFG)
    assert not any(d.rule == "NL900" for d in result.diagnostics), result.diagnostics
    return sorted({d.rule for d in result.diagnostics if d.rule.startswith("NL")})


@pytest.mark.parametrize("data, expected", [
    (b"", ["NL004"]),
    (b"---", ["NL005"]),
    (b"---\n", ["NL005"]),
    (b"---\ntitle: x\n\nbody never closed\n", ["NL005"]),
    (b"---\ntitle: x\n...\nbody\n", []),
    (b"\xef\xbb\xbf---\ntitle: x\n---\nbody\n", []),
    (b"---\r\ntitle: x\r\n---\r\nbody\r\n", []),
    (b"---\rtitle: x\r---\rbody\r", []),
    (b"---\ntitle: caf\xe9\n---\nbody\n", ["NL002"]),
    (b"---\ntitle: x\n---\nbody \xc3\x28\n", ["NL002"]),
    ("---\ntitle: x\n---\n".encode("utf-16"), ["NL002"]),
    ("---\ntitle: x\n---\n".encode("utf-16-le"), ["NL003"]),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00", ["NL003"]),
    (b"---\ntitle: x\n\tfoo: bar\n---\n", ["NL006"]),
    (b"---\ntitle: !!python/object/new:os.system [echo hacked]\n---\n", ["NL010"]),
    (b"---\ntitle: x\n1: one\n? [a, b]\n: c\nnull: d\n---\nbody\n", []),
    # regression (found by tests/test_fuzz.py): an explicit type with nothing after it stopped the loader
    (b"---\ntitle: !!int\nexcerpt: !!float\nfeatured: !!bool\ndraft: !!bool maybe\n---\nbody\n", []),
    (b"---\ntitle: x\n---\n<p><b><!-- never closed <h2>x</h2>\n", []),
    (b"---\ntitle: x\n---\n" + b"<div>" * 10_000 + b"text" + b"</div>" * 10_000, []),
    (b"---\ntitle: x\n---\n" + b"<p>" * 10_000, []),
    (b"---\ntitle: x\n---\n" + b"**" * 50_000 + b"`" * 10_001 + b"[" * 10_000 + b"![" * 10_000, []),
    (b"---\ntitle: " + b"[" * 5_000 + b"]" * 5_000 + b"\n---\n", ["NL009"]),
    (b"---\n" + b"".join(b" " * i + f"k{i}:\n".encode() for i in range(300)) + b"---\n", ["NL009"]),
])
def test_malformed_inputs(data: bytes, expected: list[str]) -> None:
    assert parse_codes(data) == expected


def test_billion_laughs_is_stopped() -> None:
    lines = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for i in range(9):
        lines.append(f"b{i}: &b{i} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = f"b{i}"
    assert parse_codes("\n".join(lines) + "\n---\n") == ["NL009"]


def test_huge_front_matter_is_refused_before_composing() -> None:
    text = "---\ntitle: x\n" + "".join(f"k{i}: v{i}\n" for i in range(100_000)) + "---\nbody\n"
    assert parse_codes(text) == ["NL009"]


def test_file_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "big.md"
    p.write_bytes(b"---\ntitle: x\n---\n" + b"a" * 2_000)
    from newslint.document import read_document

    doc = read_document(str(p), "big.md", Limits(max_file_bytes=1_000))
    assert [x.code for x in doc.problems] == ["NL008"]


def test_positions_stay_inside_the_file_for_every_diagnostic() -> None:
    text = "---\ntitle: x\n---\n<h2></h2>\n\n<img src='http://a b.jpg'>\n\n오늘 오늘 회의가"
    doc = load_text(text)
    lines = text.split("\n")
    for d in check_document(doc, CFG).diagnostics:
        assert 1 <= d.line <= len(lines)
        assert 1 <= d.column <= len(lines[d.line - 1]) + 1


def _run_cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newslint", "check", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_odd_files_in_a_folder_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("---\ntitle: 좋은 기사입니다\n---\n본문\n", encoding="utf-8")
    (tmp_path / "이름 에 공백.md").write_text("---\ntitle: [속보] x\n---\n", encoding="utf-8")
    (tmp_path / "new\nline.md").write_bytes(b"\x00\x01binary")
    (tmp_path / "loop1.md").symlink_to(tmp_path / "loop2.md")
    (tmp_path / "loop2.md").symlink_to(tmp_path / "loop1.md")
    outside = tmp_path.parent / f"{tmp_path.name}-outside.md"
    outside.write_text("---\ntitle: outside\n---\n", encoding="utf-8")
    (tmp_path / "outside.md").symlink_to(outside)
    os.mkfifo(tmp_path / "fifo.md")
    (tmp_path / "dirlink").symlink_to(tmp_path, target_is_directory=True)
    res = _run_cli(["--format", "json", "--select", "parse", "."], tmp_path)
    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr
    data = json.loads(res.stdout)
    by_path = {d["path"]: d["rule"] for d in data["diagnostics"]}
    assert by_path["이름 에 공백.md"] == "NL006"
    assert by_path["new\nline.md"] == "NL003"
    assert by_path["loop1.md"] == "NL001" and by_path["loop2.md"] == "NL001"
    assert "outside.md" not in by_path and "outside" in res.stderr
    assert "fifo.md" in res.stderr and "not a regular file" in res.stderr
    assert data["files_checked"] == 5


@pytest.mark.parametrize("fmt", ["text", "json", "json-lines", "sarif", "github", "junit", "gitlab"])
def test_a_file_name_that_is_not_utf8_is_checked_and_reported_in_every_format(tmp_path: Path, fmt: str) -> None:
    """Regression: a file name with bytes that are not UTF-8 (copied from an old Windows or EUC-KR system)
    made the result cache, and every format but JSON, stop with a traceback. It is checked like any file
    and shown with U+FFFD where the bytes were; --fix still writes the real file."""
    name = b"\xb1\xe2\xbb\xe7.md"  # 기사.md in EUC-KR
    shown = name.decode("utf-8", "replace")  # "\ufffd\ufffd\ufffd.md"
    (tmp_path / "good.md").write_text("---\ntitle: 좋은 기사입니다\n---\n본문\n", encoding="utf-8")
    with open(os.path.join(os.fsencode(tmp_path), name), "wb") as fh:
        fh.write("---\ntitle: [속보] 제목\n---\n본문\n".encode())
    for _ in range(2):  # the second run reads the result cache
        res = _run_cli(["--format", fmt, "--select", "parse", "."], tmp_path)
        assert res.returncode == 1 and "Traceback" not in res.stderr, res.stderr
        assert (quote(shown) if fmt == "sarif" else shown) in res.stdout  # SARIF writes paths as URIs
        assert "good.md" not in res.stdout or fmt == "junit"  # junit lists the clean file too
    if fmt == "json":
        assert [d["path"] for d in json.loads(res.stdout)["diagnostics"]] == [shown]


def test_fix_writes_the_file_whose_name_is_not_utf8(tmp_path: Path) -> None:
    name = os.path.join(os.fsencode(tmp_path), b"\xb1\xe2\xbb\xe7.md")
    with open(name, "wb") as fh:
        fh.write("---\ntitle: 좋은 기사 제목입니다   \n---\n본문\n".encode())
    res = _run_cli(["--fix", "--select", "FM010", "."], tmp_path)
    assert "Traceback" not in res.stderr, res.stderr
    with open(name, "rb") as fh:
        assert fh.read() == "---\ntitle: 좋은 기사 제목입니다\n---\n본문\n".encode()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    p = tmp_path / "secret.md"
    p.write_text("---\ntitle: x\n---\n")
    p.chmod(0)
    res = _run_cli(["--select", "parse", "secret.md"], tmp_path)
    assert "NL001" in res.stdout


def test_a_folder_named_like_an_article_is_unreadable_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "x.md").mkdir()
    (tmp_path / "x.md" / "inner.md").write_text("---\ntitle: 안쪽 기사 제목\n---\n", encoding="utf-8")
    res = _run_cli(["--select", "parse", "x.md"], tmp_path)
    assert res.returncode == 0 and "1 file checked" in res.stdout


def test_a_real_20_mb_article_is_refused_by_size_without_being_read(tmp_path: Path) -> None:
    p = tmp_path / "huge.md"
    with open(p, "wb") as fh:
        fh.write(b"---\ntitle: x\n---\n")
        fh.write(b"<p>" + b"a" * 20_000_000 + b"</p>\n")
    res = _run_cli(["--select", "parse", "--no-cache", "huge.md"], tmp_path)
    assert res.returncode == 1 and "NL008" in res.stdout and "over the 4,194,304-byte limit" in res.stdout
