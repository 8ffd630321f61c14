"""One type per list and per report for enterprises: the items of a 、-list that holds a firm found
by its name are firms when they look like trade names (中粮、益海嘉里、鲁花), a list the text counts
as firms is firms (宏远、泰和两家企业), and a firm's name is the firm wherever it recurs. Lists the text
marks as firms by what they do: the partners a report signs with (与A、B签订…), the names a clause
opens with that win a firm's title or list on a market (A、B入选专精特新“小巨人”企业, A成功上市), and
the names in brackets after a count of firms (新增上市企业3家（A、B、C）)."""

from __future__ import annotations

import re

from kg.extract import component
from kg.extract.enterprises import (
    _COUNT,
    _NOT_FIRM_END,
    RARE_WORD_FREQ,
    _category_head,
    _clause_start,
    _has_project_word,
    _place_only,
    _Places,
    _suffixes,
    _trade_name,
    enterprise_key,
    skip_openers,
)
from kg.extract.firm_inside import drop_described
from kg.extract.firm_stems import stems
from kg.extract.firm_words import _glued_before, _not_firm_names
from kg.extract.firms_lac import _cues
from kg.extract.text import PUNCT, freq_of, is_boundary, name_before, stops_name, tag_of, token_at
from kg.model import Extraction, Mention

_STRONG = frozenset({"enterprises.stem", "enterprises.lexicon", "enterprises.legal", "enterprises.industry", "enterprises.context",
                     "enterprises.settles", "enterprises.invests", "enterprises.marked"})
_LIST_END = frozenset({"等", "和", "及", "与", "在", "成功", "分别", "均", "相继", "先后", "已", "两家", "三家", "各"})
# 宏远、泰和两家企业; 福瑞达、天岳先进成功上市: a list closed by a count of firms or by listing
_FIRMS_AFTER = re.compile(r"^(?:[两二三四五六七八九十\d]+家(?:规上|规模以上|高新技术|龙头|重点|骨干)?(?:工业)?(?:企业|公司)|等?(?:企业|公司)?(?:成功|先后|相继)?(?:上市|挂牌))")


def _list_items(ex: Extraction, m: Mention) -> list[tuple[int, int]]:
    """The other items of the 、-list that ``m`` stands in (鲁花 in 中粮、益海嘉里、鲁花在我县…): items
    between two 、 are whole; the first is cut by the name grammar, the last at a word that closes it."""
    text = ex.doc.clean
    items: list[tuple[int, int]] = []
    pos = m.start
    while pos > 1 and text[pos - 1] == "、":
        s = pos - 1
        while s > 0 and pos - 1 - s < 11 and text[s - 1] not in PUNCT:
            s -= 1
        if s > 0 and text[s - 1] != "、":
            s = name_before(ex.doc, pos - 1, max_len=10) or pos - 1
        if not 2 <= pos - 1 - s <= 10:
            break
        items.append((s, pos - 1))
        pos = s
    pos = m.end
    while pos < len(text) - 1 and text[pos] == "、":
        e = pos + 1
        while e < len(text) and e - pos <= 11 and text[e] not in PUNCT:
            e += 1
        if text[e : e + 1] != "、" or e - pos > 11:  # the last item: up to 等, 在, 成功, …
            e = pos + 1
            while e < len(text) and e - pos <= 10:
                tok = token_at(ex.doc, e)
                if tok is None or tok[0] in _LIST_END or tok[0] in _cues()[1] or tok[0][0] in "等和及与" \
                        or any(c in PUNCT for c in tok[0]) \
                        or stops_name(tok[0]) or tag_of(tok[0]) in ("m", "t", "q"):  # 金牛农牧|年出栏
                    break
                e = tok[2]
        if not 2 <= e - pos - 1 <= 10:
            break
        items.append((pos + 1, e))
        pos = e
    return items


