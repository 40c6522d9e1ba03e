"""时效性: what documents say about when they (and others) take and lose effect, and a status on a day.

Statements are read sentence by sentence (a sentence ends at 。；) from the whole body. The body of a
关于印发《X》的通知 holds X itself, so "本办法自印发之日 30 日后施行" inside X applies to the notice's
record: the corpus has one record for the two. When a body states a date more than once (the cover
note and the issued text), the last statement wins: the issued text comes after the cover note.

Counting (a reading, stated once here):
- "自印发之日起施行": in force from the base day itself.
- "自印发之日起 N 日后施行": in force from the base day + N days (2022-02-16 + 30 → 2022-03-18).
- "有效期 N 年" / "试行期 N 年": counted from the day it takes effect; `expires` is the last day in
  force (2023-07-28 + 2 年 → 2025-07-27), as "有效期至 2025年12月31日" gives it directly.
- Base days: 印发/发布/公布/颁布/下发 and 即日 → the 印发日期 printed at the end of the document;
  without one, its 成文日期 (the signing date); Terms.counted_from says which was used.
- A repeal (《X》（兴署发〔2018〕12号）同时废止, …停止执行, …不再执行) takes effect when the repealing
  document does; from then on X is 已废止 and its `expires` is the day before.

A document that says nothing about its own validity is 未注明: the gazette does not say, and this
module does not guess (most such notices apply from issue, but plans and lists may not).
`today` is always a parameter.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from ..dates import DATE_NUMERALS, parse_date
from ..elements.numbering import find_marker
from ..models import Document
from ..organs import doc_kind
from ..text import han_to_int, to_halfwidth_digits
from ..wenhao import find_wenhao
from .links import TITLE, title_index, title_key

NOT_YET = "尚未施行"
IN_FORCE = "现行有效"
EXPIRED = "已失效"
REPEALED = "已废止"
REVISED = "已修订"  # a later document revised it: its text is no longer the one in force
UNSTATED = "未注明"

_N = r"(?:\d{1,3}|[一二两三四五六七八九十百]{1,4})"
_UNIT = r"(?:个月|日|天|月|年)"
_VERB = r"(?:施行|实施|执行|试行|生效)"
_BASE = r"(?:印发|发布|公布|颁布|下发|签发|发文)"
_DATE = rf"(?:\d{{4}}|[{DATE_NUMERALS}]{{4}})\s*年\s*(?:\d{{1,2}}|[{DATE_NUMERALS}]{{1,3}})\s*月\s*(?:\d{{1,2}}|[{DATE_NUMERALS}]{{1,3}})\s*[日号]"
_END = r"(?=\s*(?:[，,。；;）)]|$))"  # the verb closes its clause: "自…起执行新标准" is not a statement

EFFECTIVE_FROM = re.compile(
    rf"自\s*(?P<base>{_BASE})\s*之日\s*起?\s*(?:(?P<n>{_N})\s*(?P<unit>{_UNIT})\s*以?后\s*)?(?:起\s*)?(?:开始\s*)?{_VERB}{_END}"
)
EFFECTIVE_TODAY = re.compile(rf"自\s*即日\s*起\s*(?:开始\s*)?{_VERB}{_END}")
EFFECTIVE_ON = re.compile(rf"(?:自|从|于)\s*(?P<date>{_DATE})\s*(?:起|开始)\s*(?:开始\s*)?{_VERB}{_END}")
PERIOD = re.compile(rf"(?P<kind>有效期限?|试行期限?)\s*(?:为|是)?\s*(?P<n>{_N})\s*(?P<unit>{_UNIT})")
TRIAL = re.compile(rf"试行\s*(?P<n>{_N})\s*(?P<unit>年|个月)")
UNTIL = re.compile(
    rf"有效期限?\s*(?:为|是)?\s*(?:(?:自|从)?\s*(?P<start>{_DATE})\s*起?\s*)?(?:至|到|截至|截止到?)\s*(?P<date>{_DATE})"
)
REPEAL = re.compile(
    r"(?P<verb>同时废止|予以废止|一并废止|即行废止|废止|停止执行|不再执行|同时失效|自行失效|失效)(?=\s*(?:[，,。；;]|$))"
)
PARTIAL = re.compile(r"第[一二三四五六七八九十百\d]+[条款项]")
SELF = re.compile(
    r"本\s*《?\s*(?:办法|通知|方案|意见|规定|细则|预案|决定|制度|标准|规划|计划|规则|条例|指引|要点|目录|通告|公告|文件)"
)
SENTENCE = re.compile(r"[^。；;]+[。；;]?")

# The verb before what it repeals: 决定废止《X》（文号）, 现决定对《X》予以废止 is the verb-after form.
FORWARD_REPEAL = re.compile(r"(?:决定|现|并|同时)?(?P<verb>废止|停止执行|宣布失效)(?=\s*[《“]|\s*[^\s。；，]{0,6}〔)")
# A list announced by its sentence: 决定废止下列文件： / 以下文件停止执行： / 现将…予以废止的文件目录公布如下：
LIST_INTRO = re.compile(
    r"(?P<verb>废止|停止执行|宣布失效|不再执行|失效)[^。；]{0,40}[：:]$|(?:下列|以下|如下)[^。；]{0,30}(?P<verb2>废止|停止执行|失效|不再执行)"
)
LIST_ITEM = re.compile(
    r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]?\s*)?[《“]|^\s*(?:[（(]?\d{1,3}[）)、.．]\s*)?[^\s《]{1,12}〔"
)
# An item of such a list naming its document without 《》: 一、山东省信访规定(省政府令第114号)。
# (matched on the stripped line, each run of blanks before one piece only: linear in a run of blanks)
_BARE_ITEM = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]\s*)(?P<title>[^\s《》（()）。；，,]{4,60}?)"
    r"\s*(?:[（(](?P<number>[^（()）]{2,40})[）)]\s*)?(?:[。；;]\s*)?$"
)


def _bare_item(line: str) -> Target | None:
    m = _BARE_ITEM.match(line.strip())
    if m is None or doc_kind(m["title"]) is None:
        return None  # a numbered sentence, not a document's name
    numbers = find_wenhao(m["number"] or "")
    return Target(m["title"], numbers[0][0].canonical if numbers else None)


# A decision revising several documents announces them (决定修改下列地方性法规：); each item below names one
# at its start, after its number (1.在《甘肃省气象条例》第七条中增加…, 二、将《X》第五条修改为…).
REVISE_LIST_INTRO = re.compile(r"(?:修改|修订)(?:下列|以下|如下)[^。；]{0,30}[：:]$")
REVISED_ITEM = re.compile(
    r"^\s*[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]\s*(?:(?:在|将|对|把)\s*)?《(?P<title>[^《》]{2,60})》"
)
# A revision: 决定对《X》（文号）作如下修改, 关于修改《X》的决定, 《X》（文号）修订后重新公布.
REVISE = re.compile(
    r"(?:对|关于)\s*(?P<rest>《[^。；]*?)(?:作如下|进行|予以)?(?P<verb>修订|修改)|(?P<verb3>修订|修改)\s*(?P<rest2>《[^。；]*?》)"
)
# Work in progress or to come, not a decision: 正在对《规划》进行修订, 拟修订《X》, 将对《X》进行修改 (but 现将《X》修改如下 is one).
REVISION_PENDING = re.compile(
    r"(?:正在|正|拟|计划|准备|抓紧|尽快|适时|着手|启动|研究|需要|应当|应|要|组织|(?<!现)将)\s*$"
)
# 自2023年1月1日起《X》废止: the repeal takes effect on the day the sentence names.
REPEAL_DATE = re.compile(rf"(?:自|从|于)\s*(?P<date>{_DATE})\s*(?:起|开始)?")

REPEAL_KINDS = {
    "同时废止": "废止",
    "予以废止": "废止",
    "一并废止": "废止",
    "即行废止": "废止",
    "废止": "废止",
    "停止执行": "停止执行",
    "不再执行": "不再执行",
    "同时失效": "失效",
    "自行失效": "失效",
    "失效": "失效",
    "宣布失效": "失效",
}
REVISION = "修订"
DECLARED_KINDS = frozenset(REPEAL_KINDS.values()) | {REVISION}  # what a document states of others


@dataclass(frozen=True)
class Target:
    """A document a repeal statement names: its 《title》, its 文号, or both."""

    title: str | None
    wenhao: str | None  # canonical


@dataclass(frozen=True)
class Statement:
    """One thing a sentence says about validity."""

    kind: str  # 施行, 有效期, 试行期, or for other documents 废止 / 停止执行 / 不再执行 / 失效
    sentence: str  # the whole sentence as printed, cut at 。；, without a leading clause number
    line: int  # index of its line in Document.body.split("\n")
    base: str | None = None  # what a delay counts from, as printed: 印发, 发布, 公布, 即日 …
    amount: int | None = None  # the number of a delay or a period: 30 (日后施行), 2 (年)
    unit: str | None = None  # 日 / 月 / 年
    date: datetime.date | None = None  # a printed date: 自2023年1月1日起施行, 有效期至2025年12月31日
    start: datetime.date | None = None  # 有效期自…至…: its first day
    targets: tuple[Target, ...] = ()
    partial: bool = False  # a repeal of some articles only (第三条停止执行): the target stays in force

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "sentence": self.sentence,
            "line": self.line,
            "base": self.base,
            "amount": self.amount,
            "unit": self.unit,
            "date": self.date.isoformat() if self.date else None,
            "start": self.start.isoformat() if self.start else None,
            "targets": [{"title": t.title, "wenhao": t.wenhao} for t in self.targets],
            "partial": self.partial,
        }


@dataclass(frozen=True)
class Terms:
    """A document's own dates, from its statements (no repeal by others taken into account)."""

    effective: datetime.date | None
    expires: datetime.date | None  # the last day in force
    effective_statement: Statement | None
    expiry_statement: Statement | None
    counted_from: str | None  # the day the dates count from: 印发日期, 成文日期（未载印发日期）, 写明的日期

    def to_dict(self) -> dict:
        return {
            "effective": self.effective.isoformat() if self.effective else None,
            "expires": self.expires.isoformat() if self.expires else None,
            "counted_from": self.counted_from,
            "effective_sentence": self.effective_statement.sentence if self.effective_statement else None,
            "expiry_sentence": self.expiry_statement.sentence if self.expiry_statement else None,
        }


