"""The html family's fast paths (issue 8) answer exactly as the slower code they replaced."""

from __future__ import annotations

import random

from newslint.checks import html as html_rules
from newslint.testing import lint

_RND = random.Random(8)


def test_one_search_for_both_kinds_of_rare_character() -> None:
    names, _runs = html_rules._invisible()
    alphabet = list("가a \n") + list(names) + ["\u4e00", "\u3400", "\u4dbf", "\u4dc0", "\U00020000", "\uf900"]
    one, han = html_rules._invisible_one(), html_rules._HAN_ONE
    for _ in range(5000):
        s = "".join(_RND.choice(alphabet) for _ in range(_RND.randint(0, 12)))
        both = one.search(s) is None and han.search(s) is None
        assert (html_rules._rare_chars().search(s) is None) == both, repr(s)


def test_tables_outside_the_table_region_are_ignored_as_before() -> None:
    bold_header = "<table><tr><td><b>a</b></td><td><b>b</b></td></tr><tr><td>1</td><td>2</td></tr></table>"
    cases = {f"<p>x</p>\n{bold_header}\n<p>y</p>": 1, f"<TABLE>{bold_header[7:-8]}</Table>": 1,
             bold_header[:-8]: 0, f"<table>{bold_header}</table>": 0, "<p>no table</p>": 0,
             f"{bold_header}<table><tr><td>x</td></tr>": 1}
    for text, expected in cases.items():
        found = lint(f"---\ntitle: t\n---\n\n{text}\n", select=["HTML004"])
        assert len(found) == expected, text


def test_empty_paragraphs_found_after_the_first_character_test() -> None:
    text = "<p>&nbsp;</p>\n<p> <br> </p>\n<p>\u200b</p>\n<p>글</p>\n<p><b> </b></p>\n<p>x&nbsp;</p>"
    found = lint(f"---\ntitle: t\n---\n\n{text}\n", select=["HTML003"], config={"rules": {"HTML003": {"report_each": True}}})
    assert [d.line for d in found] == [5, 6, 7, 9]


def test_table_first_row_read_as_before() -> None:
    # Only the first row's cells are judged; a </tr> does not close a cell left open (its text runs on).
    cases = {"<table><tr><td><b>a</b></td><td><b>b</b></tr> x <tr><td>1</td><td>2</td></table>": 0,
             "<table><tr><td><b>a</b></td><td><b>b</b></td></tr> x <tr><td>1</td><td>2</td></table>": 1,
             "<table><td><b>a</b><td><b>b</b><tr><td>1<td>2</table>": 1,
             "<table><tr><td><b>a</b> <table><tr><td>x</td></tr></table></td><td><strong>b</strong></td></tr>"
             "<tr><td>1</td><td>2</td></tr></table>": 1,
             "<table><tr><td style='font-weight:bold'>a</td><td><b>b</b>&nbsp;</td></tr>"
             "<tr><td>1</td><td>2</td></tr></table>": 1,
             "<table><tr><td><b>a</b></td><td>b</td></tr><tr><td><b>1</b></td><td><b>2</b></td></tr></table>": 0,
             "<table><tr><td><b>a</b></td><td><b>b</b></td></tr><tr><td>1</td><td>2</td></tr><tr><th>x</th></tr>"
             "</table>": 0}
    for text, expected in cases.items():
        found = lint(f"---\ntitle: t\n---\n\n{text}\n", select=["HTML004"])
        assert len(found) == expected, text
