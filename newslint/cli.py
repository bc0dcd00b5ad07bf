"""The `newslint` command: check, rules, explain."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newslint import __version__

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.diagnostics import Diagnostic
    from newslint.engine import RunResult

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


class _Group(click.Group):
    """Usage errors exit 2 (click's default) and never print a traceback; an interrupted run exits 130.

    Click's own handling would end an interrupted run with "Aborted!" and exit code 1, which a CI job
    reads as "errors found in the articles".
    """

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, False, **extra)
        except (KeyboardInterrupt, click.exceptions.Abort):
            click.echo("newslint: interrupted", err=True)
            sys.exit(130)
        except click.ClickException as exc:  # what click's standalone mode does with it
            exc.show()
            sys.exit(exc.exit_code)
        sys.exit(rv if isinstance(rv, int) else 0)  # --help, --version: click's Exit code


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newslint")
def main() -> None:
    """newslint checks news articles (Markdown or HTML with YAML front matter) before they are published."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--format", "fmt", default="text", show_default=True,
              help="Output format: text, json, json-lines, sarif, github, junit or gitlab.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False),
              help="Write the --format output to this file; the terminal still shows text.")
@click.option("--statistics", is_flag=True, help="Count the problems per rule instead of listing them.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False),
              help="Report only problems that are not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline_file", type=click.Path(dir_okay=False),
              help="Record today's problems in this file (for --baseline) and exit 0.")
@click.option("--fix", is_flag=True, help="Apply the fixes that are safe, then report what remains.")
@click.option("--diff", is_flag=True, help="Show the safe fixes as a unified diff; change no file.")
@click.option("--since", "since", metavar="REV",
              help="Report only files changed since this git revision (and untracked files).")
