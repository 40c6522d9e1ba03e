"""文号: Chinese official document numbers such as 兴署办字〔2022〕5号.

A 文号 is 代字 (issuer code) + year + number + 号. PDFs and users write it in
many ways (other brackets, 2022年 instead of brackets, stray spaces and line
breaks, full-width digits, no 号, leading zeros); everything here normalizes to
one `Wenhao` whose `canonical` form is 代字〔year〕number号.

Finding them in running text is linear in the text's length: the bracket or 年 anchor is found first,
then the 代字 is read back from it within a bounded window (a 代字 is at most 10 characters), so a
line of thousands of spaced Han characters cannot make the pattern backtrack over all its splits.

Standard library only: the corpus package must not depend on the indexer.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .offices import SHIPPED_REGISTRY
from .text import han_to_int, squash, to_halfwidth_digits

# --- known codes -----------------------------------------------------------

# Issuing offices implied by the code, from corpus/offices.json (users extend it with an offices.json
# beside their corpus). 兴署联发 is a joint document: its offices come from the title.
OFFICE_BY_CODE: dict[str, tuple[str, ...]] = dict(SHIPPED_REGISTRY.codes)

# Readable ASCII ids for the gazette's own codes (used in URLs).
_SLUG_BY_CODE = dict(SHIPPED_REGISTRY.slugs)

# --- regular expression pieces -----------------------------------------------

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_H = f"[{_HAN}]"
# Escaped: they go inside [...] character classes.
_OPEN = re.escape("〔[［(（【﹝〖")
_CLOSE = re.escape("〕]］)）】﹞〗")
_D = "[0-9０-９]"
_HSP = r"[^\S\r\n]"  # white space except line breaks: a 代字 never spans lines

# Words that often stand right before a 代字 in running text ("按照国发〔…〕",
# "印发兴署发〔…〕"). A 代字 never contains one, so the 代字 starts after the last
# of them. Single characters are kept to ones no real 代字 uses.
STOP_WORDS = (
    "根据",
    "按照",
    "依据",
    "依照",
    "遵照",
    "参照",
    "对照",
    "现将",
    "印发",
    "转发",
    "执行",
    "贯彻",
    "落实",
    "关于",
    "废止",
    "结合",
    "配合",
    "通过",
    "修订",
    "修改",
    "取代",
    "替代",
    "请按",
    "决定",
    "予以",
    "依据",
    "通知",
    "文件",
    "详见",
    "参见",
    "以及",
    "查询",
    "搜索",
    "查找",
    "的",
    "和",
    "及",
    "与",
    "见",
    "或",
    "附",
    # the 号 closing a 文号 printed right before the next one (兴署发〔2022〕6号兴署发〔2022〕7号): without it
    # the second 代字 began at that 号 (after a Han character) and was found only through it, every other one
    "号",
)
_STOP = "(?:" + "|".join(STOP_WORDS) + ")"
_CODE_CHAR = f"(?:(?!{_STOP}){_H})"

# Where a 代字 may begin: after a non-Han character, right after a stop word,
# or 10 characters before the bracket when the Han run is longer (max length).
_CODE_START = "(?:" + "|".join([f"(?<!{_H})"] + [f"(?<={w})" for w in STOP_WORDS] + [f"(?={_CODE_CHAR}{{10}})"]) + ")"
# Spaces inside a 代字 (PDF damage: "兴 署 发") are accepted only next to a
# single-character piece, so "政策 兴署发〔…〕" still yields 兴署发.
_SINGLE = f"(?:{_CODE_CHAR}(?!{_H}))"
_MULTI = f"(?:{_CODE_CHAR}{{2,10}})"
_CODE = f"(?:{_SINGLE}{_HSP}+)*(?:{_MULTI}|{_SINGLE})(?:{_HSP}+{_SINGLE})*"

_YEAR = f"{_D}(?:{_HSP}*{_D}){{3}}"
# Digits of the number may be split by spaces but not by a line break
# (a following page number must not be glued on); 号 may follow after any break.
_NUM = f"{_D}(?:{_HSP}*{_D}){{0,5}}(?!{_D})"
# 〔2020〕第3号: a 通告's or 公告's serial printed with 第 (read only where 号 closes it, so 〔2019〕第4次 is none)
_DI = rf"(?:第{_HSP}{{0,4}}(?={_D}(?:{_HSP}{{0,4}}{_D}){{0,5}}{_HSP}{{0,4}}号))?"
_BRACKET = rf"[{_OPEN}]\s*(?P<y1>{_YEAR})\s*[{_CLOSE}]\s*{_DI}(?P<n1>{_NUM})(?:\s*号)?"


def _nian(nian_needs_hao: bool) -> str:
    # In running text the 年 form needs 号 (else "2022年6月" would qualify);
    # in a query it may end without 号, but not inside a date ("…年6月").
    tail = r"\s*号" if nian_needs_hao else rf"(?:\s*号|(?![{_HAN}0-9０-９]))"
    return rf"(?P<y2>{_YEAR})\s*年\s*(?P<n2>{_NUM}){tail}"


# A 代字 ending exactly where the anchor's white space begins (searched with endpos there).
_CODE_AT_END = re.compile(rf"{_CODE_START}(?P<code>{_CODE})\Z")
# Where an anchor can begin: an opening bracket or a digit.
_ANCHOR_START = re.compile(f"[{_OPEN}0-9０-９]")
_WS = re.compile(r"\s")
_HAN_CHAR = re.compile(_H)
# Characters the window may reach back over: a 10-character 代字 with PDF spaces between its pieces.
CODE_WINDOW = 40


class WenhaoMatch:
    """What `re.Match` offers that callers use: group(), start(), end(), span(), m["code"]."""

    __slots__ = ("string", "_start", "_end", "_groups")

    def __init__(self, string: str, start: int, end: int, groups: dict[str, str | None]):
        self.string, self._start, self._end, self._groups = string, start, end, groups

    def group(self, name: int | str = 0) -> str | None:
        if name == 0:
            return self.string[self._start : self._end]
        return self._groups.get(name) if isinstance(name, str) else None  # every group is named

    __getitem__ = group

    def start(self) -> int:  # a match starts with its 代字
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def __repr__(self) -> str:
        return f"<WenhaoMatch span={self.span()} match={self.group()!r}>"


class WenhaoPattern:
    """A 文号 pattern over running text, linear in the text's length.

    Same matches as the single regular expression `_CODE_START(?P<code>_CODE)\\s*(?:bracket|年 form)`
    run with finditer, which backtracks cubically over long runs of spaced Han characters.
    """

    def __init__(self, nian_needs_hao: bool):
        self.pattern = rf"{_CODE_START}(?P<code>{_CODE})\s*(?:{_BRACKET}|{_nian(nian_needs_hao)})"
        self._anchor = re.compile(rf"{_BRACKET}|{_nian(nian_needs_hao)}")

    def finditer(self, text: str):
        done = 0  # end of the last match: the next one starts at or after it
        for start in _ANCHOR_START.finditer(text):
            a = start.start()
            if a <= done or not (_WS.match(text, a - 1) or _HAN_CHAR.match(text, a - 1)):
                continue  # inside the last match, or not right after a Han run
            c = a
            while c > done and _WS.match(text, c - 1):
                c -= 1  # white space (line breaks too) may stand between 代字 and bracket
            if c <= done or not _HAN_CHAR.match(text, c - 1):
                continue
            anchor = self._anchor.match(text, a)
            if anchor is None:
                continue
            code = _CODE_AT_END.search(text, max(done, c - CODE_WINDOW), c)
            if code is None:
                continue
            groups = {"code": code["code"], **anchor.groupdict()}
            match = WenhaoMatch(text, code.start("code"), anchor.end(), groups)
            done = anchor.end()
            yield match

    def search(self, text: str) -> WenhaoMatch | None:
        return next(self.finditer(text), None)


_IN_TEXT = WenhaoPattern(nian_needs_hao=True)
WENHAO_IN_QUERY = WenhaoPattern(nian_needs_hao=False)

_WHOLE = re.compile(
    rf"(?P<code>{_CODE_CHAR}{{1,10}})"
    rf"(?:[{_OPEN}](?P<y1>[0-9]{{4}})[{_CLOSE}](?:第(?=[0-9]{{1,6}}号))?|(?P<y2>[0-9]{{4}})年)(?P<n>[0-9]{{1,6}})号?"
)


@dataclass(frozen=True)
class Wenhao:
    """A document number: 代字〔year〕number号, or a 令 number (国令第707号, 内蒙古自治区人民政府令第262号:
    code ending in 令, the year only when printed, as in 河北省人民政府令〔2010〕第15号)."""

    code: str  # 代字, e.g. "兴署办字"; for a 令 its issuer and 令: "国令", "渝府令"
    year: int | None
    number: int

    @property
    def canonical(self) -> str:
        if self.year is None:
            return f"{self.code}第{self.number}号"
        return f"{self.code}〔{self.year}〕{self.number}号"

    @property
    def is_order(self) -> bool:
        """A 令 (order) number: regulations and decrees are promulgated by 令, numbered per issuer."""
        return self.code.endswith("令")

    @property
    def slug(self) -> str:
        abbr = _SLUG_BY_CODE.get(self.code)
        if abbr:
            return f"{abbr}-{self.year}-{self.number}"
        return "wh-" + hashlib.sha1(self.canonical.encode("utf-8")).hexdigest()[:10]

    @property
    def offices(self) -> tuple[str, ...]:
        return OFFICE_BY_CODE.get(self.code, ())

    @property
    def is_joint(self) -> bool:
        return "联发" in self.code


def _make(code: str, year: str, number: str) -> Wenhao | None:
    """Build a Wenhao from raw matched pieces, or None if out of range."""
    code = squash(code)
    y = int(to_halfwidth_digits(squash(year)))
    n = int(to_halfwidth_digits(squash(number)))
    if not (1949 <= y <= 2100) or n < 1 or not code:
        return None
    return Wenhao(code, y, n)


_NUMBER_LABEL = re.compile(r"^(?:发文字号|发布文号|发文文号|文件编号|文号)[\s：:]*")


def parse_wenhao(text: str) -> Wenhao | None:
    """Parse a string that is exactly one 文号 or 令 number (optionally in parentheses)."""
    s = _NUMBER_LABEL.sub("", text.strip())  # 发文字号国函〔2008〕2号: a table's label glued on
    if len(s) > 1 and s[0] in "(（" and s[-1] in ")）":
        s = s[1:-1]
    s = to_halfwidth_digits(squash(s))
    m = _WHOLE.fullmatch(s)
    if m:
        return _make(m["code"], m["y1"] or m["y2"], m["n"])
    order = _ORDER_WHOLE.fullmatch(s)
    if order and (issuer := _order_issuer(order["issuer"])):
        return _make_order(issuer, order["y1"] or order["y2"], order["n"], order["nh"])
    return None


# --- 令 numbers ----------------------------------------------------------------------------------
# Regulations (规章) and State Council decrees are promulgated by 令 and numbered per issuer, without a
# 代字〔year〕: 中华人民共和国国务院令 第707号 (cited 国令第707号), 内蒙古自治区人民政府令第262号, 渝府令第121号,
# 河北省人民政府令〔2010〕第15号, 商务部令2019年第1号.
# A 主席令 is numbered within the NPC's term, in parentheses and often in Chinese numerals: 中华人民共和国主席令
# （九届第37号）, 主席令第三十七号 — the term is dropped (the number with its issuer names it).
_HAN_NUM = "[一二三四五六七八九十百千〇○零]{1,8}"
# White space between a 令's pieces is bounded (令 第 707 号, letter-spaced in a PDF): unbounded runs on both sides
# of optional pieces made the search cubic in a run of spaces after 令 (2,000 spaces: 35 s).
_OS = r"\s{0,4}"
_ORDER_TAIL = (
    rf"令{_OS}(?:[{_OPEN}]{_OS}(?P<y1>{_YEAR}){_OS}[{_CLOSE}]|(?P<y2>{_YEAR}){_OS}年)?"
    rf"{_OS}(?P<paren>[（(]{_OS}(?:[一二三四五六七八九十]{{1,3}}{_OS}届{_OS})?)?"
    rf"(?:第{_OS}(?P<nh>{_HAN_NUM})|第?{_OS}(?P<n>{_NUM})){_OS}号(?(paren){_OS}[)）])"
)
_ORDER_WHOLE = re.compile(rf"(?P<issuer>{_H}{{1,24}}?){_OS}{_ORDER_TAIL}")
_ORDER_ANCHOR = re.compile(rf"(?<={_H}){_OS}{_ORDER_TAIL}")
# Who may issue a 令: a government (人民政府, 政府, 渝府), the State Council (国务院, 国), a ministry or
# commission (部, 委员会, 委, 局, 署, 总局, 院).
_ORDER_ISSUER = re.compile(
    rf"(?:中华人民共和国)?(?:国务院|国|主席|{_H}{{0,14}}(?:人民政府|政府|府|部|委员会|委|局|署|院|行政公署))"
)
# What cannot begin an issuer's name in running text: dates' tails and function words (以常州市人民政府令…).
_NOT_ISSUER_START = set("年月日号以经由为按据和及与的等并将对在是于从即之第现予已")
_STATE_COUNCIL = {"国", "国务院", "中华人民共和国国务院"}
_STOP_WORD_RE = re.compile("|".join(w for w in STOP_WORDS if len(w) > 1))


def _order_issuer(printed: str) -> str | None:
    """The issuer of a 令 as its code is written: 国 for the State Council, else as printed."""
    name = squash(printed)
    if not _ORDER_ISSUER.fullmatch(name):
        return None
    return "国" if name in _STATE_COUNCIL else name.removeprefix("中华人民共和国")


def _make_order(issuer: str, year: str | None, number: str | None, han: str | None = None) -> Wenhao | None:
    try:
        n = han_to_int(han) if han else int(to_halfwidth_digits(squash(number or "")))
    except ValueError:  # malformed numerals such as 十十
        return None
    y = int(to_halfwidth_digits(squash(year))) if year else None
    if n < 1 or (y is not None and not 1949 <= y <= 2100):
        return None
    return Wenhao(issuer + "令", y, n)


def find_orders(text: str) -> list[tuple[Wenhao, int, int]]:
    """Every 令 number in running text (国务院令第707号, 以常州市人民政府令第2号发布), with offsets.

    Anchored on 令…第N号, the issuer read back over at most 24 characters: the longest name of an
    issuer that does not begin with a date's tail or a function word. Linear in the text's length.
    """
    if "令" not in text:
        return []
    found = []
    for m in _ORDER_ANCHOR.finditer(text):
        at = m.start()
        window_start = max(0, at - 24)
        # the issuer starts after the last function word before the anchor (根据国务院令, 按照市政府令)
        cut = window_start
        for word in _STOP_WORD_RE.finditer(text, window_start, at):
            cut = max(cut, word.end())
        issuer_text = None
        for k in range(cut, at):
            candidate = text[k:at]
            if candidate[0] in _NOT_ISSUER_START or not _HAN_CHAR.match(candidate[0]):
                continue
            if candidate[0] == "自" and not candidate.startswith("自治"):
                continue  # 自…起: a date, not 自治区
            if _ORDER_ISSUER.fullmatch(candidate):
                issuer_text = candidate
                break
        if issuer_text is None:
            continue
        issuer = _order_issuer(issuer_text)
        order = _make_order(issuer, m["y1"] or m["y2"], m["n"], m["nh"]) if issuer else None
        if order:
            found.append((order, at - len(issuer_text), m.end()))
    return found


_YEAR_CLOSE = re.compile(rf"{_D}(?:\s*[{_CLOSE}]|[^\S\r\n]*年)")  # one quantifier per branch: linear in a run of spaces


_DAY_BEFORE = re.compile(r"[0-9０-９][ \u3000]*月[ \u3000]*[0-9０-９]{1,2}[ \u3000]*\Z")


def find_wenhao(text: str) -> list[tuple[Wenhao, int, int]]:
    """Every 文号 and 令 number in running text, with (start, end) offsets into `text`, in order."""
    found = []
    if _YEAR_CLOSE.search(text):  # else no year closed by a bracket or 年: no 代字〔year〕 (most clauses)
        for m in _IN_TEXT.finditer(text):
            printed = m["code"]
            code = _known_code(printed) if len(printed) > 2 else printed
            if code[:1] == "日" and len(code) > 2 and _DAY_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                code = code[1:]  # （1985年5月4日皖政〔1985〕38号）: the 日 ends the date before the 代字
            wh = _make(code, m["y1"] or m["y2"], m["n1"] or m["n2"])
            if wh:
                found.append((wh, m.start() + len(printed) - len(code), m.end()))
    orders = find_orders(text)
    if orders:
        taken = [(s, e) for _, s, e in found]
        found += [o for o in orders if not any(s < o[2] and o[1] < e for s, e in taken)]
        found.sort(key=lambda item: item[1])
    return found


def _known_code(code: str) -> str:
    """A 代字 read from running text, cut to the longest known series it ends with (决定废止兴署联发 →
    兴署联发): whatever words stand before a known series are not part of it."""
    if any(ch.isspace() for ch in code):
        return code
    for k in range(len(code) - 1):
        if code[k:] in OFFICE_BY_CODE:
            return code[k:]
    return code


def citations_in(text: str, own: str | None = None) -> list[str]:
    """Canonical 文号 quoted in `text`, in order of first appearance, without `own` (a document's own number)."""
    out: list[str] = []
    for wenhao, _, _ in find_wenhao(text):
        if wenhao.canonical != own and wenhao.canonical not in out:
            out.append(wenhao.canonical)
    return out
