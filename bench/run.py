"""Time newslint and its peers over the same corpus, in one run, and print a Markdown table.

    .venv/bin/python bench/run.py                    # 10,000 generated articles (bench/gen_corpus.py)
    .venv/bin/python bench/run.py --articles 2000    # fewer
    .venv/bin/python bench/run.py --corpus ../shared/corpus
    .venv/bin/python bench/run.py --skip-peers       # newslint and the floors only
    .venv/bin/python bench/run.py --only newslint    # newslint rows only
    .venv/bin/python bench/run.py --profile 2000     # also profile -j 1 over 2,000 files (pyinstrument)

Peers are installed, pinned (bench/peers/package.json, bench/peers/requirements.txt), into
bench/.peers/ (git-ignored): node packages in .peers/node, Python ones in .peers/venv. Scratch
files (front matter as JSON, bodies as HTML, outputs, newslint's cache) go to .peers/work.

Every row is one command run to the end: wall time, CPU time (user + system of the command
and all its children, from getrusage), peak RSS of the largest process (GNU time -v when
present, else getrusage's largest child so far) and of all its processes together (sampled
from /proc every 50 ms), files per second, and wall time as a multiple of newslint's default
run. On a shared machine wall times swing with the load: compare ratios within one run, and
the CPU column.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PEERS = BENCH / ".peers"
NODE = PEERS / "node"
VENV = PEERS / "venv"
WORK = PEERS / "work"
CONF = BENCH / "peers"
NEWSLINT = Path(sys.executable).with_name("newslint")
KIWI_RULES = "TYP021,TYP022,TYP023,TYP024,TYP025"
NO_KIWI = ["--ignore", "TYP021,TYP022,TYP023,TYP024"]  # TYP025 is off by default
FAMILIES = ("duplicates", "front-matter", "headings", "html", "images", "links", "style", "typos")
GNU_TIME = Path("/usr/bin/time")
EXTS = (".md", ".markdown", ".html")


# --------------------------------------------------------------------------- measuring


@dataclass
class Row:
    group: str
    name: str
    wall: float
    cpu: float
    rss_max_mb: float | None
    rss_tree_mb: float | None
    rc: int
    files: int
    note: str = ""
    output_lines: int = 0
    ok: tuple[int, ...] = (0, 1)
    extra: dict[str, object] = field(default_factory=dict)


def _tree_rss_kb(root: int) -> int:
    """RSS of a process and all its descendants, from /proc (0 when it is gone)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
            fields = stat[stat.rindex(b")") + 2:].split()
            pid, ppid, pages = int(entry.name), int(fields[1]), int(fields[21])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(pid)
        rss[pid] = pages
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total * (os.sysconf("SC_PAGE_SIZE") // 1024)


def measure(cmd: list[str], cwd: Path | None = None, stdout: Path | None = None, sample: bool = True,
            env: dict[str, str] | None = None, ok: tuple[int, ...] = (0, 1)) -> tuple[float, float, float | None, float | None, int, int]:
    """Run cmd: wall s, CPU s, peak RSS of the largest process and of the whole tree (MB), rc, output lines."""
    timefile = WORK / "time.txt"
    use_time = GNU_TIME.exists()
    full = [str(GNU_TIME), "-v", "-o", str(timefile), *cmd] if use_time else cmd
    out = open(stdout, "wb") if stdout else subprocess.PIPE  # noqa: SIM115 - closed below
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(full, cwd=cwd, stdout=out, stderr=subprocess.PIPE, env=env)
    peak = [0]
    done = threading.Event()

    def poll() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))

    poller = threading.Thread(target=poll, daemon=True)
    if sample:
        poller.start()
    so, se = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    if sample:
        poller.join()
    if stdout:
        out.close()  # type: ignore[union-attr]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rss_max = None
    if use_time and timefile.exists():
        for line in timefile.read_text(errors="replace").splitlines():
            if "Maximum resident set size" in line:
                rss_max = int(line.rsplit(":", 1)[1]) / 1024
    elif not use_time:
        rss_max = after.ru_maxrss / 1024  # the largest child so far: an upper bound
    text = (so or b"") + (se or b"")
    lines = text.count(b"\n") if not stdout else stdout.read_bytes().count(b"\n")
    if proc.returncode not in ok:
        sys.stderr.write(f"  ! {' '.join(cmd[:3])}… exited {proc.returncode}: {se.decode(errors='replace')[-600:]}\n")
    return wall, cpu, rss_max, (peak[0] / 1024 if sample and peak[0] else None), proc.returncode, lines


