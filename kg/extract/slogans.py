"""Slogans: numeral formulas and abbreviations, from a national lexicon and from quotation marks.

“两不愁、三保障” and 两不愁三保障 meet on one key (quotes and 、 removed), so variants merge.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import component
from kg.extract.matcher import Matcher
from kg.extract.text import is_boundary, load_tsv
from kg.model import Extraction, Mention

NUMERALS = "一二三四五六七八九十百千万两双0123456789"
_QUOTED = re.compile(r"[“\"‘']([^“”‘’\"'\n]{1,30}?)[”\"’']")
_NUM_FORMULA = re.compile(rf"^[{NUMERALS}][\u4e00-\u9fa5+＋]{{0,9}}$|^[0-9+＋]{{2,12}}$|^[\u4e00-\u9fa5]{{1,4}}[+＋]$")
_INNER_NUM = re.compile(rf"[{NUMERALS}]")
_PARALLEL = re.compile(r"^[\u4e00-\u9fa5+()（）]{3,9}(?:[、,，][\u4e00-\u9fa5+()（）]{3,9}){1,2}$")
# 互联网+监管; a report may write the plus full-width (互联网＋监管)
_PLUS = re.compile(r"^[\u4e00-\u9fa5A-Za-z0-9]{1,6}(?:[+＋][\u4e00-\u9fa5A-Za-z0-9]{0,6}){1,3}$")
# 港人治港, 乙类乙管, 快封快解, 同线同标同质: the first character repeated at a fixed step packs a rule
_REPEAT = re.compile(r"^([\u4e00-\u9fa5])[\u4e00-\u9fa5]\1[\u4e00-\u9fa5](?:\1[\u4e00-\u9fa5])?$|"
                     r"^([\u4e00-\u9fa5])[\u4e00-\u9fa5]{2}\2$")
_NUMBERED_SET = re.compile(r"(?<![\d一二三四五六七八九十两第])[一二三四五六七八九十两]+(?:项|大)(?:重点工作|重点任务|任务|工程|行动|专项行动|攻坚战|战略|机制)")
_FIVE_YEAR = re.compile(r"^十[一二三四五六七八九]五$")
# a glossary line of the report itself: “18.农头工尾:是指……” — the report spells the slogan out
_GLOSSARY = re.compile(r"(?m)^\s*\d{1,2}[.、．]\s*[“\"]?([^“”\"\n:：]{2,16}?)[”\"]?\s*[:：]\s*(?:是指|指|即)?([^\n]{4,200})")
_STRIP = re.compile(r"[“”\"'‘’、，,\s·]")
# quoted words that begin with a numeral but are ordinary phrases, not formulas
# a numbered craft or mission (嫦娥六号, 天问一号, 长征五号) is a name, not a formula
_CRAFT = re.compile(r"[一二三四五六七八九十\d]+号$")
_NOT_FORMULA = re.compile(r"^(?:一批|一流|一体化|一站式|十佳|百强|万人|千万|双一流$)|"
                          # a spirit, a room or hall, a title of honour (三北精神, 一企无忧室, 三湘第一镇): a name
                          r"(?:精神|室|馆|第一[\u4e00-\u9fa5])$")
# a grade or a rating (三级乙等综合医院, 一级图书馆, 三甲) and a record run (二十连丰, 五连冠) count, they pack no list
_GRADE = re.compile(r"^[一二三四五特]级|[一二三][甲乙丙](?:医院)?$|[甲乙丙]等|^[一二三四五六七八九十百]+连[\u4e00-\u9fa5]{1,2}$")
# what the quoted text names, said right after it, is no formula: a hotline number (“12345”热线)
# (“八五”普法: dropping the bare numeral beside the policy was tried and lost a policy on check)
_NOT_AFTER = re.compile(r"[\u4e00-\u9fa5]{0,8}热线|[\u4e00-\u9fa5]{0,2}电话")
# a quoted pair that is a failing (“打折扣、慢半拍”的问题, “不讲细节、差不多就行”的心态) is no motto
_FAILING_AFTER = re.compile(r"的?(?:问题|现象|心态|思维|思想|做法|顽疾|陋习|作风|倾向|情况)")


# “7·15”疫情, “5.12”地震: an event named by its date packs no list
_DATE = re.compile(r"^\d{1,2}[·.．・]\d{1,2}$")
_ORDINARY_TAGS = frozenset({"n", "i", "a", "ad", "an", "d", "v", "vn"})


def _complaint(body: str) -> bool:
    """看病难、看病贵, 融资难、融资贵: one head with different last words is a complaint, not a motto."""
    parts = [p for p in re.split(r"[、,，]", body) if p]
    return len(parts) > 1 and all(len(p) >= 3 for p in parts) and len({p[:-1] for p in parts}) == 1


def _ordinary_word(body: str) -> bool:
    """“双重”考验, “两难”问题, “一刀切”: a quoted everyday word (noun, idiom, adjective, verb) that
    begins with a numeral is no formula; abbreviations (五保, 三讲: tag j) are."""
    from kg.extract.text import freq_of, tag_of

    if tag_of(body) == "i" and freq_of(body) >= 10:
        return True  # an idiom in common use (约法三章) is no formula; a rare one may be a rule (门前三包)
    return freq_of(body) >= 50 and tag_of(body) in _ORDINARY_TAGS


def slogan_key(name: str) -> str:
    return "slogan:" + _STRIP.sub("", name)


@lru_cache(maxsize=1)
def _lexicon() -> tuple[Matcher[str], dict[str, list[str]]]:
    m: Matcher[str] = Matcher()
    expansions: dict[str, list[str]] = {}
    for row in load_tsv("slogans.tsv"):
        canon = row[0]
        expansions[canon] = [p for p in (row[1] if len(row) > 1 else "").split("|") if p]
        m.add(canon, canon)
        for alias in (row[2] if len(row) > 2 else "").split("|"):
            if alias:
                m.add(alias, canon)
    for row in load_tsv("national_slogans.tsv"):  # quoted in the national reports (bench/mine_national.py)
        m.add(row[0], row[0])
        expansions.setdefault(row[0], [])
    return m, expansions


# a longer numbered name of works (碳达峰十大行动) is a programme the projects take, not a motto
_WORKS = ("行动", "工程", "计划", "项目")


def is_formula(body: str) -> bool:
    """Numeral-led (六稳, 1+16+142, 三区三线), parallel motto (户分类、村收集、镇处理) or X+ (互联网+)."""
    if _NOT_FORMULA.search(body) or _FIVE_YEAR.match(body) or _CRAFT.search(body) or _GRADE.search(body):
        return False
    if _DATE.match(body) or _complaint(body) or _ordinary_word(body):
        return False
    if _NUM_FORMULA.match(body):
        return len(body) >= 2
    if _PARALLEL.match(body) or _PLUS.match(body) or _REPEAT.match(body):
        return True
    if (len(body) <= 6 or (len(body) <= 8 and not body.endswith(_WORKS))) and _INNER_NUM.search(body) \
            and re.fullmatch(r"[\u4e00-\u9fa5]+", body):
        return True  # 多规合一, 省百大, 五链共建, 高效办成一件事: a numeral packs a list
    # 三清一改 / 一网一次一门: two or more numerals spread over a short formula
    return len(body) <= 8 and len(_INNER_NUM.findall(body)) >= 2 and bool(re.match(rf"^[{NUMERALS}]", body))


def _packed(term: str) -> bool:
    """Four characters that are four words (农|头|工|尾, 乡|业|村|品), or up to eight one-character
    words (食|住|行|游|购|娱): a packed list, not a term."""
    from kg.segment import dictionary_tokenizer

    parts = dictionary_tokenizer().lcut(term, HMM=False)
    if len(term) == 4:
        return len(parts) >= 3
    return 5 <= len(term) <= 8 and all(len(p) == 1 for p in parts) and re.fullmatch(r"[\u4e00-\u9fa5]+", term) is not None


def _named_after(text: str, body: str, after: int) -> bool:
    """The words right after the closing quote say the quoted text is a number or a failing."""
    if re.fullmatch(r"[0-9]+", body) and _NOT_AFTER.match(text, after):
        return True
    return not _INNER_NUM.search(body) and bool(re.search(r"[、,，]", body)) and bool(_FAILING_AFTER.match(text, after))


def _principle(text: str, body: str, after: int) -> bool:
    """“爱国者治港”原则, “谁主管、谁负责”原则: a short quoted rule the report calls a principle or a
    guideline is a fixed motto, whether or not it holds a numeral."""
    return 4 <= len(_STRIP.sub("", body)) <= 10 and re.fullmatch(r"[\u4e00-\u9fa5、，,]+", body) is not None \
        and re.match(r"”?[、，]?(?:“[^”]{1,12}”[、，]?)*(?:的)?(?:原则|方针)", text[after - 1 :]) is not None \
        and not _ordinary_word(body)


def _glossary_part(text: str, body: str, s: int) -> bool:
    """“三多”指会议多…: on a glossary line that spells out a longer formula (三多三少三慢：…), a quoted
    part of that formula is the explanation, not a slogan of its own."""
    line = text.rfind("\n", 0, s) + 1
    head = re.match(r"\s*(?:\d{1,2}[.、．]\s*)?[“\"]?([^“”\"\n:：]{2,24}?)[”\"]?\s*[:：]", text[line:s])
    if head is None:
        return False
    term = _STRIP.sub("", head.group(1))
    return len(term) > len(body) and _STRIP.sub("", body) in term


@component("slogans")
def slogans(ex: Extraction) -> None:
    text = ex.doc.clean
    lex, expansions = _lexicon()
    seen: set[int] = set()
    for m in _QUOTED.finditer(text):
        body = m.group(1).strip()
        s, e = m.start(1), m.end(1)
        if _glossary_part(text, body, s):
            continue
        canon = lex.names.get(body) or lex.names.get(_STRIP.sub("", body))
        if canon:
            ex.mentions.append(Mention("Slogan", body, s, e, "slogans.quoted-lexicon", 0.95,
                                       key=slogan_key(canon), expansion=expansions.get(canon, [])))
        elif _named_after(text, body, e + 1):
            continue
        elif is_formula(body) or (len(body) > 4 and _packed(body)) or _principle(text, body, e + 1):
            parts = [p for p in re.split(r"[、,，]", body) if p] if _PARALLEL.match(body) else []
            ex.mentions.append(Mention("Slogan", body, s, e, "slogans.quoted-formula", 0.8,
                                       key=slogan_key(body), expansion=parts if len(parts) > 1 else []))
        else:
            continue
        seen.update(range(s, e))
    # 十项重点工作, 四大工程: a numbered set the report names again and again is a formula
    counts: dict[str, list[re.Match]] = {}
    for m in _NUMBERED_SET.finditer(text):
        counts.setdefault(m.group(0), []).append(m)
    for name, ms in counts.items():
        if len(ms) < 2:
            continue
        for m in ms:
            if not seen.intersection(range(m.start(), m.end())):
                ex.mentions.append(Mention("Slogan", name, m.start(), m.end(), "slogans.numbered-set", 0.7,
                                           key=slogan_key(name)))
                seen.update(range(m.start(), m.end()))
    glossary = list(_GLOSSARY.finditer(text))
    if len(glossary) >= 3:  # a real glossary, not one numbered paragraph
        for m in glossary:
            term = m.group(1).strip()
            s, e = m.start(1), m.start(1) + len(term)
            if seen.intersection(range(s, e)) or not (is_formula(term) or _packed(term)):
                continue
            parts = [p for p in re.split(r"[、，,；;]", m.group(2)) if 1 < len(p) <= 12][:8]
            ex.mentions.append(Mention("Slogan", term, s, e, "slogans.glossary", 0.75, key=slogan_key(term),
                                       expansion=parts))
            seen.update(range(s, e))
    for s, e, canon in lex.scan(text):
        if seen.intersection(range(s, e)):
            continue
        if e - s <= 3 and not is_boundary(ex.doc, s, e):
            continue
        ex.mentions.append(Mention("Slogan", text[s:e], s, e, "slogans.lexicon", 0.9,
                                   key=slogan_key(canon), expansion=expansions.get(canon, [])))