@dataclass(frozen=True)
class Validity:
    status: str  # 尚未施行 / 现行有效 / 已失效 / 已废止 / 未注明
    effective: datetime.date | None
    expires: datetime.date | None
    by: str | None = None  # the repealing document's 文号
    by_doc_id: str | None = None
    sentence: str | None = None  # the sentence the status rests on

    def to_dict(self) -> dict:
        return {
            "status": self.status,
            "effective": self.effective.isoformat() if self.effective else None,
            "expires": self.expires.isoformat() if self.expires else None,
            "by": self.by,
            "by_doc_id": self.by_doc_id,
            "sentence": self.sentence,
        }


# --- reading statements ----------------------------------------------------------------------------


def statements_of(doc: Document) -> list[Statement]:
    """Every validity statement in a document's body, in order (a title that revises or repeals —
    关于修改《X》的决定, 关于废止《X》的决定 — speaks for the body)."""
    out: list[Statement] = _title_statements(doc)
    listing: str | None = None  # the verb of a list announced above (决定废止下列文件：)
    revising = False  # a decision that revises a list of documents (修改下列地方性法规：), item by item below
    for line_no, line in enumerate(doc.body.split("\n")):
        if revising and (item := REVISED_ITEM.match(line)):
            out.append(Statement(REVISION, line.strip(), line_no, targets=(Target(item["title"].strip(), None),)))
            continue
        if REVISE_LIST_INTRO.search(line.strip()):
            revising = True
        if listing is not None:
            if LIST_ITEM.match(line):
                targets = _targets(line, len(line))[0]
            else:  # 一、山东省信访规定(省政府令第114号)。
                bare = _bare_item(line)
                targets = (bare,) if bare else ()
            if targets:
                out.append(Statement(REPEAL_KINDS[listing], line.strip(), line_no, targets=targets))
                continue
            listing = None
        intro = LIST_INTRO.search(line.strip())
        if intro and not TITLE.search(line[intro.end() :]):
            listing = intro.group("verb") or intro.group("verb2")
        for match in SENTENCE.finditer(line):
            sentence = match.group(0).strip()
            if _ANY_STATEMENT.search(sentence) is None:  # no numbering holds one of its words either
                continue
            marker = find_marker(sentence)
            if marker and marker.scheme != "attachment":
                sentence = sentence[len(marker.printed) :].strip()
            if sentence:
                out.extend(_read_sentence(sentence, line_no))
    return out


