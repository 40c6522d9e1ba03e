"""The names of issuing organs (发文机关) as documents print them, and the kinds of 公文.

A document names its issuers in three places: the 发文机关标志 (兴安盟行政公署文件), the title
(国务院办公厅、中央军委办公厅关于…的通知; 中共乌兰察布市委 乌兰察布市人民政府 / 关于…) and the signature
above the date. Joint issuers are separated by 、 or white space, or not at all (内蒙古兴安盟行政公署中国人民
解放军内蒙古兴安军分区); `split_organs` cuts such a run into names by the shape of an organ's name (it
ends in 人民政府, 办公厅, 委员会, 局 …) into the fewest pieces, each then mapped to its canonical name by
the office registry where it knows one.

The kinds of 公文 are the fifteen of the 党政机关公文处理工作条例 (决议 决定 命令(令) 公报 公告 通告 意见
通知 通报 报告 请示 批复 议案 函 纪要) and the names of the texts they issue (办法, 规定, 方案 …).
Standard library only; every stage of the corpus pipeline may use it.
"""

from __future__ import annotations

import re

from .offices import SHIPPED_REGISTRY, OfficeRegistry
from .text import squash

# The fifteen kinds of 公文, longest first where one ends another (指导意见 before 意见).
OFFICIAL_KINDS = (
    "决议",
    "决定",
    "命令",
    "令",
    "公报",
    "公告",
    "通告",
    "意见",
    "通知",
    "通报",
    "报告",
    "请示",
    "批复",
    "议案",
    "函",
    "纪要",
)
# What those documents issue, approve or forward, and what researchers call them.
ISSUED_KINDS = (
    "办法",
    "规定",
    "细则",
    "方案",
    "预案",
    "规划",
    "计划",
    "要点",
    "条例",
    "规则",
    "制度",
    "标准",
    "指引",
    "目录",
    "答复",
    "复函",
    "纲要",
    "章程",
    "守则",
    "清单",
    "名单",
    "指南",
    "规程",
    "实施意见",
    "指导意见",
    # what government pages publish besides 公文, titled as these are (关于…名单的公示, 致…的倡议书, …告知书)
    "公示",
    "倡议书",
    "告知书",
)
DOC_KINDS = tuple(sorted(set(OFFICIAL_KINDS + ISSUED_KINDS), key=len, reverse=True))
_KIND_END = re.compile(
    "(?:"
    + "|".join(DOC_KINDS)
    + r")(?:[（(](?:试行|暂行|草案|修订|修正|征求意见稿|送审稿|\d{4}年?(?:修订|修正)?)[）)])?$"
)

# The endings of an organ's name: governments and their offices, party committees, departments,
# commissions, headquarters and groups set up by them.
ORGAN_ENDINGS = (
    "人民政府办公厅",
    "人民政府办公室",
    "行政公署办公室",
    "人民代表大会常务委员会",
    "人大常委会",
    "人民政府",
    "行政公署",
    "办公厅",
    "办公室",
    "委员会",
    "军分区",
    "中央军委",
    "指挥部",
    "领导小组",
    "工作组",
    "国务院",
    "中共中央",
    "党委",
    "市委",
    "盟委",
    "县委",
    "旗委",
    "区委",
    "省委",
    "州委",
    "政府",
    "公署",
    "总局",
    "中心",
    "局",
    "厅",
    "委",
    "办",
    "院",
    "部",
    "署",
)
_HAN = "\u4e00-\u9fff"
_ORGAN = re.compile(rf"(?:中共|中国共产党)?[{_HAN}（）()]{{0,24}}?(?:{'|'.join(ORGAN_ENDINGS)})")
# A line that holds only organ names (a title's issuer line, a signature, an 发文机关标志 without 文件).
ORGAN_LINE = re.compile(rf"^(?:{_ORGAN.pattern})(?:[、，,\s]*(?:{_ORGAN.pattern}))*$")
# Words no organ name holds: a line with one is a sentence or a heading, not a list of issuers.
_NOT_ORGAN = re.compile(
    r"关于|通知|意见|的|是|在|为|对|将|要|按|了|加强|推进|实施|转发|批转|印发|返回|顶部|首页|打印|关闭|[。，；：:;,]"
)
# Where a second organ begins inside a run printed without a separator (国务院办公厅|中央军委办公厅): a
# party or central body, or a place (省 市 县 盟 旗 …). A sub-unit (办公厅, 社会工作部) does not begin one.
_NEW_ORGAN = re.compile(
    rf"(?:中共|中国|中央|国务院|国家|全国|内蒙古|[{_HAN}]{{1,7}}?(?:省|市|县|盟|旗|自治区|自治州|地区))"
)
# A province printed before a city's organ (辽宁省沈阳市人民政府, as law databases print issuers): the
# organ's name is the city's.
_PROVINCE_BEFORE_CITY = re.compile(
    rf"^(?:[{_HAN}]{{2,3}}省|[{_HAN}]{{2,5}}自治区)(?=[{_HAN}]{{2,6}}?(?:市|自治州|州|盟|地区)[{_HAN}])"
)
MAX_ORGANS = 80  # characters a line of issuers may hold (four joint issuers with long names)
# A place's party committee by its short name (中共兴安盟委, 中共乌兰察布市委), kept as printed.
_PARTY_SHORT = re.compile(rf"^(中共[{_HAN}]{{2,10}}?(?:省|市|县|盟|旗|区|州))委$")
# A government printed bare after its place's party committee (中共兴安盟委行政公署, 中共X市委 人民政府):
# it is the same place's.
_BARE_GOVERNMENT = ("行政公署", "人民政府", "行署")
# Endings a cut must not split (中共兴安盟委|员会…): the name runs on.
_LONG_ENDINGS = tuple(e for e in ORGAN_ENDINGS if len(e) > 1)


