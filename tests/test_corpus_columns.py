"""Two columns an extractor interleaved line by line (corpus/elements/columns.py), read column by column."""

from __future__ import annotations

from corpus.elements.columns import read_columns, width
from corpus.elements.paragraphs import clean_lines


def read(lines: list[str]):
    """The lines as the parser reads them: cleaned, then two interleaved columns read apart."""
    return read_columns(clean_lines(lines), lines)


LEFT_AT, RIGHT_AT = 15, 80  # display columns the two columns start at


def row(left: str = "", right: str = "") -> str:
    """One line as a PDF-to-text tool lays a two-column page out: each piece at its column, spaces between."""
    line = " " * LEFT_AT + left if left else ""
    pad = RIGHT_AT - width(line)
    return line + " " * pad + right if right else line


# A made-up page of a city gazette's 大事记 set in two columns: entries begin with a first-line indent.
PAGE = [
    row("     3 月 2 日  全市春季植树造林动员会召开。", "  3 月 9 日  市长到东城区调研城市更新项目"),
    row("市长出席会议并讲话，副市长主持会议，各区旗", "强调要加快老旧小区改造进度，切实改善群众"),
    row("主要负责同志参加。", "居住条件。"),
    row("     3 月 5 日  市政府常务会议召开，研究", "  3 月 12 日  全市安全生产工作会议召开。"),
    row("部署一季度经济运行、招商引资等工作事项。", "副市长出席会议并讲话，各区长参加了会议。"),
]


def test_interleaved_lines_are_read_column_by_column():
    paras = read(PAGE)
    texts = [p.text for p in paras]
    assert texts == [
        "3 月 2 日  全市春季植树造林动员会召开。",
        "市长出席会议并讲话，副市长主持会议，各区旗",
        "主要负责同志参加。",
        "3 月 5 日  市政府常务会议召开，研究",
        "部署一季度经济运行、招商引资等工作事项。",
        "3 月 9 日  市长到东城区调研城市更新项目",
        "强调要加快老旧小区改造进度，切实改善群众",
        "居住条件。",
        "3 月 12 日  全市安全生产工作会议召开。",
        "副市长出席会议并讲话，各区长参加了会议。",
    ]
    # each piece keeps the number of the line it was printed on
    assert [p.line for p in paras] == [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]


def test_a_piece_alone_in_the_right_column_is_told_by_its_indent():
    page = PAGE + [row("", "  3 月 15 日  全市消费券发放活动启动。")]
    texts = [p.text for p in read(page)]
    assert texts[-1] == "3 月 15 日  全市消费券发放活动启动。"
    assert texts[4] == "部署一季度经济运行、招商引资等工作事项。"  # not after the left column's last piece


def test_each_page_is_read_in_turn():
    second = [line.replace("3 月", "4 月") for line in PAGE]
    texts = [p.text for p in read(PAGE + ["", "", "", ""] + second)]
    starts = [t.split("  ")[0] for t in texts if "月" in t.split("  ")[0]]
    assert starts == [
        "3 月 2 日",
        "3 月 5 日",
        "3 月 9 日",
        "3 月 12 日",
        "4 月 2 日",
        "4 月 5 日",
        "4 月 9 日",
        "4 月 12 日",
    ]


def test_rosters_tables_and_ordinary_text_are_left_alone():
    roster = ["组　长：甄　明　　国务院副总理", "副组长：贾志远　　国务院副秘书长", "　　　　柯　岩　　商务部部长"]
    assert [p.text for p in read(roster)] == [line.strip() for line in roster]
    # a table laid out with spaces: cells of any length, ending anywhere (no column set justified)
    table = [
        "    1    市发展改革委          牵头负责项目谋划和储备工作",
        "    2    市财政局和市税务局各分局          负责资金保障",
        "    3    市自然资源局    负责用地保障及国土空间规划的衔接审查工作",
        "    4    市生态环境局                   负责环评审批",
    ]
    assert [p.text for p in read(table)] == [line.strip() for line in table]
    # a metadata table flattened two cells a line, cells apart by full-width spaces, as even as a column
    metadata = [
        "发文机关：某某市人民政府办公室\u3000\u3000\u3000成文日期：2023年04月07日",
        "标　　题：某某市数据共享办法\u3000\u3000\u3000\u3000发文字号：某政办发〔2023〕7号",
        "主题分类：综合政务其他类别\u3000\u3000\u3000\u3000发布日期：2023年04月10日",
        "主送机关：各区县人民政府\u3000\u3000\u3000\u3000\u3000有效性　：现行有效的文件",
        "体　　裁：人民政府的办法\u3000\u3000\u3000\u3000\u3000索引号　：00001111／2023",
    ]
    assert [p.text for p in read(metadata)] == metadata
    prose = ["为加快推进数字政府建设，现将有关事项通知如下。", "一、总体要求", "坚持系统观念，统筹推进。"]
    assert [p.text for p in read(prose)] == prose


def test_read_columns_keeps_short_inputs():
    paras = clean_lines(PAGE[:2])
    assert read_columns(paras, PAGE[:2]) == paras
