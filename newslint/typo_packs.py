"""Rule packs for the typos family: word lists as YAML data, matched fast and checked by their own specs.

A pack is one YAML file (format in rules/README.md):

- `kind: substitution`: wrong → right, with a message (TYP001, fixable when there is one correction);
- `kind: existence`: terms that must not appear, with a message (TYP002).

Every entry carries examples that must be flagged (`flag`) and examples that must be left alone
(`pass`). They are run when the pack loads: a pack whose examples fail refuses to load, so a
newsroom never runs a list that misfires on its own examples.

Matching: all entries of the enabled packs become one trie-shaped regex (a search costs about one
pass over the text whatever the number of entries); the longest entry wins at a position, then its
word boundaries are checked. Korean particles and endings attach to words, so by default an entry
must start a word (`left: word`) and may be followed by anything (`right: any`); `right: word` and
`right: particle` make the end stricter, `left: any` lets an always-wrong syllable (됬) match
inside a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

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
_PARTICLE_RE = re.compile("(?:" + "|".join(sorted(_PARTICLES, key=len, reverse=True)) + r")(?!\w)")


class PackError(Exception):
    """A pack that cannot be used: bad YAML, a missing field, or an example that fails."""

    def __init__(self, message: str, kind: str = "") -> None:
        super().__init__(message)
        self.kind = kind  # the pack's kind when it could be read, so the right rule reports it


@dataclass(frozen=True)
class Entry:
    pack: str
    wrong: str
    right: tuple[str, ...]  # empty for existence entries
    message: str
    flag: tuple[str, ...]
    pass_: tuple[str, ...]
    left: str = "word"
    right_mode: str = "any"
    index: int = 0  # position of the entry in its pack (entries with several wrong forms share it)

    @property
    def fix(self) -> str | None:
        """The replacement of a safe fix: only when there is exactly one correction."""
        return self.right[0] if len(self.right) == 1 else None


@dataclass
class Pack:
    name: str
    kind: str
    path: str
    entries: list[Entry] = field(default_factory=list)
    ignore_case: bool = False
    description: str = ""


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    entry: Entry


# Hangul syllables frequent in Korean prose (the first line: the commonest false starts of the built-in
# lists over the corpus; the second: common syllables in general): see Matcher._split. Only speed
# depends on this list, never a result.
_COMMON_SYLLABLES = frozenset("다의에을하로가고지서해있수사인리스으도어자전들요할부성주되아트비개구나안통화우동"
                              "이는기한를대정시적일보제니것여게장상면과국라경만원와소그무히내")


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Matcher:
    """All entries of some packs as one regex; yields the longest entry at each position."""

    def __init__(self, entries: Iterable[Entry], ignore_case: bool = False) -> None:
        self.ignore_case = ignore_case
        self.by_wrong: dict[str, list[Entry]] = {}
        for e in entries:
            key = e.wrong.lower() if ignore_case else e.wrong
            self.by_wrong.setdefault(key, []).append(e)
        self.regex = re.compile(trie_pattern(self.by_wrong), re.IGNORECASE if ignore_case else 0) \
            if self.by_wrong else None
        self.split = self._split() if self.regex is not None and not ignore_case else None

    def _split(self) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
        """The trie as two regexes: entries starting with a common Hangul syllable, and the rest.

        At a position where the first letter matches but the entry does not, the regex engine tries
        every other first letter before giving up (hundreds in the Korean lists): that, not the scan,
        was most of the cost. Common syllables are where most such false starts happen, so they get a
        short list of their own; the rare ones fail seldom. Each position's letter belongs to one of
        the two, so the leftmost match of either is the one the single regex finds.
        """
        common = {w for w in self.by_wrong if w[:1] in _COMMON_SYLLABLES}
        if not common or len(common) == len(self.by_wrong):
            return None
        rest = [w for w in self.by_wrong if w not in common]
        return re.compile(trie_pattern(common)), re.compile(trie_pattern(rest))

    def find(self, text: str) -> Iterator[Hit]:
        if self.regex is None:
            return
        if self.split is not None:
            yield from self._find_split(text, *self.split)
            return
        pos = 0
        search = self.regex.search
        while True:
            m = search(text, pos)
            if m is None:
                return
            hit = self._best(text, m.start(), m.group())
            if hit is None:
                pos = m.start() + 1
                continue
            yield hit
            pos = hit.end

    def _find_split(self, text: str, a: re.Pattern[str], b: re.Pattern[str]) -> Iterator[Hit]:
        """`find` over the two halves of the trie: each keeps its next match, the leftmost goes first."""
        ma, mb = a.search(text), b.search(text)
        while ma is not None or mb is not None:
            m = ma if mb is None or (ma is not None and ma.start() < mb.start()) else mb
            assert m is not None
            hit = self._best(text, m.start(), m.group())
            pos = m.start() + 1 if hit is None else hit.end
            if hit is not None:
                yield hit
            if ma is not None and ma.start() < pos:
                ma = a.search(text, pos)
            if mb is not None and mb.start() < pos:
                mb = b.search(text, pos)

    def _best(self, text: str, start: int, found: str) -> Hit | None:
        """The longest entry starting at `start` whose boundaries hold (a prefix of `found`)."""
        key = found.lower() if self.ignore_case else found
        for n in range(len(key), 0, -1):
            for e in self.by_wrong.get(key[:n], ()):
                if _bounded(text, start, start + n, e):
                    return Hit(start, start + n, e)
        return None


def _bounded(text: str, start: int, end: int, e: Entry) -> bool:
    if e.left == "word" and start > 0 and _word_char(text[start - 1]):
        return False
    if e.right_mode == "any" or end >= len(text) or not _word_char(text[end]):
        return True
    return e.right_mode == "particle" and _PARTICLE_RE.match(text, end) is not None


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of `words`, shaped as a trie so the engine never backtracks far.

    At each node longer continuations come before the end of a word, so the match is the longest.
    """
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_pattern(root)


