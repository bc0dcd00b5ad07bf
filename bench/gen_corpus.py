"""Generate a seeded corpus of news articles with known defects, for bench/run.py.

The articles have the shape of ../shared/examples/breaking-news-ko.md: YAML front matter
(title, categories, excerpt, feature_text, image) and a Tistory-style HTML body
(`data-ke-size` attributes, tables with inline styles, lists, a `rel="dofollow"` footer
link); some have Markdown bodies, some are in English. Each is 1.4–16 KB. The prose is
made from the word lists below (no corpus text is copied).

Defects are injected at known rates (`DEFECTS`); `manifest.json` in the output folder
lists, per article, every defect and the newslint rule that should report it, so the
runner can report recall. The same seed and count always give the same bytes, and the
first k articles do not depend on the count (each article has its own seeded generator).

    python bench/gen_corpus.py [OUT] [-n 10000] [--seed 1]

writes OUT/articles/NNN/2024-MM-DD-slug-I.md and OUT/manifest.json (OUT: bench/.corpus).
"""

from __future__ import annotations

import argparse
import json
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

MIN_BYTES, MAX_BYTES = 1400, 16_000

# Article kinds: (language, body format), with their share of the corpus.
KINDS = (("ko", "html", 0.60), ("ko", "md", 0.20), ("en", "html", 0.10), ("en", "md", 0.10))

# kind → (newslint rule, probability per article, languages, body formats, description).
# Rates are per article of the languages/formats listed; structural defects of the
# Tistory shape (editor attributes, inline styles, header-less tables, dofollow links,
# bare URL link text) follow from the template and are listed in the manifest as well.
DEFECTS: dict[str, tuple[str, float, str, str, str]] = {
    "excerpt_is_feature_text": ("DUP001", 0.30, "ko en", "html md", "excerpt and feature_text are the same text"),
    "yaml_error_in_title": ("NL006", 0.02, "ko en", "html md", "an unquoted ': ' or '[label] …' in the title"),
    "placeholder_image": ("IMG005", 0.05, "ko en", "html md", "a body image from a placeholder service"),
    "missing_alt": ("IMG006", 0.08, "ko en", "html md", "a body image without alt text"),
    "meaningless_alt": ("IMG007", 0.03, "ko en", "html md", "alt text that is a file name"),
    "insecure_image": ("IMG002", 0.03, "ko en", "html md", "an image loaded over http://"),
    "heading_skip": ("HD002", 0.10, "ko en", "html md", "h2 followed by h4"),
    "empty_heading": ("HD003", 0.02, "ko en", "html md", "a heading with no words"),
    "h1_in_body": ("HD001", 0.03, "ko en", "html md", "an h1 in the body"),
    "invisible_char": ("HTML005", 0.05, "ko en", "html md", "a zero-width space inside a word"),
    "empty_paragraph": ("HTML003", 0.10, "ko en", "html", "<p>&nbsp;</p> used as spacing"),
    "misspelling_ko": ("TYP001", 0.15, "ko", "html md", "a word from rules/typos-ko.yaml written wrong"),
    "ending_spacing_ko": ("TYP003", 0.05, "ko", "html md", "'-ㄹ 지' written apart"),
    "misspelling_en": ("TYP006", 0.15, "en", "html md", "an English misspelling from codespell's list"),
    "repeated_word": ("TYP005", 0.03, "ko en", "html md", "a word written twice in a row"),
    "insecure_link": ("LNK007", 0.04, "ko en", "html md", "a link over http://"),
}
STRUCTURAL = {
    "editor_attributes": "HTML001",  # data-ke-size on Tistory bodies
    "inline_style": "HTML002",  # styled table cells
    "table_without_header": "HTML004",  # tables without <th>
    "invalid_rel": "LNK001",  # rel="dofollow" footer link
    "bare_url_text": "LNK008",  # the footer link's text is its address
}

# Misspellings taken from rules/typos-ko.yaml (tests/test_bench_gen.py checks they are still
# there): wrong form, right form. Each is used as a word followed by a space.
KO_TYPOS = (("곰곰히", "곰곰이"), ("깨끗히", "깨끗이"), ("일일히", "일일이"), ("낱낱히", "낱낱이"),
            ("꼼꼼이", "꼼꼼히"), ("더우기", "더욱이"), ("일찌기", "일찍이"), ("솔직이", "솔직히"))
