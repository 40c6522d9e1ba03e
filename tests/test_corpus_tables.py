"""Tables stay tables, and rosters set in two columns are read back into one list.

Expected values come from the source lines (cited by number) read with a rule stated in each test,
or from small made-up inputs.
"""

from __future__ import annotations

import pytest

import corpus
from corpus import BUNDLED_CORPUS
from corpus.elements.paragraphs import clean_lines
from corpus.elements.rosters import roster_entries
from corpus.records.clauses import split_clauses
from corpus.records.document import is_meta_para

CORPUS = BUNDLED_CORPUS
ISSUE_2022 = CORPUS / "000_50af7b231d7ea85e.txt"
SOURCE = ISSUE_2022.read_text(encoding="utf-8").splitlines()


def src(number: int) -> str:
    return SOURCE[number - 1]


@pytest.fixture(scope="module")
def docs():
    return {d.wenhao_normalized: d for d in corpus.parse_file(ISSUE_2022).documents}


# --- telling a roster set in columns from a table ------------------------------------------------


def test_roster_rows_are_read_down_the_left_column_then_the_right():
    rows = [
        ["甲一", "盟统计局局长", "丙一", "盟财政局局长"],
        ["乙 二", "盟工信局副局长", "丁一", "盟税务局局长"],
        ["戊一", "盟水利局局长", "", ""],
    ]
    assert roster_entries(rows) == [
        (0, "甲一", "盟统计局局长"),
        (1, "乙 二", "盟工信局副局长"),
        (2, "戊一", "盟水利局局长"),
        (0, "丙一", "盟财政局局长"),
        (1, "丁一", "盟税务局局长"),
    ]


def test_an_empty_name_cell_continues_the_post_above():
    rows = [
        ["", "(改革办) 主任", "周 文", "盟乡村振兴局局长"],
        ["韩海臣", "盟委组织部常务副部长", "王慧明", "盟金融办主任"],
    ]
    assert roster_entries(rows)[0] == (0, "", "(改革办) 主任")


@pytest.mark.parametrize(
    "rows",
    [
        [["序号", "牵头部门", "具体职责", "配合部门职责"], ["1", "盟统计局", "<p>1. 发挥作用。</p>", "<p>配合。</p>"]],
        [["序号", "决策事项", "承办单位"], ["1", "推进紧密型县域医共体建设", "盟卫健委"]],  # odd width
        [["甲一", "盟统计局局长", "丙一", "盟财政局局长"]] + [["具体职责", "配合部门职责", "牵头部门", "协调事项"]] * 3,
        [["甲一", "盟统计局局长", "丙一", "<p>盟财政局局长</p>"]],
        [["甲一", "盟统计局局长", "", ""]],  # one person is no roster
    ],
)
def test_what_is_not_a_roster(rows):
    assert roster_entries(rows) is None


def test_clean_lines_puts_one_person_on_a_line_in_reading_order():
    lines = clean_lines(
        [
            "成 员：",
            "徐继龙 盟委副秘书长、政研室",
            "",
            "\t(改革办) 主任\t周 文\t盟乡村振兴局局长",
            "韩海臣\t盟委组织部常务副部长\t王慧明\t盟区域经济合作局局长",
            "白长峰\t盟林草局局长\t\t",
            "领导小组下设办公室。",
        ]
    )
    assert [p.text for p in lines] == [
        "成 员：",
        "徐继龙 盟委副秘书长、政研室(改革办) 主任",
        "韩海臣 盟委组织部常务副部长",
        "白长峰 盟林草局局长",
        "周 文 盟乡村振兴局局长",
        "王慧明 盟区域经济合作局局长",
        "领导小组下设办公室。",
    ]
    assert [p.line for p in lines] == [1, 2, 5, 6, 4, 5, 7]
    assert all(p.row is None for p in lines)  # a roster is a list, not a Table


def test_a_continuation_with_nothing_to_continue_is_kept_on_its_own():
    lines = clean_lines(
        [
            "一、组成人员",
            "\t(改革办) 主任\t周 文\t盟乡村振兴局局长",
            "韩海臣\t盟委组织部常务副部长\t王慧明\t盟金融办主任",
        ]
    )
    assert [p.text for p in lines] == [
        "一、组成人员",
        "(改革办) 主任",
        "韩海臣 盟委组织部常务副部长",
        "周 文 盟乡村振兴局局长",
        "王慧明 盟金融办主任",
    ]


# --- the two rosters of the 2022 issue -------------------------------------------------------------