@click.option("--select", multiple=True, help="Only these rules (codes, prefixes, names or families; comma-separated).")
@click.option("--extend-select", multiple=True, help="Add these rules to the configured set (e.g. rules off by default).")
@click.option("--ignore", multiple=True, help="Leave out these rules (codes, prefixes, names or families).")
@click.option("--include", multiple=True, help="Glob of files to check inside folders (default: *.md, *.markdown, *.html).")
@click.option("--exclude", multiple=True, help="Glob of files or folders to skip.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only, and the summary only when there are errors.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when errors are found.")
@click.option("--max-warnings", type=click.IntRange(min=0), default=None,
              help="Fail (exit 1) when there are more warnings than this.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, help="Worker processes (0: one per core).")
@click.option("--no-cache", is_flag=True,
              help="Check every file afresh instead of reusing results for unchanged files (.newslint_cache/).")
@click.option("--online", is_flag=True, help="Also run the checks that use the network (image URLs are fetched).")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: only on a terminal).")
def check(paths: tuple[str, ...], config_path: str | None, fmt: str, select: tuple[str, ...],
          extend_select: tuple[str, ...], ignore: tuple[str, ...], include: tuple[str, ...],
          exclude: tuple[str, ...], quiet: bool, exit_zero: bool, max_warnings: int | None, jobs: int,
          online: bool, color: bool | None, output: str | None, statistics: bool, baseline_file: str | None,
          write_baseline_file: str | None, fix: bool, diff: bool, since: str | None, no_cache: bool) -> None:
    """Check articles in PATHS (files or folders; default: the current folder)."""
    from newslint.config import ConfigError, load_config
    from newslint.discover import discover
    from newslint.engine import WorkerLost, default_jobs, run
    from newslint.registry import selector_is_known
    from newslint.report import Report, counts, format_chunks, formatters
    from newslint.report.text import format_text

    started = time.perf_counter()
    fmts = formatters()
    if fmt not in fmts:
        raise click.UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(fmts)}")
    try:
        config = load_config(Path(config_path) if config_path else None, targets=list(paths))
    except ConfigError as exc:
        click.echo(f"newslint: configuration error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    for option, values in (("--select", select), ("--extend-select", extend_select), ("--ignore", ignore)):
        for sel in _split(values):
            if not selector_is_known(sel):
                raise click.UsageError(f"{option} {sel}: no rule, family or code prefix by that name "
                                       "(see `newslint rules`)")
    if select:
        config.select = _split(select)
    config.extend_select = config.extend_select + _split(extend_select)
    config.ignore = config.ignore + _split(ignore)
    if online:
        from newslint.registry import iter_rules

        config.extend_select += [r.code for r in iter_rules() if r.network]
    config._resolved.clear()
    found = discover(list(paths) or ["."], config, _split(include) or None, _split(exclude) or None)
    if found.missing:
        raise click.UsageError("no such file or folder: " + ", ".join(found.missing))
    for notice in found.notices:
        click.echo(f"newslint: {notice}", err=True)
    if write_baseline_file and since:
        raise click.UsageError("--write-baseline records every file's problems: do not combine it with --since")
    files = found.files
    changed = _changed_files(since, files, quiet) if since else None
    cache = None
    if not no_cache:
        from newslint.cache import CACHE_DIR, ResultCache

        cache = ResultCache(config.root / CACHE_DIR, config)
        if cache.error:
            click.echo(f"newslint: {cache.error}", err=True)
    from newslint import datacache

    # Word lists built in an earlier run are reused from the same folder as the results.
    datacache.use(cache.folder if cache is not None and cache.error is None else None)
    try:
        with _progress(len(files), quiet) as tick:
            result = run(files, config, jobs=jobs or default_jobs(), progress=tick, cache=cache)
    except WorkerLost as exc:
        click.echo(f"newslint: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    finally:
        datacache.use(None)
    if fix or diff:
        targets = {res.path for res in result.results if any(d.edits for d in res.diagnostics)}
        if changed is not None:
            targets &= changed
        changed_by_fix = _apply_fixes(files, targets, config, result, write=not diff, quiet=quiet,
                                      jobs=jobs or default_jobs())
        if diff:
            sys.exit(EXIT_ERRORS if changed_by_fix else EXIT_OK)
    diagnostics = result.diagnostics
    shown = tuple(d for _f, d in files)
    if changed is not None:
        diagnostics = [d for d in diagnostics if d.path in changed]
        shown = tuple(p for p in shown if p in changed)
    if write_baseline_file:
        from newslint.baseline import write as write_baseline

        try:
            n = write_baseline(write_baseline_file, diagnostics)
        except OSError as exc:
            click.echo(f"newslint: cannot write {write_baseline_file}: {exc.strerror or exc}", err=True)
            sys.exit(EXIT_USAGE)
        click.echo(f"newslint: recorded {n} problem{'s' if n != 1 else ''} in {len(shown)} files "
                   f"to {write_baseline_file}", err=True)
        sys.exit(EXIT_OK)
    if baseline_file:
        diagnostics = _filter_baseline(baseline_file, diagnostics, quiet)
    report = Report(diagnostics, len(shown), time.perf_counter() - started, shown)
    colour = sys.stdout.isatty() if color is None else color
    if output:
        from newslint.fix import atomic_write

        try:
            atomic_write(output, format_chunks(fmt, report))
        except OSError as exc:
            click.echo(f"newslint: cannot write {output}: {exc.strerror or exc}", err=True)
            sys.exit(EXIT_USAGE)
    if fmt == "text" or output:
        if statistics:
            from newslint.report.text import format_statistics

            click.echo(format_statistics(report, colour=colour, quiet=quiet), nl=False)
        else:
            click.echo(format_text(report, colour=colour, quiet=quiet), nl=False)
    else:
        for chunk in format_chunks(fmt, report):
            click.echo(chunk, nl=False)  # bytes: straight to the binary stream, no re-encoding or colour scan
        if statistics:
            from newslint.report.text import format_statistics

            click.echo(format_statistics(report, quiet=quiet), nl=False, err=True)
    by_severity = counts(diagnostics)
    errors, warnings = by_severity["error"], by_severity["warning"]
    limit = max_warnings if max_warnings is not None else config.max_warnings
    if result.internal_errors:
        click.echo(f"newslint: {result.internal_errors} internal error(s): see NL900 above", err=True)
        sys.exit(EXIT_USAGE)
    if exit_zero:
        sys.exit(EXIT_OK)
    if errors or (limit is not None and warnings > limit):
        if limit is not None and warnings > limit and not errors:
            click.echo(f"newslint: {warnings} warnings, more than --max-warnings {limit}", err=True)
        sys.exit(EXIT_ERRORS)
    sys.exit(EXIT_OK)


PROGRESS_MIN_FILES = 300  # below this a run takes about a second: a bar would only flicker


def want_progress(files: int, quiet: bool, stream: Any = None, env: Mapping[str, str] | None = None) -> bool:
    """A progress bar only for people: a terminal, many files, not CI, not --quiet."""
    stream = sys.stderr if stream is None else stream
    env = os.environ if env is None else env
    return (files > PROGRESS_MIN_FILES and not quiet and not env.get("CI")
            and hasattr(stream, "isatty") and stream.isatty())


@contextlib.contextmanager
def _progress(files: int, quiet: bool) -> Iterator[Callable[[int], None] | None]:
    if not want_progress(files, quiet):
        yield None
        return
    with click.progressbar(length=files, label="checking", file=sys.stderr, show_pos=True) as bar:
        yield bar.update


def _changed_files(since: str, files: list[tuple[str, str]], quiet: bool) -> set[str]:
    """Display paths of the discovered files that git reports changed since `since`."""
    from newslint.gitfiles import GitError, changed_files

    try:
        real = changed_files(since)
    except GitError as exc:
        raise click.UsageError(f"--since {since}: {exc}") from None
    out = {display for fspath, display in files if os.path.realpath(fspath) in real}
    if not quiet:
        click.echo(f"newslint: {len(out)} of {len(files)} files changed since {since}; "
                   "cross-article rules compare them with all of them", err=True)
    return out


def _filter_baseline(path: str, diagnostics: list[Diagnostic], quiet: bool) -> list[Diagnostic]:
    from newslint.baseline import BaselineError, load

    try:
        base = load(path)
    except BaselineError as exc:
        click.echo(f"newslint: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    new, hidden, gone = base.filter(diagnostics)
    if not quiet and (hidden or gone):
        msg = f"newslint: {hidden} known problem{'s' if hidden != 1 else ''} in {path} not shown"
        if gone:
            msg += (f"; {gone} recorded there {'are' if gone != 1 else 'is'} gone: "
                    "run --write-baseline again to shrink it")
        click.echo(msg, err=True)
    return new


def _apply_fixes(files: list[tuple[str, str]], targets: set[str], config: Config, result: RunResult,
                 write: bool, quiet: bool, jobs: int = 1) -> int:
    """Fix (or, without `write`, diff) the target files; re-check what changed. Returns files changed."""
    from collections import Counter

    from newslint.diagnostics import Diagnostic
    from newslint.engine import INTERNAL_CODE, check_file, join_corpus
    from newslint.fix import MAX_PASSES, fix_files, unified_diff, write_fix

    changed: dict[str, str] = {}
    problems = 0
    for ff in fix_files([(f, d) for f, d in files if d in targets], config, jobs):
        display = ff.path
        if ff.changed and not write:
            click.echo(unified_diff(ff), nl=False)
        elif ff.changed:
            write_fix(ff)
        if ff.refused:
            click.echo(f"newslint: {display}: {ff.refused}", err=True)
            continue
        if not ff.settled:
            click.echo(f"newslint: {display}: the fixes kept changing the file after {MAX_PASSES} passes "
                       "or would break it; what is left needs a person", err=True)
        if ff.changed:
            changed[display] = ff.fspath
            problems += len(ff.fixed)
            if not quiet:
                by_rule = Counter(d.rule for d in ff.fixed)
                what = ", ".join(f"{c} ×{n}" if n > 1 else c for c, n in sorted(by_rule.items()))
                click.echo(f"newslint: {'fixed' if write else 'would fix'} {display}: {what}", err=True)
    if changed and not quiet:
        n = len(changed)
        click.echo(f"newslint: {'fixed' if write else 'would fix'} {problems} problem{'s' if problems != 1 else ''} "
                   f"in {n} file{'s' if n != 1 else ''}", err=True)
    if write and changed:  # what remains: re-check the rewritten files, re-join the cross-article rules
        result.results = [check_file(changed[r.path], r.path, config) if r.path in changed else r
                          for r in result.results]
        diags = [d for r in result.results for d in r.diagnostics]
        diags.extend(join_corpus(result.results, config))
        diags.sort(key=Diagnostic.sort_key)
        result.diagnostics = diags
        result.internal_errors = sum(1 for d in diags if d.rule == INTERNAL_CODE)
    left = sum(1 for d in result.diagnostics if d.edits and d.path in targets)
    if write and left:
        click.echo(f"newslint: {left} problem{'s' if left != 1 else ''} with a safe fix could not be fixed "
                   "(overlapping fixes or a file newslint would not rewrite): they are in the report", err=True)
    return len(changed)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text")
def rules_cmd(fmt: str) -> None:
    """List every rule: code, name, family, default severity, summary."""
    import json

    from newslint.registry import iter_rules

    rules = list(iter_rules())
    if fmt == "json":
        click.echo(json.dumps([{"code": r.code, "name": r.name, "family": r.family, "severity": r.severity.label,
                                "summary": r.summary, "fixable": r.fixable, "default_enabled": r.default_enabled,
                                "options": {k: o.default for k, o in r.options.items()}} for r in rules],
                              ensure_ascii=False, indent=2))
        return
    if fmt == "markdown":
        click.echo("| code | name | family | severity | summary |\n|---|---|---|---|---|")
        for r in rules:
            off = " (off by default)" if not r.default_enabled else ""
            click.echo(f"| {r.code} | `{r.name}` | {r.family} | {r.severity.label} | {r.summary}{off} |")
        return
    width = max(len(r.name) for r in rules)
    for r in rules:
        flags = (" [fix]" if r.fixable else "") + ("" if r.default_enabled else " [off by default]")
        click.echo(f"{r.code:<7} {r.name:<{width}}  {r.family:<12} {r.severity.label:<7}  {r.summary}{flags}")


@main.command()
@click.argument("rule")
def explain(rule: str) -> None:
    """Print a rule's documentation, with a bad and a good example."""
    from newslint.registry import find_rule

    r = find_rule(rule)
    if r is None:
        raise click.UsageError(f"no rule {rule!r}; `newslint rules` lists them all")
    click.echo(f"{r.code} {r.name}  ({r.family}, {r.severity.label} by default"
               f"{', can fix' if r.fixable else ''}{'' if r.default_enabled else ', off by default'})\n")
    click.echo(r.summary + "\n")
    if r.docs:
        click.echo(r.docs + "\n")
    click.echo("Bad:\n")
    click.echo("\n".join("    " + line for line in r.bad.splitlines()) + "\n")
    click.echo("Good:\n")
    click.echo("\n".join("    " + line for line in r.good.splitlines()) + "\n")
    if r.options:
        click.echo("Options (in .newslint.yaml under `rules: {" + r.code + ": {...}}`):\n")
        for name, o in r.options.items():
            click.echo(f"    {name} (default {o.default!r}): {o.help}")


@main.command("init")
@click.option("--force", is_flag=True, help="Replace an existing .newslint.yaml.")
def init_cmd(force: bool) -> None:
    """Write a commented .newslint.yaml for the Jekyll or Hugo site around the current folder."""
    from newslint.init import InitError, init

    try:
        target, site = init(Path.cwd(), force=force)
    except InitError as exc:
        click.echo(f"newslint: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    folders = ", ".join(site.post_folders) or "no post folder"
    hosts = len(site.image_hosts)
    click.echo(f"wrote {target} for the {site.kind.capitalize()} site in {site.root}: {folders}; "
               f"{hosts} image host{'s' if hosts != 1 else ''} seen in {site.scanned} posts")
