"""Web pages printed to PDF by a browser (headless Chromium, as a researcher saves a page), read back:
what the PDF reader gives equals what the HTML reader gives for the same page.

Made-up pages, each printed once a module (tests/browser_print.py): a 政府信息公开 page with its
metadata box (labels wrapping in narrow cells, no rules inside the box), a long ruled table whose
merged cells (a category over many rows, a section row across the table) cross page breaks, a table
row taller than the space left on its page, characters boxed inside a line of text, the page's chrome
printed outside the article. The real gov.cn pages printed the same way are checked record by record
in test_corpus_realworld_pdf.py.
"""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from corpus.readers.html import read_html
from corpus.readers.pdf import pdf_text
from corpus.text import squash

HAN = re.compile(r"[\u4e00-\u9fff]")
META = {
    "索引号": "11152200011630XXXX/2022-00017",
    "主题分类": "综合政务\\其他",
    "发文机关": "兴安盟行政公署",
    "成文日期": "2022年03月01日",
    "标题": "兴安盟行政公署关于印发“十四五”规划主要指标的通知",
    "发文字号": "兴署发〔2022〕6号",
    "发布日期": "2022年03月08日",
    "主题词": "",
}
STYLE = "table.grid{border-collapse:collapse} .grid td,.grid th{border:1px solid #000;padding:2px}"


def _metadata_box() -> str:
    """The box as gov.cn prints it: a bordered table, label cells 60px wide (labels wrap), no inner rules."""
    cells = list(META.items())
    rows = []
    i = 0
    while i < len(cells):
        label, value = cells[i]
        if label in ("标题", "主题词"):  # a row of its own, the value across the other columns
            rows.append(f"<tr><td width=60><b>{label}：</b></td><td colspan=3>{value}</td></tr>")
            i += 1
            continue
        other, other_value = cells[i + 1]
        rows.append(
            f"<tr><td width=60><b>{label}：</b></td><td>{value}</td>"
            f"<td width=60><b>{other}：</b></td><td>{other_value}</td></tr>"
        )
        i += 2
    return f"<table style='border:1px solid #999;width:700px'>{''.join(rows)}</table>"


def _indicator_table(rng: random.Random) -> tuple[str, int]:
    """A table of 55 indicators in five categories: the category cell merged over its rows (crossing
    page breaks), a note row across the table, a two-row header repeated on every page (thead)."""
    rows = []
    number = 1
    for index, category in enumerate(["经济发展", "创新驱动", "民生福祉", "绿色生态", "安全保障"]):
        count = 11
        for k in range(count):
            text = "指标说明" + "按照统计口径测算并逐年滚动调整，" * rng.randint(0, 5)
            first = f"<td rowspan={count}>{category}</td>" if k == 0 else ""
            kind = rng.choice(["定量", "定量", "定性"])
            value = f"{rng.randint(10, 99)}.{rng.randint(0, 9)}"
            rows.append(f"<tr>{first}<td>{number}</td><td>{text}</td><td>{value}</td><td>{kind}</td></tr>")
            number += 1
        if index == 2:
            rows.append("<tr><td colspan=5>注：以上指标均为预期性指标，按年度分解落实。</td></tr>")
    head = (
        "<thead><tr><th rowspan=2>类别</th><th rowspan=2>序号</th><th rowspan=2>指标</th><th colspan=2>2025年</th></tr>"
        "<tr><th>目标值</th><th>属性</th></tr></thead>"
    )
    return f"<table class=grid>{head}<tbody>{''.join(rows)}</tbody></table>", number - 1


def _page(body: str, title: str = META["标题"], box: bool = True) -> str:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title><style>{STYLE}</style></head><body>"
        f"{_metadata_box() if box else ''}"
        f"<div style='width:560px;margin:0 auto'><div id='UCAP-CONTENT'>{body}</div></div>"
        "<div>扫一扫在手机打开当前页</div></body></html>"
    )