# A kind that is a form of a shorter one, counted as it: a 实施意见 is an 意见, a 复函 a 函.
BASE_KIND = {"实施意见": "意见", "指导意见": "意见", "复函": "函", "命令": "令"}


def doc_kind(title: str | None) -> str | None:
    """The kind a title names at its end: 通知, 意见, 办法 … (（试行） and the like ignored; 实施意见 is 意见)."""
    if not title:
        return None
    match = _KIND_END.search(squash(title))
    if not match:
        return None
    ending = match.group(0)
    kind = next(kind for kind in DOC_KINDS if ending.startswith(kind))
    return BASE_KIND.get(kind, kind)


def is_organ_line(text: str) -> bool:
    """A line holding nothing but one or more organs' names (国务院办公厅　中央军委办公厅)."""
    squashed = squash(text)
    if not 2 <= len(squashed) <= MAX_ORGANS or _NOT_ORGAN.search(squashed.replace("委员会", "")):
        return False
    return bool(ORGAN_LINE.match(text.strip()))


def begins_an_organ(text: str) -> bool:
    """Whether `text` opens as an organ's name does (中共…, 国务院…, a place): not a sub-unit's tail (办公厅)."""
    return bool(_NEW_ORGAN.match(squash(text)))


def without_province(text: str) -> str:
    """An issuers' line as a city's organ prints it: the province a law database adds before it dropped
    (湖北省武汉市人民政府 → 武汉市人民政府)."""
    return _PROVINCE_BEFORE_CITY.sub("", text.strip())


def split_organs(text: str, registry: OfficeRegistry = SHIPPED_REGISTRY) -> list[str]:
    """The organs named in `text` (an issuer line or a title's prefix), canonical where the registry
    knows the name, else as printed; [] when `text` is not a list of organs.

    Pieces separated by 、 or white space are taken as printed; a run of names printed without a
    separator is cut into the fewest pieces that each read as an organ's name.
    """
    out: list[str] = []
    canonical_of = dict(registry.names)
    for piece in re.split(r"[、，,\s]+", text.strip()):
        if not piece:
            continue
        names = _known_names(piece, registry) or _cut(piece)
        if not names:
            return []
        for name in _with_their_place(names, out):
            canonical = canonical_of.get(name, name)
            canonical = _PROVINCE_BEFORE_CITY.sub("", canonical)
            if canonical not in out:
                out.append(canonical)
    return out


def _with_their_place(names: list[str], before: list[str]) -> list[str]:
    """A bare 行政公署 / 人民政府 after a place's party committee named as that place's (中共兴安盟委 行政公署
    → 兴安盟行政公署)."""
    out: list[str] = []
    for name in names:
        if name in _BARE_GOVERNMENT:
            party = next((p for p in reversed(before + out) if p.startswith("中共")), None)
            place = re.match(rf"中共([{_HAN}]{{2,10}}?(?:省|市|县|盟|旗|区|州))委", party or "")
            if place:
                name = place[1] + ("行政公署" if name == "行署" else name)
        out.append(name)
    return out


def _known_names(piece: str, registry: OfficeRegistry) -> list[str] | None:
    """The piece as a run of names the registry knows (内蒙古兴安盟行政公署中国人民解放军…), or None."""
    found: list[str] = []
    rest = piece
    while rest:
        for printed, canonical in registry.names:
            if rest.startswith(printed):
                found.append(canonical)
                rest = rest[len(printed) :]
                break
        else:
            return None
    return found