KO_TYPO_SENTENCES = ("당국은 관련 서류를 {w} 확인하겠다고 말했습니다.", "조사단은 의혹을 {w} 밝히겠다고 약속했습니다.",
                     "{w} 시장의 반응은 엇갈렸습니다.")
# English misspellings from codespell's dictionary (rules/typos-en-codespell.yaml).
EN_TYPOS = ("goverment", "recieve", "occured", "seperate", "untill", "accomodate", "publically", "wich")

# --------------------------------------------------------------------------- Korean word lists

KO_PLACES = ("서울", "부산", "인천", "대구", "광주", "대전", "울산", "세종", "수원", "창원", "청주", "전주", "포항", "제주",
             "춘천", "강릉", "목포", "여수", "안동", "경주", "천안", "원주", "김해", "구미", "군산", "진주", "평택", "속초",
             "도쿄", "베이징", "워싱턴", "런던", "파리", "베를린", "모스크바", "하노이", "방콕", "시드니", "뉴델리", "오타와")
KO_ACTORS = ("정부", "국회", "시청", "교육청", "경찰", "소방당국", "환경부", "국토교통부", "보건당국", "법원", "검찰",
             "한국은행", "금융위원회", "중소기업단체", "노동조합", "시민단체", "대학 연구진", "지방의회", "관광공사",
             "기상청", "해양경찰", "산림청", "농협", "공정거래위원회", "통계청", "문화재단", "도시공사", "교통공사",
             "선거관리위원회", "국립박물관")
KO_ONE_WORD_ACTORS = tuple(a for a in KO_ACTORS if " " not in a)
KO_TOPICS = ("예산안", "교통 대책", "주택 공급", "물가 안정", "일자리 사업", "청년 지원", "교육 개편", "의료 개혁",
             "탄소 감축", "수출 회복", "관광 활성화", "재난 대응", "치안 강화", "복지 확대", "전력 수급", "수질 관리",
             "도시 재생", "농산물 가격", "반도체 투자", "항만 개발")
KO_NOUNS = ("계획", "방안", "조치", "협약", "지원책", "보고서", "결과", "일정", "기준", "점검", "합의", "협력", "투자",
            "개선안", "사업", "조사", "논의", "대책", "성과", "전략")
KO_VERBS = ("발표했습니다", "밝혔습니다", "공개했습니다", "확정했습니다", "추진하기로 했습니다", "검토하고 있습니다",
            "강조했습니다", "설명했습니다", "마련했습니다", "내놓았습니다")
KO_ADVERBS = ("이번 주", "지난달", "올해 상반기", "내년까지", "단계적으로", "본격적으로", "처음으로", "공식적으로", "앞으로",
              "최근")
# Sentences after the first: functions of topic, place, actor, noun and a number, so that
# each particle can follow the sound of the word before it.
KO_REACTIONS = (
    lambda t, p, a, n, k: f"전문가들은 {t} 효과가 나타나기까지 시간이 걸릴 것으로 내다봤습니다.",
    lambda t, p, a, n, k: f"주민들은 {t}에 대한 구체적인 설명을 요구했습니다.",
    lambda t, p, a, n, k: f"관계자는 {p} 지역의 상황을 면밀히 살피겠다고 말했습니다.",
    lambda t, p, a, n, k: f"업계는 {subj(t)} 가져올 변화에 주목하고 있습니다.",
    lambda t, p, a, n, k: f"{a} 측은 추가 자료를 다음 달에 내놓겠다고 덧붙였습니다.",
    lambda t, p, a, n, k: f"이번 {topic(n)} {p}에서 열린 회의에서 논의됐습니다.",
    lambda t, p, a, n, k: f"{p} 시민 {k}명이 설명회에 참석했습니다.",
    lambda t, p, a, n, k: f"지원 규모는 모두 {k}억 원으로 집계됐습니다.",
    lambda t, p, a, n, k: f"{topic(a)} {t}의 세부 내용을 누리집에 공개할 예정입니다.",
    lambda t, p, a, n, k: f"참석자들은 {n}의 실효성을 높여야 한다는 데 뜻을 모았습니다.",
)
KO_HEADINGS = ("주요 내용", "배경과 경과", "향후 일정", "현장 반응", "전문가 분석", "쟁점 정리", "지역별 현황", "관련 수치",
               "정부 입장", "남은 과제", "해외 사례", "시민 의견")
