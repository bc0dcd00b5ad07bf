"""Hangul helpers for particle agreement: final consonants, and how Latin letters are read aloud.

Korean particles have two shapes chosen by the sound just before them: 은/는, 이/가, 을/를,
과/와, 으로/로 (a ㄹ-final word takes 로, like a vowel), and the copula-based 이나/나, 이라고/라고,
이며/며…  This module only knows sounds; which text is the host is decided by the rules.
"""

from __future__ import annotations

from typing import NamedTuple

# The sound at the end of a host word.
VOWEL = "vowel"  # no final consonant: 나무 → 나무를
RIEUL = "rieul"  # final ㄹ: 서울 → 서울을, but 서울로
CONSONANT = "consonant"  # any other final consonant: 정책 → 정책을, 정책으로

_RIEUL_INDEX = 8  # ㄹ among the 28 final-consonant slots (0 = none)


def is_syllable(ch: str) -> bool:
    """A precomposed Hangul syllable (가–힣)."""
    return "가" <= ch <= "힣"


def final_index(ch: str) -> int:
    """Index of the syllable's final consonant (0 when it has none); `ch` must be a syllable."""
    return (ord(ch) - 0xAC00) % 28


def has_final(ch: str) -> bool:
    return is_syllable(ch) and final_index(ch) != 0


def is_rieul_final(ch: str) -> bool:
    return is_syllable(ch) and final_index(ch) == _RIEUL_INDEX


def sound_of(ch: str) -> str | None:
    """VOWEL, RIEUL or CONSONANT for a Hangul syllable; None for anything else."""
    if not is_syllable(ch):
        return None
    i = final_index(ch)
    if i == 0:
        return VOWEL
    return RIEUL if i == _RIEUL_INDEX else CONSONANT


# How each Latin letter ends when an acronym is spelled out letter by letter
# (엘, 엠, 엔, 알 end in a consonant; every other letter name ends in a vowel: 에이, 비, 씨, …).
_LETTER_END = {"L": RIEUL, "R": RIEUL, "M": CONSONANT, "N": CONSONANT}


def letter_sound(letter: str) -> str:
    """The sound at the end of a Latin letter's Korean name (A 에이 → VOWEL, L 엘 → RIEUL)."""
    return _LETTER_END.get(letter.upper(), VOWEL)


_VOWEL_LETTERS = frozenset("AEIOU")


def word_sounds(acronym: str) -> frozenset[str] | None:
    """Plausible end sounds when an all-caps acronym is read as a word (NATO 나토, ASEAN 아세안).

    None when the ending is too uncertain to say (LINE 라인 or 리네? HOT 핫 or 호트?).
    """
    last = acronym[-1]
    if last in "AIOUYW":
        return frozenset({VOWEL})
    if last == "E":
        # a silent e (LINE 라인, GAME 게임) or a spoken one (KOSPI… ) cannot be told apart
        return None if len(acronym) > 2 and acronym[-2] not in _VOWEL_LETTERS else frozenset({VOWEL})
    if last == "M":
        return frozenset({CONSONANT})
    if last == "N":
        return frozenset({CONSONANT})
    if last == "L":
        return frozenset({RIEUL})
    if last == "R":
        return frozenset({VOWEL})  # -er, -or, -ar: 네이버, 레이저
    if last in "CKQ":
        return frozenset({CONSONANT})  # 오펙, 에이펙, 코스닥
    if last in "SDFVZX":
        return frozenset({VOWEL})  # 브릭스, 코비드, 유니세프: an epenthetic 으
    return None  # B, G, H, J, P, T: 빅 or 비그, 핫 or 호트