def column_reading(first: int, last: int) -> list[str]:
    """Source lines first..last read as a two-column roster: left (cells 0-1) then right (cells 2-3)."""
    left, right = [], []
    for number in range(first, last + 1):
        cells = src(number).split("\t")
        if len(cells) != 4:
            continue
        for pair, out in ((cells[0:2], left), (cells[2:4], right)):
            name, post = (c.strip() for c in pair)
            if name:
                out.append(f"{name} {post}")
    return left + right


def test_the_aershan_group_roster_is_one_person_per_line(docs):
    body = docs["兴署办字〔2022〕8号"].body.split("\n")
    members = body[
        body.index("成 员：") + 1 : next(i for i, line in enumerate(body) if line.startswith("领导小组下设办公室"))
    ]
    # lines 823-824 precede the table; line 826's first pair (no name) ends 徐继龙's post (line 824)
    assert src(824) == "徐继龙 盟委副秘书长、政研室" and src(826).startswith("\t(改革办) 主任\t")
    assert members[:2] == ["王春友 盟行署秘书长", "徐继龙 盟委副秘书长、政研室(改革办) 主任"]
    assert members[2:] == column_reading(826, 851)
    assert members[members.index("白长峰 盟林草局局长") + 1] == "周 文 盟乡村振兴局局长"  # the right column starts
    assert len(members) == 2 + 25 + 20  # lines 827-851 hold 25 left names; 826-845 hold 20 right names
    assert all("\t" not in m and len(m.split(" ")) <= 5 for m in members)


def test_the_city_management_group_roster_is_one_person_per_line(docs):
    body = docs["兴署办发〔2022〕6号"].body.split("\n")
    # lines 791-800: ten rows of two people each
    assert body[-20:] == column_reading(791, 800)
    assert body[-20] == "纪红梅 盟自然资源局局长" and body[-10] == "刘颖 盟大数据中心主任"
    assert docs["兴署办发〔2022〕6号"].tables == []  # a roster is not a table


# --- the task table of 兴署发〔2022〕6号 附件2 ------------------------------------------------------


def p_count(number: int, cell: int) -> int:
    return src(number).split("\t")[cell].count("<p>")


def test_the_task_table_is_a_table(docs):
    doc = docs["兴署发〔2022〕6号"]
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.header == src(391).split("\t") == ["序号", "牵头部门", "具体职责", "配合部门职责"]
    assert table.line == 391
    assert [row[0] for row in table.rows] == [["1"], ["2"], ["3"], ["4"], ["5"]]  # lines 392, 393, 397, 398, 401
    # line 393 breaks 盟发|改委 over the page (line 396 continues it)
    assert [row[1] for row in table.rows] == [
        ["盟统计局"],
        ["盟发改委"],
        ["盟工信局"],
        ["盟商务口岸局"],
        ["盟科学技术局"],
    ]
    # each <p> is a paragraph of its cell; row 2's first paragraph of each cell goes on across the page
    for row, number in zip(table.rows[0:1] + table.rows[2:], (392, 397, 398, 401)):
        assert [len(row[2]), len(row[3])] == [p_count(number, 2), p_count(number, 3)]
    assert len(table.rows[1][2]) == p_count(393, 2) + p_count(396, 2) - 1 == 4
    assert len(table.rows[1][3]) == p_count(393, 3) + p_count(396, 3) - 1 == 8
    assert table.rows[1][2][0] == "1. 牵头抓好固定资产投资专项工作。负责牵头抓好固定资产投资项目预计、协调、调度工作。"
    assert table.rows[0][2][5].startswith("6. 加强统计工作法制化、规范化工作。")


def test_the_table_says_where_it_sits_in_the_body(docs):
    doc = docs["兴署发〔2022〕6号"]
    table = doc.tables[0]
    body = doc.body.split("\n")
    assert body[table.body_start] == "序号 牵头部门 具体职责 配合部门职责"
    assert body[table.body_start - 1].startswith("兴安盟构建“大统计”格局促进统计工作")  # the attachment's title
    assert table.body_end == len(body)  # the table closes the document
    assert [body[i] for i in table.row_lines] == [
        "1 盟统计局",
        "2 盟发改委",
        "3 盟工信局",
        "4 盟商务口岸局",
        "5 盟科学技术局",
    ]
    # every paragraph of every cell is a body line inside the span, in order
    inside = body[table.body_start : table.body_end]
    expected = [" ".join(table.header)]
    for row in table.rows:
        expected.append(f"{row[0][0]} {row[1][0]}")
        expected.extend(row[2] + row[3])
    assert inside == expected


