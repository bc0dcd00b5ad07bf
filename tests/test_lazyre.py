"""newslint.lazyre: a pattern compiled on first use behaves as the compiled pattern."""

from __future__ import annotations

import re

from newslint.lazyre import LazyPattern, lazy


def test_compiles_only_when_used_and_then_acts_as_the_pattern() -> None:
    p = lazy(r"(\d+)년", re.ASCII)
    assert isinstance(p, LazyPattern) and p._compiled is None
    assert p.pattern == r"(\d+)년"  # reading the source compiles nothing
    assert p._compiled is None
    assert p.search("지난 2024년").group(1) == "2024"
    assert p.flags & re.ASCII
    assert [m.group() for m in p.finditer("1년 2년")] == ["1년", "2년"]
    assert p.sub("N년", "3년") == "N년"


def test_a_method_once_looked_up_is_the_compiled_patterns_own() -> None:
    p = lazy("가")
    first = p.search
    assert p.search == first == p.compiled().search  # kept on the instance: no lookup through __getattr__
    assert "search" in vars(p) and "match" not in vars(p)
    assert p.match("가나") is not None and "match" in vars(p)


def test_an_unknown_attribute_is_still_an_error() -> None:
    p = lazy("x")
    try:
        p.no_such_method  # noqa: B018
    except AttributeError:
        pass
    else:
        raise AssertionError("expected AttributeError")
    assert "no_such_method" not in vars(p)
