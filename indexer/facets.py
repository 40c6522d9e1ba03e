"""The facet table: one description per facet drives everything that knows facets.

The engine's value → record sets, `parse_request`, the web page's URL state, chips, hidden form fields
and facet lists, the JSON twin and the CLI options are all derived from `FACETS`, so a new facet is
one entry here plus, when its values need it, a label source.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from corpus.facts.validity import EXPIRED, IN_FORCE, NOT_YET, REPEALED, REVISED, UNSTATED

KIND_LABELS = {"document": "文件", "clause": "条款", "chronicle": "大事记"}
VALIDITY_STATUSES = (IN_FORCE, NOT_YET, EXPIRED, REPEALED, REVISED, UNSTATED)
# The year facet's value for a document (or clause) that prints no date: it counts under the year its 文号 or
# issue gives too, so a year's count keeps it, and a date range (which it falls outside) can say how many.
UNDATED = "未注明日期"
MAX_VALUES = 20  # values of one facet in one request: more is a 400, so a page stays small
MAX_VALUE_CHARS = 100


@dataclass(frozen=True)
class Facet:
    name: str  # also the URL parameter and the CLI option (--name)
    label: str  # shown as the facet's title and in chips
    values_of: Callable[[Any], Iterable[str]]  # the values one index record has
    help: str = ""  # CLI help
    order: str = "count"  # "count": most records first; "value-desc": by value, newest first
    multi: bool = True  # several values at once (any of them); False: at most one (a tab)
    value_labels: Mapping[str, str] = field(default_factory=dict)  # fixed labels for values
    choices: tuple[str, ...] = ()  # the only values allowed, when the set is closed
    pattern: re.Pattern | None = None  # what a valid value looks like
    invalid: str = ""  # message when a value does not match `pattern` (Chinese; {value} is filled in)
    computed: bool = False  # values the service works out as of today (validity), not read from records

    def check(self, value: str) -> str | None:
        """None when `value` may be asked for, else a message in Chinese."""
        if len(value) > MAX_VALUE_CHARS:
            return f"{self.label}（{self.name}）的值过长：{len(value)} 个字符，上限 {MAX_VALUE_CHARS}"
        if self.choices and value not in self.choices:
            return f"{self.label}（{self.name}）的值“{value}”无效，可选：{'、'.join(self.choices)}"
        if self.pattern is not None and not self.pattern.fullmatch(value):
            return self.invalid.format(value=value)
        return None

    def label_of(self, value: str) -> str:
        return self.value_labels.get(value, value)


def _year(record) -> Iterable[str]:
    years = [str(record.year)] if record.year else []
    if record.kind != "chronicle" and not record.date:
        years.append(UNDATED)
    return years


def _series(record) -> Iterable[str]:
    return [record.series] if record.series else []


FACETS: tuple[Facet, ...] = (
    Facet(
        "kind",
        "类别",
        lambda r: [r.kind],
        help="document（文件）、clause（条款）或 chronicle（大事记）",
        multi=False,
        value_labels=KIND_LABELS,
        choices=tuple(KIND_LABELS),
    ),
    Facet(
        "year",
        "年份",
        _year,
        help=f"年份，如 2022，或 {UNDATED}（文件未写成文日期）；可重复",
        order="value-desc",
        pattern=re.compile(rf"(?:19|20)[0-9]{{2}}|{UNDATED}"),
        invalid=f"年份（year）的值“{{value}}”不是四位数的年份，例如 2022（或 {UNDATED}）",
    ),
    Facet("office", "发文机关", lambda r: r.offices, help="发文机关，如 兴安盟行政公署办公室；可重复"),
    Facet("type", "文种", lambda r: r.types, help="文种，如 通知、意见、办法（含印发的文件的文种）；可重复"),
    Facet("series", "发文字号", _series, help="文号代字，如 兴署发、兴署办字；可重复"),
    Facet("issue", "期号", lambda r: [r.issue_id], help="公报期号（id），如 2022-1；可重复"),
    Facet(
        "validity",
        "时效性",
        lambda _record: [],
        help="时效性：尚未施行、现行有效、已失效、已废止、已修订、未注明；可重复",
        choices=VALIDITY_STATUSES,
        computed=True,
    ),
    Facet("person", "人员", lambda r: r.persons, help="在领导小组等机构中任职的人员姓名，如 苏和；可重复"),
)
FACET_BY_NAME: dict[str, Facet] = {f.name: f for f in FACETS}