def _pages() -> dict[str, str]:
    rng = random.Random(18)
    table, _ = _indicator_table(rng)
    opening = (
        "<p style='text-align:center'>兴安盟行政公署关于印发“十四五”规划主要指标的通知</p>"
        "<p style='text-align:center'>兴署发〔2022〕6号</p><p>各旗县市人民政府，盟直各有关部门：</p>"
        "<p style='text-indent:2em'>现将“十四五”规划主要指标印发给你们，请认真贯彻执行。</p>"
    )
    closing = "<p style='text-align:right'>兴安盟行政公署</p><p style='text-align:right'>2022年3月1日</p>"
    tall = "".join(
        f"<tr><td>{n}</td><td>{'这一行的说明文字很长，用来把一行挤过分页，看浏览器怎样切开表格的一行。' * (45 if n == 3 else 2)}</td>"
        f"<td>盟发展和改革委员会</td></tr>"
        for n in range(1, 7)
    )
    filler = (
        "<p style='text-indent:2em'>" + "为认真贯彻落实自治区关于优化营商环境的部署要求，结合我盟实际。" * 12 + "</p>"
    )
    boxed = "".join(f"<span style='border:1px solid #000'>{ch}</span>" for ch in "（二）")
    return {
        "indicators": _page(opening + table + closing),
        "tall-row": _page(
            opening
            + filler * 3
            + f"<table class=grid><tr><th>序号</th><th>任务</th><th>牵头单位</th></tr>{tall}</table>"
        ),
        "one-page": _page(
            opening
            + f"<p style='text-indent:2em'>{boxed}加强组织领导。各地要压实责任，确保各项措施落地见效。</p>"
            + closing
        ),
    }


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """name → (the page's HTML as read by the HTML reader, its PDF as read by the PDF reader)."""
    from browser_print import print_pages, require_browser

    require_browser()
    folder = tmp_path_factory.mktemp("printed_pages")
    files = []
    for name, html in _pages().items():
        (folder / f"{name}.html").write_text(html, encoding="utf-8")
        files.append(folder / f"{name}.html")
    pdfs = print_pages(files, folder / "pdf")
    return {
        page.stem: (read_html(page.read_text(encoding="utf-8"), str(page), page.name), pdf_text(pdf))
        for page, pdf in pdfs.items()
    }


def _rows(lines: list[str]) -> list[list[str]]:
    return [[squash(cell) for cell in line.split("\t")] for line in lines if "\t" in line]


def _body_rows(lines: list[str]) -> list[list[str]]:
    """The rows of the page's tables, the metadata box (a table of the HTML page) left out."""
    return [row for row in _rows(lines) if not any(cell.startswith(("索引号", "发文机关", "标题")) for cell in row)]


@pytest.mark.parametrize("name", ["indicators", "tall-row"])
def test_a_printed_table_has_the_page_s_rows_and_cells(printed, name):
    """Merged cells repeated into each place they cover (the category over its 11 rows on both sides of
    a page break, the note across the table once), the header rows the browser repeats on every page
    given once, a row the page end cut read back whole: the HTML reader's rows, cell by cell."""
    page, pdf = printed[name]
    want = _body_rows(page.lines)
    assert _body_rows(pdf.lines) == want
    assert pdf.page_count >= 2


def test_the_indicator_table_does_not_collapse(printed):
    page, pdf = printed["indicators"]
    rows = _body_rows(pdf.lines)
    assert len(rows) == 2 + 55 + 1  # the header's two rows, 55 indicators, the note
    assert Counter(row[0] for row in rows[2:]) == {
        "经济发展": 11,
        "创新驱动": 11,
        "民生福祉": 11,
        "注：以上指标均为预期性指标，按年度分解落实。": 1,
        "绿色生态": 11,
        "安全保障": 11,
    }
    assert all(row[4] in ("定量", "定性") for row in rows[2:] if row[1])


@pytest.mark.parametrize("name", ["indicators", "tall-row", "one-page"])
def test_no_character_of_the_page_is_lost_in_print(printed, name):
    """Every Han character of the page (its text, each merged cell in every place it covers, the
    metadata box) is in what the PDF reader gives, as often."""
    page, pdf = printed[name]
    wanted = Counter(HAN.findall("".join(page.lines) + "".join(k + v for k, v in page.metadata.items())))
    got = Counter(HAN.findall("".join(pdf.lines) + "".join(k + v for k, v in pdf.metadata.items())))
    lost = wanted - got - Counter(HAN.findall("扫一扫在手机打开当前页" + "".join(META)))  # chrome, labels
    assert not lost, "".join(sorted(lost.elements()))


@pytest.mark.parametrize("name", ["indicators", "one-page"])
def test_the_printed_metadata_box_is_the_page_s_metadata(printed, name):
    """Labels wrapped in narrow cells (索引 / 号：), values centred beside them, two pairs a row, no
    rules inside the box: read as the page's table, as the HTML reader reads it, and out of the text."""
    page, pdf = printed[name]
    assert {k: squash(v) for k, v in pdf.metadata.items()} == {k: squash(v) for k, v in page.metadata.items()}
    assert pdf.metadata["发文字号"] == "兴署发〔2022〕6号"
    assert not [line for line in pdf.lines if "索引" in line or "主题分类" in line]


def test_the_browser_s_header_and_footer_are_not_text_on_a_single_page(printed):
    _, pdf = printed["one-page"]
    assert pdf.page_count == 1
    assert not [line for line in pdf.lines if re.search(r"\d:\d\d|file:|\.html", line)]


def test_characters_boxed_inside_a_line_are_the_line_s_text(printed):
    _, pdf = printed["one-page"]
    assert "（二）加强组织领导。各地要压实责任，确保各项措施落地见效。" in pdf.lines


def test_chrome_printed_left_of_the_text_is_a_line_of_its_own(printed):
    """扫一扫在手机打开当前页, printed outside the article's column after the signature date: not glued
    to the date, not read as a second column of the text."""
    for _, pdf in printed.values():
        assert "扫一扫在手机打开当前页" in pdf.lines
        assert not [line for line in pdf.lines if "扫一扫" in line and line != "扫一扫在手机打开当前页"]