def _cut(piece: str) -> list[str]:
    """`piece` as names each shaped like an organ's, every one after the first beginning as a new organ
    does (not as a sub-unit: 国务院|办公厅 is one name): the most such names; [] if none do."""
    if len(piece) > MAX_ORGANS:
        return []
    n = len(piece)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(1, n + 1):
        for start in range(max(0, end - 26), end):
            before = best[start]
            if before is None or not _ORGAN.fullmatch(piece[start:end]):
                continue
            if start and not _begins_there(piece, start, end, before):
                continue
            current = best[end]
            candidate = before + [piece[start:end]]
            if current is None or _better(candidate, current):
                best[end] = candidate
    return best[n] or []


def _begins_there(piece: str, start: int, end: int, before: list[str]) -> bool:
    """Whether a second name may be piece[start:end]: opening as a new organ does within itself (not 办公厅
    taking the next name's place for its own), never inside an ending (中共兴安盟委|员会), or a bare
    government after its place's party committee (中共兴安盟委|行政公署)."""
    for ending in _LONG_ENDINGS:
        for inside in range(1, len(ending)):
            if start >= inside and piece.startswith(ending, start - inside):
                return False
    if piece.startswith(_BARE_GOVERNMENT, start) and before and _PARTY_SHORT.match(before[-1]):
        return True
    return bool(_NEW_ORGAN.match(piece[start:end]))


def _better(candidate: list[str], current: list[str]) -> bool:
    """More names; among as many, the longer names first (国务院办公厅|…, not 国务院|办公厅…)."""
    if len(candidate) != len(current):
        return len(candidate) > len(current)
    return [len(n) for n in candidate] > [len(n) for n in current]


# A provincial government's 代字 opens with its province's one-character name (鄂政发, 内政办发, 京政发, 沪府发); a
# provincial gazette prints its own government's documents as 省人民政府关于… (湖北 dropped).
PROVINCES = {
    "京": "北京市",
    "津": "天津市",
    "沪": "上海市",
    "渝": "重庆市",
    "冀": "河北省",
    "晋": "山西省",
    "辽": "辽宁省",
    "吉": "吉林省",
    "黑": "黑龙江省",
    "苏": "江苏省",
    "浙": "浙江省",
    "皖": "安徽省",
    "闽": "福建省",
    "赣": "江西省",
    "鲁": "山东省",
    "豫": "河南省",
    "鄂": "湖北省",
    "湘": "湖南省",
    "粤": "广东省",
    "琼": "海南省",
    "川": "四川省",
    "黔": "贵州省",
    "贵": "贵州省",
    "云": "云南省",
    "滇": "云南省",
    "陕": "陕西省",
    "甘": "甘肃省",
    "青": "青海省",
    "内": "内蒙古自治区",
    "桂": "广西壮族自治区",
    "藏": "西藏自治区",
    "宁": "宁夏回族自治区",
    "新": "新疆维吾尔自治区",
}
_UNPLACED = re.compile(r"^(省|自治区|市|县|区|旗)((?:人民)?政府(?:办公厅|办公室)?)$")


def is_unplaced(organ: str) -> bool:
    """An organ printed without its place, as its own gazette or site prints it: 省人民政府, 自治区人民政府办公厅,
    市人民政府, 县人民政府, 市政府 (苏州市's 市政府关于…的复函)."""
    return bool(_UNPLACED.match(organ))


def in_full(organ: str) -> str:
    """An unplaced organ's name in full: 市政府 → 市人民政府 (a 县人民政府 stays)."""
    unplaced = _UNPLACED.match(organ)
    if unplaced is None or unplaced.group(2).startswith("人民"):
        return organ
    return unplaced.group(1) + "人民" + unplaced.group(2)


def places(placed: str, organ: str) -> bool:
    """Whether `placed` (浠水县人民政府, 苏州市人民政府) is the unplaced `organ` (县人民政府, 市政府) with its place."""
    full = in_full(organ)
    # 自治区人民政府 ends with 区人民政府, but a region's government never calls itself so (a 自治县's calls
    # itself 县人民政府)
    autonomous_region = full.startswith("区") and placed.endswith("自治" + full)
    return len(placed) > len(full) and placed.endswith(full) and not autonomous_region


def placed_by_code(organ: str, code: str) -> str:
    """`organ` printed without its place (省人民政府, 自治区人民政府办公厅) named by a provincial 代字 (鄂政发 →
    湖北省人民政府), when the code's province is of that rank; else as printed. A 市人民政府 stays: a
    municipality's letter is also a county-level city's (津政发 is 津市市's too, 京政发 京山市's)."""
    unplaced = _UNPLACED.match(organ)
    if unplaced is None or unplaced.group(1) == "市" or code[1:2] not in ("政", "府"):
        return organ
    province = PROVINCES.get(code[:1])
    # 自治区 ends with 区, but a 区人民政府 is a district's, never 新疆维吾尔自治区人民政府
    if province is None or not province.endswith(unplaced.group(1)) or unplaced.group(1) == "区":
        return organ
    return province + in_full(organ)[len(unplaced.group(1)) :]