# A word every statement pattern above needs (a verb of _VERB, 有效期/试行期, or a REPEAL verb): most
# sentences hold none, and one search says so where the seven patterns took seven scans.
_ANY_STATEMENT = re.compile("施行|实施|执行|试行|生效|有效|废止|失效|修订|修改")


def _read_sentence(sentence: str, line: int) -> list[Statement]:
    text = to_halfwidth_digits(sentence)  # same length: offsets stay valid
    found: list[tuple[int, Statement]] = []
    for pattern in (EFFECTIVE_FROM, EFFECTIVE_TODAY, EFFECTIVE_ON):
        for m in pattern.finditer(text):
            if _about_another(text, m.start()):
                continue
            groups = m.groupdict()
            try:
                amount = _number(groups.get("n"))
            except ValueError:  # a malformed numeral (十十日后): nothing is read from it
                continue
            found.append(
                (
                    m.start(),
                    Statement(
                        "施行",
                        sentence,
                        line,
                        base=groups.get("base") or ("即日" if pattern is EFFECTIVE_TODAY else None),
                        amount=amount,
                        unit=_unit(groups.get("unit")),
                        date=parse_date(groups["date"]) if groups.get("date") else None,
                    ),
                )
            )
    for m in UNTIL.finditer(text):
        if not _about_another(text, m.start()):
            found.append(
                (
                    m.start(),
                    Statement(
                        "有效期",
                        sentence,
                        line,
                        date=parse_date(m.group("date")),
                        start=parse_date(m.group("start")) if m.group("start") else None,
                    ),
                )
            )
    for pattern in (PERIOD, TRIAL):
        for m in pattern.finditer(text):
            if _about_another(text, m.start()) or any(s.kind != "施行" and at == m.start() for at, s in found):
                continue
            kind = "试行期" if "试行" in m.group(0) else "有效期"
            try:
                amount = _number(m.group("n"))
            except ValueError:  # a malformed numeral (有效期十十年): nothing is read from it
                continue
            found.append((m.start(), Statement(kind, sentence, line, amount=amount, unit=_unit(m.group("unit")))))
    found += _repeals_and_revisions(sentence, text, line)
    return [statement for _, statement in sorted(found, key=lambda item: item[0])]


