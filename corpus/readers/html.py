"""A gazette page saved as HTML → title, text lines, and the page's metadata table.

Two kinds of page: a whole issue as one page, and a single document as a 政府信息公开 page whose
metadata table (索引号, 发文机关, 成文日期, 发文字号, 发布日期 …) is read into `metadata` (checked
against the text later, by corpus.metadata). The article is the first known container (#zoom,
.TRS_Editor, <article>, a content block) that holds text, else the densest block: the smallest element
holding most of the page's text that is not link text (menus, sidebars, footers are mostly links).

Data tables become the tab-separated rows corpus.cleaning reads (a cell of several paragraphs as
`<p>…</p> <p>…</p>`); layout tables (one cell a row, or tables inside tables) are read as blocks.
Everything is walked iteratively, and the parser is told to accept deep trees (libxml2 otherwise stops
at 256 levels and drops the rest without a word); a page nested deeper than even that is flattened
and read again, with a warning, rather than losing text.
"""

from __future__ import annotations

import html as html_escape
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from ..errors import GazetteParseError
from ..text import squash

# Ids and classes compared without case: gov.cn's body is #UCAP-CONTENT, other CMSs write Zoom, TRS_EDITOR.
_LOWER = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
_ID, _CLASS = _LOWER.format("@id"), _LOWER.format("@class")
ARTICLE_XPATHS = (
    f"//*[{_ID}='zoom' or {_ID}='ucap-content']",
    f"//*[contains(concat(' ', normalize-space({_CLASS}), ' '), ' trs_editor ')]",
    "//article",
    f"//*[contains({_CLASS}, 'article-content') or contains({_CLASS}, 'article_content')]",
    f"//*[contains({_CLASS}, 'content') or contains({_ID}, 'content')]",
)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "table",
    "section",
    "article",
    "dd",
    "dt",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "center",
    "main",
    "hr",
}
DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "template", "iframe", "select")
# The labels of a 政府信息公开 metadata table, each with the key it is kept under.
META_LABELS = {
    "索引号": "索引号",
    "发文机关": "发文机关",
    "发布机构": "发文机关",
    "发文单位": "发文机关",
    "成文日期": "成文日期",
    "发文字号": "发文字号",
    "文号": "发文字号",
    "发布日期": "发布日期",
    "公开日期": "发布日期",
    "主题分类": "主题分类",
    "名称": "名称",
    "标题": "名称",
    "文件名称": "名称",
    "有效性": "有效性",
    "生效日期": "生效日期",
    "废止日期": "废止日期",
    "主题词": "主题词",
}
_LABEL = re.compile(r"^\s*(?P<label>[\u4e00-\u9fff]{2,4})\s*[：:]\s*(?P<value>.*)$", re.S)
# A page too deep even for XML_PARSE_HUGE keeps its text when its container tags are dropped.
_CONTAINER_TAG = re.compile(
    r"</?(?:div|span|font|section|center|article|main|b|i|u|strong|em|small|big)(?:\s[^>]*)?>", re.I
)
MIN_TEXT = 20
META_CELLS = ("td", "th", "dt", "dd", "li", "span", "p")
# A 政府信息公开 metadata table is a few dozen elements; a container larger than this is read as the
# page's layout, not as one (each container's cells were listed, so nested containers cost depth × page).
MAX_META_ELEMENTS = 2000
MAX_META_CELL_ELEMENTS = 64  # a label or a value is a few elements (a <span> or two)


@dataclass
class HtmlPage:
    title: str | None
    lines: list[str]
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


# libxml2 reads a start tag in time growing with its attributes' count squared (20,000 on one <p>: 18 s); a
# real page's tags have a few dozen. Past MAX_ATTRIBUTES a tag keeps its first ones (the text is kept).
MAX_ATTRIBUTES = 256
_CROWDED_TAG = re.compile(rf"<(?P<name>[A-Za-z][^\s/<>]*)(?P<rest>[^<>]{{{2 * MAX_ATTRIBUTES},}})>")
_ATTRIBUTE = re.compile(r"""[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]*))?""")


