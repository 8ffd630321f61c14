"""China's administrative divisions (GB/T 2260) from the data jionlp ships, read without importing it.

jionlp's ``china_location.zip`` holds a tree: province / city / county lines carry a code and a
short form (科尔沁左翼后旗 150522 科左后旗); town and village lines below a county carry names only.
Its ``china_location_change.txt`` lists renamed divisions, which become aliases of the new unit.
Nothing is downloaded: the data is inside the installed package.
"""

from __future__ import annotations

import importlib.util
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

LEVELS = {0: "province", 1: "city", 2: "county", 3: "town", 4: "village"}
# The country itself: the place of the national reports (国务院政府工作报告). Indexed by its full
# name only (中国 in 中国特色 is no mention of it), and no province is made part of it here.
COUNTRY = ("100000", "中华人民共和国", "中国")
TOWN_SUFFIX = re.compile(r"(?:民族乡|民族苏木|街道办事处|街道|苏木|镇|乡|办事处|地区|林场|农场|牧场|渔场)$")
# Short forms that are ordinary words far more often than places; a full form is needed for them.
AMBIGUOUS_SHORT = {
    "城区", "郊区", "矿区", "新区", "市辖区", "开发区", "高新区", "和平", "新华", "长安", "永安", "太平",
    "前进", "向阳", "白云", "新城", "城关", "东区", "西区", "南区", "北区", "中山", "河口", "江口",
    "铁西", "铁东", "龙华", "红旗", "东风", "胜利", "光明", "东方", "安全", "发展", "团结", "民主",
    "高新", "经开", "合作", "通道", "大方", "安定", "吉利", "和田", "宁安", "平安", "新兴", "永和",
    "东城", "西城", "西安", "南京", "北海", "上海", "朝阳", "普陀", "金山", "青山", "海南", "江南",
    "长春", "镇江", "新乡", "东乡", "城中", "青河", "大同", "清河", "武功", "文安", "安化",
}


@dataclass
class Unit:
    code: str
    name: str
    short: str
    level: str  # province, city, county
    parent: str | None  # code of the containing unit
    old_names: set[str] = field(default_factory=set)
    forms: set[str] = field(default_factory=set)  # other full forms: 大理州, 克州, 鄂温克旗


# 大理白族自治州 → 大理州, 玉屏侗族自治县 → 玉屏县, 鄂温克族自治旗 → 鄂温克旗: an autonomous unit is
# written as its short form and its level word as often as by its full name
_AUTONOMOUS = {"自治州": "州", "自治县": "县", "自治旗": "旗"}


def _suffixed(name: str, short: str) -> set[str]:
    for tail, level in _AUTONOMOUS.items():
        if name.endswith(tail) and len(short) >= 2 and not short.endswith(level):
            return {short + level}
    return set()


@dataclass
class Local:
    """A town or village inside a county (no code in the data)."""

    name: str
    level: str  # town, village
    county: str  # county code
    town: str | None  # containing town's name, for villages


def _jionlp_dir() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or spec.origin is None:
        raise RuntimeError("jionlp is not installed: `pip install jionlp` provides the division data")
    return Path(spec.origin).parent / "dictionary"


