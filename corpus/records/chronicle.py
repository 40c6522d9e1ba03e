"""大事记 (chronicle) entries: one per dated line; undated lines continue the entry above."""

from __future__ import annotations

import re

from ..dates import parse_chronicle_date
from ..elements.paragraphs import Para, ends_open
from ..models import ChronicleEntry
from ..text import squash

BULLET = re.compile(r"^[●•·◆■]\s*")


def parse_chronicle(
    paras: list[Para], *, year: int, issue_id: str, source: str
) -> tuple[list[ChronicleEntry], list[str]]:
    """Entries in order, and warnings (`file:line: …`) for text that had to be attached or dropped."""
    entries: list[ChronicleEntry] = []
    warnings: list[str] = []
    seen: set[tuple] = set()
    per_day: dict[str, int] = {}
    for para in paras:
        text = BULLET.sub("", para.text)
        parsed = parse_chronicle_date(text, year)
        if parsed is None:
            if not entries:
                warnings.append(f"{source}:{para.line}: 大事记第一条日期之前的文字没有归入任何条目")
                continue
            last = entries[-1]
            joiner = "" if ends_open(last.text) else "\n"
            last.text = last.text + joiner + text
            continue
        day = parsed.start.isoformat()
        per_day[day] = per_day.get(day, 0) + 1
        entries.append(
            ChronicleEntry(
                id=f"dsj-{day}-{per_day[day]}",
                issue_id=issue_id,
                source=source,
                line=para.line,
                date=parsed.start,
                end_date=parsed.end,
                part_of_day=parsed.part_of_day,
                text=text,
            )
        )
    unique: list[ChronicleEntry] = []
    for entry in entries:
        key = (entry.date, entry.end_date, squash(entry.text))
        if key in seen:
            warnings.append(f"{source}:{entry.line}: 重复的大事记条目（PDF 印了两次），只保留一条")
            continue
        seen.add(key)
        unique.append(entry)
    # ids count entries of a day after duplicates are gone, so they do not depend on PDF repeats
    per_day.clear()
    for entry in unique:
        day = entry.date.isoformat()
        per_day[day] = per_day.get(day, 0) + 1
        entry.id = f"dsj-{day}-{per_day[day]}"
    return unique, warnings