def _fewer_attributes(html: str) -> tuple[str, int]:
    """The page with every start tag cut to its first MAX_ATTRIBUTES attributes, and how many were cut."""
    cut = 0

    def trim(match: re.Match) -> str:
        nonlocal cut
        attributes = _ATTRIBUTE.findall(match["rest"])
        if len(attributes) <= MAX_ATTRIBUTES:
            return match.group()
        cut += 1
        return f"<{match['name']} {' '.join(attributes[:MAX_ATTRIBUTES])}>"

    return _CROWDED_TAG.sub(trim, html), cut


def _parse(html: str, source: str):
    parser = lxml.html.HTMLParser(huge_tree=True, remove_comments=True)
    try:
        root = lxml.html.document_fromstring(XML_DECLARATION.sub("", html, count=1), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise GazetteParseError(source, f"无法读取的网页：{exc}") from None
    too_deep = any("depth" in str(e.message).lower() for e in parser.error_log)
    return root, too_deep


def read_html(html: str, source: str, name: str) -> HtmlPage:
    html, crowded = _fewer_attributes(html)
    root, too_deep = _parse(html, source)
    warnings = []
    if crowded:
        warnings.append(
            f"{name}: {crowded} 个标签的属性超过 {MAX_ATTRIBUTES} 个，只读取了每个标签的前 {MAX_ATTRIBUTES} 个"
        )
    if too_deep:
        root, still = _parse(_CONTAINER_TAG.sub(" ", html), source)
        warnings.append(f"{name}: 网页嵌套过深（超过 libxml2 的上限），已去掉容器标签后重新读取")
        if still:
            raise GazetteParseError(source, "网页嵌套过深，去掉容器标签后仍无法完整读取")
    for bad in root.xpath("//" + "|//".join(DROP_TAGS)):
        bad.drop_tree()
    metadata, meta_tables = _metadata(root)
    article = _known_article(root)
    if article is None:
        article = _densest(root)
    if article is None:
        raise GazetteParseError(source, "网页中找不到正文（没有 #zoom、.TRS_Editor、<article> 或成段的文字）")
    for table in meta_tables:
        if _inside(table, article) and table is not article:
            table.drop_tree()  # the metadata table printed inside the article is not the document's text
    title = (
        _first(root.xpath("//meta[@name='ArticleTitle']/@content"))
        or metadata.get("名称")
        or _first([h.text_content() for h in root.xpath("//h1")])
        or _without_site(_first(root.xpath("//title/text()")))
    )
    title = re.sub(r"\s+", " ", title).strip() if title else None
    pub = _first(root.xpath("//meta[@name='PubDate']/@content"))
    if pub and "发布日期" not in metadata:
        metadata["发布日期"] = pub.strip()
    lines = block_lines(article)
    # a title over two <p> is there already, its issuers perhaps apart on their line (国务院 中央军委 / 关于…)
    if title and squash(title).replace("、", "") not in squash("".join(lines[:8])).replace("、", ""):
        lines = [title, ""] + lines
    return HtmlPage(title, lines, metadata, warnings)


def _known_article(root):
    lengths = _text_lengths(root)  # once for the page: text_content() per candidate was depth × text
    for xpath in ARTICLE_XPATHS:
        found = [el for el in root.xpath(xpath) if lengths.get(el, 0) >= MIN_TEXT]
        if found:
            return max(found, key=lambda el: lengths.get(el, 0))
    return None


def _text_lengths(root) -> dict:
    """Every element → the length of its text without white space (len(squash(el.text_content()))),
    worked out bottom-up in one walk."""
    lengths: dict = {}
    for _event, el in etree.iterwalk(root, events=("end",)):
        total = len(squash(el.text or "")) if isinstance(el.tag, str) else 0
        for child in el:
            total += lengths.get(child, 0) + len(squash(child.tail or ""))
        lengths[el] = total
    return lengths


def _subtree_sizes(root) -> dict:
    """Every element → how many elements its subtree holds (itself included), bottom-up in one walk."""
    sizes: dict = {}
    for _event, el in etree.iterwalk(root, events=("end",)):
        sizes[el] = 1 + sum(sizes.get(child, 1) for child in el)
    return sizes


def _densest(root):
    """The deepest block holding at least 60% of the page's text that is not inside a link."""
    body = root.find("body")
    if body is None:
        body = root
    own: dict = {}
    depth: dict = {body: 0}
    walker = etree.iterwalk(body, events=("start", "end"))
    for event, el in walker:
        if not isinstance(el.tag, str):
            continue
        if event == "start":
            for child in el:
                depth[child] = depth[el] + 1
            if el.tag == "a":
                own[el] = 0
                walker.skip_subtree()  # link text does not count
            continue
        total = len(squash(el.text or ""))
        for child in el:
            total += own.get(child, 0) + len(squash(child.tail or ""))
        own[el] = total
    whole = own.get(body, 0)
    if whole < MIN_TEXT:
        return None
    # the text of the largest data table inside each element: a block that is little but one table (a notice's
    # attached list of measures) is that table's wrapper, and the notice above it belongs to the article too
    in_table: dict = {}
    for table in body.iter("table"):
        if table in own and _is_data_table(table):
            up = table.getparent()
            while up is not None and in_table.get(up, 0) < own[table]:
                in_table[up] = own[table]
                up = up.getparent()
    candidates = [
        el
        for el, n in own.items()
        if n >= 0.6 * whole
        and isinstance(el.tag, str)
        and el.tag in ("div", "section", "article", "main", "td", "body", "table", "center", "form")
        and not (el.tag == "table" and _is_data_table(el))  # a document mostly one table is more than the table
    ]
    if not candidates:
        return body
    chosen = max(candidates, key=lambda el: depth.get(el, 0))
    # a block that is little but one table is its wrapper: the blocks around it hold the notice that issues
    # the table (its title, number, text), each adding text of its own, up to where nothing more is added
    while in_table.get(chosen, 0) > 0.9 * own[chosen] and chosen is not body:
        parent = chosen.getparent()
        if parent is None or own.get(parent, 0) - own[chosen] < MIN_TEXT:
            break
        chosen = parent
    return chosen


def _inside(el, container) -> bool:
    while el is not None:
        if el is container:
            return True
        el = el.getparent()
    return False


def _metadata(root) -> tuple[dict[str, str], list]:
    """Labelled values of the page's metadata table(s): 索引号：…, 发文字号：… in cells or items."""
    found: dict[str, str] = {}
    tables = []
    sizes = _subtree_sizes(root)
    holds_cell = _holding(root, set(META_CELLS))
    cells_of = _cells_by_container(root)
    texts: dict = {}

    def text_of(cell) -> str:
        """A cell's text, read once; a cell of many elements is no label or value (a cell at the top of
        thousands of unclosed <ul> held them all: their text was read for every container above them)."""
        if cell not in texts:
            small = sizes.get(cell, 1) <= MAX_META_CELL_ELEMENTS
            texts[cell] = re.sub(r"\s+", " ", cell.text_content()).strip() if small else ""
        return texts[cell]

    for container in root.iter("table", "dl", "ul", "div"):
        labels = 0
        if container.tag == "div":
            if container in holds_cell or any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in container):
                continue  # a div counts only as one "label：value" line of its own
            cells = [container]
        elif sizes.get(container, 0) > MAX_META_ELEMENTS:
            continue  # not a metadata table; one inside it is a container of its own (and found as one)
        else:
            cells = cells_of.get(container) or [container]
        for i, cell in enumerate(cells):
            text = text_of(cell)
            key = META_LABELS.get(squash(text).rstrip("：:"))
            value = None
            if key and i + 1 < len(cells):
                value = text_of(cells[i + 1])
                if META_LABELS.get(squash(value).rstrip("：:")):
                    value = None  # an empty value, the next label follows
            elif not key and (m := _LABEL.match(text)) and m["label"] in META_LABELS:
                key, value = META_LABELS[m["label"]], m["value"].strip()
            if key:
                labels += 1
                if value and key not in found:
                    found[key] = value
        if labels >= 2 and container.tag != "div":
            tables.append(container)
    return (found if len(found) >= 2 else {}), tables


