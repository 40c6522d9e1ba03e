"""Readings of what a researcher types besides its literal text: a 文号 series with a year typed plainly,
dates typed as text, and a body's roster asked for. Each adds an OR to the tree (the literal reading stays) and is named on the
page as a chip, so the user sees how the query was read; exact=1 keeps the literal reading only.

* 兴署办发 2022, 兴署办发2022, 兴署办发〔2022〕 → also 文号:兴署办发〔2022〕 (the series' documents and their
  clauses), when 兴署办发 is a series the index holds; 兴署办发 alone → also the whole series.
* 2022年3月, 2022年3月15日, 2022-03-15, 2022.3 → also the documents and 大事记 entries dated then (the
  entries print 3月15日 without the year); 1996年 (typed with 年, not taken by a series or a day) → also
  what is dated that year (1996年 通知: the notices of 1996, which seldom print their own year). 3月15日 or 3月 with a year typed beside it (2022 3月15日)
  or chosen as the only year filter → that day or month of that year. 2022年第一季度, 2022 上半年 → those months.
* GDP核算专项工作组成员, 领导小组名单, 应急响应领导小组组成, …领导小组组长是谁, …成员有哪些 → also the rosters (组长：…, 成员：…, many people
  named) holding GDP核算专项工作组 / 领导小组 / 应急响应领导小组: the member list is printed 组　长 and 成　员,
  under a title that names the body, and seldom says 成员 or 名单 itself. 成员 or 名单 typed apart beside
  other words (领导小组 成员) → also any roster.
* 自治区政府令第248号, 内蒙古自治区人民政府令第248号 → also 自治区人民政府令第248号 where the index holds that 令
  number printed so: a 令 is cited with its issuer shortened (省政府令 for 省人民政府令) or its place left out.
* 现行有效, 哪些文件已停止执行, 秸秆禁烧 已失效, 大学毕业生征兵通知有效期, 施行时间 → also the records the
  validity facts name (indexer.validity_asks): the documents of that 时效性 status or holding that
  statement, the sentence it rests on first; a topic typed in the same phrase stays a term beside it.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from analyzers.aliases import other_forms
from analyzers.normalize import normalize
from corpus.text import han_to_int, to_halfwidth_digits
from corpus.wenhao import Wenhao, parse_wenhao

from .querylang import And, Dated, Node, Office, Or, Rosters, Series, Term, Validity
from .validity_asks import Ask, question_of

YEAR = re.compile(r"((?:19|20)[0-9]{2})年?")
YEAR_TYPED = re.compile(r"((?:19|20)[0-9]{2})年")
FULL_DATE = re.compile(
    r"(?P<y>(?:19|20)[0-9]{2})(?:年(?P<m1>[0-9]{1,2})月(?:(?P<d1>[0-9]{1,2})[日号])?"
    r"|[-./](?P<m2>[0-9]{1,2})(?:[-./](?P<d2>[0-9]{1,2}))?)"
)
# A date typed as documents print their 成文日期 (二〇二二年一月四日, 一月四日, 二〇二二年元月) or as eight
# digits (20220104): read as the same date typed in Arabic digits.
HAN_DATE = re.compile(
    r"(?:(?P<y>[〇○零一二三四五六七八九]{4})年)?(?P<m>[一二三四五六七八九十元]{1,3})月(?:(?P<d>[一二三四五六七八九十]{1,3})[日号])?"
)
HAN_YEAR = re.compile(r"([〇○零一二三四五六七八九]{4})年")
DIGITS_DATE = re.compile(r"(?P<y>(?:19|20)[0-9]{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01])")
# a quarter or half of a year typed as text (2022年第一季度, 2022年一季度, 2022 上半年): its months
QUARTER = re.compile(r"(?:(?P<y>(?:19|20)[0-9]{2})年?)?(?:第?(?P<q>[一二三四1-4])季度|(?P<h>[上下])半年)")
QUARTER_MONTHS = {"一": 1, "二": 4, "三": 7, "四": 10, "1": 1, "2": 4, "3": 7, "4": 10, "上": 1, "下": 7}
MONTH_DAY = re.compile(r"(?P<m>[0-9]{1,2})月(?:(?P<d>[0-9]{1,2})[日号])?")
# A date typed with a bound (2022年2月以后, 2023年以来, 2021年起, 2022年3月之前, 2022年底前): the records dated from
# that day on, or before it — documents, their clauses (by the document's date) and 大事记 entries. From: the
# day itself counts (2022年2月以后 holds February); before: it does not (2022年3月之前 ends on 28 February), as
# researchers read them; 为止 holds the period typed (2022年为止)
DATE_BOUND = re.compile(
    r"(?P<date>(?:19|20)[0-9]{2}(?:年(?:[0-9]{1,2}月(?:[0-9]{1,2}[日号])?)?|[-./][0-9]{1,2}(?:[-./][0-9]{1,2})?)?)"
    r"(?P<end>底|末)?(?P<bound>以后|之后|以来|至今|后|起|以前|之前|前|为止)的?"
)
BOUND_FROM = {"以后", "之后", "以来", "至今", "后", "起"}
EARLIEST, LATEST = "0001-01-01", "9999-12-31"
ROSTER_ASKS = "组成人员|成员名单|人员名单|组成名单|名单|成员|组成|组员"
# a role typed onto the body's name (…领导小组组长): its roster; typed apart (领导小组 组长 盟长) it is a word
ROSTER_ROLES = "副组长|组长"
# a roster asked for as a question (…领导小组组长是谁, …成员有哪些): what the question adds is no part of the body
ROSTER_QUESTION = "是谁|都是谁|有谁|都有谁|有哪些人|有哪些|是哪些人|包括哪些|由谁担任"
ROSTER_ASK = re.compile(rf"(?P<stem>.{{2,}}?)的?(?:{ROSTER_ASKS}|{ROSTER_ROLES})(?:{ROSTER_QUESTION})?")
ROSTER_WORD = re.compile(rf"(?:{ROSTER_ASKS})")
# A 文号 typed loosely: its 代字, year and number apart or joined by a dash, a dot, a slash or 第 (兴署发 2023 55,
# 兴署办字2022-9号, 兴署发〔2023〕第55号): read as that 文号 when the 代字 is a series the index holds
LOOSE_WENHAO = re.compile(
    r"(?P<code>[\u4e00-\u9fff]{2,10}?)[\s\-—–_/.、·]*(?:[〔\[(（【]?(?P<year>(?:19|20)[0-9]{2})[〕\])）】]?年?"
    r"|(?P<yy>[0-9]{2})(?:年|(?=[\-—–/.])))[\s\-—–_/.、·]*第?(?P<n>[0-9]{1,5})号?(?:文件|文)?"
)
# a year typed with two digits and 年 or a dash (兴署办发23年14号, 兴署发22-6): this century's up to next year; 文 or
# 文件 after the number (兴署发2022年第6号文件) is no part of it
LOOSE_SPAN = 3  # a 文号 typed in at most three pieces (代字, year, number)
# A 文号 typed without its year (兴署办字第9号, 兴署办字 9号): that number of the series, whichever year the index holds
YEARLESS = re.compile(r"(?P<code>[\u4e00-\u9fff]{2,10}?)\s*第?\s*(?P<n>[0-9]{1,5})\s*号")
# A 文号 typed by its issuer's name instead of its 代字 (行署2022年6号文件, 兴安盟行署办公室2023年18号): the office,
# the year (four digits, or two with 年) and the number, 文 or 文件 after it
OFFICE_WENHAO = re.compile(
    r"(?P<office>[\u4e00-\u9fff]{2,16}?)[\s〔\[(（【]*(?:(?P<year>(?:19|20)[0-9]{2})|(?P<yy>[0-9]{2})(?=年))[〕\])）】]?年?"
    r"[\s\-—–_/.、·]*第?(?P<n>[0-9]{1,5})号(?:文件|文)?"
)
# An issuing office named in full or short (行署办公室, 兴安盟行政公署办公室, 兴安军分区): an organ's name ends so
ORGAN_END = re.compile(r"(?:办公室|办公厅|公署|政府|军分区|委员会|局|厅|委|部|署)$")
# What every organ of its kind is called, typed alone (办公室, 人民政府, 委员会): a word, not one office's name,
# however few offices of the kind an index holds (the bundled issues have one 办公室)
GENERIC_ORGAN = re.compile(r"(?:(?:人民|行政)?(?:政府|公署))?(?:办公室|办公厅)?|委员会|常委会|常务委员会")
SERIES_WORD = re.compile(r"(?P<code>[\u4e00-\u9fff]{2,10}?)(?:[〔\[(（【]?(?P<year>(?:19|20)[0-9]{2})[〕\])）】]?年?)?")


@dataclass(frozen=True)
class Reading:
    """How part of the query was also read: `kind` series, wenhao, date, roster, validity or office, `typed` what was typed, `label`
    what it was read as (Chinese, for the chip)."""

    kind: str
    typed: str
    label: str

    def to_dict(self) -> dict:
        return {"kind": self.kind, "typed": self.typed, "label": self.label}


def understand(
    tree: Node | None,
    series: set[str],
    year: int | None = None,
    rosters: Callable[[], frozenset[int]] | None = None,
    validity: Callable[[Ask], Validity] | None = None,
    numbered: Callable[[int], Sequence[Wenhao]] | None = None,
    offices: Sequence[str] = (),
    issued_by: Callable[[str], Sequence[str]] | None = None,
) -> tuple[Node | None, list[Reading]]:
    """The tree with each series, date, roster, validity or 令 reading ORed in, and the readings. `series`:
    the 代字 the index holds; `year`: the year filter when exactly one year is chosen; `rosters`: the
    index's rosters (asked for only when a query asks for one); `validity`: the records a validity
    question asks for (indexer.validity_asks; asked for only when a query asks one); `numbered`: the
    文号 and 令 numbers the index holds (its documents' and those they cite) with a number; `offices`: the
    issuing offices the index holds (a term naming one is also read as 发文机关:…); `issued_by`: the offices
    of the document a 文号 (canonical) is, () for one the index does not hold."""
    readings: list[Reading] = []
    if tree is None:
        return None, readings
    index = _Index(series, year, rosters, validity, numbered, tuple(offices), issued_by)
    return _walk(tree, index, readings), readings


@dataclass(frozen=True)
class _Index:
    series: set[str]
    year: int | None
    rosters: Callable[[], frozenset[int]] | None
    validity: Callable[[Ask], Validity] | None = None
    numbered: Callable[[int], Sequence[Wenhao]] | None = None
    offices: tuple[str, ...] = ()
    issued_by: Callable[[str], Sequence[str]] | None = None

    def orders(self, typed: Wenhao) -> list[Wenhao]:
        """The 令 numbers held with the number and year of `typed`."""
        held = self.numbered(typed.number) if self.numbered is not None else ()
        return [w for w in held if w.is_order and w.year == typed.year]


def _walk(node: Node, index: _Index, readings: list[Reading]) -> Node:
    if isinstance(node, And):
        return _and(node.children, index, readings)
    if isinstance(node, Or):
        return Or(tuple(_walk(c, index, readings) for c in node.children))
    if isinstance(node, Term) and node.wenhao is not None:
        if node.wenhao.code not in index.series and not node.wenhao.is_order and node.field is None:
            # 行署2022年6号: read as a 文号 of the 代字 行署, which no document has; its issuer's 文号 it is
            by_office = _office_wenhaos(_norm(replace(node, wenhao=None)), index)
            if by_office:
                readings.extend(Reading("wenhao", node.text, f"文号 {w.canonical}") for w in by_office)
                return Or((node, *(Term(w.canonical, None, w) for w in by_office)))
        return _order(node, node.wenhao, index, readings)
    if isinstance(node, Term):
        return _term(node, None, index, readings)[0]
    return node  # NOT, NEAR, fields: read literally


def _order(term: Term, typed: Wenhao, index: _Index, readings: list[Reading]) -> Node:
    """A 令 number whose issuer was typed otherwise than the index holds it (自治区政府令第248号, printed
    自治区人民政府令第248号): also the numbers held of that issuer, each named on a chip; any other 文号 as typed."""
    if not typed.is_order or index.numbered is None or term.field is not None:
        return term
    alike = [w for w in index.orders(typed) if w.code != typed.code and same_issuer(w.code, typed.code)]
    if not alike:
        return term
    readings.extend(Reading("wenhao", term.text, f"文号 {w.canonical}") for w in alike)
    return Or((term, *(Term(w.canonical, None, w) for w in alike)))


def same_issuer(code: str, other: str) -> bool:
    """Whether two 令 codes name one issuer, printed in full or cited short: 人民 left out (省政府令 for
    省人民政府令), or the place before it (自治区人民政府令 for 内蒙古自治区人民政府令); the shorter says two
    characters at least (部令 names no one ministry)."""
    short, long = sorted((c.removesuffix("令").replace("人民", "") for c in (code, other)), key=len)
    return len(short) >= 2 and long.endswith(short)


def _and(children: tuple[Node, ...], index: _Index, readings: list[Reading]) -> Node:
    """An AND: a 文号 typed in pieces is that 文号 (兴署发 2023 55); a plain year beside a series or a month
    and day belongs to it (兴署办发 2022); 成员 or 名单 typed apart asks for the rosters of what the other
    words name."""
    read, taken = _loose_wenhaos(children, index, readings)
    years = [i for i, c in enumerate(children) if i not in taken and _plain(c) and YEAR.fullmatch(_norm(c))]
    free = list(years)
    for i, child in enumerate(children):
        if i in years or i in taken:
            continue
        if _plain(child) and index.rosters is not None and ROSTER_WORD.fullmatch(_norm(child)):
            readings.append(Reading("roster", child.text, "名单"))  # type: ignore[attr-defined]
            read[i] = Or((child, Rosters(index.rosters())))
            continue
        partner = children[free[0]] if free and _plain(child) else None
        node, used = (
            _term(child, partner, index, readings)  # type: ignore[arg-type]
            if _plain(child)
            else (_walk(child, index, readings), False)
        )
        if used:
            free.pop(0)
        read[i] = node
    for i in free:  # a year no series or day took: 1996年 通知 → also what is dated 1996
        read[i] = _year(children[i], readings)  # type: ignore[arg-type]
    out = [read.get(i, c) for i, c in enumerate(children) if i in read or i in free]
    return out[0] if len(out) == 1 else And(tuple(out))


def _loose_wenhaos(
    children: tuple[Node, ...], index: _Index, readings: list[Reading]
) -> tuple[dict[int, Node], set[int]]:
    """The 文号 typed in two or three plain pieces of an AND (兴署发 2023 55, 兴署发2023 55号): ({the first
    piece's place: the pieces' AND or that 文号}, every place they took)."""
    read: dict[int, Node] = {}
    taken: set[int] = set()
    i = 0
    while i < len(children):
        for span in range(LOOSE_SPAN, 1, -1):
            pieces = children[i : i + span]
            if len(pieces) < span or not all(_plain(p) for p in pieces):
                continue
            joined = " ".join(_norm(p) for p in pieces)
            wenhao = _loose_wenhao(joined, index)
            yearless = _yearless(joined, index) if wenhao is None else []
            if yearless:
                typed = " ".join(p.text for p in pieces)  # type: ignore[attr-defined]
                readings.extend(Reading("wenhao", typed, f"文号 {w.canonical}") for w in yearless)
                read[i] = Or((And(pieces), *(Term(w.canonical, None, w) for w in yearless)))
                taken.update(range(i, i + span))
                i += span - 1
                break
            if wenhao is not None:
                typed = " ".join(p.text for p in pieces)  # type: ignore[attr-defined]
                number = Term(wenhao.canonical, None, wenhao)
                held = _order(replace(number, text=typed), wenhao, index, readings) if wenhao.is_order else number
                if held is number or isinstance(held, Term):  # not a 令 held under another issuer's name
                    readings.append(Reading("wenhao", typed, f"文号 {wenhao.canonical}"))
                    held = number
                else:
                    held = Or((number, *held.children[1:]))  # type: ignore[attr-defined]
                read[i] = Or((And(pieces), held))
                taken.update(range(i, i + span))
                i += span - 1
                break
        i += 1
    return read, taken


def _loose_wenhao(text: str, index: _Index) -> Wenhao | None:
    """The 文号 `text` is typed loosely as (LOOSE_WENHAO), of a series the index holds, or the 令 number it
    is typed in pieces as (自治区政府令第 248 号) when the index holds a 令 of that number; None otherwise."""
    found = LOOSE_WENHAO.fullmatch(text)
    if found is not None and found["code"] in index.series and int(found["n"]) >= 1:
        year = int(found["year"]) if found["year"] else _century(int(found["yy"]))
        return Wenhao(found["code"], year, int(found["n"]))
    if "令" not in text or index.numbered is None:
        return None
    order = parse_wenhao("".join(text.split()))
    return order if order is not None and order.is_order and index.orders(order) else None


def _office_named(text: str, offices: Sequence[str]) -> str | None:
    """The issuing office a term names — the end of an office's name the index holds, typed as printed or in
    an equivalent form (行署办公室 for 兴安盟行政公署办公室, 军分区 for 兴安军分区) and ending as an organ's name
    does (ORGAN_END) — or None. Not an office inside another's name (兴安盟行政公署, inside 兴安盟行政公署办公室:
    发文机关 matches by containment, so 盟行署 would be every document of both)."""
    if len(text) < 3 or not ORGAN_END.search(text) or GENERIC_ORGAN.fullmatch(text):
        return None
    forms = [text, *other_forms(text)]
    named = [o for o in offices if any(normalize(o).endswith(f) for f in forms)]
    if len(named) != 1 or any(named[0] in o and o != named[0] for o in offices):
        return None
    return named[0]


def _office_wenhaos(text: str, index: _Index) -> list[Wenhao]:
    """The 文号 a term names by its issuer, year and number (OFFICE_WENHAO: 行署2022年6号文件) among the
    documents the index holds: those of that year and number whose offices' names end with the issuer typed
    (in an equivalent form: 行署 is 行政公署), else whose names hold it; [] for anything else."""
    found = OFFICE_WENHAO.fullmatch(text)
    if found is None or index.numbered is None or index.issued_by is None:
        return []
    year = int(found["year"]) if found["year"] else _century(int(found["yy"]))
    typed = found["office"]
    forms = [normalize(f) for f in (typed, *other_forms(normalize(typed)))]
    held = [w for w in index.numbered(int(found["n"])) if w.year == year and index.issued_by(w.canonical)]
    ending = [w for w in held if any(normalize(o).endswith(f) for o in index.issued_by(w.canonical) for f in forms)]
    holding = [w for w in held if any(f in normalize(o) for o in index.issued_by(w.canonical) for f in forms)]
    return ending or holding


def _century(two: int) -> int:
    """A year typed with two digits (23年): 2023, or 1998 for 98年 — this century's years up to next year."""
    return 2000 + two if two <= date.today().year % 100 + 1 else 1900 + two


