"""A 政府信息公开 metadata table as text: the labelled values a page prints above a document.

Pages lay the table out in every way, and text extracted from them keeps the layout:

    索引号：000014349/2019-00007          发文字号：兴署办发〔2022〕2号      (a pair per line, or several)
    • 发文字号:                                                           (the label, the value on the next line)
        镇政发〔2024〕7号
    索引号: | TCXXGK-2020-011721 | 主题分类: | 政务公开 |                   (a table flattened with pipes)
    标题 鄂尔多斯市人民政府关于…的通知                                    (no colon)
    名    称:通辽市人民政府办公室关于…的通知发文机关                       (the next label glued on)

`read_metadata_block` reads such a block from a given line: at least two known labels, the values
kept as printed under one key per label (as corpus.readers.html keeps a real table's), and where the
block ends. Lines are scanned once each; every pattern is anchored and bounded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..organs import is_organ_line
from ..text import squash
from ..wenhao import parse_wenhao

# A label as printed (white space removed) → the key it is kept under (the same keys as an HTML table's).
LABELS = {
    "索引号": "索引号",
    "主题分类": "主题分类",
    "信息分类": "主题分类",
    "分类": "主题分类",
    "发文机关": "发文机关",
    "发布机构": "发文机关",
    "发文机构": "发文机关",
    "发文单位": "发文机关",
    "发布机关": "发文机关",
    "成文日期": "成文日期",
    "发文日期": "成文日期",
    "发文字号": "发文字号",
    "文号": "发文字号",
    "文件编号": "发文字号",
    "发文文号": "发文字号",
    "发布日期": "发布日期",
    "公开日期": "发布日期",
    "公开日": "发布日期",
    "发布时间": "发布日期",
    "标题": "名称",
    "名称": "名称",
    "文件名称": "名称",
    "有效性": "有效性",
    "公文时效": "有效性",
    "时效": "有效性",
    "生效日期": "生效日期",
    "废止日期": "废止日期",
    "主题词": "主题词",
    "公文种类": "公文种类",
    "内容概述": "内容概述",
    "概述": "内容概述",
    "备注": "备注",
    "公开时限": "公开时限",
    "公开形式": "公开形式",
    "著录日期": "著录日期",
    "来源": "来源",
    "信息来源": "来源",
    # the 信息公开 tables of Jiangsu's sites (宜兴, 苏州 …) and their like
    "生成日期": "生成日期",
    "公开方式": "公开方式",
    "公开范围": "公开范围",
    "公开程序": "公开程序",
    "效力状况": "有效性",
    "体裁": "公文种类",
    "关键词": "主题词",
    "分类词": "分类词",
    "内容概况": "内容概述",
    "主题": "主题分类",
    "文件下载": "文件下载",
    # a law database's table (北大法宝 and its mirrors): 发布部门 国务院 / 时效性 现行有效 / 效力级别 …
    "发布部门": "发文机关",
    "制定机关": "发文机关",
    "发布文号": "发文字号",
    "公布日期": "发布日期",
    "施行日期": "生效日期",
    "实施日期": "生效日期",
    "时效性": "有效性",
    "效力级别": "效力级别",
    "法规类别": "主题分类",
}
_LABEL_CHARS = frozenset(ch for label in LABELS for ch in label)
_BULLET = re.compile(r"^[\s•·●◆■\-–—*|]+")
# A label glued to the end of a value ("…的通知发文机关"): the labels a value can never end with.
_GLUED = re.compile("(?:" + "|".join(sorted((k for k in LABELS if len(k) >= 3), key=len, reverse=True)) + r")[：:]?$")
MAX_LINE = 400  # characters: a longer line is text, not a row of the table
MAX_GAP = 2  # empty label lines (a label whose value the page left blank) a block may hold in a row


_SPACES = " \u3000\xa0"
_ORDINAL = re.compile(r"[（(][一二三四五][）)]")
_COLONS = "：:∶"


def _label_at(text: str, pos: int = 0) -> tuple[str, int, bool] | None:
    """(key, end of the label and its colon, colon printed?) when a known label starts at `pos`.

    A label's characters may be spaced out (索 引 号, 名    称); the longest known label wins. One
    printed without a colon must be followed by white space, a pipe or the end of the line
    (标题 鄂尔多斯…, not 标题党).
    """
    chars: list[tuple[str, int]] = []  # (character, index after it)
    i = pos
    while i < len(text) and len(chars) < 6:
        if text[i] in _LABEL_CHARS:
            chars.append((text[i], i + 1))
            i += 1
            while i < len(text) and text[i] in _SPACES:
                i += 1
        else:
            break
    for k in range(len(chars), 1, -1):
        key = LABELS.get("".join(ch for ch, _ in chars[:k]))
        if key is None:
            continue
        after = chars[k - 1][1]
        if ordinal := _ORDINAL.match(text, after):
            after = ordinal.end()  # 主题(一), 主题(二): one label printed twice, numbered
        end = after
        while end < len(text) and text[end] in _SPACES:
            end += 1
        if end < len(text) and text[end] in _COLONS:
            return key, end + 1, True
        if after < len(text) and not (text[after].isspace() or text[after] == "|"):
            return None
        return key, end, False
    return None


_SEPARATOR = re.compile(r"[\s|]+")


def _cells(line: str) -> list[tuple[str, str | None]] | None:
    """A line of the table as (key, value or None) pairs, or None when it is not one.

    `value` None: the label stands alone (its value is on the next line, or the page left it empty).
    A second label in the line starts a new cell when a colon or a pipe follows it — or, in a line
    whose labels carry no colons (发布机构 自治区人民政府 文  号 内政发〔2013〕62号), white space does. A line
    with one label and no colon is a cell only when it is the label alone, a strong label's line
    (标题 鄂尔多斯市人民政府关于…) or a pipe table's row (内容概况 | 市政府关于…), so a sentence that opens with
    来源 or 分类 is not one.
    """
    text = _BULLET.sub("", line).strip().strip("|").strip()
    if not text or len(text) > MAX_LINE:
        return None
    first = _label_at(text)
    if first is None:
        return _glued_cell(text)
    bare = not first[2]  # labels printed without colons
    pieces: list[tuple[str, str | None]] = []
    key, pos, colon = first
    while True:
        nxt = None
        adjacent = _label_at(text, pos) if bare else None
        if adjacent is not None:
            nxt = (pos, adjacent)  # two labels with nothing between (索 引 号 主题分类 …, 索  引  号 文       号 …)
        for gap in _SEPARATOR.finditer(text, pos) if nxt is None else ():
            found = _label_at(text, gap.end())
            if found and (found[2] or text[found[1] :].lstrip().startswith("|") or bare):
                nxt = (gap.start(), found)
                break
        value = text[pos : nxt[0] if nxt else len(text)].strip().strip("|").strip()
        pieces.append((key, value or None))
        if nxt is None:
            break
        key, pos, colon = nxt[1]
    if bare and len(pieces) == 1:
        label_only = squash(text) in LABELS
        strong = pieces[0][0] in STRONG and pieces[0][1] is not None
        piped = text[first[1] :].lstrip(_SPACES).startswith("|")  # a table's row: 内容概况 | 市政府关于…的批复 |
        return pieces if label_only or strong or piped else None
    return pieces


# A label glued to its value with nothing between (发文机关国务院, 发文字号国函〔2008〕2号, 时效性现行有效):
# a label of three characters or more, and a value that holds no sentence.
_GLUED_START = re.compile(
    "(?P<label>"
    + "|".join(sorted((k for k in LABELS if len(k) >= 3), key=len, reverse=True))
    + r")(?P<value>[^\s。，；,;]{1,60})$"
)


def _glued_cell(text: str) -> list[tuple[str, str | None]] | None:
    match = _GLUED_START.match(text)
    return [(LABELS[match.group("label")], match.group("value"))] if match else None


# A sentence, never a table's value: the text under a table whose last label the page left empty (公文时效 |)
_PROSE = re.compile(r"[。；;！？]|[，,].*[，,]")


# The beginning of a document's title (…关于, 国务院办公厅转发…, 国务院办公厅对…): a value only of the title's own
# label (主题词 values end in a kind as often as titles do: 文秘 工作 提案 函)
_TITLE_LIKE = re.compile(
    r"关于|^[\u4e00-\u9fff]{0,20}?(?:国务院|办公厅|办公室|人民政府|行政公署|委员会|部|局|厅)(?:转发|印发|批转|对|同意)"
)


def _may_be_value_of(key: str, line: str) -> bool:
    """Whether `line`, under a label left without a value, is that label's value: never a sentence (the text
    under a table whose last label the page left empty), nor, but for the title's label, a title's line
    (主 题 词： left empty, then 国务院办公厅关于推进 / 政务新媒体健康有序发展的意见), its issuers' line or a 令's mark;
    and only 发文字号's a 文号 alone."""
    if _PROSE.search(line):
        return False
    squashed = squash(line)
    if key != "发文字号" and parse_wenhao(squashed) is not None:
        return False  # a 文号 alone (主 题 词： left empty, then the document's number over its title)
    if key == "名称":
        return True
    # nor the issuers' line over a title (国务院办公厅、中央军委办公厅), nor a 令's mark (中华人民共和国国务院令)
    if _TITLE_LIKE.search(squashed) or squashed.endswith("令"):
        return False
    return key == "发文机关" or not is_organ_line(squashed)