KO_CATEGORIES = ("News", "정치", "경제", "사회", "국제", "지역", "문화")
KO_LIST_ITEMS = ("{t} 세부 일정 공개", "{p} 지역 우선 적용", "{a} 점검 결과 발표", "{n} 이행 상황 보고", "{t} 예산 {k}억 원 배정")

# --------------------------------------------------------------------------- English word lists

EN_PLACES = ("Springfield", "Riverton", "Lakeside", "Harbor City", "Millbrook", "Oakdale", "Fairview", "Brookfield",
             "Cedar Falls", "Westport", "Northgate", "Pine Ridge", "Stonebridge", "Maple Grove", "Clearwater",
             "Eastwood", "Silver Bay", "Granite Hill", "Redmond Valley", "Kingsbury")
EN_ACTORS = ("the city council", "the transport ministry", "the school board", "local police", "the central bank",
             "the health department", "the port authority", "a university team", "the election commission",
             "the parks service", "the housing agency", "the weather service", "the chamber of commerce",
             "the water utility", "the fire department", "the statistics office")
EN_TOPICS = ("budget plan", "transit overhaul", "housing program", "price controls", "jobs scheme", "school reform",
             "hospital funding", "emissions target", "export recovery", "tourism push", "flood defenses",
             "road repairs", "energy supply", "water quality", "harbor expansion", "farm support")
EN_VERBS = ("announced", "approved", "unveiled", "confirmed", "outlined", "reviewed", "proposed", "defended",
            "published", "delayed")
EN_REACTIONS = ("Officials said the {t} would be reviewed again in {m}.",
                "Residents of {p} asked for more detail on how the {t} would be paid for.",
                "Analysts expect the {t} to take effect gradually over {k} months.",
                "A spokesperson for {a} said further figures would follow in {m}.",
                "About {k} people attended a public meeting in {p} on the proposal.",
                "The total cost is put at {k} million dollars, according to documents seen by reporters.",
                "Critics argued that {a} had not consulted neighboring towns.",
                "Supporters said the {t} was overdue and welcomed the decision.")
EN_HEADINGS = ("What was decided", "Background", "Next steps", "Reaction", "The numbers", "What critics say",
               "Regional picture", "Timeline", "Open questions", "How it compares")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")
EN_CATEGORIES = ("News", "Politics", "Business", "Local", "World")

# Invented outlets (not example.com: newslint leaves example hosts alone, as it should).
HOSTS = {"ko": "https://www.hanbit-ilbo.kr", "en": "https://www.riverton-courier.com"}
PLACEHOLDERS = ("https://picsum.photos/800/450", "https://placehold.co/600x400", "https://via.placeholder.com/640x360")

# --------------------------------------------------------------------------- Korean particles


def _has_final(word: str) -> bool:
    """The last syllable has a final consonant (받침); digits and Latin are read out."""
    ch = word.rstrip()[-1]
    if "가" <= ch <= "힣":
        return (ord(ch) - 0xAC00) % 28 != 0
    return ch in "013678LMNlmn"  # 일 삼 육 칠 팔 영; el em en


def _p(word: str, with_final: str, without: str) -> str:
    return word + (with_final if _has_final(word) else without)


def topic(w: str) -> str:
    return _p(w, "은", "는")


def subj(w: str) -> str:
    return _p(w, "이", "가")


def obj(w: str) -> str:
    return _p(w, "을", "를")


# --------------------------------------------------------------------------- one article


@dataclass
class Article:
    index: int
    lang: str
    fmt: str
    rng: random.Random
    rates: dict[str, float] = field(default_factory=dict)  # defect kind → probability (DEFECTS')
    defects: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    def add(self, kind: str) -> None:
        if kind not in self.defects:
            self.defects.append(kind)