def test_the_task_table_has_one_clause_per_row(docs):
    doc = docs["兴署发〔2022〕6号"]
    under = [c for c in doc.clauses if c.id.startswith("catt2.")]
    assert [c.id for c in under] == ["catt2.r1", "catt2.r2", "catt2.r3", "catt2.r4", "catt2.r5"]
    assert [c.path[-1] for c in under] == ["1 盟统计局", "2 盟发改委", "3 盟工信局", "4 盟商务口岸局", "5 盟科学技术局"]
    assert all(c.level == 2 and c.path[0].startswith("附件2 ") for c in under)
    table = doc.tables[0]
    for clause, row in zip(under, table.rows):
        assert clause.marker == row[0][0]
        assert clause.text.split("\n") == [f"{row[0][0]} {row[1][0]}"] + row[2] + row[3]
    # the items numbered inside the cells are the row's text, not clauses of their own
    assert "1. 发挥牵头部门作用。" in under[0].text
    assert not any(c.marker in ("1.", "2.") for c in doc.clauses if c.path[0].startswith("附件2"))
    att2 = next(c for c in doc.clauses if c.id == "catt2")
    assert att2.text.split("\n")[-1] == "序号 牵头部门 具体职责 配合部门职责"


def test_a_table_without_numbered_cells_keeps_its_lines_in_the_clause_around_it(docs):
    doc = docs["兴署办字〔2022〕5号"]
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.header == ["序号", "决策事项", "承办单位"]  # line 647 (650 repeats it)
    assert table.rows == [[[cell] for cell in src(n).split("\t")] for n in range(651, 659)]
    assert [c.id for c in doc.clauses] == ["c1", "c2", "c3", "c4"]
    assert doc.clauses[-1].text.endswith("8 推进紧密型县域医共体建设 盟卫健委")


def test_tables_are_in_the_json(docs):
    data = docs["兴署发〔2022〕6号"].to_dict()
    assert data["tables"][0]["header"] == ["序号", "牵头部门", "具体职责", "配合部门职责"]
    assert data["tables"][0]["rows"][1][1] == ["盟发改委"]
    assert set(data["tables"][0]) == {"id", "header", "rows", "line", "body_start", "body_end", "row_lines"}
    assert docs["兴署办字〔2022〕8号"].to_dict()["tables"] == []


def test_row_clauses_on_a_made_up_table():
    paras = clean_lines(
        [
            "附件 2",
            "任务分解表",
            "序号\t牵头部门\t具体职责",
            "1\t盟统计局\t<p>1. 发挥牵头作用。</p> <p>2. 加强数据共享。</p>",
            "2\t盟工信局\t<p>1. 牵头抓好规上工业。</p>",
            "（此件公开发布）",
        ]
    )
    got = [(c.id, " › ".join(c.path), c.text) for c in split_clauses("doc", paras, closes=is_meta_para)]
    assert got == [
        ("catt2", "附件2 任务分解表", "附件 2\n任务分解表\n序号 牵头部门 具体职责"),
        ("catt2.r1", "附件2 任务分解表 › 1 盟统计局", "1 盟统计局\n1. 发挥牵头作用。\n2. 加强数据共享。"),
        ("catt2.r2", "附件2 任务分解表 › 2 盟工信局", "2 盟工信局\n1. 牵头抓好规上工业。"),
    ]


def test_a_numbered_line_after_the_table_is_not_nested_in_its_last_row():
    paras = clean_lines(
        [
            "一、任务",
            "序号\t牵头部门\t具体职责",
            "1\t盟统计局\t<p>1. 发挥牵头作用。</p>",
            "二、要求",
            "认真落实。",
        ]
    )
    got = [(c.id, " › ".join(c.path)) for c in split_clauses("doc", paras)]
    assert got == [("c1", "一、任务"), ("c1.r1", "一、任务 › 1 盟统计局"), ("c2", "二、要求")]


def test_a_table_right_under_its_attachment_line_names_the_attachment():
    # no title line: the table's first line is read as the attachment's title, and its one row opens no clause
    paras = clean_lines(["附件 2", "1\t盟统计局\t<p>1. 发挥牵头作用。</p>", "（此件公开发布）"])
    got = [(c.id, " › ".join(c.path), c.text) for c in split_clauses("doc", paras, closes=is_meta_para)]
    assert got == [("catt2", "附件2 1 盟统计局", "附件 2\n1 盟统计局\n1. 发挥牵头作用。")]