def _cells_by_container(root) -> dict:
    """Each table, dl and ul → the metadata cells (META_CELLS) whose nearest such container it is, in order,
    in one walk: a cell is read for its own container only (a container inside it is one of its own)."""
    cells: dict = {}
    stack: list = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if not isinstance(el.tag, str):
            continue
        if event == "end":
            if stack and stack[-1] is el:
                stack.pop()
            continue
        if el.tag in META_CELLS and stack and el.getparent() is not None:
            cells.setdefault(stack[-1], []).append(el)
        if el.tag in ("table", "dl", "ul"):
            stack.append(el)
    return cells


def _holding(root, tags: set[str]) -> set:
    """The elements with a descendant of one of `tags`, found bottom-up in one walk."""
    holding: set = set()
    for _event, el in etree.iterwalk(root, events=("end",)):
        if (el in holding or (isinstance(el.tag, str) and el.tag in tags)) and el.getparent() is not None:
            holding.add(el.getparent())
    return holding


def _is_data_table(table) -> bool:
    if any(t is not table for t in table.iter("table")):
        return False  # a table of tables lays out the page (asked first: the rows of every table nested in
    rows = [r for r in table.iter("tr") if _owner_table(r) is table]  # it were listed, for each: depth²)
    if len(rows) < 1:
        return False
    cells = [len([c for c in r if isinstance(c.tag, str) and c.tag in ("td", "th")]) for r in rows]
    return bool(cells) and sum(1 for n in cells if n >= 2) * 2 >= len(cells)