def _repeals_and_revisions(sentence: str, text: str, line: int) -> list[tuple[int, Statement]]:
    """What a sentence repeals (…《X》（文号）同时废止, 决定废止《X》) or revises (对《X》作如下修改)."""
    found: list[tuple[int, Statement]] = []
    repealed_at = set()
    for m in REPEAL.finditer(text):
        targets, partial = _targets(sentence, m.start())
        if targets:
            repealed_at.add(m.start())
            day = _repeal_day(_last_piece(text[: m.start()]))
            kind = REPEAL_KINDS[m.group("verb")]
            found.append((m.start(), Statement(kind, sentence, line, targets=targets, partial=partial, date=day)))
    for m in FORWARD_REPEAL.finditer(text):
        if any(at >= m.start() for at in repealed_at):
            continue  # …《X》（…）同时废止 read above already
        rest = _first_piece(sentence[m.end() :])
        targets, partial = _targets(rest, len(rest))
        if targets:
            kind = REPEAL_KINDS[m.group("verb")]
            found.append((m.start(), Statement(kind, sentence, line, targets=targets, partial=partial)))
    for m in REVISE.finditer(text):
        if REVISION_PENDING.search(text[max(0, m.start() - 8) : m.start()]):
            continue
        rest = m.group("rest") or m.group("rest2") or ""
        targets, _ = _targets(rest, len(rest))
        if targets:
            found.append((m.start(), Statement(REVISION, sentence, line, targets=targets)))
    return found


