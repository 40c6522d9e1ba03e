"""Whole files of shapes that once made the parser super-linear (issue 19) are read in linear time and
memory, proven by growth at three sizes in the style of test_linear_time.py. Before:

- lines without a sentence end (each joined line was tested against the whole growing paragraph,
  every paragraph cached): 2k/4k/8k/12k lines → 0.96/3.0/10.8/25.5 s and 0.12/0.36/1.29/2.86 GB;
- repeated `第一条 内容。` lines (the duplicate-anchor loop counted up from 2 each time): 2k/4k/8k →
  0.54/1.08/3.43 s, 100k lines unfinished after 120 s;
- footer lines (each line looked through every page break): 4k/8k/16k → 0.76/1.98/12.8 s;
- PDF pages (each page's margins looked through every page): 1k/3k/10k → 1.35/6.7/38 s;
- deeply nested HTML (each container listed every cell below it): 1,500 divs × 16k spans → 44 s;
- a large text file: 200 MB > 300 s.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_files import (
    dense_pages,
    footer_lines,
    inline_image,
    lines_without_sentence_end,
    many_pages,
    nested_html,
    nested_mhtml,
    repeated_first_articles,
)

from corpus import BUNDLED_CORPUS, GazetteParseError, parse_file
from corpus.readers import pdfguard
from corpus.readers.pdf import _margins, _Page, pdf_text
from corpus.readers.pdflayout import Fragment, Line

# timed: run alone, after the parallel run (scripts/test.sh), not beside another worker
pytestmark = pytest.mark.alone

FLOOR = 0.005  # seconds: timer noise on tiny runs does not count


def seconds(fn: Callable[[], object], repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def assert_grows_linearly(cost: Callable[[int], float], sizes: tuple[int, int, int]) -> None:
    """Each step multiplies the input by 4: at most ~8× the cost (quadratic would be 16×)."""
    small, middle, large = (cost(n) for n in sizes)
    assert middle <= 8 * max(small, FLOOR) and large <= 8 * max(middle, FLOOR), (sizes, small, middle, large)


def parse_text(tmp_path: Path, text: str, suffix: str = ".txt") -> Callable[[], object]:
    path = tmp_path / f"shape{suffix}"
    path.write_text(text, encoding="utf-8")
    return lambda: parse_file(path)


def test_lines_without_a_sentence_end(tmp_path):
    issue = parse_text(tmp_path, lines_without_sentence_end(500))()
    [document] = issue.documents
    assert "这是第0行" in document.body and "这是第499行" in document.body  # nothing lost, only joined
    # sizes well past a paragraph's bound (~80 lines), best of two: the cost per line is steady from there
    assert_grows_linearly(
        lambda n: seconds(parse_text(tmp_path, lines_without_sentence_end(n)), repeat=2), (1000, 4000, 16000)
    )


def test_lines_without_a_sentence_end_in_linear_memory(tmp_path):
    def peak(n: int) -> float:
        parse = parse_text(tmp_path, lines_without_sentence_end(n))
        tracemalloc.start()
        try:
            parse()
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = peak(2000), peak(8000)
    assert large <= 6 * small, (small, large)  # 4× the lines: was 8× and growing (2.86 GB at 12k lines)


def test_a_large_text_file_is_parsed_in_a_few_dozen_bytes_a_character(tmp_path):
    """Counting a text's Han characters (is it traditional?) listed each as a string of its own: parsing
    peaked at ~80 bytes a character, so a 70 MB text file hit the 2 GB parse limit. Now ~25."""
    text = (BUNDLED_CORPUS / "000_50af7b231d7ea85e.txt").read_text(encoding="utf-8") * 8
    parse = parse_text(tmp_path, text)
    tracemalloc.start()
    try:
        parse()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak <= 40 * len(text), peak / len(text)


def test_repeated_first_articles(tmp_path):
    [document] = parse_text(tmp_path, repeated_first_articles(300))().documents
    assert len({clause.id for clause in document.clauses}) == len(document.clauses) >= 300  # anchors unique
    assert_grows_linearly(lambda n: seconds(parse_text(tmp_path, repeated_first_articles(n))), (2000, 8000, 32000))


def test_footer_lines(tmp_path):
    [document] = parse_text(tmp_path, footer_lines(50))().documents
    assert "— 7 —" not in document.body and "本页正文第7段" in document.body  # footers blanked, text kept
    assert_grows_linearly(lambda n: seconds(parse_text(tmp_path, footer_lines(n))), (2000, 8000, 32000))


def test_many_pdf_pages(tmp_path):
    def cost(n: int) -> float:
        path = many_pages(tmp_path / f"pages{n}.pdf", n)
        return seconds(lambda: _read_pdf(path))

    assert_grows_linearly(cost, (250, 1000, 4000))


def test_pages_past_the_characters_a_pdf_may_draw_cost_nothing(tmp_path, monkeypatch):
    """Reading stops at the page whose characters pass MAX_DOCUMENT_GLYPHS: 4× the pages past it cost
    what 1× does (before, 4×: 5,000 pages near the page bound were stopped only by the parse timeout)."""
    monkeypatch.setattr(pdfguard, "MAX_DOCUMENT_GLYPHS", 5_000)  # three pages of ~2,400
    files = {n: dense_pages(tmp_path / f"dense{n}.pdf", n) for n in (10, 40)}
    small, large = (seconds(lambda n=n: pdf_text(files[n]), repeat=2) for n in (10, 40))
    assert large <= 2 * max(small, FLOOR), (small, large)


def test_an_inline_image_full_of_e(tmp_path):
    """pdfminer gathered an inline image's data into immutable bytes piece by piece, each byte after an E
    on its own: 256 KB / 1 MB of E took 4.5 / 127 s."""
    files = {n: inline_image(tmp_path / f"inline{n}.pdf", n) for n in (64, 256, 1024)}
    assert pdf_text(files[64]).lines[0] == "hello inline"
    assert_grows_linearly(lambda n: seconds(lambda: pdf_text(files[n])), (64, 256, 1024))


def _read_pdf(path: Path):
    from corpus.readers.pdf import pdf_text

    return pdf_text(path)


def test_margins_of_many_pages():
    def pages(n: int) -> list[_Page]:
        return [
            _Page(k, 800.0, [Line(k, 100.0, 112.0, 12.0, [Fragment(70.0 + k % 3, 520.0, "正文")])], [], 0.0)
            for k in range(1, n + 1)
        ]

    assert _margins(pages(4))[3] == (70.0, 520.0)

    def cost(n: int) -> float:
        made = pages(n)
        return seconds(lambda: _margins(made), repeat=3)

    assert_grows_linearly(cost, (5000, 20000, 80000))


def test_deeply_nested_html(tmp_path):
    [document] = parse_text(tmp_path, nested_html(1500, 100), ".html")().documents
    assert "第99段文字" in document.body
    assert_grows_linearly(lambda n: seconds(parse_text(tmp_path, nested_html(1500, n), ".html")), (2000, 8000, 32000))
    assert_grows_linearly(lambda n: seconds(parse_text(tmp_path, nested_html(n, 1000), ".html")), (300, 1200, 4800))


def test_a_large_text_file(tmp_path):
    issue = (BUNDLED_CORPUS / "000_50af7b231d7ea85e.txt").read_text(encoding="utf-8")
    assert_grows_linearly(lambda n: seconds(parse_text(tmp_path, issue * n)), (1, 4, 16))


def _markdown_page(n: int) -> str:
    """A page saved as Markdown: a pipe table, then a notice flattened onto long rows with pipes, bold
    labels, links and commas — the shapes the Markdown repair, the flattened-line cutter and the
    title-and-number reader see."""
    head = "| **索 引 号：** | 000014349/2018-00221 | **主题分类：** | 综合  \n---|---|---|---  \n"
    row = (
        "| 兴安盟行政公署关于推进工作的通知 兴署发〔2018〕1号 各旗县市人民政府： [链接](http://x.cn/a) "
        "**一、总体要求** 按照部署，做好工作，确保落实， | | | |  \n"
    )
    return head + row * n


def test_pages_saved_as_markdown(tmp_path):
    parse_text(tmp_path, _markdown_page(20), ".md")()
    assert_grows_linearly(lambda n: seconds(parse_text(tmp_path, _markdown_page(n), ".md")), (500, 2000, 8000))


def test_one_long_markdown_row(tmp_path):
    """One row of many cells and commas (a flattened nested table): the repair and the cutter stay linear."""

    def page(n: int) -> str:
        notice = "兴安盟行政公署关于推进工作的通知\n兴署发〔2018〕1号\n各旗县市人民政府：\n现将有关事项通知如下。\n"
        return "**标题：** | x  \n[a](http://b) **c**  \n" + notice + "| " + "文字，| |---| " * n + "\n"

    assert_grows_linearly(lambda n: seconds(parse_text(tmp_path, page(n), ".md")), (2000, 8000, 32000))


def test_many_titles_without_anything_under_them(tmp_path):
    """A page of title-shaped lines and nothing else: each is looked at once for a lone title's document."""

    def page(n: int) -> str:
        return "".join(f"关于做好第{k}项工作的通知\n" for k in range(n))

    with pytest.raises(Exception, match="找不到公文"):
        parse_text(tmp_path, page(50))()

    def cost(n: int) -> float:
        def parse() -> None:
            with pytest.raises(Exception, match="找不到公文"):
                parse_text(tmp_path, page(n))()

        return seconds(parse)

    assert_grows_linearly(cost, (1000, 4000, 16000))


