"""An article's prose segments joined into one string, so a rule scans the article with one regex call.

Most paragraphs hold nothing a rule looks for; one search over the whole prose proves that at C
speed, where a search per segment pays Python's call overhead some fifty times per article. A hit
is mapped back to its segment (`locate`) and handled there exactly as before.

The segments are joined with a line break. That is only safe for patterns that never consume a
line break and whose look-arounds treat one like the edge of the text (a line break is not a
letter, a digit, a word character or a symbol the pattern looks for): then the matches over the
joined text are the matches of each segment, shifted by the segment's start.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, repeat
from operator import add

from newslint.document import Document
from newslint.prose import Segment, prose_segments

SEP = "\n"


@dataclass(slots=True)
class Joined:
    """The prose segments of one article joined into one text."""

    text: str  # the segment texts joined by SEP
    starts: list[int]  # where each segment starts in text
    segs: list[Segment]  # prose_segments(doc), in the same order

    def locate(self, i: int) -> int:
        """Index of the segment that holds text[i]."""
        return bisect_right(self.starts, i) - 1


def joined_prose(doc: Document) -> Joined:
    """prose_segments(doc) as one Joined string (memoized per document)."""
    found = doc.memo.get("joined:prose")
    if found is None:
        segs = prose_segments(doc)
        texts = [s.text for s in segs]
        starts = list(accumulate(map(add, map(len, texts), repeat(len(SEP))), initial=0))  # at C speed
        starts.pop()
        found = Joined(SEP.join(texts), starts, segs)
        doc.memo["joined:prose"] = found
    return found  # type: ignore[no-any-return,unused-ignore]
