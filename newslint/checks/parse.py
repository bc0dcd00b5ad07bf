"""Parse family (NL…): the article could not be read as intended.

The loader records these problems once (`Document.problems`); each rule here reports
the problems of its own code, so they can be selected, ignored and explained like any rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.diagnostics import Diagnostic
from newslint.document import Document
from newslint.registry import Context, rule


def _problems(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    for p in doc.problems:
        if p.code == ctx.rule.code:
            yield ctx.report_at(p.line, p.column, p.message, p.suggestion, p.end_line, p.end_column)


def _declare(code: str, name: str, severity: str, summary: str, bad: str, good: str, docs: str = "") -> None:
    rule(code, name, "parse", severity, summary, bad, good, docs)(_problems)


_declare("NL001", "file-unreadable", "error", "The file cannot be opened or read.",
         "(a file without read permission, or a broken link)", "(a readable file)")
_declare("NL002", "invalid-utf8", "error", "The file is not valid UTF-8 text; the byte offset says where.",
         "title: caf\\xe9   (saved as Latin-1 or EUC-KR)", "title: café   (saved as UTF-8)",
         "Static site generators read posts as UTF-8. A file saved in another encoding shows "
         "garbled text on the site. UTF-16 files are reported here too.")
_declare("NL003", "binary-file", "error", "The file is binary (it holds NUL bytes), not an article.",
         "an image or a PDF saved with a .md name", "a text article")
_declare("NL004", "front-matter-missing", "error", "The article has no YAML front matter block.",
         "# Title\n\nText…", "---\ntitle: Title\n---\n\nText…",
         "Jekyll and Hugo only treat a file as a post when it starts with a '---' line.")
_declare("NL005", "front-matter-unclosed", "error", "The front matter opens with '---' and is never closed.",
         "---\ntitle: Title\n\nText…", "---\ntitle: Title\n---\n\nText…")
_declare("NL006", "yaml-syntax-error", "error",
         "The front matter is not valid YAML; the position is YAML's own line and column.",
         "---\ntitle: [속보] 대통령 담화\n---", "---\ntitle: \"[속보] 대통령 담화\"\n---",
         "A value that starts with '[' or '{', holds ': ', or has text after a closing quote must be "
         "quoted as a whole.")
_declare("NL007", "front-matter-not-mapping", "error", "The front matter is a list or a single value, not fields.",
         "---\n- title\n- date\n---", "---\ntitle: Title\ndate: 2026-07-04\n---")
_declare("NL008", "file-too-large", "error", "The file is larger than the configured limit for one article.",
         "(a 40 MB export pasted into one post)", "(an article of normal size)",
         "The limit is `limits.max_file_bytes` in .newslint.yaml (default 4 MiB).")
_declare("NL009", "yaml-too-complex", "error",
         "The front matter expands beyond the limits (alias bombs, very deep nesting).",
         "---\na: &a [x, x]\nb: &b [*a, *a]\n# … ten more levels\n---", "---\ntitle: Title\n---",
         "Limits: `limits.max_yaml_nodes` and `limits.max_yaml_depth` in .newslint.yaml.")
_declare("NL010", "yaml-unsafe-tag", "warning",
         "A YAML tag asks the loader to build a program object; newslint reads it as text, some tools would run it.",
         "---\ntitle: !!python/object/apply:os.system ['rm -rf /']\n---", "---\ntitle: Title\n---")


@rule("NL900", "internal-error", "parse", "error",
      "newslint itself failed on this file (a bug in one rule); the run went on and exits with 2.",
      "(any file that triggers a bug)", "(please report it with the file)")
def _internal(doc: Document, ctx: Context) -> Iterator[Diagnostic]:
    return iter(())  # produced by the engine when a rule raises