def _title_statements(doc: Document) -> list[Statement]:
    """关于修改《X》的决定 / 关于废止《X》（文号）的决定: the title names what the document revises or repeals."""
    title = to_halfwidth_digits(doc.title or "")
    match = re.search(r"关于(?P<verb>修改|修订|废止)(?P<rest>.*)的决定$", title)
    if not match:
        return []
    targets, _ = _targets(match.group("rest"), len(match.group("rest")))
    if not targets:
        return []
    kind = "废止" if match.group("verb") == "废止" else REVISION
    return [Statement(kind, doc.title, -1, targets=targets)]


def _commas(text: str) -> list[int]:
    """Where the ， outside brackets stand (a title or a 文号's parentheses hold commas of their own)."""
    depth, found = 0, []
    for i, ch in enumerate(text):
        if ch in "《（(〈":
            depth += 1
        elif ch in "》）)〉" and depth:
            depth -= 1
        elif ch in "，," and depth == 0:
            found.append(i)
    return found


def _first_piece(text: str) -> str:
    """What precedes the first ， outside brackets (决定废止《X》（…），自…起施行 → 《X》（…））."""
    commas = _commas(text)
    return text[: commas[0]] if commas else text


def _repeal_day(piece: str) -> datetime.date | None:
    """The day a repeal names for itself (自2023年1月1日起《X》废止), or None."""
    match = REPEAL_DATE.search(piece)
    return parse_date(match.group("date")) if match else None


def _about_another(text: str, at: int) -> bool:
    """A phrase about some other document: a 《title》 or 文号 before it in the sentence and no 本办法 etc."""
    before = text[:at]
    return ("《" in before or bool(find_wenhao(before))) and not SELF.search(before)


def _targets(sentence: str, at: int) -> tuple[tuple[Target, ...], bool]:
    """The documents named just before a repeal verb: in the last comma-separated piece before it."""
    piece = _last_piece(sentence[:at])
    spans = [(s, e, w.canonical) for w, s, e in find_wenhao(piece)]
    used: set[int] = set()
    targets: list[Target] = []
    for m in TITLE.finditer(piece):
        wenhao = None
        for k, (s, _, canonical) in enumerate(spans):
            between = piece[m.end() : s]
            if k not in used and s >= m.end() and re.fullmatch(r"\s*[（(]\s*", between):
                wenhao = canonical
                used.add(k)
                break
        targets.append(Target(m.group("title").strip(), wenhao))
    targets += [Target(None, canonical) for k, (_, _, canonical) in enumerate(spans) if k not in used]
    last_close = piece.rfind("》")
    partial = bool(PARTIAL.search(piece[last_close + 1 :] if last_close >= 0 else piece))
    return tuple(targets), partial


def _last_piece(text: str) -> str:
    """What follows the last ， outside brackets: "本办法自…施行，《X》（…）同时" → "《X》（…）同时"."""
    commas = _commas(text)
    return text[commas[-1] + 1 :] if commas else text


def _number(text: str | None) -> int | None:
    """The number of a delay or a period (30, 三十, 两), None when none is printed; ValueError if malformed."""
    return han_to_int(text) if text else None


def _unit(text: str | None) -> str | None:
    if not text:
        return None
    return {"天": "日", "个月": "月"}.get(text, text)


# --- dates of one document ---------------------------------------------------------------------------


