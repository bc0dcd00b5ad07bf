"""JUnit XML for CI dashboards: one testcase per file checked; a file with errors is a failure.

Warnings and info do not fail a testcase (as they do not fail the run); they are listed in its
<system-out> so dashboards still show them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from newslint.diagnostics import Diagnostic
from newslint.report import Report

# Characters XML 1.0 cannot hold at all, even escaped (an article's control characters can reach a message).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(s: str) -> str:
    return _NOT_XML.sub("\ufffd", s)


def _line(d: Diagnostic) -> str:
    hint = f"\n    → {d.suggestion}" if d.suggestion else ""
    return _clean(f"{d.path}:{d.line}:{d.column}: {d.rule} {d.severity.label} {d.message}{hint}")


def format_junit(report: Report) -> str:
    by_file: dict[str, list[Diagnostic]] = {p: [] for p in report.files}
    for d in report.diagnostics:
        by_file.setdefault(d.path, []).append(d)
    failures = sum(1 for ds in by_file.values() if any(d.severity.label == "error" for d in ds))
    attrs = {"name": "newslint", "tests": str(len(by_file)), "failures": str(failures), "errors": "0",
             "time": f"{report.seconds:.3f}"}
    root = ET.Element("testsuites", attrs)
    suite = ET.SubElement(root, "testsuite", {**attrs, "skipped": "0"})
    for path, ds in by_file.items():
        case = ET.SubElement(suite, "testcase", {"classname": "newslint", "name": _clean(path), "file": _clean(path)})
        errors = [d for d in ds if d.severity.label == "error"]
        others = [d for d in ds if d.severity.label != "error"]
        if errors:
            first = errors[0]
            n = len(errors)
            fail = ET.SubElement(case, "failure", {
                "message": _clean(f"{n} error{'s' if n != 1 else ''}: {first.rule} {first.message}"), "type": first.rule})
            fail.text = "\n".join(_line(d) for d in errors) + "\n"
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(_line(d) for d in others) + "\n"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