def _node_pattern(node: dict[str, Any]) -> str:
    ends = "" in node
    alts = [re.escape(ch) + _node_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if ends:
        return f"(?:{body})?"
    return body


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
    pack = Pack(str(name), kind, path, ignore_case=bool(data.get("ignore-case", False)),
                description=str(data.get("description", "")))
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise PackError(f"{path}: entries must be a non-empty list")
    for i, raw in enumerate(raw_entries):
        pack.entries.extend(_parse_entry(pack, i, f"{path}: entries[{i}]", raw, left, right))
    return pack


def _parse_entry(pack: Pack, index: int, where: str, raw: Any, left: str, right: str) -> list[Entry]:
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
    return [Entry(pack.name, w, rights, message.strip(), flag, pass_, e_left, e_right, index) for w in wrongs]


def spec_failures(pack: Pack) -> list[str]:
    """Each entry's examples, run against the whole pack: what fails, in an editor's words."""
    matcher = Matcher(pack.entries, pack.ignore_case)
    fails: list[str] = []
    seen: set[int] = set()
    for e in pack.entries:
        if e.index in seen:
            continue
        seen.add(e.index)
        for ex in e.flag:
            hits = [h for h in matcher.find(ex) if h.entry.index == e.index]
            if not hits:
                fails.append(f"{e.wrong}: the example {ex!r} must be flagged and is not")
                continue
            h = hits[0]
            fix = h.entry.fix
            if fix is not None:
                fixed = ex[: h.start] + fix + ex[h.end :]
                if any(h2.entry.index == e.index for h2 in matcher.find(fixed)):
                    fails.append(f"{e.wrong}: the corrected example {fixed!r} is flagged again")
        for ex in e.pass_:
            bad = list(matcher.find(ex))
            if bad:
                fails.append(f"{e.wrong}: the example {ex!r} must be left alone, but "
                             f"{ex[bad[0].start:bad[0].end]!r} is flagged")
    return fails


def load_pack(path: Path) -> Pack | None:
    """A checked pack from a file; None when the file is not a typos pack (another family's YAML)."""
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


@dataclass
class PackSet:
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
