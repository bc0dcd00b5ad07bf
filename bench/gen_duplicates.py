"""Write N generated articles for the duplicates bench (deterministic: seeded by N and --seed).

About 5 % of the bodies are light rewrites of another article's body, 2 % reuse another
article's excerpt, and 30 % carry one stock image: the cross-article rules have work to do.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

_WORDS = ["정부", "대통령", "회담", "경제", "발표", "지원", "서울", "기업", "시장", "국회", "협력", "정책", "투자", "지역", "주민", "안전", "교육", "의료", "기술", "환경", "the", "market", "government", "report", "budget", "vote", "city", "council", "minister", "plan", "growth", "rate"]


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(_WORDS) + str(rng.randrange(5000)) for _ in range(rng.randrange(8, 16))) + "."


def _body(rng: random.Random) -> list[str]:
    return [" ".join(_sentence(rng) for _ in range(rng.randrange(2, 5))) for _ in range(rng.randrange(4, 9))]


def generate(out: Path, n: int, seed: int = 1) -> list[Path]:
    rng = random.Random(f"{seed}:{n}")
    out.mkdir(parents=True, exist_ok=True)
    bodies: list[list[str]] = []
    excerpts: list[str] = []
    paths = []
    for i in range(n):
        if bodies and rng.random() < 0.05:  # a rewrite of an earlier story
            body = [p.replace("1", "7", 1) for p in rng.choice(bodies)]
        else:
            body = _body(rng)
        excerpt = rng.choice(excerpts) if excerpts and rng.random() < 0.02 else _sentence(rng)
        image = "https://example.com/stock.jpg" if rng.random() < 0.3 else f"https://example.com/{i}.jpg"
        if len(bodies) < 2000:
            bodies.append(body)
            excerpts.append(excerpt)
        text = (f"---\ntitle: 기사 {i} {_sentence(rng)[:40]}\nexcerpt: >\n  {excerpt}\n"
                f"feature_text: {_sentence(rng)}\nimage: '{image}'\n---\n\n" + "\n\n".join(body) + "\n")
        p = out / f"{i // 1000:03d}" / f"2026-07-04-{i}.md"
        p.parent.mkdir(exist_ok=True)
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    generate(args.out, args.n, args.seed)
