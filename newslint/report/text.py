"""Text for people: `path:line:col: CODE severity message`, the fix hint below it."""

from __future__ import annotations

import click

from newslint.diagnostics import Severity
from newslint.report import Report, counts, statistics

_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(report: Report, colour: bool = False) -> str:
    c = counts(report.diagnostics)
    files = _plural(report.files_checked, "file")
    line = (f"{files} checked in {report.seconds:.2f} s: {_plural(c['error'], 'error')}, "
            f"{_plural(c['warning'], 'warning')}, {c['info']} info")
    if colour:
        fg = "red" if c["error"] else ("yellow" if c["warning"] else "green")
        line = click.style(line, fg=fg, bold=True)
    return line


def format_text(report: Report, colour: bool = False, quiet: bool = False) -> str:
    lines = []
    # --quiet over a big archive keeps a few errors out of tens of thousands of warnings: pick them by
    # number, not by a label looked up per finding.
    shown = [d for d in report.diagnostics if d.severity == Severity.ERROR] if quiet else report.diagnostics
    for d in shown:
        sev = d.severity.label
        where = f"{d.path}:{d.line}:{d.column}:"
        code = d.rule
        if colour:
            where = click.style(where, bold=True)
            code = click.style(code, fg=_COLOURS[sev])
            sev = click.style(sev, fg=_COLOURS[sev])
        lines.append(f"{where} {code} {sev} {d.message}")
        if d.suggestion and not quiet:
            hint = f"    → {d.suggestion}"
            lines.append(click.style(hint, dim=True) if colour else hint)
    if not quiet or shown:
        lines.append(summary_line(report, colour))
    return "".join(line + "\n" for line in lines)


def format_statistics(report: Report, colour: bool = False, quiet: bool = False) -> str:
    """--statistics: one line per rule, most frequent first, then the summary line."""
    rows = [r for r in statistics(report.diagnostics) if not quiet or r.severity == "error"]
    lines = []
    if rows:
        width = max(len(r.name) for r in rows)
        for r in rows:
            sev = click.style(f"{r.severity:<7}", fg=_COLOURS[r.severity]) if colour else f"{r.severity:<7}"
            fixable = f"  ({r.fixable} fixable with --fix)" if r.fixable else ""
            lines.append(f"{r.count:>7}  {r.rule:<7} {r.name:<{width}}  {sev}{fixable}".rstrip())
    if not quiet or any(d.severity.label == "error" for d in report.diagnostics):
        lines.append(summary_line(report, colour))
    return "".join(line + "\n" for line in lines)