def _pick_kind(rng: random.Random) -> tuple[str, str]:
    x = rng.random()
    for lang, fmt, share in KINDS:
        x -= share
        if x < 0:
            return lang, fmt
    return KINDS[-1][0], KINDS[-1][1]


def _ko_sentence(a: Article) -> str:
    r = a.rng
    for _ in range(20):
        if r.random() < 0.55:
            s = (f"{topic(r.choice(KO_ACTORS))} {r.choice(KO_ADVERBS)} {r.choice(KO_PLACES)} 지역의 "
                 f"{r.choice(KO_TOPICS)} {obj(r.choice(KO_NOUNS))} {r.choice(KO_VERBS)}.")
        else:
            s = r.choice(KO_REACTIONS)(r.choice(KO_TOPICS), r.choice(KO_PLACES), r.choice(KO_ACTORS),
                                       r.choice(KO_NOUNS), r.randrange(2, 900))
        if s not in a.used:  # no sentence twice in one article (DUP005 must stay quiet)
            a.used.add(s)
            return s
    return s + f" {r.randrange(10_000)}건이 접수됐습니다."


def _en_sentence(a: Article) -> str:
    r = a.rng
    for _ in range(20):
        if r.random() < 0.5:
            actor = r.choice(EN_ACTORS)
            s = (f"{actor[0].upper()}{actor[1:]} {r.choice(EN_VERBS)} a {r.choice(EN_TOPICS)} for "
                 f"{r.choice(EN_PLACES)} in {r.choice(EN_MONTHS)}.")
        else:
            s = r.choice(EN_REACTIONS).format(t=r.choice(EN_TOPICS), p=r.choice(EN_PLACES), a=r.choice(EN_ACTORS),
                                              m=r.choice(EN_MONTHS), k=r.randrange(2, 900))
        if s not in a.used:
            a.used.add(s)
            return s
    return s + f" Case {r.randrange(10_000)} was filed."


def _paragraph(a: Article, n: int) -> str:
    make = _ko_sentence if a.lang == "ko" else _en_sentence
    return " ".join(make(a) for _ in range(n))


