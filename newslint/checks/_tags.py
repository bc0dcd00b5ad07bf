"""The body's HTML tags as the rule families read them, indexed once per document.

Several rules (HTML001, HTML002, LNK001, LNK002) look only at opening tags that carry attributes;
most tags (`</p>`, `<b>`, `<li>`) have none. The list is built once per document, in `doc.memo`,
whichever rule asks first.
"""

from __future__ import annotations

from newslint.body import Tag
from newslint.document import Document


def attr_tags(doc: Document) -> list[Tag]:
    """The opening tags that have attributes, in document order."""
    got = doc.memo.get("tags:with_attrs")
    if got is None:
        got = doc.memo["tags:with_attrs"] = [t for t in doc.body.tags if t.attrs and not t.closing]
    return got  # type: ignore[no-any-return,unused-ignore]