@pytest.mark.parametrize("before", ["附件", "国务院令", "〔2022", "2022年", "抄送：", "一、", "发布时间："])
def test_a_long_run_of_blanks_in_a_line(tmp_path, before):
    """A run of blanks after words the recognisers look for (a pattern tried at each place of the run cost
    its length squared: 16,000 spaces after 附件 took 24 s); runs are cut to 120 blanks, with a note."""

    def page(n: int) -> str:
        return (
            "兴安盟行政公署关于做好工作的通知\n兴署发〔2022〕1号\n各旗县市人民政府：\n"
            f"{before}{' ' * n}x\n现将有关事项通知如下。\n2022年1月1日\n"
        )

    issue = parse_text(tmp_path, page(500))()
    assert [d.wenhao_normalized for d in issue.documents] == ["兴署发〔2022〕1号"]
    assert any("连续空白" in w for w in issue.warnings)
    assert_grows_linearly(lambda n: seconds(parse_text(tmp_path, page(n))), (4000, 16000, 64000))


@pytest.mark.parametrize("blank", ["\f", "\u2003", " \f", "\u3000\u2002"])
@pytest.mark.parametrize("before", ["", "附件"])
def test_a_long_run_of_other_white_space(tmp_path, blank, before):
    """Form feeds, em spaces and the like are white space to every pattern (\\s) as much as spaces are: a line
    of 10,000 form feeds cost 7 s (its length squared: two \\s* in a row in the Markdown sniffer), now cut to
    120 like any run of blanks."""

    def page(n: int) -> str:
        return (
            "兴安盟行政公署关于做好工作的通知\n兴署发〔2022〕1号\n各旗县市人民政府：\n"
            f"{before}{blank * (n // len(blank))}x\n现将有关事项通知如下。\n2022年1月1日\n"
        )

    assert_grows_linearly(lambda n: seconds(parse_text(tmp_path, page(n))), (4000, 16000, 64000))
    issue = parse_text(tmp_path, page(500))()
    assert [d.wenhao_normalized for d in issue.documents] == ["兴署发〔2022〕1号"]
    assert any("连续空白" in w for w in issue.warnings)