# What a web page says of its own publication (发布时间：2023-05-08　来源：…　浏览次数): alone, no table.
PUBLICATION_ONLY = {"发布日期", "来源"}

# Labels whose line is a cell even alone and without a colon: what no sentence starts with.
STRONG = {"名称", "发文字号", "索引号", "成文日期", "发文机关"}


def read_metadata_block(lines: Sequence[str], start: int) -> tuple[int, dict[str, str]] | None:
    """(index one past the block, {key: value as printed}) for a metadata block starting at `start`,
    or None. A block holds at least two known labels and at least one value."""
    values: dict[str, str] = {}
    labels = 0
    pending: str | None = None  # a label whose value is on a following line
    columns: list[str] = []  # a header row's labels, their values in the rows under it (see _column_values)
    gap = 0
    i = start
    end = start
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        cells = _cells(line)
        if cells is None and columns:
            read = _column_values(columns, lines, i)
            if read is not None:
                i, row = read
                values.update((k, v) for k, v in row.items() if k not in values)
                end = i
            break
        if cells is None:
            if pending is not None and len(line.strip()) <= MAX_LINE and _may_be_value_of(pending, line):
                value, glued = _unglue(_BULLET.sub("", line).strip())
                values.setdefault(pending, value)
                pending = glued  # …的通知发文机关: the next line holds 发文机关's value
                labels += glued is not None
                i += 1
                end = i
                continue
            break
        if pending is not None:
            gap += 1
            if gap > MAX_GAP + labels:
                break
        if len(cells) >= COLUMNS and all(printed is None for _, printed in cells):
            columns = [key for key, _ in cells]  # 索 引 号 文 号 发布机构 发布日期 …: a header row
        for key, printed in cells:
            labels += 1
            if printed is None:
                pending = key
            else:
                value, glued = _unglue(printed)
                values.setdefault(key, value)
                pending = glued
                labels += glued is not None
                gap = 0
        i += 1
        end = i
    if labels < 2 or not values or set(values) <= PUBLICATION_ONLY:
        return None  # 发布时间：… 来源：… above an article is the page's chrome, not its table
    return end, values


COLUMNS = 3  # labels a header row holds at least
_COLUMN_ROWS = 4  # lines its values may wrap over


def _column_values(columns: list[str], lines: Sequence[str], i: int) -> tuple[int, dict[str, str]] | None:
    """The values under a header row of labels (索  引  号 文  号 发布机构 发布日期 / N001-2011-000627
    宛政〔2011〕7号 / 南阳市人民政府办公室 2011-03-04): one word each, in the labels' order, over a few lines;
    (index past them, {key: value}) when the words are exactly as many as the labels, else None."""
    words: list[str] = []
    k = i
    while k < len(lines) and k < i + _COLUMN_ROWS and len(words) < len(columns):
        line = lines[k].strip()
        if not line:
            k += 1
            continue
        if len(line) > 80 or _PROSE.search(line):
            return None
        words += line.split()
        k += 1
    if len(words) != len(columns):
        return None
    return k, dict(zip(columns, words))


def _unglue(value: str) -> tuple[str, str | None]:
    """A value with the next label glued to its end (…的通知发文机关) without it, and that label's key."""
    match = _GLUED.search(value) if len(value) > 6 else None
    if match is None:
        return value, None
    return value[: match.start()].strip(), LABELS[match.group(0).rstrip("：:")]
