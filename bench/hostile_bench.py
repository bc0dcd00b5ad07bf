"""Time and peak memory of newslint on each hostile input (issue 9), one subprocess per case.

    python bench/hostile_bench.py            # prints a Markdown table

Each case is written to a temporary folder and checked with the default limits; the table says
what newslint reported, how long the whole command took and its peak RSS (from /usr/bin/time).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def cases() -> dict[str, bytes]:
    laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for i in range(9):
        laughs.append(f"b{i}: &b{i} [" + ",".join([f"*{prev}"] * 9) + "]")
        prev = f"b{i}"
    return {
        "20 MB article": b"---\ntitle: x\n---\n" + b"<p>" + "가나다라 마바사 ".encode() * 900_000 + b"</p>\n",
        "100,000-line front matter": ("---\ntitle: x\n" + "".join(f"k{i}: v{i}\n" for i in range(100_000))
                                      + "---\nbody\n").encode(),
        "billion laughs": ("---\n" + "\n".join(laughs) + "\n---\n").encode(),
        "10,000 nested tags": b"---\ntitle: x\n---\n" + b"<div>" * 10_000 + b"x" + b"</div>" * 10_000,
        "deep YAML flow": b"---\ntitle: " + b"[" * 50_000 + b"]" * 50_000 + b"\n---\n",
        "deep YAML blocks": b"---\n" + b"".join(b" " * i + f"k{i}:\n".encode() for i in range(2_000)) + b"---\n",
        "python tag": b"---\ntitle: !!python/object/apply:os.system ['echo hacked']\n---\n",
        "unclosed comment, 3 MB": b"---\ntitle: x\n---\n<!-- " + b"x " * 1_500_000,
        "binary": os.urandom(1_000_000),
        "one 3 MB paragraph of tags": b"---\ntitle: x\n---\n<p>" + "가 <b>나</b> ".encode() * 180_000 + b"</p>\n",
    }


def main() -> None:
    print("| case | size | reported | wall s | peak RSS MB |\n|---|---:|---|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in cases().items():
            path = Path(tmp) / "article.md"
            path.write_bytes(data)
            res = subprocess.run(["/usr/bin/time", "-f", "%e %M", sys.executable, "-m", "newslint", "check",
                                  "--no-cache", "--format", "json", "--select", "parse,front-matter,headings",
                                  str(path)], capture_output=True, text=True, timeout=600)
            wall, rss = res.stderr.strip().splitlines()[-1].split()
            codes = sorted({d["rule"] for d in json.loads(res.stdout)["diagnostics"]} if res.stdout else [])
            shown = ", ".join(c for c in codes if re.match(r"NL", c)) or ", ".join(codes[:3]) or "nothing"
            print(f"| {name} | {len(data) / 1e6:.1f} MB | {shown} | {float(wall):.2f} | {int(rss) / 1024:.0f} |")


if __name__ == "__main__":
    main()