class Gazetteer:
    def __init__(self, lines: list[str], changes: list[str] | None = None) -> None:
        self.units: dict[str, Unit] = {}
        self.by_name: dict[str, list[Unit]] = defaultdict(list)
        self._county_lines: dict[str, tuple[int, int]] = {}
        self._lines = lines
        stack: list[str | None] = [None, None, None]
        county_start: tuple[str, int] | None = None
        for i, raw in enumerate(lines):
            if raw.startswith("\t\t\t"):  # towns and villages (700,000 lines): read per county on demand
                continue
            line = raw.rstrip("\r")
            depth = len(line) - len(line.lstrip("\t"))
            if county_start:
                self._county_lines[county_start[0]] = (county_start[1], i)
                county_start = None
            parts = line.strip("\t").split("\t")
            if len(parts) < 3:
                continue
            name, code, short = parts[0], parts[1], parts[2]
            code = code.ljust(6, "0")
            parent = stack[depth - 1] if depth > 0 else None
            if depth > 0 and parent == code:  # municipalities repeat themselves as their own city
                stack[depth] = code
                continue
            shorts = [x for x in (short or name).split("/") if x]  # 克州/克孜勒苏: two short forms
            unit = Unit(code, name, shorts[0], LEVELS[depth], parent)
            unit.forms = set(shorts[1:]) | _suffixed(name, shorts[0])
            self.units[code] = unit
            stack[depth] = code
            if depth == 2:
                county_start = (code, i + 1)
        if county_start:
            self._county_lines[county_start[0]] = (county_start[1], len(lines))
        country = Unit(COUNTRY[0], COUNTRY[1], COUNTRY[2], "country", None)
        self.units[country.code] = country
        for u in self.units.values():
            if u is country:
                self._index(u.name, u)
                continue
            self._index(u.name, u)
            if u.short != u.name:
                self._index(u.short, u)
        for u in list(self.units.values()):
            for form in sorted(u.forms):
                if form not in self.by_name:  # a form never takes another unit's own name
                    self._index(form, u)
            if u.name.endswith("自治州") and u.short.endswith("州") and len(u.short) >= 3 and u.short[:-1] in self.by_name:
                self._index(u.short[:-1], u)  # 海南 is 海南州 in Qinghai (海西、海南、海北), the province elsewhere
        for line in changes or []:
            self._rename(line)

    def _index(self, name: str, unit: Unit) -> None:
        if unit not in self.by_name[name]:
            self.by_name[name].append(unit)

    def _rename(self, line: str) -> None:
        """``date kind old-path => new-path``: the old county/city name becomes an alias."""
        if "=>" not in line:
            return
        old, new = line.split("=>", 1)
        old_parts = old.split("\t")[2:]
        new_parts = [p for p in new.strip().split("\t") if p]
        if not new_parts or len(old_parts) < 2:
            return
        new_name, old_full, old_short = new_parts[-1], old_parts[-2], old_parts[-1]
        if new_name not in self.by_name and old_short and new_name.startswith(old_short):
            # 无为县 → 无为市, 错那县 → 错那市, 湟中县 → 湟中区: the change list knows the new name but the
            # tree still holds the old unit, which takes the new name (the old one stays indexed)
            olds = [u for u in self.by_name.get(old_full, []) if u.name == old_full and u.short == old_short]
            if len(olds) == 1:
                olds[0].old_names.add(old_full)
                olds[0].name = new_name
                self._index(new_name, olds[0])
            return
        for u in self.by_name.get(new_parts[-1], []):
            if u.name == new_parts[-1]:
                old_full, old_short = old_parts[-2], old_parts[-1]
                for n in (old_full, old_short):
                    if n and n not in self.by_name:
                        u.old_names.add(n)
                        self._index(n, u)

    def chain(self, code: str) -> list[Unit]:
        """The unit and its ancestors, nearest first."""
        out = []
        cur: str | None = code
        while cur and cur in self.units:
            out.append(self.units[cur])
            cur = self.units[cur].parent
        return out

    @lru_cache(maxsize=256)  # noqa: B019 - one gazetteer per process; the cache lives as long
    def locals_of(self, county: str) -> tuple[Local, ...]:
        """Towns and villages of one county, parsed on demand (700,000 lines stay unparsed)."""
        lo, hi = self._county_lines.get(county, (0, 0))
        out: list[Local] = []
        town: str | None = None
        for raw in self._lines[lo:hi]:
            line = raw.rstrip("\r")
            depth = len(line) - len(line.lstrip("\t"))
            name = line.strip("\t").split("\t")[0]
            if not name or "虚拟" in name:
                continue
            if depth == 3:
                town = name
                out.append(Local(name, "town", county, None))
            elif depth == 4:
                out.append(Local(name, "village", county, town))
        return tuple(out)

    @lru_cache(maxsize=1)  # noqa: B019 - one gazetteer per process
    def town_names(self) -> frozenset[str]:
        """Every town, township and sub-district of the country (depth-3 lines), for the rarity check
        of a name that only its suffix (…镇, …乡) calls a town."""
        return frozenset(raw.strip("\t\r").split("\t")[0] for raw in self._lines
                         if raw.startswith("\t\t\t") and not raw.startswith("\t\t\t\t"))

    @lru_cache(maxsize=1)  # noqa: B019 - one gazetteer per process
    def towns_by_name(self) -> dict[str, tuple[str, ...]]:
        """Town name → codes of the counties that have a town of that name: the depth-3 lines of each
        county's block, read without parsing its villages (a report whose heading names no place)."""
        out: dict[str, list[str]] = defaultdict(list)
        for county, (lo, hi) in self._county_lines.items():
            for raw in self._lines[lo:hi]:
                if raw.startswith("\t\t\t") and not raw.startswith("\t\t\t\t"):
                    name = raw.strip("\t\r").split("\t")[0]
                    if name and "虚拟" not in name and county not in out[name]:
                        out[name].append(county)
        return {k: tuple(v) for k, v in out.items()}

    def resolve(self, name: str, within: str | None = None) -> Unit | None:
        """The unit a name means, preferring one inside ``within`` (a code prefix) if several."""
        cands = self.by_name.get(name, [])
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0]
        # 长沙 (长沙市, 长沙县), 承德 (承德市, 承德县): a short form shared by a city and a county of that
        # city is the city's, even in the county's own report, which writes itself in full (长沙县)
        cities = {u.code for u in cands if u.level == "city" and u.name != name}
        if cities and all(u.code in cities or u.parent in cities and u.name != name for u in cands):
            return next(u for u in cands if u.code in cities)
        if within:
            for n in (6, 4, 2):
                near = [u for u in cands if u.code.startswith(within[:n])]
                if near:
                    return sorted(near, key=lambda u: (u.name != name, u.code))[0]
        full = [u for u in cands if u.name == name]
        pool = full or cands
        # a province or city outranks a county of the same short name (吉林 the province)
        order = {"country": -1, "province": 0, "city": 1, "county": 2}
        return sorted(pool, key=lambda u: (order[u.level], u.code))[0]