def _year(term: Term, readings: list[Reading]) -> Node:
    """A year typed with 年 (1996年) is also read as the records dated that year; typed bare (1996), as
    text only (a number, a 文号's year)."""
    found = YEAR_TYPED.fullmatch(_norm(term))
    if found is None:
        return term
    year = int(found[1])
    readings.append(Reading("date", term.text, f"{year}年"))
    return Or((term, Dated(f"{year:04d}-01-01", f"{year:04d}-12-31", f"{year}年")))


def _plain(node: Node) -> bool:
    """A term typed without quotes, field or 文号: the kind a reading applies to."""
    return isinstance(node, Term) and not node.phrase and node.field is None and node.wenhao is None


def _norm(node: Node) -> str:
    return to_halfwidth_digits(normalize(node.text)) if isinstance(node, Term) else ""


def _term(term: Term, partner: Term | None, index: _Index, readings: list[Reading]) -> tuple[Node, bool]:
    """The term with its reading ORed in, and whether the year beside it (`partner`) was taken."""
    if not _plain(term):
        return term, False
    text = _norm(term)
    loose = _loose_term(term, text, partner, index, readings)
    if loose is not None:  # 兴署办字2022-9号, 2022年第一季度
        return loose
    arabic = _arabic_date(text)
    if arabic is not None:  # read as if typed in Arabic digits; the chip shows what was typed
        before = len(readings)
        node, took = _term(Term(arabic), partner, index, readings)
        readings[before:] = [replace(r, typed=r.typed.replace(arabic, term.text)) for r in readings[before:]]
        return Or((term, node)), took
    found = SERIES_WORD.fullmatch(text)
    if found and found["code"] in index.series:
        code, typed_year = found["code"], found["year"]
        if typed_year:
            readings.append(Reading("series", term.text, f"文号 {code}〔{typed_year}〕"))
            return Or((term, Series(code, int(typed_year)))), False
        if partner is not None:
            the_year = int(YEAR.fullmatch(_norm(partner))[1])  # type: ignore[index]
            readings.append(Reading("series", f"{term.text} {partner.text}", f"文号 {code}〔{the_year}〕"))
            return Or((And((term, partner)), Series(code, the_year))), True
        readings.append(Reading("series", term.text, f"文号 {code}"))
        return Or((term, Series(code))), False
    if YEAR_TYPED.fullmatch(text):
        return _year(term, readings), False
    if FULL_DATE.fullmatch(text):
        dated = _date(text, None)
        if dated is None:
            return term, False
        readings.append(Reading("date", term.text, dated[2]))
        return Or((term, Dated(*dated))), False
    if partner is not None and MONTH_DAY.fullmatch(text):
        dated = _date(text, int(YEAR.fullmatch(_norm(partner))[1]))  # type: ignore[index]
        if dated is not None:
            readings.append(Reading("date", f"{partner.text} {term.text}", dated[2]))
            return Or((And((partner, term)), Dated(*dated))), True
    asked = ROSTER_ASK.fullmatch(term.text.strip()) if index.rosters is not None else None
    if asked is not None:
        stem = asked["stem"]
        readings.append(Reading("roster", term.text, f"{stem} 名单"))
        return Or((term, And((Term(stem), Rosters(index.rosters()))))), False  # type: ignore[misc]
    question = question_of(term.text) if index.validity is not None else None
    if question is not None:
        node = index.validity(question.ask)  # type: ignore[misc]
        label = f"时效性：{question.ask.label}"
        readings.append(Reading("validity", term.text, f"{question.stem}（{label}）" if question.stem else label))
        return Or((term, And((Term(question.stem), node)) if question.stem else node)), False
    dated = _date(text, index.year) if MONTH_DAY.fullmatch(text) else None
    if dated is None:
        return term, False
    readings.append(Reading("date", term.text, dated[2]))
    return Or((term, Dated(*dated))), False