def timed(rows: list[Row], group: str, name: str, cmd: list[str], files: int, note: str = "",
          cwd: Path | None = None, stdout: Path | None = None, env: dict[str, str] | None = None,
          ok: tuple[int, ...] = (0, 1)) -> Row:
    """Measure one command and add its row (ok: the exit codes that mean 'ran, found or not')."""
    print(f"  {group}: {name} …", file=sys.stderr, flush=True)
    wall, cpu, rss_max, rss_tree, rc, lines = measure(cmd, cwd=cwd, stdout=stdout, env=env, ok=ok)
    row = Row(group, name, wall, cpu, rss_max, rss_tree, rc, files, note, lines, ok)
    rows.append(row)
    print(f"    {wall:.2f} s wall, {cpu:.2f} s CPU, rc {rc}", file=sys.stderr, flush=True)
    return row


# --------------------------------------------------------------------------- peers


def _stamp_ok(folder: Path, source: Path) -> bool:
    stamp = folder / ".installed"
    return stamp.exists() and stamp.read_text() == hashlib.sha256(source.read_bytes()).hexdigest()


def _stamp(folder: Path, source: Path) -> None:
    (folder / ".installed").write_text(hashlib.sha256(source.read_bytes()).hexdigest())


def install_peers() -> None:
    """npm and PyPI peers, pinned, into bench/.peers (only when the pins changed)."""
    NODE.mkdir(parents=True, exist_ok=True)
    if not _stamp_ok(NODE, CONF / "package.json"):
        shutil.copy(CONF / "package.json", NODE / "package.json")
        print("installing npm peers into bench/.peers/node …", file=sys.stderr)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel", "error"], cwd=NODE, check=True)
        _stamp(NODE, CONF / "package.json")
    if not _stamp_ok(PEERS, CONF / "requirements.txt"):
        print("installing PyPI peers into bench/.peers/venv …", file=sys.stderr)
        if not (VENV / "bin" / "python").exists():
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", "-r", str(CONF / "requirements.txt")], check=True)
        _stamp(PEERS, CONF / "requirements.txt")


# --------------------------------------------------------------------------- floors and extraction
# These run in the peers' venv (PyYAML with libyaml, BeautifulSoup, selectolax), one process.


def _split(text: str) -> tuple[str, str]:
    """Front matter text and body of an article ('' and the text when there is none)."""
    if not text.startswith("---"):
        return "", text
    end = text.find("\n---", 3)
    if end < 0:
        return "", text
    nl = text.find("\n", end + 4)
    return text[text.find("\n") + 1:end], text[nl + 1:] if nl >= 0 else ""


def floor(kind: str, list_file: str) -> None:
    paths = Path(list_file).read_text(encoding="utf-8").splitlines()
    loader = None
    if kind != "read":
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    n = 0
    for p in paths:
        with open(p, "rb") as f:
            data = f.read()
        if kind == "read":
            n += len(data)
            continue
        text = data.decode("utf-8", errors="replace")
        fm, body = _split(text)
        with contextlib.suppress(yaml.YAMLError):
            yaml.load(fm, Loader=loader)  # noqa: S506 - the safe loader, in C
        if kind == "bs4":
            from bs4 import BeautifulSoup

            n += len(BeautifulSoup(body, "html.parser").get_text())
        elif kind == "selectolax":
            from selectolax.lexbor import LexborHTMLParser

            n += len(LexborHTMLParser(body).text())
    print(n)


def extract(root: str, list_file: str, out: str) -> None:
    """Front matter → out/json/<i>.json (for check-jsonschema), body → out/html/<i>.html (textlint, html-validate)."""
    import datetime

    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    paths = Path(list_file).read_text(encoding="utf-8").splitlines()
    jdir, hdir = Path(out) / "json", Path(out) / "html"
    for d in (jdir, hdir):
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
    for i, p in enumerate(paths):
        text = Path(p).read_bytes().decode("utf-8", errors="replace")
        fm, body = _split(text)
        sub = f"{i // 1000:03d}"
        (hdir / sub).mkdir(exist_ok=True)
        (hdir / sub / f"{i}.html").write_text(body, encoding="utf-8")
        try:
            data = yaml.load(fm, Loader=loader)  # noqa: S506
        except yaml.YAMLError:
            continue  # not YAML: check-jsonschema would only say so
        (jdir / sub).mkdir(exist_ok=True)
        (jdir / sub / f"{i}.json").write_text(json.dumps(data, ensure_ascii=False, default=_json_default),
                                              encoding="utf-8")
    del datetime