def test_wide_gaps_in_a_flattened_line():
    """A line cut back into paragraphs at its runs of blanks (a list page, a PDF copied with wide gaps): the
    signature pattern was tried at every blank of a run, the office free to hold blanks — one run of 120 spaces
    cost 1.2 s (its length cubed; 30 spaces 0.6 ms). Growth with the run's length, 7, 30 and 120 blanks."""
    from corpus.elements.paragraphs import Para
    from corpus.elements.unflatten import unflatten

    def line(gap: int) -> list[Para]:
        return [Para(1, ("各地要认真贯彻执行。" + " " * gap) * 20 + "兴安盟行政公署" + " " * gap + "2022年1月1日")]

    pieces = [p.text for p in unflatten(line(30))]
    assert pieces[-2:] == ["兴安盟行政公署", "2022年1月1日"] and len(pieces) == 22
    assert_grows_linearly(lambda n: seconds(lambda: unflatten(line(n)), repeat=3), (7, 30, 120))


def test_a_tag_with_thousands_of_attributes(tmp_path):
    """libxml2 reads a start tag in time growing with its attributes' count squared or worse (5,000 attributes
    on one tag 0.25 s, 20,000 18 s); a tag keeps its first 256, with a note, and the page its text."""

    def page(n: int) -> str:
        crowded = " ".join(f"data-x{k}='{k}'" for k in range(n))
        return (
            f"<html><body><div id='zoom' {crowded}><p>兴安盟行政公署关于做好工作的通知</p><p>兴署发〔2022〕1号</p>"
            "<p>各旗县市人民政府：</p><p>现将有关事项通知如下。</p><p>2022年1月1日</p></div></body></html>"
        )

    issue = parse_text(tmp_path, page(1000), ".html")()
    assert [d.wenhao_normalized for d in issue.documents] == ["兴署发〔2022〕1号"]
    assert any("属性超过 256 个" in w for w in issue.warnings)
    assert_grows_linearly(lambda n: seconds(parse_text(tmp_path, page(n), ".html")), (1250, 5000, 20000))


