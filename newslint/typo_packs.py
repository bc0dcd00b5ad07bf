"""Rule packs for the typos family: word lists as YAML data, matched fast and checked by their own specs.

A pack is one YAML file (format in rules/README.md):

- `kind: substitution`: wrong → right, with a message (TYP001, fixable when there is one correction);
- `kind: existence`: terms that must not appear, with a message (TYP002).

Every entry carries examples that must be flagged (`flag`) and examples that must be left alone
(`pass`). They are run when the pack loads: a pack whose examples fail refuses to load, so a
newsroom never runs a list that misfires on its own examples.

Matching: all entries of the enabled packs go into one Aho-Corasick automaton (a search costs one
pass over the text whatever the number of entries); at a position the longest entry whose word
boundaries hold wins. Korean particles and endings attach to words, so by default an entry
must start a word (`left: word`) and may be followed by anything (`right: any`); `right: word` and
`right: particle` make the end stricter, `left: any` lets an always-wrong syllable (됬) match
inside a word.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from newslint.lazyre import lazy
from newslint.resources import rules_dir

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ten times faster on a big pack
KINDS = ("substitution", "existence")
LEFT_MODES = ("word", "any")
RIGHT_MODES = ("any", "word", "particle")
BUILTIN_GLOB = "typos-*.yaml"

# Particles (and the copula) that may follow a noun entry with `right: particle`.
_PARTICLES = (
    "이", "가", "을", "를", "은", "는", "의", "에", "에서", "에게", "께", "한테", "으로", "로", "와", "과",
    "도", "만", "까지", "부터", "이나", "나", "처럼", "보다", "조차", "마저", "밖에", "뿐", "이다", "다",
    "입니다", "이었다", "였다", "이라고", "라고", "이라는", "라는", "이며", "며", "요", "에는", "으로는",
    "로는", "에도", "과의", "와의", "이란", "란",
)
# The same by first letter: what _bounded looks for after an entry with `right: particle`.
_PARTICLES_BY_FIRST: dict[str, list[str]] = {
    first: [p for p in _PARTICLES if p[0] == first] for first in dict.fromkeys(p[0] for p in _PARTICLES)}


class PackError(Exception):
    """A pack that cannot be used: bad YAML, a missing field, or an example that fails."""

    def __init__(self, message: str, kind: str = "") -> None:
        super().__init__(message)
        self.kind = kind  # the pack's kind when it could be read, so the right rule reports it


# Records that never change (Pack's entries are filled in once, as it is read): NamedTuples, each made at
# import in a tenth of the time a dataclass takes (whose methods are generated and compiled then).
class Entry(NamedTuple):
    pack: str
    wrong: str
    right: tuple[str, ...]  # empty for existence entries
    message: str
    flag: tuple[str, ...]
    pass_: tuple[str, ...]
    left: str = "word"
    right_mode: str = "any"
    position: int = 0  # of the entry in its pack (the forms of an entry with several wrong forms share it)

    @property
    def fix(self) -> str | None:
        """The replacement of a safe fix: only when there is exactly one correction."""
        return self.right[0] if len(self.right) == 1 else None


class Pack(NamedTuple):
    name: str
    kind: str
    path: str
    entries: list[Entry]
    ignore_case: bool = False
    description: str = ""


class Hit(NamedTuple):
    start: int
    end: int
    entry: Entry


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _fold(text: str) -> str:
    """Lower case, one character for one, so match positions stay positions in `text`.

    A few characters lower to two (İ → i̇); they are kept as written, which loses nothing: no entry
    can match through them (re.IGNORECASE's simple folding did not either, once looked up).
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class Matcher:
    """All entries of some packs in one Aho-Corasick automaton; yields the longest entry at each position.

    The automaton (ahocorasick-rs, Rust) finds every occurrence of every entry in one pass over the text,
    whatever the number of entries. Occurrences are then taken from left to right: at each start the
    longest entry whose word boundaries hold wins, and the search goes on after it.
    """

    def __init__(self, entries: Iterable[Entry], ignore_case: bool = False) -> None:
        self.ignore_case = ignore_case
        self.by_wrong: dict[str, list[Entry]] = {}
        for e in entries:
            key = _fold(e.wrong) if ignore_case else e.wrong
            self.by_wrong.setdefault(key, []).append(e)
        self._keys = list(self.by_wrong)
        self._automaton = _automaton(self._keys) if self._keys else None
        self._joinable = not any("\n" in k for k in self._keys)  # see find_joined
        self._searches = 0  # find_joined calls so far: see _occurrences
        self._dfa: Any = None

    def find(self, text: str) -> Iterator[Hit]:
        if self._automaton is None:
            return
        hay = _fold(text) if self.ignore_case else text
        for start, end, e in self._longest(text, _search(self._automaton, hay)):
            yield Hit(start, end, e)

    def find_joined(self, text: str, starts: Sequence[int],
                    utf8: Callable[[], bytes] | None = None) -> list[tuple[int, Hit]]:
        """(k, hit) for every hit find() gives in text k, where `text` is the texts joined by line breaks,
        text k starting at starts[k]; hit positions are in text k. One automaton pass for all the texts.
        `utf8`, when given, returns text.encode() (a caller that keeps it for other uses).

        The same hits, in the same order (text by text): no entry holds a line break, so no occurrence
        crosses two texts (one position past the last hit serves them all), and a line break is no word
        character, like the edge of a text, so every word boundary test answers as before. An entry that
        does hold one makes the texts go one by one.
        """
        if self._automaton is None:
            return []
        if not self._joinable:
            return self._find_each(text, starts)
        hay = _fold_joined(text, starts) if self.ignore_case else text
        out: list[tuple[int, Hit]] = []
        for start, end, e in self._longest(text, self._occurrences(hay, None if self.ignore_case else utf8)):
            k = bisect_right(starts, start) - 1
            out.append((k, Hit(start - starts[k], end - starts[k], e)))
        return out

    def _longest(self, text: str, occurrences: list[tuple[int, int, int]]) -> Iterator[tuple[int, int, Entry]]:
        """(start, end, entry) from left to right: at each start the longest entry whose word boundaries
        hold in `text`, the search going on after it."""
        keys, by_wrong = self._keys, self.by_wrong
        pos = 0
        # Every occurrence of every entry, as (start, -length, key): per start the longest comes first.
        for start, neg_n, key in sorted((start, start - end, keys[i]) for i, start, end in occurrences):
            if start < pos:
                continue
            end = start - neg_n
            for e in by_wrong[key]:
                if _bounded(text, start, end, e):
                    yield start, end, e
                    pos = end
                    break

    def _occurrences(self, hay: str, utf8: Callable[[], bytes] | None = None) -> list[tuple[int, int, int]]:
        """(key index, start, end) of every occurrence of every key in `hay`, in any order.

        A run over many articles switches to a DFA over the UTF-8 bytes, twice as fast a search but
        a few milliseconds to build: built after _DFA_AFTER searches, when a one-file run is done.
        Both find every occurrence; byte positions are turned back into character positions.
        """
        self._searches += 1
        if self._searches == _DFA_AFTER:
            self._dfa = _automaton(self._keys, dfa=True)
        if self._dfa is None:
            return _search(self._automaton, hay)
        try:
            enc = hay.encode() if utf8 is None else utf8()
        except UnicodeEncodeError:  # a lone surrogate: the search around it
            return _search(self._automaton, hay)
        found: list[tuple[int, int, int]] = self._dfa.find_matches_as_indexes(enc, overlapping=True)
        if not found or len(enc) == len(hay):
            return found  # ASCII: bytes are characters
        chars, last_b, last_c = {}, 0, 0
        for b in sorted({b for _i, s, e in found for b in (s, e)}):  # every one at a character's start
            last_c += len(enc[last_b:b].decode())
            last_b = b
            chars[b] = last_c
        return [(i, chars[s], chars[e]) for i, s, e in found]

    def _find_each(self, text: str, starts: Sequence[int]) -> list[tuple[int, Hit]]:
        return [(k, h) for k, piece in enumerate(_split_joined(text, starts)) for h in self.find(piece)]


def _split_joined(text: str, starts: Sequence[int]) -> list[str]:
    """The texts that joined by line breaks make `text`, text k starting at starts[k]."""
    ends = [s - 1 for s in starts[1:]] + [len(text)]
    return [text[s:e] for s, e in zip(starts, ends, strict=True)]


def _fold_joined(text: str, starts: Sequence[int]) -> str:
    """What joining each text's _fold() gives, usually one lower() of the whole.

    When lower() keeps the length, every character lowers to one, in each text as in the whole; the
    only letter lowered by its context, a final sigma, sees a line break as it sees the edge of a text.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "\n".join(map(_fold, _split_joined(text, starts)))


# What lies between lone surrogates: the automaton takes text it can encode as UTF-8, and no entry holds one.
_NO_SURROGATE = lazy(r"[^\ud800-\udfff]+")


def _search(automaton: Any, hay: str) -> list[tuple[int, int, int]]:
    """(key index, start, end) of every occurrence of every key in `hay`.

    Text read from a file is valid UTF-8; text given in memory (load_text) may hold a lone surrogate,
    which the automaton refuses: the text between them is searched piece by piece.
    """
    try:
        found: list[tuple[int, int, int]] = automaton.find_matches_as_indexes(hay, overlapping=True)
    except UnicodeEncodeError:
        found = []
        for piece in _NO_SURROGATE.finditer(hay):
            at = piece.start()
            found.extend((i, at + s, at + e) for i, s, e in automaton.find_matches_as_indexes(piece.group(),
                                                                                            overlapping=True))
    return found


_DFA_AFTER = 128  # searches: about what building the DFA costs in the time it saves on each


def _automaton(words: list[str], dfa: bool = False) -> Any:
    import ahocorasick_rs  # deferred: only a run with a typos rule pays for it

    if dfa:
        return ahocorasick_rs.BytesAhoCorasick([w.encode() for w in words],
                                              implementation=ahocorasick_rs.Implementation.DFA)
    return ahocorasick_rs.AhoCorasick(words)


def _bounded(text: str, start: int, end: int, e: Entry) -> bool:
    if e.left == "word" and start > 0 and _word_char(text[start - 1]):
        return False
    if e.right_mode == "any" or end >= len(text) or not _word_char(text[end]):
        return True
    return e.right_mode == "particle" and _particle_at(text, end)


def _particle_at(text: str, i: int) -> bool:
    """A particle (or the copula) starts at text[i] and ends a word: (?:이|가|…)(?!\\w), without an
    alternation of 48 words to compile (a millisecond) for a pre-commit check."""
    return any(text.startswith(p, i) and (i + len(p) == len(text) or not _word_char(text[i + len(p)]))
               for p in _PARTICLES_BY_FIRST.get(text[i], ()))


# --------------------------------------------------------------------------- loading


def _strings(where: str, value: Any, required: bool = True) -> tuple[str, ...]:
    if value is None:
        if required:
            raise PackError(f"{where}: missing")
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise PackError(f"{where}: expected a text or a list of texts, got {value!r}")
    if required and not value:
        raise PackError(f"{where}: empty")
    return tuple(value)


def _choice(where: str, value: Any, choices: Sequence[str], default: str) -> str:
    if value is None:
        return default
    if value not in choices:
        raise PackError(f"{where}: {value!r} is not one of {', '.join(choices)}")
    return str(value)


_PACK_KEYS = {"name", "kind", "description", "language", "ignore-case", "left", "right", "entries"}
_ENTRY_KEYS = {"wrong", "right", "term", "message", "flag", "pass", "left", "right-boundary"}


def parse_pack(data: Any, path: str) -> Pack:
    """A Pack from parsed YAML; PackError says what is wrong and where."""
    if not isinstance(data, dict):
        raise PackError(f"{path}: a pack is a mapping with kind and entries")
    unknown = set(data) - _PACK_KEYS
    if unknown:
        raise PackError(f"{path}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    name = data.get("name") or Path(path).stem
    kind = _choice(f"{path}: kind", data.get("kind"), KINDS, "")
    if not kind:
        raise PackError(f"{path}: kind is missing (substitution or existence)")
    left = _choice(f"{path}: left", data.get("left"), LEFT_MODES, "word")
    right = _choice(f"{path}: right", data.get("right"), RIGHT_MODES, "any")
    pack = Pack(str(name), kind, path, [], ignore_case=bool(data.get("ignore-case", False)),
                description=str(data.get("description", "")))
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise PackError(f"{path}: entries must be a non-empty list")
    for i, raw in enumerate(raw_entries):
        pack.entries.extend(_parse_entry(pack, i, f"{path}: entries[{i}]", raw, left, right))
    return pack


def _parse_entry(pack: Pack, position: int, where: str, raw: Any, left: str, right: str) -> list[Entry]:
    if not isinstance(raw, dict):
        raise PackError(f"{where}: an entry is a mapping")
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise PackError(f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    if pack.kind == "substitution":
        wrongs = _strings(f"{where}: wrong", raw.get("wrong"))
        rights = _strings(f"{where}: right", raw.get("right"))
    else:
        wrongs = _strings(f"{where}: term", raw.get("term"))
        rights = ()
    where = f"{where} ({wrongs[0]})"
    message = raw.get("message")
    if not isinstance(message, str) or not message.strip():
        raise PackError(f"{where}: message is missing")
    flag = _strings(f"{where}: flag", raw.get("flag"))
    pass_ = _strings(f"{where}: pass", raw.get("pass"))
    e_left = _choice(f"{where}: left", raw.get("left"), LEFT_MODES, left)
    e_right = _choice(f"{where}: right-boundary", raw.get("right-boundary"), RIGHT_MODES, right)
    for w in wrongs:
        if w != w.strip():
            raise PackError(f"{where}: {w!r} starts or ends with a space")
        if w in rights:
            raise PackError(f"{where}: {w!r} is its own correction")
    return [Entry(pack.name, w, rights, message.strip(), flag, pass_, e_left, e_right, position) for w in wrongs]


def spec_failures(pack: Pack) -> list[str]:
    """Each entry's examples, run against the whole pack: what fails, in an editor's words."""
    matcher = Matcher(pack.entries, pack.ignore_case)
    fails: list[str] = []
    seen: set[int] = set()
    for e in pack.entries:
        if e.position in seen:
            continue
        seen.add(e.position)
        for ex in e.flag:
            hits = [h for h in matcher.find(ex) if h.entry.position == e.position]
            if not hits:
                fails.append(f"{e.wrong}: the example {ex!r} must be flagged and is not")
                continue
            h = hits[0]
            fix = h.entry.fix
            if fix is not None:
                fixed = ex[: h.start] + fix + ex[h.end :]
                if any(h2.entry.position == e.position for h2 in matcher.find(fixed)):
                    fails.append(f"{e.wrong}: the corrected example {fixed!r} is flagged again")
        for ex in e.pass_:
            bad = list(matcher.find(ex))
            if bad:
                fails.append(f"{e.wrong}: the example {ex!r} must be left alone, but "
                             f"{ex[bad[0].start:bad[0].end]!r} is flagged")
    return fails


def load_pack(path: Path) -> Pack | None:
    """A checked pack from a file; None when the file is not a typos pack (another family's YAML).

    Kept ready-made between runs (newslint.datacache) while the file is unchanged: reading and
    checking the built-in Korean lists costs more than checking a few articles.
    """
    import hashlib

    from newslint import datacache

    kind = "typo-pack-" + hashlib.blake2b(str(path.resolve()).encode(), digest_size=6).hexdigest()
    return datacache.load(kind, [path], lambda: _read_pack(path))


def _read_pack(path: Path) -> Pack | None:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise PackError(f"{path}: cannot be read as YAML: {exc}") from None
    if not isinstance(data, dict) or data.get("kind") not in KINDS:
        if isinstance(data, dict) and "entries" in data and "kind" not in data:
            raise PackError(f"{path}: kind is missing (substitution or existence)")
        return None
    kind = str(data["kind"])
    try:
        pack = parse_pack(data, str(path))
    except PackError as exc:
        raise PackError(str(exc), kind) from None
    fails = spec_failures(pack)
    if fails:
        more = f" (and {len(fails) - 3} more)" if len(fails) > 3 else ""
        raise PackError(f"rule pack {pack.name!r} ({path}) refuses to load, its examples fail: "
                        + "; ".join(fails[:3]) + more, kind)
    return pack


def builtin_pack_files() -> list[Path]:
    return sorted(rules_dir().glob(BUILTIN_GLOB))


def _folder_files(folder: str) -> list[Path]:
    p = Path(folder)
    return sorted([*p.glob("*.yaml"), *p.glob("*.yml")])


_PACK_CACHE: dict[str, Pack | None] = {}


def _cached(path: Path) -> Pack | None:
    key = str(path)
    if key not in _PACK_CACHE:
        _PACK_CACHE[key] = load_pack(path)
    return _PACK_CACHE[key]


class PackSet(NamedTuple):
    packs: list[Pack]
    errors: list[tuple[str, str]]  # (kind or "", message) of packs that refused to load
    substitution: list[Matcher]
    existence: list[Matcher]


_SETS: dict[tuple[tuple[str, ...], tuple[str, ...]], PackSet] = {}


def pack_set(extra_folders: Sequence[str] = (), disabled: Sequence[str] = ()) -> PackSet:
    """The enabled packs (built-in, then the newsroom's folders, minus `disabled` names), cached."""
    key = (tuple(extra_folders), tuple(disabled))
    got = _SETS.get(key)
    if got is not None:
        return got
    packs: list[Pack] = []
    errors: list[tuple[str, str]] = []
    off = set(disabled)
    files = builtin_pack_files() + [f for folder in extra_folders for f in _folder_files(folder)]
    for f in files:
        try:
            pack = _cached(f)
        except PackError as exc:
            errors.append((exc.kind, str(exc)))
            continue
        if pack is not None and pack.name not in off:
            packs.append(pack)
    got = PackSet(packs, errors, _matchers(packs, "substitution"), _matchers(packs, "existence"))
    _SETS[key] = got
    return got


def _matchers(packs: list[Pack], kind: str) -> list[Matcher]:
    out = []
    for ignore_case in (False, True):
        entries = [e for p in packs if p.kind == kind and p.ignore_case == ignore_case for e in p.entries]
        if entries:
            out.append(Matcher(entries, ignore_case))
    return out
