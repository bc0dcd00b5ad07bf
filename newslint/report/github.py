"""GitHub Actions workflow commands: each diagnostic becomes an annotation on the pull request.

    ::error file=_posts/a.md,line=3,endLine=3,col=8,endColumn=12,title=FM009 unknown-key::message

Escaping follows @actions/core: `%`, CR and LF everywhere; also `:` and `,` in properties.
"""

from __future__ import annotations

from newslint.report import Report

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def format_github(report: Report) -> str:
    lines = []
    for d in report.diagnostics:
        props = (f"file={_prop(d.path)},line={d.line},endLine={d.end_line},col={d.column},"
                 f"endColumn={d.end_column},title={_prop(f'{d.rule} {d.name}')}")
        text = d.message + (f"\n→ {d.suggestion}" if d.suggestion else "")
        lines.append(f"::{_COMMAND[d.severity.label]} {props}::{_data(text)}\n")
    return "".join(lines)