@pytest.mark.parametrize(
    "table",
    [
        # every row's first cell spans to the end of the table (rowspan="0"): each row was one column wider
        lambda n: "<tr><td rowspan='0'>甲</td><td>乙</td></tr>" * n,
        # one row of n cells, then n rows of two: every row was padded to n columns
        lambda n: "<tr>" + "<td>丙</td>" * n + "</tr>" + "<tr><td>甲</td><td>乙</td></tr>" * n,
    ],
)
def test_tables_whose_spans_or_widths_grow_with_their_rows(tmp_path, table):
    """A web page's table grid grew with its rows squared: 8,000 rows of rowspan="0" took 155 s. Spans reach
    no column past MAX_GRID_WIDTH and rows are padded to it at most; each cell is still read at its place."""

    def page(n: int) -> str:
        return (
            "<html><body><div id='zoom'><p>兴安盟行政公署关于做好工作的通知</p><p>兴署发〔2022〕1号</p>"
            "<p>各旗县市人民政府：</p><p>现将有关事项通知如下。</p><p>2022年1月1日</p>"
            f"<table>{table(n)}</table></div></body></html>"
        )

    import lxml.html

    from corpus.readers.html import MAX_GRID_WIDTH, table_grid

    grid = table_grid(lxml.html.fromstring(f"<table>{table(400)}</table>"))
    assert sum(row.count("乙") for row in grid) == 400 and sum(row.count("丙") for row in grid) in (0, 400)
    assert all(len(row) <= MAX_GRID_WIDTH + 2 for row in grid[1:])
    [document] = parse_text(tmp_path, page(300), ".html")().documents
    assert document.wenhao_normalized == "兴署发〔2022〕1号"
    # past 200 rows, the rows of the staircase are MAX_GRID_WIDTH wide (before: 400, 1,600, 6,400 wide)
    assert_grows_linearly(lambda n: seconds(parse_text(tmp_path, page(n), ".html"), repeat=2), (400, 1600, 6400))