def topic_of(tree: Node | None) -> Node | None:
    """The tree with each validity question (typed, or as understand read it) replaced by the topic typed
    with it (大学毕业生征兵通知有效期 → 大学毕业生征兵通知; 哪些文件已停止执行 → nothing): what the relaxed
    tiers search when the question's reading finds few, since 现行、有效 or 停止、执行 as words of the text
    answer no question about validity. None when nothing is left."""
    if tree is None:
        return None
    if isinstance(tree, Term):
        question = question_of(tree.text) if _plain(tree) else None
        if question is None:
            return tree
        return Term(question.stem) if question.stem else None
    if isinstance(tree, Or) and any(_holds_validity(c) for c in tree.children):
        return topic_of(tree.children[0])  # Or(the term typed, its reading): the term's topic
    if isinstance(tree, (And, Or)):
        kept = [c for c in (topic_of(child) for child in tree.children) if c is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else type(tree)(tuple(kept))
    return tree


def _holds_validity(node: Node) -> bool:
    return isinstance(node, Validity) or (isinstance(node, And) and any(isinstance(c, Validity) for c in node.children))


def _arabic_date(text: str) -> str | None:
    """A date typed in Chinese numerals or as eight digits, written 2022年1月4日 (or 2022年1月, 1月4日); None
    for anything else (and for malformed numerals such as 十十)."""
    digits = DIGITS_DATE.fullmatch(text)
    if digits:
        return f"{digits['y']}年{int(digits['m'])}月{int(digits['d'])}日"
    year_only = HAN_YEAR.fullmatch(text)
    if year_only:  # 二〇二二年: the year a document's 成文日期 prints, typed alone
        try:
            return f"{han_to_int(year_only[1].replace('○', '〇'))}年"
        except ValueError:
            return None
    han = HAN_DATE.fullmatch(text)
    if han is None:
        return None
    try:
        year = f"{han_to_int(han['y'].replace('○', '〇'))}年" if han["y"] else ""
        month = 1 if han["m"] == "元" else han_to_int(han["m"])
        day = f"{han_to_int(han['d'])}日" if han["d"] else ""
    except ValueError:
        return None
    if not year and not day:
        return None  # 一月 alone is a word of the text, not a date
    return f"{year}{month}月{day}"


def _loose_term(
    term: Term, text: str, partner: Term | None, index: _Index, readings: list[Reading]
) -> tuple[Node, bool] | None:
    """A 文号 typed loosely (兴署办字2022-9号), a date with a bound (2022年2月以后), an issuing office
    (行署办公室) or a quarter or half year (2022年第一季度): the term with that reading ORed in, and whether the
    year beside it was taken; None for anything else."""
    bounded = _bounded(text)
    if bounded is not None:  # 2022年2月以后: also what is dated from then on
        readings.append(Reading("date", term.text, bounded.label))
        return Or((term, bounded)), False
    wenhao = _loose_wenhao(text, index)
    if wenhao is not None:
        readings.append(Reading("wenhao", term.text, f"文号 {wenhao.canonical}"))
        return Or((term, Term(wenhao.canonical, None, wenhao))), False
    yearless = _yearless(text, index)
    if yearless:
        readings.extend(Reading("wenhao", term.text, f"文号 {w.canonical}") for w in yearless)
        return Or((term, *(Term(w.canonical, None, w) for w in yearless))), False
    by_office = _office_wenhaos(text, index)
    if by_office:  # 行署2022年6号文件: the 文号 of that issuer, year and number
        readings.extend(Reading("wenhao", term.text, f"文号 {w.canonical}") for w in by_office)
        return Or((term, *(Term(w.canonical, None, w) for w in by_office))), False
    office = _office_named(text, index.offices)
    if office is not None:  # 行署办公室 领导小组: also what that office issued
        readings.append(Reading("office", term.text, f"发文机关 {office}"))
        return Or((term, Office(office))), False
    return _quarter_term(term, text, partner, index, readings)


def _yearless(text: str, index: _Index) -> list[Wenhao]:
    """The numbers of a series the index holds that `text` names without a year (兴署办字第9号): every year's."""
    found = YEARLESS.fullmatch(text)
    if found is None or found["code"] not in index.series or index.numbered is None:
        return []
    return [w for w in index.numbered(int(found["n"])) if w.code == found["code"] and w.year is not None]


def _quarter_term(
    term: Term, text: str, partner: Term | None, index: _Index, readings: list[Reading]
) -> tuple[Node, bool] | None:
    """A quarter or half year (QUARTER) with its year typed in it, beside it (`partner`) or chosen: the term
    with those months ORed in, and whether the year beside it was taken; None for anything else."""
    quarter = QUARTER.fullmatch(text)
    if quarter is None or not (quarter["y"] or partner is not None or index.year is not None):
        return None
    node: Node = term
    if quarter["y"]:
        year, typed = int(quarter["y"]), term.text
    elif partner is not None:  # 2022 一季度: the year typed beside it is taken
        found = YEAR.fullmatch(_norm(partner))
        year, typed, node = int(found[1]) if found else 0, f"{partner.text} {term.text}", And((partner, term))
    else:
        year, typed = index.year or 0, term.text
    dated = _quarter(quarter, year)
    readings.append(Reading("date", typed, dated[2]))
    return Or((node, Dated(*dated))), node is not term


def _quarter(found: re.Match[str], year: int) -> tuple[str, str, str]:
    """(first day, last day, label) of a quarter or half year (QUARTER) of `year`."""
    first = QUARTER_MONTHS[found["q"] or found["h"]]
    last = first + (2 if found["q"] else 5)
    end = calendar.monthrange(year, last)[1]
    label = f"{year}年第{'一二三四'[first // 3]}季度" if found["q"] else f"{year}年{found['h']}半年"
    return f"{year:04d}-{first:02d}-01", f"{year:04d}-{last:02d}-{end:02d}", label


def _bounded(text: str) -> Dated | None:
    """A date typed with a bound (DATE_BOUND) as the span it bounds: from its first day on (以后, 以来, 起),
    before its first day (以前, 之前), until its last day (为止, and 年底前 / 年末以前: before the year is out);
    None for anything else."""
    found = DATE_BOUND.fullmatch(text)
    if found is None:
        return None
    typed = found["date"]
    if YEAR.fullmatch(typed):
        year = int(YEAR.fullmatch(typed)[1])  # type: ignore[index]
        period: tuple[str, str, str] | None = (f"{year:04d}-01-01", f"{year:04d}-12-31", f"{year}年")
    else:
        period = _date(typed, None)
    if period is None:
        return None
    first, last, label = period
    bound = found["bound"]
    if bound in BOUND_FROM:
        if found["end"]:  # 2022年底以后: after the period is out
            day = date.fromisoformat(last) + timedelta(days=1)
            return Dated(day.isoformat(), LATEST, f"{label}{found['end']}以后", clauses=True)
        return Dated(first, LATEST, f"{label}起", clauses=True)
    if bound == "为止" or found["end"]:  # 2022年为止, 2022年底前: until its last day
        return Dated(
            EARLIEST, last, f"{label}{found['end'] or ''}{'为止' if bound == '为止' else '以前'}", clauses=True
        )
    day = date.fromisoformat(first) - timedelta(days=1)  # 2022年3月之前: until 28 February
    return Dated(EARLIEST, day.isoformat(), f"{label}以前（至{day.year}年{day.month}月{day.day}日）", clauses=True)


def _date(text: str, year: int | None) -> tuple[str, str, str] | None:
    """(first day, last day, label) of a date typed as text, or None."""
    full = FULL_DATE.fullmatch(text)
    if full:
        y, m, d = int(full["y"]), full["m1"] or full["m2"], full["d1"] or full["d2"]
    else:
        partial = MONTH_DAY.fullmatch(text)
        if partial is None or year is None:
            return None
        y, m, d = year, partial["m"], partial["d"]
    month = int(m)
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(y, month)[1]
    if d is None:
        return f"{y:04d}-{month:02d}-01", f"{y:04d}-{month:02d}-{last:02d}", f"{y}年{month}月"
    day = int(d)
    if not 1 <= day <= last:
        return None
    iso = f"{y:04d}-{month:02d}-{day:02d}"
    return iso, iso, f"{y}年{month}月{day}日"
