"""What pdfminer and pdfplumber log while a PDF is read, as one Chinese note for the file.

pdfminer warns on the console, in English and once per occurrence, of what it skips or repairs: a page
whose marked-content operators take a string instead of a name printed 9,000 lines for one file, before
the one line that mattered. While a file is read (`collected`), their warnings are counted by kind and
by page instead of printed; the reader then adds one note in Chinese saying what was skipped, how often
and on which pages (`note`).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

LOGGERS = ("pdfminer", "pdfplumber")
SHOWN_PAGES = 8

# By the module that warns: what it means for the text read (pdfminer skipped or repaired it).
_KINDS = {
    "pdfminer.pdfinterp": "页面绘制指令有误",
    "pdfminer.pdfdevice": "页面绘制指令有误",
    "pdfminer.pdffont": "字体信息有误",
    "pdfminer.cmapdb": "字体的字符映射表有误",
    "pdfminer.pdfdocument": "文件结构（交叉引用表或对象）有误",
    "pdfminer.pdfparser": "文件结构（交叉引用表或对象）有误",
    "pdfminer.psparser": "语法有误",
    "pdfminer.pdfpage": "页面属性有误",
    "pdfminer.pdftypes": "数据流有误",
}


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.kinds: Counter[str] = Counter()
        self.pages: set[int] = set()
        self.page = 0  # the page being read, 0 while the file's structure is read

    def emit(self, record: logging.LogRecord) -> None:
        self.kinds[_KINDS.get(record.name, "其他不合规范之处")] += 1
        if self.page:
            self.pages.add(self.page)


@contextmanager
def collected() -> Iterator[_Collector]:
    """pdfminer's and pdfplumber's warnings counted (not printed) for the time of the block. Filters
    on their loggers still apply (the repairs pdf.py silences are not counted)."""
    collector = _Collector()
    loggers = [logging.getLogger(name) for name in LOGGERS]
    saved = [log.propagate for log in loggers]
    for log in loggers:
        log.addHandler(collector)
        log.propagate = False
    try:
        yield collector
    finally:
        for log, propagate in zip(loggers, saved):
            log.removeHandler(collector)
            log.propagate = propagate


def note(collector: _Collector) -> str | None:
    """One line for the file (None when nothing was logged), e.g. `PDF 有 9,000 处不合规范之处，读取时已跳过
    或自行修复（页面绘制指令有误 9,000 处；第 1 页）：这些地方的文字可能缺失或错位`."""
    total = sum(collector.kinds.values())
    if not total:
        return None
    kinds = "，".join(f"{kind} {n:,} 处" for kind, n in collector.kinds.most_common())
    where = ""
    if collector.pages:
        pages = sorted(collector.pages)
        shown = "、".join(str(p) for p in pages[:SHOWN_PAGES]) + ("…" if len(pages) > SHOWN_PAGES else "")
        where = f"；第 {shown} 页"
    return f"PDF 有 {total:,} 处不合规范之处，读取时已跳过或自行修复（{kinds}{where}）：这些地方的文字可能缺失或错位"