_RARE = 20  # 诺威 (4), 鑫源 (0): words of trade names; 上海 or 发展 are not
_NAMES = r"(?:[\u4e00-\u9fa5A-Za-z]{2,8}、)*[\u4e00-\u9fa5A-Za-z]{2,8}?"
# 与鑫源泰、华茂达签订战略合作协议: the partners a report signs with
_SIGN_LIST = re.compile(rf"与({_NAMES}(?:、{_NAMES})+)(?:等(?:企业|公司)?)?(?:分别)?(?:签订|签署|签约|达成|战略合作)")
# a firm's own centre between its name and its title: 博昊通达“节能环保技术”研究开发中心获批…企业研究开发中心
_FIRM_UNITS = "研究开发中心|研发中心|企业技术中心|技术中心|工程技术研究中心|工程研究中心|重点实验室|院士工作站|博士后科研工作站"
# 德瑞祥、鼎晟源入选国家级专精特新“小巨人”企业, 瑞丰祥在北交所成功上市: a clause that opens with
# names winning a firm's title (the clause must say 企业, 工厂, 上市…) or listing on a market
_TITLED = re.compile(rf"(?:^|(?<=[，。；：！\n]))({_NAMES})(?P<unit>(?:“[^”]{{1,12}}”)?(?:{_FIRM_UNITS}))?(?:分别|先后|相继|均|已)?(?:成功)?"
                     r"(?:入选|获评|获批|被认定为|认定为|被评为|评为|荣获|跻身|晋升为|在[\u4e00-\u9fa5]{2,6}(?:成功)?上市|上市|挂牌)(?![、和与及])"
                     r"([^，。；！\n]{0,24})")
_FIRM_TITLE = re.compile(r"企业|工厂|公司|上市|挂牌|小巨人|单项冠军|瞪羚|独角兽|龙头")
# 新增上市企业3家（鑫泰隆、华茂达、振宇隆）: the firms a count stands for, in brackets after it
_BRACKETED = re.compile(rf"(?:企业|公司)[\d一二三四五六七八九十]+家[（(]({_NAMES})[）)]")
# 以鑫泰隆、华茂达为龙头: names a cluster is led by; 支持鼎晟源做大做强: names a firm's growth is wished
# for; 瑞丰祥实现产值10亿元: a name opening a clause with a firm's output or revenue
_LEADS = re.compile(rf"以({_NAMES})(?:等(?:企业|公司))?为(?:龙头|链主)")
_GROWS = re.compile(rf"(?:支持|推动|鼓励|帮助|助推|引导)({_NAMES})(?:做大做强|做优做强|做强做大|做大做优|发展壮大|增资扩产|扩能扩产|上市)")
_EARNS = re.compile(rf"(?:^|(?<=[，。；：！\n]))({_NAMES})(?:全年|去年|当年)?(?:实现|完成)?"
                    r"(?:产值|营收|营业收入|销售收入|主营业务收入|利税|纳税|销售额)(?:突破|达到|达|超过|超)?[\d.]+[万亿]元")
# places, schools and public bodies sign and win titles too
_NOT_FIRM_PARTNER = re.compile(r"[省市县区旗州盟镇乡村所院校局厅部委会园]$|大学|学院|协会|商会|高校|规上|规模以上"
                               r"|(?:工业|产业|行业|农业|企业|经济|全县|全市|全旗|组织|联盟|机构|体系|平台|中心|基地)$")


def _rare_alone(name: str) -> bool:
    """A name of 2-4 characters that, cut on its own, is made of words the dictionary does not know
    or hardly uses (鑫源泰 when the segmenter glued 与 onto 鑫源)."""
    from kg.segment import dictionary_tokenizer

    words = dictionary_tokenizer().lcut(name)
    return 2 <= len(name) <= 4 and (any(len(w) >= 2 and freq_of(w) < _RARE for w in words)
                                    or all(freq_of(w) < RARE_WORD_FREQ for w in words))


def _unknown_word(ex: Extraction, s: int, e: int) -> bool:
    """Does [s, e) hold a word of two or more characters the dictionary does not know (博昊)?"""
    from kg.extract.text import tokens_in

    return any(len(w) >= 2 and freq_of(w) == 0 for w in tokens_in(ex.doc, s, e))


def _marked(ex: Extraction, places: _Places) -> list[tuple[int, int]]:
    """The items of lists the text marks as firms by what they do (signing, titles, listings, a
    count in brackets), when each looks like a trade name."""
    text = ex.doc.clean
    out = []
    found = [(m, 1) for rx in (_SIGN_LIST, _BRACKETED, _LEADS, _GROWS, _EARNS) for m in rx.finditer(text)]
    found += [(m, 1) for m in _TITLED.finditer(text) if _FIRM_TITLE.search(m.group(0)[len(m.group(1)) :])]
    for m, g in found:
        pos = m.start(g)
        for item in m.group(g).split("、"):
            s, e = pos, pos + len(item)
            pos = e + 1
            if _NOT_FIRM_PARTNER.search(text[s:e]) or _not_firm_names()[0].search(text[s:e]) or _place_only(places, s, e) \
                    or _has_project_word(text[s:e]):
                continue
            # 与鑫源|泰 (与 glued on), 金|诺威: a name the segmenter cut badly, whole when cut alone
            if not (_trade_name(ex, s, e, places) or _rare_alone(text[s:e])):
                continue
            if m.re is _TITLED and m.group("unit") and not _unknown_word(ex, s, e):
                continue  # 锌铅银精矿|研究开发中心: a product's centre; 博昊|通达's is a firm's
            if _category_head(ex, s, e) or _clause_start(ex, s, e) or _NOT_FIRM_END.search(text[s:e]):
                continue
            out.append((s, e))
    return out