def acronym_sounds(acronym: str, table: dict[str, str] | None = None) -> frozenset[str] | None:
    """Every sound an all-caps acronym may end with; None when that cannot be told.

    A table entry (NATO → 나토) wins. An acronym with no vowel letter is spelled out (KBS, HTML);
    one with vowels may be either spelled out or read as a word, so both readings count.
    """
    if table is not None:
        reading = table.get(acronym)
        if reading:
            s = sound_of(reading[-1])
            return frozenset({s}) if s else None
    spelled = letter_sound(acronym[-1])
    if not any(c in _VOWEL_LETTERS for c in acronym):
        return frozenset({spelled})
    word = word_sounds(acronym)
    if word is None:
        return None
    return word | {spelled}


class Particle(NamedTuple):  # a NamedTuple: made at import in a tenth of a frozen dataclass's time
    """One particle pair: the form after a consonant, the form after a vowel."""

    after_consonant: str
    after_vowel: str
    rieul_takes_vowel_form: bool = False  # 으로/로: 서울로, not 서울으로
    vowel_form_only_wrong_after_consonant: bool = False  # 이나/나: 사과이나 is the copula, not an error
    continuations: tuple[str, ...] = ("",)  # what may follow the particle in the same word

    def expected(self, sound: str) -> str:
        if sound == VOWEL or (sound == RIEUL and self.rieul_takes_vowel_form):
            return self.after_vowel
        return self.after_consonant

    def wrong(self, form: str, sound: str) -> bool:
        """Is `form` (one of the pair) wrong after a host ending in `sound`?"""
        right = self.expected(sound)
        if form == right:
            return False
        # 이나/이며/이라고 after a vowel: the copula 이 may stay
        return not (self.vowel_form_only_wrong_after_consonant and form == self.after_consonant)


_AND = ("", "의", "는", "도", "만")
_WITH = ("", "는", "도", "서", "써", "부터", "의", "서는", "써는", "서의", "서도", "만", "부터는")
_QUOTE = ("", "는", "도", "만")
PARTICLES: tuple[Particle, ...] = (
    Particle("은", "는"),
    Particle("이", "가"),
    Particle("을", "를"),
    Particle("과", "와", continuations=_AND),
    Particle("으로", "로", rieul_takes_vowel_form=True, continuations=_WITH),
    Particle("이나", "나", vowel_form_only_wrong_after_consonant=True),
    Particle("이라고", "라고", vowel_form_only_wrong_after_consonant=True, continuations=_QUOTE),
    Particle("이라는", "라는", vowel_form_only_wrong_after_consonant=True),
    Particle("이며", "며", vowel_form_only_wrong_after_consonant=True),
    Particle("이라도", "라도", vowel_form_only_wrong_after_consonant=True),
    Particle("이랑", "랑", vowel_form_only_wrong_after_consonant=True),
)


def _forms() -> list[tuple[str, Particle]]:
    out = [(p.after_consonant, p) for p in PARTICLES] + [(p.after_vowel, p) for p in PARTICLES]
    return sorted(out, key=lambda fp: -len(fp[0]))


_FORMS = _forms()
# The same forms by first letter, in the same order: most words start with no particle at all.
_FORMS_BY_FIRST: dict[str, list[tuple[str, Particle]]] = {}
for _fp in _FORMS:
    _FORMS_BY_FIRST.setdefault(_fp[0][0], []).append(_fp)


def split_particle(tail: str) -> tuple[str, Particle, str] | None:
    """Read `tail` (what follows a host in one word) as particle + allowed continuation.

    Longest form first: 으로부터 is 으로 + 부터, 이라고 is not 이 + 라고.
    """
    for form, p in _FORMS_BY_FIRST.get(tail[:1], ()):
        if tail.startswith(form) and tail[len(form):] in p.continuations:
            return form, p, tail[len(form):]
    return None


def agreement(tail: str, sounds: frozenset[str]) -> tuple[str, str] | None:
    """(written, expected) when the particle that starts `tail` is wrong for every sound in `sounds`."""
    found = split_particle(tail)
    if found is None or not sounds:
        return None
    form, p, _rest = found
    if not all(p.wrong(form, s) for s in sounds):
        return None
    rights = {p.expected(s) for s in sounds}
    if len(rights) != 1:
        return None
    return form, rights.pop()
