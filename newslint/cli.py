"""The `newslint` command: check, rules, explain."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import click

from newslint import __version__

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


class _Group(click.Group):
    """Usage errors exit 2 (click's default) and never print a traceback."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except KeyboardInterrupt:
            click.echo("newslint: interrupted", err=True)
            sys.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newslint")
def main() -> None:
    """newslint checks news articles (Markdown or HTML with YAML front matter) before they are published."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--format", "fmt", default="text", show_default=True, help="Output format: text or json.")
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
@click.option("--online", is_flag=True, help="Also run the checks that use the network (image URLs are fetched).")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: only on a terminal).")
def check(paths: tuple[str, ...], config_path: str | None, fmt: str, select: tuple[str, ...],
          extend_select: tuple[str, ...], ignore: tuple[str, ...], include: tuple[str, ...],
          exclude: tuple[str, ...], quiet: bool, exit_zero: bool, max_warnings: int | None, jobs: int,
          online: bool, color: bool | None) -> None:
    """Check articles in PATHS (files or folders; default: the current folder)."""
    from newslint.config import ConfigError, load_config
    from newslint.discover import discover
    from newslint.engine import default_jobs, run
    from newslint.registry import selector_is_known
    from newslint.report import Report, formatters
    from newslint.report.text import format_text

    started = time.perf_counter()
    fmts = formatters()
    if fmt not in fmts:
        raise click.UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(fmts)}")
    try:
        config = load_config(Path(config_path) if config_path else None)
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
    result = run(found.files, config, jobs=jobs or default_jobs())
    report = Report(result.diagnostics, result.files_checked, time.perf_counter() - started,
                    tuple(d for _f, d in found.files))
    if fmt == "text":
        colour = sys.stdout.isatty() if color is None else color
        click.echo(format_text(report, colour=colour, quiet=quiet), nl=False)
    else:
        click.echo(fmts[fmt](report), nl=False)
    errors = sum(1 for d in result.diagnostics if d.severity.label == "error")
    warnings = sum(1 for d in result.diagnostics if d.severity.label == "warning")
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