def _title(a: Article) -> str:
    i = a.index
    if a.lang == "ko":
        p, t = KO_PLACES[i % len(KO_PLACES)], KO_TOPICS[(i // len(KO_PLACES)) % len(KO_TOPICS)]
        n = KO_NOUNS[(i // (len(KO_PLACES) * len(KO_TOPICS))) % len(KO_NOUNS)]
        return f"{p} {t} {n} {a.rng.choice(('발표', '확정', '공개', '추진', '논의'))}"
    p, t = EN_PLACES[i % len(EN_PLACES)], EN_TOPICS[(i // len(EN_PLACES)) % len(EN_TOPICS)]
    v = EN_VERBS[(i // (len(EN_PLACES) * len(EN_TOPICS))) % len(EN_VERBS)]
    return f"{p} {t} {v} after {a.rng.choice(('long debate', 'public review', 'months of talks', 'a close vote'))}"


def _summary(a: Article) -> str:
    return _paragraph(a, a.rng.randrange(2, 4))


def _front_matter(a: Article, image: str) -> str:
    r = a.rng
    title = _title(a)
    if r.random() < a.rates["yaml_error_in_title"]:
        a.add("yaml_error_in_title")
        title = r.choice((f"{title}: {'속보' if a.lang == 'ko' else 'update'}",
                          f"[{'단독' if a.lang == 'ko' else 'Exclusive'}] {title}"))
    excerpt = _summary(a)
    # a front matter that does not parse hides its fields: front matter defects go only in valid ones
    if "yaml_error_in_title" not in a.defects and r.random() < a.rates["excerpt_is_feature_text"]:
        a.add("excerpt_is_feature_text")
        feature = excerpt
    else:
        feature = _summary(a)
    cats = KO_CATEGORIES if a.lang == "ko" else EN_CATEGORIES
    chosen = ["News"] + r.sample(cats[1:], r.randrange(0, 2))
    lines = ["---", f"title: {title}", "categories:", *[f"  - {c}" for c in chosen],
             "excerpt: >", f"  {excerpt}", "feature_text: >", f"  {feature}", f"image: '{image}'", "---"]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- body blocks


class Body:
    """Blocks of one body in HTML (Tistory) or Markdown."""

    def __init__(self, a: Article) -> None:
        self.a = a
        self.html = a.fmt == "html"
        self.blocks: list[str] = []

    def heading(self, level: int, text: str) -> None:
        if self.html:
            attr = ' data-ke-size="size26"' if level == 2 and self.a.rng.random() < 0.5 else ""
            self.blocks.append(f"<h{level}{attr}>{text}</h{level}>")
        else:
            self.blocks.append(f"{'#' * level} {text}".rstrip())

    def para_text(self, text: str) -> str:
        return f'<p data-ke-size="size16">{text}</p>' if self.html else text

    def para(self, text: str) -> None:
        self.blocks.append(self.para_text(text))

    def image(self, url: str, alt: str | None) -> None:
        if self.html:
            alt_attr = "" if alt is None else f' alt="{alt}"'
            self.blocks.append(f'<p><img src="{url}"{alt_attr} /></p>')
        else:
            self.blocks.append(f"![{alt or ''}]({url})")

    def items(self, items: list[str]) -> None:
        if self.html:
            self.blocks.append("<ul>\n" + "\n".join(f"  <li>{i}</li>" for i in items) + "\n</ul>")
        else:
            self.blocks.append("\n".join(f"- {i}" for i in items))

    def table(self, rows: list[tuple[str, str]]) -> None:
        if self.html:
            cell = '    <td style="text-align: center; height: 17px;">{}</td>'
            trs = []
            for k, (x, y) in enumerate(rows):
                bx, by = (f"<b>{x}</b>", f"<b>{y}</b>") if k == 0 else (x, y)
                trs.append("  <tr>\n" + cell.format(bx) + "\n" + cell.format(by) + "\n  </tr>")
            self.blocks.append("<table>\n" + "\n".join(trs) + "\n</table>")
        else:
            head, *rest = rows
            self.blocks.append("\n".join([f"| {head[0]} | {head[1]} |", "| --- | --- |",
                                          *[f"| {x} | {y} |" for x, y in rest]]))

    def link(self, url: str, text: str, rel: str | None) -> None:
        if self.html:
            rel_attr = f' rel="{rel}"' if rel else ""
            self.blocks.append(f'<p data-ke-size="size16"><a href="{url}"{rel_attr}>{text}</a></p>')
        else:
            self.blocks.append(f"[{text}]({url})")

    def text(self) -> str:
        return "\n\n".join(self.blocks) + "\n"


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _inject_word_defects(a: Article, paragraph: str, kinds: list[str]) -> str:
    """Put word-level defects (misspellings, spacing, repeats, invisible characters) into a paragraph."""
    r = a.rng
    for kind in kinds:
        if kind == "misspelling_ko":
            wrong, _right = r.choice(KO_TYPOS)
            paragraph += " " + r.choice(KO_TYPO_SENTENCES).format(w=wrong)
        elif kind == "ending_spacing_ko":
            paragraph += f" {r.choice(KO_TOPICS)}의 결과가 어떻게 나올 지 주목됩니다."
        elif kind == "misspelling_en":
            paragraph += f" The {r.choice(EN_TYPOS)} figures were shared with reporters."
        elif kind == "repeated_word":
            actor = topic(r.choice(KO_ONE_WORD_ACTORS))  # '대학 연구진은 대학 연구진은' is no repeated word
            paragraph += (f" {actor} {actor} 관련 자료를 공개했습니다." if a.lang == "ko"
                          else " Officials said the the review would continue.")
        elif kind == "invisible_char":  # after a whole word, so that no word is cut in two
            words = paragraph.split(" ")
            k = r.randrange(len(words) - 1)
            words[k] += "\u200b"
            paragraph = " ".join(words)
    return paragraph


def _body(a: Article, target: int, head: int, fm_image: str) -> str:
    r = a.rng
    b = Body(a)
    ko = a.lang == "ko"
    want = {k for k, (_rule, _p, langs, fmts, _d) in DEFECTS.items()
            if k not in ("excerpt_is_feature_text", "yaml_error_in_title")
            and a.lang in langs.split() and a.fmt in fmts.split() and r.random() < a.rates[k]}
    want -= {"meaningless_alt"} if "missing_alt" in want else set()  # one image defect of each kind
    want -= {"insecure_image"} if "placeholder_image" in want else set()
    # the lead image, as in the example (alt text of the outlet)
    lead_alt: str | None = "뉴스 속보 대표 이미지" if ko else "Breaking news banner"
    lead_url = fm_image
    if "missing_alt" in want:
        lead_alt = None
    elif "meaningless_alt" in want:
        lead_alt = "image_0231.jpg"
    if "placeholder_image" in want:
        lead_url = r.choice(PLACEHOLDERS)
    elif "insecure_image" in want:
        lead_url = fm_image.replace("https://", "http://", 1)
    b.image(lead_url, lead_alt)
    if "h1_in_body" in want:
        b.heading(1, _title(a) + (" 정리" if ko else ": the details"))
    headings = list(KO_HEADINGS if ko else EN_HEADINGS)
    r.shuffle(headings)
    if b.html:
        a.add("editor_attributes")
    word_defects = [k for k in ("invisible_char", "misspelling_ko", "ending_spacing_ko", "misspelling_en",
                                "repeated_word") if k in want]
    pending = {"empty_heading"} & want
    section = 0
    footer = 200 if b.html else 120
    while headings and (section == 0 or _size(head) + _size(b.text()) + footer < target):
        level = 2 if section % 3 == 0 else 3
        if section == 1 and "heading_skip" in want:
            level = 4  # h2 → h4
        b.heading(level, headings.pop())
        for k in range(r.randrange(1, 4)):
            if k == 1 and section >= 1 and "empty_heading" in pending:  # after a paragraph: no empty section
                b.heading(3, "")
                pending.discard("empty_heading")
            p = _paragraph(a, r.randrange(2, 5))
            if word_defects:
                p = _inject_word_defects(a, p, word_defects)
                word_defects = []
            b.para(p)
            if _size(head) + _size(b.text()) + footer >= target:
                break
        x = r.random()
        if x < 0.25:
            rows = ([("구분", "내용")] if ko else [("Item", "Detail")])
            rows += [(r.choice(KO_NOUNS if ko else EN_TOPICS), f"{r.randrange(2, 900)}{'억 원' if ko else ' million'}")
                     for _ in range(r.randrange(2, 5))]
            b.table(rows)
            if b.html:
                a.add("inline_style")
                a.add("table_without_header")
        elif x < 0.5:
            fmt_item = (lambda: r.choice(KO_LIST_ITEMS).format(t=r.choice(KO_TOPICS), p=r.choice(KO_PLACES),
                                                             a=r.choice(KO_ACTORS), n=r.choice(KO_NOUNS),
                                                             k=r.randrange(2, 900))) if ko else \
                (lambda: f"{r.choice(EN_TOPICS).capitalize()} in {r.choice(EN_PLACES)}")
            b.items([fmt_item() for _ in range(r.randrange(2, 5))])
        if b.html and "empty_paragraph" in want and section == 1:
            b.blocks.append('<p data-ke-size="size16">&nbsp;</p>')
        section += 1
    if section < 2 and "heading_skip" in want:  # the body was too short to hold the skip: add it
        b.heading(4, headings.pop() if headings else ("추가 정보" if ko else "More"))
        b.para(_paragraph(a, 1))
    if word_defects:
        b.para(_inject_word_defects(a, _paragraph(a, 1), word_defects))
    if "empty_heading" in pending:
        b.heading(3, "")
        b.para(_paragraph(a, 1))
    # with a broken front matter the title is unknown: the h1 stays (same bytes) but is not claimed
    unclaimed = {"h1_in_body"} if "yaml_error_in_title" in a.defects else set()
    for kind in ("missing_alt", "meaningless_alt", "placeholder_image", "insecure_image", "heading_skip",
                 "empty_heading", "h1_in_body", "invisible_char", "misspelling_ko", "ending_spacing_ko",
                 "misspelling_en", "repeated_word"):
        if kind in want and kind not in unclaimed:
            a.add(kind)
    if "empty_paragraph" in want and b.html and section >= 2:
        a.add("empty_paragraph")
    elif "empty_paragraph" in want and b.html:
        b.blocks.append('<p data-ke-size="size16">&nbsp;</p>')
        a.add("empty_paragraph")
    # footer link, as in the example
    site = HOSTS[a.lang]
    if "insecure_link" in want:
        site = site.replace("https://", "http://", 1)
        a.add("insecure_link")
    if b.html and r.random() < 0.7:
        b.link(site, site, "dofollow")
        a.add("invalid_rel")
        a.add("bare_url_text")
    else:
        b.link(site, "실시간 뉴스 속보" if ko else "More local news", None)
    return b.text()


def article(index: int, seed: int, rates: dict[str, float] | None = None) -> tuple[str, dict[str, object]]:
    """One article's text and its manifest entry (independent of the corpus size).

    rates: probabilities to use instead of DEFECTS' (tests raise them to see every kind).
    """
    rng = random.Random(f"newslint-bench:{seed}:{index}")
    lang, fmt = _pick_kind(rng)
    a = Article(index, lang, fmt, rng, {**{k: v[1] for k, v in DEFECTS.items()}, **(rates or {})})
    # half log-uniform (many short posts), half uniform sizes; the body stops after the paragraph
    # that reaches the target, so the target stays below the 16 KB ceiling
    top = MAX_BYTES - 600
    target = int(rng.uniform(MIN_BYTES, top) if rng.random() < 0.5 else
                 math.exp(rng.uniform(math.log(MIN_BYTES), math.log(top))))
    image = f"{HOSTS[lang]}/res/images/{2024 + index % 2}/{index:06d}.jpg"
    head = _front_matter(a, image)
    state = rng.getstate(), list(a.defects), set(a.used)
    body = _body(a, target, head, image)
    while _size(head) + _size(body) >= MAX_BYTES:  # the last section overshot: build a shorter body
        target -= 800
        rng.setstate(state[0])
        a.defects, a.used = list(state[1]), set(state[2])
        body = _body(a, target, head, image)
    text = head + "\n" + body
    while _size(text) < MIN_BYTES:  # a short front matter and one section: one more paragraph
        body = body.replace("\n\n", "\n\n" + Body(a).para_text(_paragraph(a, 3)) + "\n\n", 1)
        text = head + "\n" + body
    defects = a.defects
    rules = {**{k: v[0] for k, v in DEFECTS.items()}, **STRUCTURAL}
    entry = {"lang": lang, "body": fmt, "bytes": _size(text),
             "defects": [{"kind": k, "rule": rules[k]} for k in defects]}
    return text, entry


def article_path(index: int) -> str:
    month, day = 1 + index % 12, 1 + index % 28
    return f"{index // 1000:03d}/2024-{month:02d}-{day:02d}-article-{index}.md"


def generate(out: Path, n: int = 10_000, seed: int = 1, rates: dict[str, float] | None = None) -> dict[str, object]:
    """Write n articles under out/articles and out/manifest.json; return the manifest."""
    root = out / "articles"
    entries: dict[str, object] = {}
    for i in range(n):
        text, entry = article(i, seed, rates)
        rel = article_path(i)
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(text.encode("utf-8"))
        entries[rel] = entry
    counts: dict[str, int] = {}
    for e in entries.values():
        for d in e["defects"]:  # type: ignore[index]
            counts[d["kind"]] = counts.get(d["kind"], 0) + 1
    manifest = {"seed": seed, "articles": n, "root": "articles",
                "rates": {k: {"rule": v[0], "probability": (rates or {}).get(k, v[1]), "languages": v[2], "bodies": v[3], "what": v[4]}
                          for k, v in DEFECTS.items()},
                "structural": STRUCTURAL, "counts": dict(sorted(counts.items())), "files": entries}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, nargs="?", default=Path(__file__).parent / ".corpus")
    ap.add_argument("-n", "--articles", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    m = generate(args.out, args.articles, args.seed)
    total = sum(e["bytes"] for e in m["files"].values())  # type: ignore[attr-defined,index]
    print(f"{args.articles} articles, {total / 1e6:.1f} MB in {args.out / 'articles'}; defects: {m['counts']}")


if __name__ == "__main__":
    main()