# 恩和俄罗斯族民族乡, 三河回族乡, 清水苗族彝族乡: the people named before the level word are no part
# of the town's own name (恩和, 三河)
_PEOPLES = ("蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|"
            "景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|"
            "保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺")
_PEOPLE_TAIL = re.compile(rf"(?:(?:{_PEOPLES})族)+(?:民族)?(?=(?:乡|镇|苏木)$)")


def town_short(name: str) -> str | None:
    short = TOWN_SUFFIX.sub("", _PEOPLE_TAIL.sub("", name))
    return short if short != name and len(short) >= 2 else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    d = _jionlp_dir()
    with zipfile.ZipFile(d / "china_location.zip") as z:
        lines = z.read("china_location.txt").decode("utf-8").split("\n")
    changes_path = d / "china_location_change.txt"
    changes = changes_path.read_text(encoding="utf-8").splitlines() if changes_path.exists() else []
    return Gazetteer(lines, changes)


@lru_cache(maxsize=1)
def capitals() -> frozenset[str]:
    """Capital cities (the third column of jionlp's world table): 莫斯科 names itself without Russia."""
    lines = (_jionlp_dir() / "world_location.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(p[2] for p in (line.split("\t") for line in lines) if len(p) > 2 and p[0] != "中国" and len(p[2]) >= 2)


@lru_cache(maxsize=1)
def world() -> dict[str, tuple[str, str | None]]:
    """Foreign places: name → (canonical country name, country for a city or None)."""
    out: dict[str, tuple[str, str | None]] = {}
    path = _jionlp_dir() / "world_location.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or parts[0] in ("中国",):
            continue
        short, full = parts[0], parts[1]
        out[short] = (short, None)
        out[full] = (short, None)
        for col in parts[2:4]:  # the capital, then other cities
            for city in col.split("/"):
                if len(city) >= 2 and city not in out:
                    out[city] = (city, short)
    return out