def terms_of(doc: Document, statements: list[Statement] | None = None) -> Terms:
    """The document's own 施行 and 失效 dates. The last statement of each kind wins."""
    statements = statements_of(doc) if statements is None else statements
    eff = next((s for s in reversed(statements) if s.kind == "施行"), None)
    exp = next((s for s in reversed(statements) if s.kind in ("有效期", "试行期")), None)
    effective = counted_from = None
    if eff is not None:
        if eff.date:
            effective, counted_from = eff.date, "写明的日期"
        else:
            base, counted_from = _base_day(doc, eff.base)
            if base is not None:
                effective = _add(base, eff.amount or 0, eff.unit or "日")
    elif exp is not None and exp.start:
        effective, counted_from = exp.start, "写明的日期"
    expires = None
    if exp is not None:
        if exp.date:
            expires = exp.date
            counted_from = counted_from or "写明的日期"
        else:
            start = effective
            if start is None:  # a period with no start stated: from issue
                start, counted_from = _base_day(doc, "印发")
            if start is not None and exp.amount and exp.unit:  # a period's amount comes with its unit
                expires = _add(start, exp.amount, exp.unit) - timedelta(days=1)
    return Terms(effective, expires, eff, exp, counted_from)


def _base_day(doc: Document, base: str | None) -> tuple[datetime.date | None, str | None]:
    if base == "签发":
        if doc.date:
            return doc.date, "成文日期"
        return doc.printed_date, "印发日期（未载成文日期）" if doc.printed_date else None
    if doc.printed_date:
        return doc.printed_date, "印发日期"
    if doc.date:
        return doc.date, "成文日期（未载印发日期）"
    return None, None


def _add(day: datetime.date, amount: int, unit: str) -> datetime.date:
    if unit == "日":
        return day + timedelta(days=amount)
    months = amount * 12 if unit == "年" else amount
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def own_validity(doc: Document, today: datetime.date, terms: Terms | None = None) -> Validity:
    """The status a document's own statements give it on `today` (repeals by others not considered)."""
    terms = terms_of(doc) if terms is None else terms
    return statuses({"terms": {doc.id: _term_facts(terms)}, "repeals": []}, today)[doc.id]


def _term_facts(terms: Terms) -> dict:
    opening = terms.effective_statement or terms.expiry_statement  # 有效期自…至… opens it too
    return {
        "effective": _iso(terms.effective),
        "expires": _iso(terms.expires),
        "opening": opening.sentence if opening else None,
        "closing": terms.expiry_statement.sentence if terms.expiry_statement else None,
        "counted_from": terms.counted_from,
    }


# --- across the corpus -----------------------------------------------------------------------------------


@dataclass
class Repeal:
    """One document named as repealed by another."""

    target_id: str
    by: Document
    statement: Statement
    takes_effect: datetime.date | None  # when the repealing document takes effect
    matched: list[str] = field(default_factory=list)  # how the target was found: 文号 / 标题


def repeals(documents: Iterable[Document], read: Sequence[list[Statement]] | None = None) -> list[Repeal]:
    """Every repeal of a corpus document by a later corpus document, in corpus order. `read`: each
    document's statements (statements_of), when the caller has them already."""
    documents = list(documents)
    by_wenhao = {d.wenhao_normalized: d for d in documents if d.wenhao_normalized}
    by_id = {d.id: d for d in documents}
    titles = title_index(documents)
    out: list[Repeal] = []
    for n, doc in enumerate(documents):
        statements = statements_of(doc) if read is None else read[n]
        terms = terms_of(doc, statements)
        takes_effect = terms.effective or doc.printed_date or doc.date
        for statement in statements:
            if statement.kind not in REPEAL_KINDS.values() and statement.kind != REVISION or statement.partial:
                continue
            found: dict[str, list[str]] = {}
            for target in statement.targets:
                if target.wenhao and target.wenhao in by_wenhao:
                    found.setdefault(by_wenhao[target.wenhao].id, []).append("文号")
                if target.title:
                    for doc_id in titles.get(title_key(target.title), []):
                        found.setdefault(doc_id, []).append("标题")
            for target_id, how in found.items():
                if target_id == doc.id or _later(by_id[target_id], doc):
                    continue  # a document does not repeal itself or one issued after it
                out.append(Repeal(target_id, doc, statement, statement.date or takes_effect, how))
    return out