def _json_default(o: object) -> str:
    return o.isoformat() if hasattr(o, "isoformat") else str(o)  # dates, as YAML gives them


# --------------------------------------------------------------------------- the corpus


def corpus_files(root: Path) -> list[str]:
    return sorted(str(p) for p in root.rglob("*") if p.suffix in EXTS and p.is_file())


def prepare_corpus(args: argparse.Namespace) -> tuple[Path, dict[str, object] | None]:
    if args.corpus:
        return Path(args.corpus).resolve(), None
    out = Path(args.out).resolve()
    manifest = out / "manifest.json"
    if manifest.exists():
        m = json.loads(manifest.read_text(encoding="utf-8"))
        if m.get("articles") == args.articles and m.get("seed") == args.seed:
            return out / "articles", m
    shutil.rmtree(out / "articles", ignore_errors=True)
    sys.path.insert(0, str(BENCH))
    from gen_corpus import generate

    t0 = time.perf_counter()
    m = generate(out, args.articles, args.seed)
    print(f"generated {args.articles} articles in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return out / "articles", m


def recall(manifest: dict[str, object], root: Path, report: Path) -> list[tuple[str, int, int, int]]:
    """Per rule: articles with the injected defect, how many newslint flagged, flags on other articles."""
    data = json.loads(report.read_text(encoding="utf-8"))
    got: dict[str, set[str]] = {}
    for d in data["diagnostics"]:
        rel = os.path.relpath(os.path.join(str(WORK / "newslint"), d["path"]), root)
        got.setdefault(rel.replace(os.sep, "/"), set()).add(d["rule"])
    files: dict[str, dict[str, list[dict[str, str]]]] = manifest["files"]  # type: ignore[assignment]
    rules = sorted({d["rule"] for e in files.values() for d in e["defects"]})
    out = []
    for rule in rules:
        want = {rel for rel, e in files.items() if any(d["rule"] == rule for d in e["defects"])}
        hit = sum(1 for rel in want if rule in got.get(rel, ()))
        extra = sum(1 for rel in files if rel not in want and rule in got.get(rel, ()))
        out.append((rule, len(want), hit, extra))
    return out


# --------------------------------------------------------------------------- runs


def newslint_rows(rows: list[Row], root: Path, paths: list[str], args: argparse.Namespace) -> dict[str, object]:
    n = len(paths)
    cwd = WORK / "newslint"  # newslint's cache (.newslint_cache/) goes here, not into the corpus
    shutil.rmtree(cwd, ignore_errors=True)
    cwd.mkdir(parents=True)
    nl = [str(NEWSLINT), "check", str(root)]
    facts: dict[str, object] = {}
    j2 = WORK / "newslint-j2.json"
    j1 = WORK / "newslint-j1.json"
    base = timed(rows, "newslint", "default rules, no Kiwi, -j 2 (--no-cache)",
                 [*nl, "--no-cache", "-j", "2", *NO_KIWI, "--format", "json", "-o", str(j2), "-q"],
                 n, cwd=cwd)
    base.extra["reference"] = True
    facts["diagnostics"] = len(json.loads(j2.read_text(encoding="utf-8"))["diagnostics"])
    serial = timed(rows, "newslint", "default rules, no Kiwi, -j 1 (--no-cache)",
                   [*nl, "--no-cache", "-j", "1", *NO_KIWI, "--format", "json", "-o", str(j1), "-q"], n, cwd=cwd)
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (j1, j2))
    same = a["diagnostics"] == b["diagnostics"] and a["files_checked"] == b["files_checked"]
    verdict = "identical"
    if not same:  # in a shared checkout a rule's wording may change between the two runs
        where = [[(d["path"], d["line"], d["column"], d["rule"]) for d in x["diagnostics"]] for x in (a, b)]
        verdict = ("same places and rules, other wording (the code changed between the runs?)"
                   if where[0] == where[1] else "DIFFERS")
    facts["parallel_speedup"] = serial.wall / base.wall if base.wall else None
    facts["parallel_identical"] = verdict
    serial.note = f"-j 2 is {serial.wall / base.wall:.2f}× faster (CPU {serial.cpu / base.cpu:.2f}×); JSON output {verdict}"
    # cache: a first run fills .newslint_cache/, the second (timed) reads it
    timed(rows, "newslint", "cache: first run (fills .newslint_cache/)",
          [*nl, "-j", "2", *NO_KIWI, "--format", "json", "-o", str(WORK / "c1.json"), "-q"], n, cwd=cwd)
    second = timed(rows, "newslint", "cache: second run, nothing changed",
                   [*nl, "-j", "2", *NO_KIWI, "--format", "json", "-o", str(WORK / "c2.json"), "-q"], n, cwd=cwd)
    c2 = json.loads((WORK / "c2.json").read_text(encoding="utf-8"))
    second.note = ("same diagnostics as --no-cache" if c2["diagnostics"] == b["diagnostics"] else
                   "other diagnostics than --no-cache (the code or rules/ changed between the runs?)")
    facts["cache_second"] = second.wall
    # pre-commit: one article an editor just changed, several runs, median wall. The result cache
    # misses (the bytes change every run) but the word lists built by the first run are reused from
    # .newslint_cache/data/, as in a repository where the hook has run before; `--no-cache` is the
    # first run ever.
    one = _one_file(paths)
    edited = cwd / ("edited" + Path(one).suffix)
    original = Path(one).read_bytes()
    for label, extra in (("no Kiwi", NO_KIWI), ("with Kiwi (default rules)", []),
                         ("no Kiwi, --no-cache", [*NO_KIWI, "--no-cache"])):
        if "with Kiwi" in label and not args.kiwi:
            continue
        edited.write_bytes(original)
        measure([str(NEWSLINT), "check", str(edited), *extra, "-q"], cwd=cwd, sample=False)  # warm-up
        walls, cpus, rss = [], [], []
        for i in range(args.precommit_runs):
            edited.write_bytes(original + f"\n<!-- edit {i} -->\n".encode())
            w, c, r, _t, _rc, _l = measure([str(NEWSLINT), "check", str(edited), *extra, "-q"],
                                           cwd=cwd, sample=False)
            walls.append(w)
            cpus.append(c)
            rss.append(r or 0)
        row = Row("newslint", f"pre-commit: one changed file, {label} (median of {args.precommit_runs})",
                  statistics.median(walls), statistics.median(cpus), max(rss) or None, None, 0, 1,
                  f"min {min(walls):.3f} s, max {max(walls):.3f} s")
        rows.append(row)
        facts[f"precommit {label}"] = row.wall
        print(f"  newslint: {row.name}: {row.wall:.3f} s", file=sys.stderr)
    if args.kiwi:
        timed(rows, "newslint", "default rules with Kiwi (TYP021–TYP024), -j 2",
              [*nl, "--no-cache", "-j", "2", "--format", "json", "-o", str(WORK / "kiwi.json"), "-q"], n, cwd=cwd)
    if args.kiwi and args.kiwi_typos:
        timed(rows, "newslint", "… + TYP025 (every Korean sentence through Kiwi), -j 2",
              [*nl, "--no-cache", "-j", "2", "--extend-select", KIWI_RULES, "--format", "json",
               "-o", str(WORK / "kiwi-all.json"), "-q"], n, cwd=cwd)
    if not args.no_families:
        parse = timed(rows, "family", "parse only (--select parse): the baseline",
                      [*nl, "--no-cache", "-j", "2", "--select", "parse", "--format", "json",
                       "-o", str(WORK / "fam.json"), "-q"], n, cwd=cwd)
        for fam in FAMILIES:
            r = timed(rows, "family", f"--select {fam}",
                      [*nl, "--no-cache", "-j", "2", "--select", fam, *NO_KIWI, "--format", "json",
                       "-o", str(WORK / "fam.json"), "-q"], n, cwd=cwd)
            r.note = f"+{r.wall - parse.wall:.2f} s wall, +{r.cpu - parse.cpu:.2f} s CPU over parse"
    return facts