@pytest.mark.parametrize(
    "unit, sizes",
    [
        # unclosed lists around table cells: each list's cells were read for every list above them
        ("<ul>\n<td>格</td><td colspan='3'>", (750, 3000, 12000)),
        # tables opened inside tables: each table listed the rows of all nested in it before asking whether
        # any table is nested in it
        ("<table><tr><td>索引号</td><td>1</td></tr><p>正文内容。</p><div>", (3000, 12000, 48000)),
    ],
)
def test_unclosed_lists_and_tables_nested_in_a_page(tmp_path, unit, sizes):
    """Web pages whose tags are left open, so that each repetition nests the next (found by a shape fuzzer:
    12,000 characters of the first took 5.2 s, 48,000 of the second 17.6 s). Metadata cells are read for
    their nearest container only, once; a table is asked for nested tables before its rows are listed."""

    def page(n: int) -> str:
        return (
            "<html><body><div id='zoom'><p>兴安盟行政公署关于做好工作的通知</p><p>兴署发〔2022〕1号</p>"
            f"<p>各旗县市人民政府：</p>{unit * (n // len(unit))}<p>2022年1月1日</p></div></body></html>"
        )

    [document] = parse_text(tmp_path, page(300), ".html")().documents
    assert document.wenhao_normalized == "兴署发〔2022〕1号"
    assert_grows_linearly(lambda n: seconds(parse_text(tmp_path, page(n), ".html"), repeat=2), sizes)


@pytest.mark.parametrize("shape", ["国务院令{}x", "兴署发{}〔2022{}x", "〔2022{}x", "2022{}年{}x"])
def test_finding_numbers_in_text_with_long_blank_runs(shape):
    """find_wenhao also reads text that never passed the reader (gazette cite, /cite.json): a run of blanks
    after 令 or a year cost its length cubed or squared (2,000 spaces after 令: 35 s)."""
    from corpus.wenhao import find_wenhao

    assert_grows_linearly(
        lambda n: seconds(lambda: find_wenhao(shape.format(*[" " * n] * shape.count("{}")))), (5000, 20000, 80000)
    )


@pytest.mark.parametrize("shape", ["某某市人民政府{}\n{}经研究同意{}\n", "{}经市政府同意{}x\n{}第一章{}总则\n"])
def test_long_runs_of_question_marks_for_lost_spaces(tmp_path, shape):
    """Full-width spaces saved as "?" are spaces again (a run of them at the start or end of a line, or
    between Han characters): each run is met once, and the spaces made of it are bounded as any blanks."""

    def page(n: int) -> str:
        runs = shape.count("{}")
        body = shape.format(*["?" * n] * runs)
        notice = "某某市人民政府关于做好工作的通知\n某政发〔2020〕1号\n各县区人民政府：\n现将有关事项通知如下。\n"
        return notice + body * 3 + "2020年1月1日\n"

    issue = parse_text(tmp_path, page(50))()
    assert [d.wenhao_normalized for d in issue.documents] == ["某政发〔2020〕1号"]
    assert any("问号" in w for w in issue.warnings)
    assert_grows_linearly(lambda n: seconds(parse_text(tmp_path, page(n))), (4000, 16000, 64000))


_NOTICE = "某某县人民政府关于做好工作的通知\n某政发〔2021〕1号\n各乡镇人民政府：\n现将有关事项通知如下，请认真执行。\n"