def _owner_table(el):
    el = el.getparent()
    while el is not None and el.tag != "table":
        el = el.getparent()
    return el


MAX_COLUMNS = 100  # a cell spanning more columns than this covers no more of them (colspan="1000")
MAX_GRID_WIDTH = 2 * MAX_COLUMNS  # no rowspan reaches a column past it, no row is padded past it
REPEAT_BUDGET = 8  # a table's repeated cells hold at most this many times its own text, + REPEAT_SLACK
REPEAT_SLACK = 10_000


def _span(cell, name: str) -> int:
    """A cell's colspan/rowspan as browsers read it: the digits it starts with, else 1; rowspan="0"
    (to the end of the table) is 0."""
    match = re.match(r"\s*(\d{1,6})", cell.get(name) or "")
    value = int(match.group(1)) if match else 1
    return value if value > 0 or name == "rowspan" else 1


@dataclass
class _Place:
    cell: int  # which cell of the source covers this place
    text: str  # its text ("" past the repeat budget)
    origin: bool  # the cell's own place: its first row and column


def table_grid(table) -> list[list[str]]:
    """A data table's rows of cell texts, a cell merged over several columns or rows (colspan, rowspan)
    repeated into each place it covers, so a column keeps its place in every row; rows are padded to
    the table's width. A row that is one merged cell (a heading inside the table, 一、…方面) gives its
    text once, in its first column.

    Bounded, whatever the page says: a cell covers at most MAX_COLUMNS columns, a rowspan ends with
    the table and reaches no column past MAX_GRID_WIDTH, rows are padded to MAX_GRID_WIDTH at most,
    and repeated text stops at REPEAT_BUDGET times the table's own text (the place is left empty); a
    cell is always read once at its own place, so nothing is dropped."""
    rows = [r for r in table.iter("tr") if _owner_table(r) is table]
    cells_of = [[c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")] for row in rows]
    texts_of = [[_cell_text(c) for c in cells] for cells in cells_of]
    budget = REPEAT_BUDGET * sum(len(t) for texts in texts_of for t in texts) + REPEAT_SLACK

    def repeat(cell: int, text: str) -> _Place:
        nonlocal budget
        if budget < len(text):
            return _Place(cell, "", False)
        budget -= len(text)
        return _Place(cell, text, False)

    below: dict[int, tuple[int, str, int]] = {}  # column → (cell, text, how many more rows it covers)
    grid: list[list[_Place | None]] = []
    cell_id = 0
    for index, (cells, texts) in enumerate(zip(cells_of, texts_of)):
        placed: list[_Place | None] = []
        for cell_el, text in zip(cells, texts):
            _from_above(placed, below, repeat)
            cell_id += 1
            colspan = min(_span(cell_el, "colspan"), max(1, MAX_COLUMNS - len(placed)))
            rowspan = _span(cell_el, "rowspan")
            rowspan = min(rowspan or len(rows), len(rows) - index)
            for k in range(colspan):
                if k:
                    below.pop(len(placed), None)  # overlapping cells: the later one is drawn over
                placed.append(_Place(cell_id, text, True) if k == 0 else repeat(cell_id, text))
                if rowspan > 1 and len(placed) <= MAX_GRID_WIDTH:  # past it a cell covers its own row only:
                    below[len(placed) - 1] = (cell_id, text, rowspan - 1)  # a rowspan="0" staircase was rows²
        last = max(below, default=-1)
        while len(placed) <= last:  # columns covered from above past this row's own cells
            if len(placed) in below:
                _from_above(placed, below, repeat)
            else:
                placed.append(None)
        grid.append(placed)
    # padded to MAX_GRID_WIDTH at most: one row of 20,000 cells padded 20,000 rows of two to 20,000 each
    width = min(max((len(placed) for placed in grid), default=0), MAX_GRID_WIDTH)
    out = []
    for placed in grid:
        owners = {place.cell for place in placed if place}
        if len(placed) > 1 and len(owners) == 1 and all(placed):
            first = placed[0]
            assert first is not None
            # one cell across the row: its text once, and not again in the further rows it spans
            out.append([first.text if first.origin else ""] + [""] * (width - 1))
            continue
        out.append([place.text if place else "" for place in placed] + [""] * (width - len(placed)))
    return out


def _from_above(placed: list[_Place | None], below: dict[int, tuple[int, str, int]], repeat) -> None:
    """The places of `placed`'s next columns that a cell from a row above still covers."""
    while len(placed) in below:
        cell, text, more = below.pop(len(placed))
        placed.append(repeat(cell, text))
        if more > 1:
            below[len(placed) - 1] = (cell, text, more - 1)


def _cell_text(cell) -> str:
    paragraphs = [p for p in block_lines(cell) if p]
    if len(paragraphs) <= 1:
        return paragraphs[0].replace("\t", " ") if paragraphs else ""
    return " ".join(f"<p>{html_escape.escape(p.replace(chr(9), ' '), quote=False)}</p>" for p in paragraphs)


def block_lines(element) -> list[str]:
    """The element's text as lines: one per block, a data table's rows tab-separated. Iterative."""
    parts: list[str] = []
    walker = etree.iterwalk(element, events=("start", "end"))
    for event, el in walker:
        if not isinstance(el.tag, str):
            if event == "end" and el.tail:
                parts.append(el.tail)
            continue
        tag = el.tag.lower()
        if event == "start":
            if tag == "table" and el is not element and _is_data_table(el):
                rows = ["\t".join(cells) for cells in table_grid(el) if any(cells)]
                parts.append("\n" + "\n".join(rows) + "\n")
                walker.skip_subtree()
                continue
            if tag in BLOCK_TAGS:
                parts.append("\n")
            elif tag in ("td", "th"):
                parts.append(" ")
            if el.text:
                parts.append(_flow(el.text))
            continue
        if tag in BLOCK_TAGS:
            parts.append("\n")
        if el is not element and el.tail:
            parts.append(_flow(el.tail))
    text = "".join(parts).replace("\xa0", " ")
    lines: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip(" \u3000\r") if "\t" in raw else raw.strip(" \t\u3000\r")
        if line or (lines and lines[-1]):
            lines.append(line)
    return lines


_SOURCE_BREAK = re.compile(r"[ \t\r]*\n\s*")
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》]")


def _flow(text: str) -> str:
    """A line break in the page's source is white space, not a new line: none between Chinese characters."""
    if "\n" not in text:
        return text

    def space(m: re.Match) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        return "" if (_CJK.match(before) and _CJK.match(after)) or not before or not after else " "

    return _SOURCE_BREAK.sub(space, text)


_SITE_SEPARATOR = re.compile(r"\s*(?:_|\||｜|\s[-－–]\s)\s*")


def _without_site(title: str | None) -> str | None:
    """A page's <title> without the site's name the page adds (…的通知_兴安盟行政公署, …-中国政府网):
    the longest of its pieces. A title has no _ or | of its own (a —— subtitle is kept)."""
    if not title:
        return title
    pieces = [p for p in _SITE_SEPARATOR.split(title) if p.strip()]
    return max(pieces, key=len) if pieces else title


def _text_len(el) -> int:
    return len(squash(el.text_content()))


def _first(values):
    for value in values:
        if value and value.strip():
            return value.strip()
    return None
