"""A regular expression compiled on first use, so importing a rule module stays cheap.

Compiling a class such as [가-힣] walks its 11,172 code points in Python (about a millisecond
each time); a module with a dozen such patterns would make every run, even a pre-commit hook
on one English file, pay for all of them. `lazy(...)` behaves like the compiled pattern
(`.search`, `.finditer`, `.pattern`…) and compiles it when one of those is first asked for.
"""

from __future__ import annotations

import re
from typing import Any, cast


class LazyPattern:
    # __dict__ holds the compiled pattern's methods once looked up (see __getattr__).
    __slots__ = ("_source", "_flags", "_compiled", "__dict__")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    @property
    def pattern(self) -> str:
        return self._source

    def __getattr__(self, name: str) -> Any:  # search, match, finditer, findall, sub…
        # Python calls this only for a name the instance does not have. Keeping the compiled pattern's
        # bound method makes every later `.search` a plain attribute read: rules call these patterns in
        # loops, where going through here each time cost about 4 microseconds a call.
        value = getattr(self.compiled(), name)
        self.__dict__[name] = value
        return value


def lazy(source: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled on first use; typed as the pattern it stands in for."""
    return cast("re.Pattern[str]", LazyPattern(source, flags))
