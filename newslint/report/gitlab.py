"""GitLab Code Quality report (a JSON array of issues), shown in merge request widgets.

Paths must be relative to the repository root: run newslint from there.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from newslint.baseline import fingerprint
from newslint.report import Report

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def format_gitlab(report: Report) -> str:
    seen: Counter[tuple[str, str, str]] = Counter()
    issues = []
    for d in report.diagnostics:
        key = (d.path, d.rule, fingerprint(d))
        seen[key] += 1  # the same problem twice in a file needs two distinct fingerprints
        fp = hashlib.md5("\0".join((*key, str(seen[key]))).encode()).hexdigest()
        issues.append({
            "type": "issue",
            "check_name": d.rule,
            "description": f"{d.rule} {d.message}" + (f" → {d.suggestion}" if d.suggestion else ""),
            "categories": ["Style"],
            "severity": _SEVERITY[d.severity.label],
            "fingerprint": fp,
            "location": {"path": d.path, "lines": {"begin": d.line, "end": d.end_line}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