def _later(a: Document, b: Document) -> bool:
    """True when `a` is known to be issued after `b`."""
    day_a, day_b = a.date or a.printed_date, b.date or b.printed_date
    return bool(day_a and day_b and day_a > day_b)


def validity_facts(documents: Iterable[Document]) -> dict:
    """What validity rests on, for every document, as plain data (JSON): each document's own terms,
    every repeal, and what each document declares of others (`declared`: doc id → [{"kind", "sentence",
    "partial"}], every repeal or revision it states, also of documents the corpus does not hold — what a
    researcher asking 哪些文件已停止执行 wants to read). Reading statements costs a pass over every body
    (one, shared by the terms and the repeals); the status on a day (`statuses`) is then a cheap function
    of these facts, so an index computes them once, at build time."""
    documents = list(documents)
    read = [statements_of(doc) for doc in documents]
    facts: dict = {"terms": {}, "repeals": [], "declared": {}}
    for doc, statements in zip(documents, read):
        facts["terms"][doc.id] = _term_facts(terms_of(doc, statements))
        declared = [
            {"kind": s.kind, "sentence": s.sentence, "partial": s.partial}
            for s in statements
            if s.kind in DECLARED_KINDS
        ]
        if declared:
            facts["declared"].setdefault(doc.id, []).extend(declared)
    for repeal in repeals(documents, read):
        facts["repeals"].append(
            {
                "kind": "修订" if repeal.statement.kind == REVISION else "废止",
                "target": repeal.target_id,
                "by": repeal.by.wenhao_normalized,
                "by_doc_id": repeal.by.id,
                "takes_effect": _iso(repeal.takes_effect),
                "sentence": repeal.statement.sentence,
            }
        )
    return facts


def statuses(facts: dict, today: datetime.date) -> dict[str, Validity]:
    """doc id → Validity on `today`: a repeal by another corpus document, once in effect, before the
    document's own terms."""
    by_target: dict[str, list[dict]] = {}
    for repeal in facts["repeals"]:
        by_target.setdefault(repeal["target"], []).append(repeal)
    out: dict[str, Validity] = {}
    for doc_id, terms in facts["terms"].items():
        effective, expires = _day(terms["effective"]), _day(terms["expires"])
        in_effect: list[tuple[datetime.date | None, dict]] = []  # (the day the repeal takes effect, repeal)
        for repeal in by_target.get(doc_id, []):
            takes_effect = _day(repeal["takes_effect"])
            if takes_effect is None or takes_effect <= today:
                in_effect.append((takes_effect, repeal))
        repealed = [pair for pair in in_effect if pair[1].get("kind", "废止") != "修订"]
        if repealed or in_effect:
            # a repeal outranks a revision: the text is gone, not only replaced by a newer one
            takes_effect, first = min(repealed or in_effect, key=lambda pair: pair[0] or datetime.date.min)
            if takes_effect is not None:
                last_day = takes_effect - timedelta(days=1)
                expires = min(expires, last_day) if expires else last_day
            status = REPEALED if repealed else REVISED
            out[doc_id] = Validity(status, effective, expires, first["by"], first["by_doc_id"], first["sentence"])
        elif effective and today < effective:
            out[doc_id] = Validity(NOT_YET, effective, expires, sentence=terms["opening"])
        elif expires and today > expires:
            out[doc_id] = Validity(EXPIRED, effective, expires, sentence=terms["closing"])
        elif effective or expires:
            out[doc_id] = Validity(IN_FORCE, effective, expires, sentence=terms["opening"])
        else:
            out[doc_id] = Validity(UNSTATED, None, None)
    return out


def resolve_validity(documents: Iterable[Document], today: datetime.date) -> dict[str, Validity]:
    """doc id → Validity on `today`, a repeal by another corpus document taking precedence once in effect."""
    return statuses(validity_facts(documents), today)


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None