@pytest.mark.parametrize(
    "first, block, last",
    [
        # a promulgation citing title after title before the one it adopts: each quote is looked at once
        (
            "某某市人民政府令\n第1号\n",
            "依照《某某管理法》（2020年修正）第三条的规定，",
            "《某某办法》已经市政府通过，现予公布。\n",
        ),
        # 令 after 令 promulgating two texts each (《A》和《B》…现予公布), B never printed below: each 令 looks its
        # titles up, not every title of the file (4,000 took 37 s)
        (
            "",
            "某某市人民政府令\n第1号\n《某某市甲管理办法》和《某某市乙管理办法》已经市政府通过，现予公布。\n"
            "市长  张三\n2020年1月1日\n某某市甲管理办法\n第一条 为了加强管理，制定本办法。\n",
            "",
        ),
        # a kind alone after each signed date (公告 / 为…公告如下：): each is looked at once
        (_NOTICE, "某某县人民政府\n2020年1月1日\n公告\n为加强管理，现就有关事项公告如下：\n", ""),
        # 题注 wrapped over two lines, occasion lines over a dated line, replies' titles
        (
            _NOTICE,
            "(2011年1月22日某某会议\n第四次会议通过)\n——在某某旗第十八届人民代表大会第三次会议上\n(2024年3月12日)\n"
            "对某某旗政协第0026号提案的答复\n",
            "",
        ),
    ],
)
def test_promulgations_kinds_alone_and_wrapped_notes(tmp_path, first, block, last):
    def page(n: int) -> str:
        return first + block * n + last + "某某县人民政府\n2021年1月1日\n"

    assert parse_text(tmp_path, page(20))().documents
    assert_grows_linearly(lambda n: seconds(parse_text(tmp_path, page(n))), (250, 1000, 4000))


@pytest.mark.parametrize("same_number", [True, False])
def test_many_documents_in_one_file(tmp_path, same_number):
    """Thousands of documents in one file, each with its own 文号 or all with one (a list page reprinting one
    number): telling apart documents that share an id looks at the ids so far once, not at every document
    before each (8,000 documents took 48 s, 2,000 took 1.4 s)."""

    def page(n: int) -> str:
        numbers = [6] * n if same_number else range(1, n + 1)
        return "".join(
            f"关于第{i}项工作的通知\n兴署发〔2022〕{k}号\n现将有关事项通知如下。\n\n" for i, k in enumerate(numbers)
        )

    documents = parse_text(tmp_path, page(3))().documents
    assert [d.title for d in documents] == [f"关于第{i}项工作的通知" for i in range(3)]
    assert len({d.id for d in documents}) == 3  # told apart (…-2, …-3) when they share one number
    assert all(c.doc_id == d.id for d in documents for c in d.clauses)
    assert_grows_linearly(lambda n: seconds(parse_text(tmp_path, page(n))), (500, 2000, 8000))


def test_many_documents_each_with_its_table_after_it(tmp_path):
    """Document after document, each with a joint 版头 over its number and the page's table (a header row, its
    values under it) after its date: every head looks for its table and its masthead once."""

    def page(n: int) -> str:
        one = (
            "某某市公安局\n某某市林业局\n某民发〔2025〕{k}号\n某某市关于第{k}项工作的通告\n"
            "为做好第{k}项工作，依据有关规定，现就有关事宜通告如下：一、严禁违规行为。二、违者依法处理。\n"
            "二○一一年二月二十三日\n索  引  号 文       号 发布机构 发布日期\nN{k} 某政〔2011〕{k}号\n某某市人民政府办公室 2011-03-04\n"
        )
        return "".join(one.format(k=k + 1) for k in range(n))

    issue = parse_text(tmp_path, page(3))()
    assert [d.offices for d in issue.documents] == [["某某市公安局", "某某市林业局"]] * 3
    assert_grows_linearly(lambda n: seconds(parse_text(tmp_path, page(n))), (100, 400, 1600))


def test_web_pages_saved_as_one_file_with_nested_parts(tmp_path):
    """The email package checks each line against the boundary of every multipart open around it: 50/200/800
    nested parts of 20 lines each (5/21/85 KB) took 0.07/0.5/5.9 s; past 16 a file is refused
    (corpus.readers.mhtml.MAX_MULTIPARTS)."""

    def cost(depth: int) -> float:
        path = tmp_path / f"nested{depth}.mht"
        path.write_bytes(nested_mhtml(depth, lines=20))
        return seconds(lambda: _parse_or_refuse(path))

    assert_grows_linearly(cost, (50, 200, 800))


def _parse_or_refuse(path: Path) -> None:
    try:
        parse_file(path)
    except GazetteParseError:
        pass