@component("enterprise-lists")
def enterprise_lists(ex: Extraction) -> None:
    """One sense per list and per report: the items of a 、-list that holds a firm found by its name
    are firms too when they look like trade names, and a firm's name is a firm wherever it recurs."""
    drop_described(ex)  # 多式联运|双挂汽车|列车项目: a product described inside a project is no firm
    text = ex.doc.clean
    spans = {(m.start, m.end): m for m in ex.mentions}
    places = _Places(ex)
    for s, e in _marked(ex, places):
        if (s, e) not in spans and not any(m.start < e and s < m.end and m.type != "Place" for m in ex.mentions):
            m = Mention("Enterprise", text[s:e], s, e, "enterprises.marked", 0.6, key=enterprise_key(text[s:e]))
            ex.mentions.append(m)
            spans[(s, e)] = m
    firms = [m for m in ex.mentions if m.type == "Enterprise" and m.extractor in _STRONG]
    for f in firms:
        for s, e in _list_items(ex, f):
            s = skip_openers(ex, s, e)  # 签约落地|宏达新材料: the first item starts after the clause's verbs
            if (s, e) in spans or _has_project_word(text[s:e]) or any(
                    m.start < e and s < m.end and m.type != "Place" for m in ex.mentions):
                continue  # typed already, or a project named beside the firms
            if not 2 <= e - s <= 10 or _place_only(places, s, e) or _COUNT.search(text[s:e]):
                continue
            if _NOT_FIRM_END.search(text[s:e]) or _clause_start(ex, s, e) or _category_head(ex, s, e):
                continue
            suf = _suffixes()[0].search(text[s:e])
            if not (_trade_name(ex, s, e, places) or suf is not None and suf.start() >= 2):
                continue  # 糖业 alone (晟|通 cut off by the segmenter) is an industry, not a firm
            m = Mention("Enterprise", text[s:e], s, e, "enterprises.list", 0.6, key=enterprise_key(text[s:e]))
            ex.mentions.append(m)
            spans[(s, e)] = m
    # 蒙宝 named once as a firm is the firm wherever it recurs, as in 蒙宝|牛副产品深加工 (its project)
    covered = {i for m in ex.mentions if m.type == "Enterprise" for i in range(m.start, m.end)}
    for name, key in {(m.surface, m.key) for m in ex.mentions if m.type == "Enterprise" and len(m.surface) >= 2}:
        pos = text.find(name)
        while pos >= 0:
            e = pos + len(name)
            if pos not in covered and is_boundary(ex.doc, pos, pos) and not _place_only(places, pos, e):
                m = Mention("Enterprise", name, pos, e, "enterprises.recurs", 0.6, key=key)
                ex.mentions.append(m)
                covered.update(range(pos, e))
            pos = text.find(name, e)
    stems(ex)  # 绿沃川数字农业 … 绿沃川|二期: the trade name of a firm is the firm at the head of its plants
    # 宏远、泰和两家企业: a list that the text itself counts as firms
    for mm in re.finditer(r"(?:[\u4e00-\u9fa5A-Za-z]{2,8}、)+[\u4e00-\u9fa5A-Za-z]{2,8}?(?=[两二三四五六七八九十\d]+家(?:规上|规模以上|高新技术|龙头|重点|骨干)?(?:工业)?(?:企业|公司)|成功上市|相继上市|先后上市)", text):
        if not _FIRMS_AFTER.match(text[mm.end() :]):
            continue
        pos = mm.start()
        for part in mm.group(0).split("、"):
            s, e = pos, pos + len(part)
            pos = e + 1
            e -= part.endswith("等")  # 伊利等|12家企业
            cut = name_before(ex.doc, e, max_len=e - s)
            if (cut is None or e - cut < 2) and (g := _glued_before(ex, e)) is not None and g >= s:
                cut = g  # 新增鑫|达、华瑞2家规上企业: two syllables that make no word
            s = cut or s
            if (s, e) in spans or _place_only(places, s, e) or _category_head(ex, s, e) or _clause_start(ex, s, e) \
                    or "企业" in text[s:e]:
                continue  # 规上工业企业、高新技术企业2家: kinds of firm, not firms
            m = Mention("Enterprise", text[s:e], s, e, "enterprises.list", 0.7, key=enterprise_key(text[s:e]))
            ex.mentions.append(m)
            spans[(s, e)] = m
