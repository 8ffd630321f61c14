"""Enterprises: from name grammar (trade name + industry + legal form) and from context
(“A、B、C等知名企业先后落户”, “引进A”, “A落户”)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from kg.extract import component
from kg.extract.firm_context import (
    _CATEGORY_FREQ,
    _FIRM_LEFT,
    _common_short,
    _firm_context,
    _place_before,
    _project_start,
    _verb_follows,
)
from kg.extract.firm_words import (
    _CLAUSE_OPENERS,
    _FUNCTION_TAGS,
    RARE_WORD_FREQ,
    _category_head,
    _clause_start,
    _common_noun,
    _described,
    _dictionary_words,
    _glued_before,
    _industry_words,
    _not_firm_names,
    _opens_clause,
    _past_verbs,
    _verb_before,
    branch_end,
    rejoin_syllable,
    skip_openers,
)
from kg.extract.matcher import Matcher
from kg.extract.text import (
    PROPER_TAGS,
    PUNCT,
    enumerations,
    freq_of,
    has_proper,
    is_boundary,
    load_tsv,
    name_before,
    specific,
    suffix_table,
    tag_of,
    token_at,
    tokens_in,
    word_set,
)
from kg.model import Extraction, Mention

# Trade names are rare words: a word the dictionary knows well (绿色, 清洁, 现代) before an
# industry word makes a category (绿色食品), not a company (RARE_WORD_FREQ, kg.extract.firm_words).
OWNER_TAGS = PROPER_TAGS | {"s"}  # 东方 (a direction word) opens 东方庆源
_COUNT = re.compile(r"[\d０-９]|[x\d]+[个人头亿万元家]")
_FUNC_START = "与和及在对向把将从由被为同"
# words that show a project produces something, so a rare name before them is its owner
_PRODUCTION = re.compile(r"产业化|深加工|加工|发电|生产|制造|光伏|风电|热电|养殖|种植|产业园|母站|屠宰|酿造|冶炼|新材料|装置|技术改造|技改")
_ENUM_ITEM = r"(?:(?!等)[\u4e00-\u9fa5A-Za-z0-9“”]){2,12}"
_ENUM_TAIL = re.compile(rf"((?:{_ENUM_ITEM}、)*{_ENUM_ITEM})等(?!级|次|同|于)(?:[\d一二三四五六七八九十]+家)?(?:知名|龙头|重点|骨干|优强|一批)?(?:(?!的|城市|地区|国家|省份|地方|区域)[\u4e00-\u9fa5]){{0,6}}?(?:企业|公司)(?!所得|税|债)")
_ENUM_HEAD = re.compile(rf"(?:引进|引进了|成功引进)((?:{_ENUM_ITEM}、)*{_ENUM_ITEM})(?=等|落户|入驻|[，,。；])")
_NOT_FIRM_END = re.compile(r"(?:机制|体系|制度|政策|人才|技术|资金|保护|项目|工程|服务|建设|管理|节水|节能)$")
_INVESTS = re.compile(r"([\u4e00-\u9fa5]{2,6}?)(?:计划|拟|将)?(?:总投资|投资|投入)[\d.]+(?:亿|万)")
_SETTLED = re.compile(r"([\u4e00-\u9fa5A-Za-z]{2,8}?)(?:成功|正式|顺利)?(?:落户|入驻|签约落地|建成投产)(?!条件|限制|政策|门槛|制度|人口|城镇)")
_SIGNS_WITH = re.compile(r"与([\u4e00-\u9fa5A-Za-z]{2,8}?)(?:签订|签署|签约|达成|合作|战略合作)")
# the runs of characters each pattern is made of, and the words it needs: tried only on runs that
# hold one (as kg.extract.text.enumerations does for lists), not at every offset of the text
_RUNS = {_INVESTS: (re.compile(r"[\u4e00-\u9fa5\d.]+"), re.compile(r"投资|投入")),
         _SETTLED: (re.compile(r"[\u4e00-\u9fa5A-Za-z]+"), re.compile(r"落户|入驻|签约落地|建成投产"))}


def _matches(rx: re.Pattern, text: str):
    """``rx.finditer(text)``, the same matches in the same order: a match lies inside one run of
    the characters it is made of (a lookahead at the run's end sees a character it rejects either
    way), so only the runs around its key words are searched (a fifth of the enterprise rules' time)."""
    run_rx, key_rx = _RUNS[rx]
    done = 0
    for k in key_rx.finditer(text):
        if k.start() < done:
            continue
        s = k.start()
        while s > 0 and run_rx.match(text, s - 1, s):
            s -= 1
        done = run_rx.match(text, k.start()).end()
        yield from rx.finditer(text, s, done)


def enterprise_key(name: str) -> str:
    """Merge key: a leading place (山东水发集团, 县粮食集团) is how a report qualifies the firm,
    not part of its trade name, so 山东水发集团 and 水发集团 meet."""
    name = re.sub(r"[“”\"'\s]", "", name)
    return "ent:" + _strip_place(name)


@lru_cache(maxsize=4096)
def _strip_place(name: str) -> str:
    from kg.lexicons.gazetteer import gazetteer

    names = gazetteer().by_name
    for n in range(min(len(name) - 3, 8), 0, -1):
        if name[:n] in names and len(name[:n]) >= 2:
            return name if _no_trade_name(name[n:]) else name[n:]
    if name[0] in "省市县旗区州盟" and len(name) >= 4 and not _no_trade_name(name[1:]):
        return name[1:]
    return name


def _no_trade_name(rest: str) -> bool:
    """Is what follows the place only industry words and a legal form (包头|钢铁公司, 恩和|农牧业公司)?
    Then the place is the firm's only name, and 包头钢铁公司 and 本溪钢铁公司 are two firms."""
    kinds = _suffixes()[1]
    while rest:
        cut = next((k for k in range(len(rest)) if rest[k:] in kinds), None)
        if cut is None:
            return False
        rest = rest[:cut]
    return True


@lru_cache(maxsize=1)
def _known() -> Matcher[str]:
    m: Matcher[str] = Matcher()
    for row in load_tsv("enterprises.tsv"):
        for name in [row[0], *(row[1].split("|") if len(row) > 1 and row[1] else [])]:
            m.add(name, row[0])
    return m


@lru_cache(maxsize=1)
def _not_firms() -> Matcher[str]:
    m: Matcher[str] = Matcher()
    for row in load_tsv("not_enterprises.tsv"):
        m.add(row[0], row[0])
    return m


def _suffixes() -> tuple[re.Pattern, dict[str, str]]:
    return suffix_table("enterprise_suffixes.tsv")


def _trade_name(ex: Extraction, s: int, e: int, places: _Places) -> bool:
    """A plausible trade name: 2-6 characters, not one common word, not a place alone."""
    name = ex.doc.clean[s:e]
    if not 2 <= len(name) <= 6 or any(c in PUNCT for c in name):
        return False
    if name in word_set("generic_words.tsv"):
        return False
    words = tokens_in(ex.doc, s, e)
    if any(tag_of(w) in ("m", "q") or _COUNT.search(w) for w in words):
        return False  # 100兆瓦, 兆瓦平价: a capacity, not a name
    if all(c in _PROVINCE_ABBR for c in name) or name in _industry_words() or _MERCHANTS.match(name) \
            or _SCOPE_OPEN.match(name):
        return False  # 京蒙 (Beijing–Inner Mongolia), 光伏: not a firm
    if _dictionary_words(name):
        return False  # 绿色生态: glued common words the segmenter took for one unknown word
    glued = any(len(a) == 1 and len(b) == 1 and freq_of(a + b) == 0 and tag_of(a) not in _FUNCTION_TAGS
                and tag_of(b) not in _FUNCTION_TAGS for a, b in zip(words, words[1:], strict=False))  # 而|对|农业: no name
    rare = any(freq_of(w) == 0 and len(w) >= 2 for w in words) or max(freq_of(w) for w in words) < RARE_WORD_FREQ
    if not (rare or glued):
        return False
    return (s, e) not in places.spans


@component("enterprises")
def enterprises(ex: Extraction) -> None:
    text = ex.doc.clean
    generic = word_set("generic_words.tsv")
    taken: set[int] = set()
    pattern, kinds = _suffixes()
    places = _Places(ex)

    def add(s: int, e: int, extractor: str, conf: float, key: str | None = None) -> None:
        while e - s > 3 and text[s] in _FUNC_START and not is_boundary(ex.doc, s, s + 1):
            s += 1  # 与益海|嘉里集团: the segmenter glued a particle onto the name
        if taken.intersection(range(s, e)) or _COUNT.search(text[s:e]):
            return
        ex.mentions.append(Mention("Enterprise", text[s:e], s, e, extractor, conf,
                                   key=key or enterprise_key(text[s:e])))
        taken.update(range(s, e))

    for s, e, _ in _not_firms().scan(text):  # 中国人民银行 is the central bank, a government body
        taken.update(range(s, e))
    for s, e, canon in _known().scan(text):
        glued = e - s >= 3 and (tok := token_at(ex.doc, s)) is not None and tok[1] == s - 1 \
            and text[s - 1] in _FUNC_START and is_boundary(ex.doc, e, e)  # 由晶澳|科技: a particle glued on
        if not (is_boundary(ex.doc, s, e) or glued) or text[e : e + 1] in ("县", "市", "区", "镇", "路"):
            continue
        legal = _LEGAL_AFTER.match(text, e)
        if legal and is_boundary(ex.doc, legal.end(), legal.end()):
            s = _place_before(text, s)  # 内蒙古|伊泰|煤制油有限责任公司: the registered name is the firm
            add(s, legal.end(), "enterprises.legal", 0.85, enterprise_key(canon))
            continue
        nxt = token_at(ex.doc, e)
        if nxt and nxt[1] == e and tag_of(nxt[0]) in ("n", "nz", "x", "j") and len(nxt[0]) >= 2 \
                and text[nxt[2] : nxt[2] + 1] in _UNIT_END and not _has_project_word(nxt[0]):  # 安踏|物流园 is its project
            add(s, nxt[2], "enterprises.lexicon", 0.8)  # 京东|云仓, 菜鸟|驿站: a unit of a known firm
        elif nxt and nxt[1] == e and nxt[0] in _industry_words() and nxt[0] not in _UNIT_WORDS \
                and (text[nxt[2] : nxt[2] + 1] in _UNIT_END or _CAPACITY_AT.match(text, nxt[2])):
            add(s, nxt[2], "enterprises.lexicon", 0.8)  # 亿利|化学|3万吨…: the firm's branch, a firm of its own
        elif (b := branch_end(ex, e)) is not None:
            add(s, b, "enterprises.lexicon", 0.8)  # 大唐|x|煤化工: the firm's branch named by its place
        elif _common_short(text[s:e]) and not _firm_context(ex, s, e):
            continue  # 远景 in 远景目标, 大唐 the dynasty: a common word needs a firm's context
        else:
            add(s, e, "enterprises.lexicon", 0.85, enterprise_key(canon))
    for m in pattern.finditer(text):
        s0, e = m.start(), m.end()
        kind = kinds[m.group(0)]
        nxt = text[e : e + 1]
        if nxt in ("化", "团", "群", "司"):  # 集团化, 产业集群
            continue
        if kind == "legal":
            if not is_boundary(ex.doc, e, e) or text[e : e + 2] in _NOT_FIRM_NEXT:
                continue
            full_form = m.group(0).endswith("有限公司") or m.group(0).endswith("有限责任公司")
            s0 = s0 - 4 if text[s0 - 4 : s0] in ("（集团）", "(集团)") else s0  # 宝丰（集团）股份有限公司
            s = name_before(ex.doc, s0, max_len=14, use_tags=False)
            if s is not None and s >= 2 and text[s - 1] in "和与及" and (s == 2 or text[s - 3] in PUNCT or text[s - 3] == "\n") \
                    and "\u4e00" <= text[s - 2] <= "\u9fa5":
                s -= 2  # ；恩|和|农牧业公司: one character before 和 at a clause's start joins nothing, it is the name's
                joined = True
            else:
                joined = False
            while s is not None and m.group(0).endswith(("有限公司", "有限责任公司", "合作社")) and (tok := token_at(ex.doc, s)) is not None and tok[1] == s and tok[2] < s0 \
                    and tok[0] in _CLAUSE_OPENERS:
                s = tok[2]  # 培育|壮大|金穗农民专业合作社: the clause's verbs are no part of the name
            if s is not None:
                s = _past_verbs(ex, s, s0)  # 严厉查处|长春长生公司: the clause's verb is no part of the name
            if s is None or not specific(ex.doc, s, s0, generic):
                continue
            if any(tag_of(w) in ("p", "c", "u", "uj") and len(w) >= 2 for w in tokens_in(ex.doc, s, s0)):
                continue  # 最近对于|胡风反革命集团: a clause, not a registered name
            if _not_firm_names()[0].search(text[s:e]):
                continue  # 东南亚条约集团, 林彪反党集团: a political bloc, not a firm
            if _place_only(places, s, s0) and m.group(0) not in _LOCAL_BANKS:
                continue  # 宜都市村镇银行 is a bank of the place; 宜都市公司 names nothing
            if not full_form and (not (joined or has_proper(ex.doc, s, s0)) or _category_head(ex, s, s0)
                                  or _opens_clause(text[s:s0])):  # 物业公司: a kind of firm, not one firm
                continue
            add(s, e, "enterprises.legal", 0.8)
        else:
            # industry word: needs a trade name right before it and a clean right edge
            if (tok := token_at(ex.doc, s0)) is not None and tok[1] < s0 and len(tok[0]) >= 3:
                continue  # 剩余|劳动力: the industry word (动力) is the end of another word
            if nxt and nxt not in PUNCT and nxt not in "等0123456789" and not _project_start(text, e) \
                    and not _verb_follows(ex, e) and not _CAPACITY_AT.match(text, e):  # 天润乳业|年产10万吨
                continue
            s = name_before(ex.doc, s0, max_len=6)
            rejoined = (s is None or s == s0) and tok is not None and tok[1] == s0 - 1 and rejoin_syllable(ex, tok[1], e) < tok[1]
            if rejoined:  # 聚合|顺新|材料: the segmenter glued the name's last syllable onto the industry word
                s = rejoin_syllable(ex, tok[1], e)
            elif s is None or s == s0:
                s = _glued_before(ex, s0)  # 晟|通|糖业: two syllables that make no word, 通 read as a verb
            elif s is not None:
                s = skip_openers(ex, s, s0)  # 培育|签约落地|天润|乳业: the clause's verbs are no part of the name
            if s is not None and (k := max(text.rfind("企业", s, s0), text.rfind("公司", s, s0))) >= 0:
                s = k + 2  # 龙头企业|宏发股份: the word for a firm is no part of its name
            if s is None or not (rejoined and not _place_only(places, s, s0) or _trade_name(ex, s, s0, places)) \
                    or _clause_start(ex, s, s0) or not rejoined and _category_head(ex, s, s0):
                continue  # a name cut mid-word by the segmenter (顺新) is no word of the dictionary
            if _common_noun(text[s:s0]):
                continue  # 代用|材料, 脱粒|机械, 青贮|饲料: a kind of product, not a firm
            if _described(ex, s, s0):
                continue  # 耐特菲姆|高效节水|装备生产项目: a product described after the firm, which owns the project
            if _project_suffix_at(text, s0):  # 东方日升|光伏发电: the industry word is the project's
                add(s, s0, "enterprises.industry", 0.7)
            else:
                add(s, e, "enterprises.industry", 0.7)
    # 鲁花落户我县, 与鲁花签约: a trade name that settles or signs is a firm
    for rx in (_SETTLED, _SIGNS_WITH):
        for m in (_matches(rx, text) if rx in _RUNS else rx.finditer(text)):
            e = m.end(1)
            s = name_before(ex.doc, e, max_len=8)
            if s is None or e - s < 2 or (rx is _SETTLED and s > 0 and text[s - 1] not in _FIRM_LEFT | {"\n"}
                                         and not _verb_before(ex, s)):
                continue
            if _trade_name(ex, s, e, places) and not _category_head(ex, s, e) and not _clause_start(ex, s, e) \
                    and not _NOT_FIRM_END.search(text[s:e]) and not _has_project_word(text[s:e]):
                add(s, e, "enterprises.settles", 0.6)
    # 正大投资5亿元建设生猪养殖项目: a trade name that invests a sum is a firm
    for m in _matches(_INVESTS, text):
        e = m.end(1)
        s = name_before(ex.doc, e, max_len=6)
        if s is None or e - s < 2 or text[s - 1 : s] not in _FIRM_LEFT and s > 0 and not _verb_before(ex, s):
            continue
        if _trade_name(ex, s, e, places) and not _category_head(ex, s, e) and not _clause_start(ex, s, e) \
                and not _NOT_FIRM_END.search(text[s:e]) and not _has_project_word(text[s:e]):
            add(s, e, "enterprises.invests", 0.6)
    for rx, conf in ((_ENUM_TAIL, 0.65), (_ENUM_HEAD, 0.55)):
        for m in (enumerations(rx, text) if rx is _ENUM_TAIL else rx.finditer(text)):
            pos = m.start(1)
            for item in m.group(1).split("、"):
                s, e = pos, pos + len(item)
                pos = e + 1
                while s < e and text[s] in "“”":
                    s += 1
                while e > s and text[e - 1] in "“”":
                    e -= 1
                cut = name_before(ex.doc, e, max_len=e - s)  # 扶持|鲶鱼沟: drop the verb before a name
                if (cut is None or cut == e) and e - s <= 4 and (s == 0 or text[s - 1] in "、“") \
                        and (freq_of(text[s:e]) == 0 and tag_of(text[s:e]) == "x"
                             or all(freq_of(w) < RARE_WORD_FREQ for w in tokens_in(ex.doc, s, e))):
                    cut = s  # 鑫|达, 立白: an item between 、 and 等 made of rare words is whole, verbs or not
                if (cut is None or cut == e) and s <= (j := rejoin_syllable(ex, e - 1, e)) < e - 1:
                    cut = j  # 引进了聚合|顺、: a name cut to its last syllable; its head is no verb
                elif cut is not None and s < cut < e:
                    cut = max(s, rejoin_syllable(ex, cut, e))
                elif cut is None and (j := _glued_before(ex, e)) is not None and j >= s:
                    cut = j  # 培育了鑫|达、: two syllables that make no word
                if cut is None:
                    continue
                s = skip_openers(ex, cut, e)  # 新培育|宏发: the clause's verbs are no part of the first item
                if (tok := token_at(ex.doc, s)) is not None and tok[1] == s and e - tok[2] >= 2 and len(tok[0]) >= 2 \
                        and tag_of(tok[0]) in ("m", "r"):
                    s = tok[2]  # 很多|工业: a quantity before the first item is no part of it
                if not (2 <= e - s <= 10 and specific(ex.doc, s, e, generic)) or _place_only(places, s, e):
                    continue
                # after 引进 a list may hold teachers or shops: only names that look like firms
                suf = pattern.search(text[s:e])
                if rx is _ENUM_HEAD and not (_trade_name(ex, s, e, places) or suf and suf.start() >= 2):
                    continue
                if _NOT_FIRM_END.search(text[s:e]) or _not_firm_names()[0].search(text[s:e]) or _clause_start(ex, s, e):
                    continue  # 引进人才支持保障机制, 环境保护、节能节水等企业, 中国农业科学院: not firms
                if text[s:e] in _not_firm_names()[1] or rx is _ENUM_HEAD and _common_noun(text[s:e]) \
                        or tag_of(text[s:e]) in ("v", "vn", "a", "ad", "d") and freq_of(text[s:e]) >= _CATEGORY_FREQ \
                        or tag_of(text[s:e]) not in ("nz", "nt", "j", "x") and freq_of(text[s:e]) >= 1000:
                    continue  # 工业、商业等企业, 引进优良的种畜, 上市、兼并等形式: kinds of firm, things, acts
                add(s, e, "enterprises.context", conf)


_LEGAL_AFTER = re.compile(r"[\u4e00-\u9fa5]{0,8}?(?:[（(]集团[）)])?(?:集团股份有限公司|集团有限公司|股份有限公司|有限责任公司|有限公司)")


# 浙商, 晋商投资: merchants of a province are no firm; 全镇|现代农业: the report's scope opens no name
_MERCHANTS = re.compile(r"[京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀贵黔云滇藏陕秦甘陇青宁新港澳台徽]商")
_SCOPE_OPEN = re.compile(r"[全各我本][省市县区旗镇乡村州盟]")
_LOCAL_BANKS = frozenset({"农村商业银行", "农商银行", "农商行", "村镇银行", "信用联社", "信用社", "农村信用合作联社"})
_CAPACITY_AT = re.compile(r"(?:年产)?[\d.]+[万亿千]?(?:吨|千瓦|兆瓦|GW|MW|头|只|台|套|辆|件)")
_UNIT_WORDS = frozenset({"股份", "控股"})  # 京东|股份 is how a list names the firm, already its key
_UNIT_END = set("、，,。；”等和及与")
_NOT_FIRM_NEXT = ("治理", "征收", "所得", "贷款", "存款", "股权")  # 公司治理: the word, not a firm


_PROVINCE_ABBR = set("京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀贵黔云滇藏陕秦甘陇青宁新港澳台")


def _has_project_word(name: str) -> bool:
    from kg.extract.projects import _suffix_re

    return _suffix_re()[0].search(name) is not None


def _project_suffix_at(text: str, pos: int) -> bool:
    from kg.extract.projects import _suffix_re

    m = _suffix_re()[0].match(text, pos)
    return m is not None


def _token_index(ex: Extraction, pos: int) -> int:
    return bisect_left(ex.doc.tokens, pos, key=lambda t: t[1])  # tokens are in text order


class _Places:
    """The place mentions found so far, indexed: scanning every mention for every candidate name
    made extraction quadratic in the document's length."""

    def __init__(self, ex: Extraction) -> None:
        found = sorted((m.start, m.end) for m in ex.mentions if m.type == "Place")
        self.spans = set(found)
        self.text = ex.doc.clean
        # one sense per report: 孙镇 listed among towns is no firm before 酥梨产业园 either
        self.names = {m.surface for m in ex.mentions if m.type == "Place"}
        self.starts = [s for s, _ in found]
        self.reach: list[int] = []  # furthest end among places starting at or before each one
        for _, e in found:
            self.reach.append(max(e, self.reach[-1]) if self.reach else e)

    def covering(self, s: int, e: int) -> bool:
        i = bisect_right(self.starts, s)
        return i > 0 and self.reach[i - 1] >= e


def _place_only(places: _Places, s: int, e: int) -> bool:
    return places.covering(s, e) or places.text[s:e] in places.names
