"""SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps), validated against the OASIS schema in tests.

Columns count characters (Unicode code points), as newslint's do everywhere, so the run declares
`columnKind: unicodeCodePoints`; SARIF's default, UTF-16 code units, would be wrong after any
character outside the Basic Multilingual Plane (emoji, rare Hanja) on the line.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

from newslint import __version__
from newslint.baseline import fingerprint
from newslint.diagnostics import Diagnostic
from newslint.registry import Rule, find_rule
from newslint.report import Report

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> dict[str, str]:
    p = path.replace(os.sep, "/")
    if os.path.isabs(path):
        return {"uri": "file://" + quote(p)}
    return {"uri": quote(p), "uriBaseId": "%SRCROOT%"}


def _help(r: Rule) -> tuple[str, str]:
    text = [r.summary]
    md = [r.summary]
    if r.docs:
        text.append(r.docs)
        md.append(r.docs)
    if r.bad:
        text.append("Bad:\n" + r.bad)
        md.append("Bad:\n\n```\n" + r.bad + "\n```")
    if r.good:
        text.append("Good:\n" + r.good)
        md.append("Good:\n\n```\n" + r.good + "\n```")
    return "\n\n".join(text), "\n\n".join(md)


def _rule(code: str, d: Diagnostic) -> dict[str, Any]:
    r = find_rule(code)
    if r is None:  # not in the registry (a plugin gone since): what the diagnostic itself says
        return {"id": code, "name": d.name, "shortDescription": {"text": d.name},
                "defaultConfiguration": {"level": _LEVEL[d.severity.label]}, "properties": {"tags": [d.family]}}
    text, markdown = _help(r)
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.docs or r.summary},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVEL[r.severity.label], "enabled": r.default_enabled},
        "properties": {"tags": [r.family], "fixable": r.fixable},
    }


def _result(d: Diagnostic, index: int) -> dict[str, Any]:
    text = d.message + (f"\nHow to fix: {d.suggestion}" if d.suggestion else "")
    region = {"startLine": d.line, "startColumn": d.column, "endLine": d.end_line, "endColumn": d.end_column}
    return {
        "ruleId": d.rule,
        "ruleIndex": index,
        "level": _LEVEL[d.severity.label],
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": _uri(d.path), "region": region}}],
        # Survives lines moving, so code scanning keeps one alert per problem across commits.
        "partialFingerprints": {"newslint/v1": fingerprint(d)},
        "properties": {"name": d.name, "family": d.family, "fixable": d.fixable},
    }


def format_sarif(report: Report) -> str:
    first: dict[str, Diagnostic] = {}
    for d in report.diagnostics:
        first.setdefault(d.rule, d)
    codes = sorted(first)
    index = {c: i for i, c in enumerate(codes)}
    run = {
        "tool": {"driver": {
            "name": "newslint",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [_rule(c, first[c]) for c in codes],
        }},
        "columnKind": "unicodeCodePoints",
        "results": [_result(d, index[d.rule]) for d in report.diagnostics],
    }
    doc = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