def _one_file(paths: list[str]) -> str:
    """A Korean article (else any) of median size among the first 400: what an editor commits."""
    def korean(p: str) -> bool:
        return any("가" <= ch <= "힣" for ch in Path(p).read_text(encoding="utf-8", errors="replace")[:2000])

    sized = [p for _s, p in sorted((os.path.getsize(p), p) for p in paths[:400])]
    pool = [p for p in sized if korean(p)] or sized
    return pool[len(pool) // 2]


def floor_rows(rows: list[Row], paths: list[str], lst: Path) -> None:
    py = str(VENV / "bin" / "python")
    me = str(Path(__file__).resolve())
    n = len(paths)
    for kind, name in (("read", "read every file"),
                       ("yaml", "+ front matter with PyYAML's C loader"),
                       ("bs4", "+ BeautifulSoup(html.parser) on every body"),
                       ("selectolax", "+ selectolax on every body (instead of BeautifulSoup)")):
        timed(rows, "floor", name, [py, me, "--floor", kind, str(lst)], n, note="one process")


def peer_rows(rows: list[Row], root: Path, paths: list[str], lst: Path) -> None:
    n = len(paths)
    bin_ = NODE / "node_modules" / ".bin"
    vbin = VENV / "bin"
    mirror = WORK / "mirror"
    timed(rows, "prep", "extract front matter → JSON, body → HTML (PyYAML C loader)",
          [str(vbin / "python"), str(Path(__file__).resolve()), "--extract", str(root), str(lst), str(mirror)], n,
          note="input for check-jsonschema, textlint, html-validate; not counted in their rows")
    md = [p for p in paths if p.endswith((".md", ".markdown"))]
    mdlist = WORK / "md-files.txt"
    mdlist.write_text("\n".join(md), encoding="utf-8")
    timed(rows, "peer", "markdownlint-cli2 (heading rules)",
          [str(bin_ / "markdownlint-cli2"), "--config", str(CONF / "markdownlint-cli2.jsonc"),
           f"{root}/**/*.md", f"{root}/**/*.markdown"], len(md), cwd=WORK)
    html_files = sum(1 for _ in (mirror / "html").rglob("*.html"))
    timed(rows, "peer", "textlint + textlint-rule-prh (bodies as HTML)",
          [str(bin_ / "textlint"), "--config", str(CONF / "textlintrc.json"), "--rules-base-directory",
           str(NODE / "node_modules"), f"{mirror}/html/**/*.html"], html_files, cwd=NODE)
    timed(rows, "peer", "html-validate (heading-level, empty-heading, wcag/h37 alt, one h1)",
          [str(bin_ / "html-validate"), "--config", str(CONF / "htmlvalidate.json"), "--ext", "html",
           str(mirror / "html")], html_files, cwd=NODE)
    jsons = sorted(str(p) for p in (mirror / "json").rglob("*.json"))
    timed(rows, "peer", "check-jsonschema (front matter as JSON, extraction not included)",
          [str(vbin / "check-jsonschema"), "--schemafile", str(REPO / "rules" / "front-matter.schema.json"),
           *jsons], len(jsons), cwd=WORK)
    timed(rows, "peer", "codespell", [str(vbin / "codespell"), "--check-hidden", str(root)], n, cwd=WORK,
          ok=(0, 65))
    timed(rows, "peer", "typos", [str(vbin / "typos"), "--no-ignore", "--hidden", "--format", "brief", str(root)],
          n, cwd=WORK, ok=(0, 2))


# --------------------------------------------------------------------------- report


def table(rows: list[Row], ref: Row | None) -> str:
    out = ["| group | what | files | wall s | files/s | CPU s | peak RSS MB (largest process) "
           "| peak RSS MB (all processes) | wall ÷ newslint | notes |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        ratio = f"{r.wall / ref.wall:.2f}" if ref and ref.wall else ""
        fps = f"{r.files / r.wall:,.0f}" if r.wall and r.files > 1 else ""
        rss1 = f"{r.rss_max_mb:.0f}" if r.rss_max_mb else ""
        rss2 = f"{r.rss_tree_mb:.0f}" if r.rss_tree_mb else ""
        wall = f"{r.wall:.3f}" if r.wall < 1 else f"{r.wall:.2f}"
        note = r.note + (f" FAILED (exit {r.rc})" if r.rc not in r.ok else "")
        if r.group == "peer":
            note = f"{r.output_lines:,} output lines" + (f"; {note}" if note else "")
        out.append(f"| {r.group} | {r.name} | {r.files:,} | {wall} | {fps} | {r.cpu:.2f} | {rss1} | {rss2} "
                   f"| {ratio} | {note} |")
    return "\n".join(out)


def profile(paths: list[str], count: int) -> None:
    """pyinstrument over `newslint check -j 1 --no-cache` on the first `count` files (text report)."""
    pyi = Path(sys.executable).with_name("pyinstrument")
    if not pyi.exists():
        print("profile: pyinstrument is not installed in this venv (pip install pyinstrument)", file=sys.stderr)
        return
    lst = paths[:count]  # named on the command line: newslint skips links that leave a folder
    out = WORK / "profile.txt"
    cmd = [str(pyi), "-o", str(out), "-r", "text", str(NEWSLINT), "check", *lst, "--no-cache",
           "-j", "1", *NO_KIWI, "--format", "json", "-o", str(WORK / "profile.json"), "-q"]
    subprocess.run(cmd, cwd=WORK / "newslint")
    print(f"profile written to {out}", file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000, help="generated articles (default 10,000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=str(BENCH / ".corpus"), help="where generated articles go")
    ap.add_argument("--corpus", help="time this folder of articles instead of generating one")
    ap.add_argument("--skip-peers", action="store_true", help="no peers (floors and newslint only)")
    ap.add_argument("--only", choices=["newslint"], help="newslint rows only")
    ap.add_argument("--no-kiwi", dest="kiwi", action="store_false", help="skip the Kiwi rows")
    ap.add_argument("--kiwi-typos", action="store_true",
                    help="also time TYP025 (off by default; every Korean sentence through Kiwi: slow)")
    ap.add_argument("--no-families", action="store_true", help="skip the per-family breakdown")
    ap.add_argument("--precommit-runs", type=int, default=7)
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="also profile -j 1 over N files")
    ap.add_argument("--json", help="also write the rows to this JSON file")
    ap.add_argument("--floor", nargs=2, metavar=("KIND", "LIST"), help=argparse.SUPPRESS)
    ap.add_argument("--extract", nargs=3, metavar=("ROOT", "LIST", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.floor:
        floor(*args.floor)
        return
    if args.extract:
        extract(*args.extract)
        return
    if args.kiwi:
        probe = subprocess.run([sys.executable, "-c", "import kiwipiepy, kiwipiepy_model"], capture_output=True)
        args.kiwi = probe.returncode == 0
    WORK.mkdir(parents=True, exist_ok=True)
    # Byte-compile newslint as `pip install` does for a wheel: an editable checkout (or
    # PYTHONDONTWRITEBYTECODE) would otherwise compile every module on every start.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(BENCH.parent / "newslint")], check=False)
    root, manifest = prepare_corpus(args)
    paths = corpus_files(root)
    lst = WORK / "files.txt"
    lst.write_text("\n".join(paths), encoding="utf-8")
    size = sum(os.path.getsize(p) for p in paths)
    peers = not (args.skip_peers or args.only)
    if peers or (not args.only and not (VENV / "bin" / "python").exists()):
        install_peers()  # the floors need the peers' venv too
    load = os.getloadavg()
    print(f"{len(paths):,} files, {size / 1e6:.1f} MB in {root}; load average {load[0]:.1f}", file=sys.stderr)
    rows: list[Row] = []
    facts = newslint_rows(rows, root, paths, args)
    if not args.only:
        floor_rows(rows, paths, lst)
    if peers:
        peer_rows(rows, root, paths, lst)
    ref = next((r for r in rows if r.extra.get("reference")), None)
    print(f"\n{len(paths):,} files, {size / 1e6:.1f} MB ({root}); {os.cpu_count()} cores; load average "
          f"{load[0]:.1f} before, {os.getloadavg()[0]:.1f} after; python {sys.version.split()[0]}\n")
    print(table(rows, ref))
    print()
    for k, v in facts.items():
        print(f"- {k}: {v:.3f}" if isinstance(v, float) else f"- {k}: {v}")
    if manifest is not None:
        print("\nRecall of the injected defects (default run, no Kiwi):\n")
        print("| rule | articles with the defect | flagged | flagged on other articles |")
        print("|---|---:|---:|---:|")
        for rule, want, hit, extra in recall(manifest, root, WORK / "newslint-j2.json"):
            print(f"| {rule} | {want:,} | {hit:,} ({hit / want:.0%}) | {extra:,} |")
    if args.json:
        Path(args.json).write_text(json.dumps({"files": len(paths), "bytes": size, "facts": facts,
                                               "rows": [r.__dict__ for r in rows]}, indent=1, default=str))
    if args.profile:
        profile(paths, args.profile)


if __name__ == "__main__":
    main()
