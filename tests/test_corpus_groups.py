"""Leading groups and the people in them.

The rosters of the bundled issues are checked seat by seat against the source lines (cited by
number), read here with a deliberately plain rule: a line ending in a colon names the role, a line
"name post" is a seat (a one-character first word is half of a padded name such as "苏 和"), a lone
word finishes the post above it. The two-column blocks are read down the left column, then the right.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

import corpus
from corpus.facts.groups import namesakes, people_index

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
ISSUE_2022 = CORPUS / "000_50af7b231d7ea85e.txt"
ISSUE_2023 = CORPUS / "002_aec23d992a7ebbae.txt"
LINES = {p: p.read_text(encoding="utf-8").splitlines() for p in (ISSUE_2022, ISSUE_2023)}


@pytest.fixture(scope="module")
def docs():
    issues = corpus.parse_files([ISSUE_2022, ISSUE_2023])[0]
    return {d.wenhao_normalized: d for i in issues for d in i.documents}


def seat(tokens: list[str]) -> tuple[str, str]:
    if len(tokens[0]) == 1:  # "苏 和 盟委副书记、盟长"
        return tokens[0] + tokens[1], "".join(tokens[2:])
    return tokens[0], "".join(tokens[1:])


def roster_from_source(path: Path, first: int, last: int, skip: frozenset[int] = frozenset()):
    """(role, name, post) for source lines first..last, read with the plain rule above."""
    out, role = [], None
    for number in range(first, last + 1):
        line = LINES[path][number - 1].strip()
        if not line or number in skip:
            continue
        cells = LINES[path][number - 1].split("\t")
        if len(cells) == 4:  # read later, column by column
            continue
        label = re.match(r"^([\u4e00-\u9fff ]+)[：:](.*)$", line)
        if label:
            role = label.group(1).replace(" ", "")
            if label.group(2).strip():
                out.append((role, *seat(label.group(2).split())))
            continue
        tokens = line.split()
        if len(tokens) == 1:
            r, name, post = out[-1]
            out[-1] = (r, name, post + tokens[0])
            continue
        out.append((role, *seat(tokens)))
    left, right = [], []
    for number in range(first, last + 1):
        cells = [c.strip() for c in LINES[path][number - 1].split("\t")]
        if len(cells) != 4:
            continue
        for (name, post), column in (((cells[0], cells[1]), left), ((cells[2], cells[3]), right)):
            if name:
                column.append((role, name.replace(" ", ""), post.replace(" ", "")))
            elif post:  # a post wrapped into the next row: it ends the seat above
                r, n, p = out.pop() if not column else column.pop()
                column.append((r, n, p + post.replace(" ", "")))
    return out + left + right


def seats(group, roles=None):
    return [(m.role, m.name, m.position) for m in group.members if roles is None or m.role in roles]


ROSTER_ROLES = {"组长", "常务副组长", "副组长", "成员", "成员单位"}


# --- the rosters, seat by seat -----------------------------------------------------------------


def test_the_statistics_groups(docs):
    doc = docs["兴署发〔2022〕6号"]
    names = [g.name for g in doc.groups]
    assert names == [
        "兴安盟构建“大统计”格局促进统计工作高质量发展工作领导小组",  # line 121, the title printed in two pieces
        "GDP核算专项工作组",
        "固定资产投资专项工作组",
        "能耗“双控”专项工作组",  # lines 171, 213, 251
        "规模以上工业专项工作组",
        "社会消费品零售总额专项工作组",
        "R&D经费支出专项工作组",  # lines 287, 327, 363
    ]
    ranges = [(123, 165), (173, 210), (215, 248), (253, 284), (289, 321), (329, 359), (365, 384)]
    for group, (first, last) in zip(doc.groups, ranges):
        assert seats(group, ROSTER_ROLES) == roster_from_source(ISSUE_2022, first, last), group.name
    assert [len(seats(g, ROSTER_ROLES)) for g in doc.groups] == [32, 20, 18, 15, 15, 13, 13]
    main = doc.groups[0]
    assert all(g.parent == main.id for g in doc.groups[1:])  # line 169: 下设6个专项工作组
    assert main.parent is None
    assert [g.office for g in doc.groups] == [
        "盟统计局",
        "盟统计局",
        "盟发改委",
        "盟发改委",
        "盟工信局",
        "盟商务口岸局",
        "盟科技局",
    ]
    assert all(
        g.date == date(2022, 1, 4) and g.wenhao == "兴署发〔2022〕6号" and g.doc_id == "xsf-2022-6" for g in doc.groups
    )
    assert [g.id for g in doc.groups] == [f"xsf-2022-6.g{n}" for n in range(1, 8)]


def test_the_statistics_group_office_from_the_prose_line(docs):
    main = docs["兴署发〔2022〕6号"].groups[0]
    # line 167: 办公室主任由赵波同志兼任，副主任由张天柱、…、刘海涛（科右前旗）、…、刘华兼任。
    line = LINES[ISSUE_2022][166]
    deputies = line.split("副主任由", 1)[1].split("兼任", 1)[0].split("、")
    office = [(m.role, m.name, m.note) for m in main.members if m.role.startswith("办公室")]
    assert office == [("办公室主任", "赵波", None)] + [
        ("办公室副主任", re.sub(r"（.*）", "", d), (re.search(r"（(.*)）", d) or [None, None])[1]) for d in deputies
    ]
    assert len(deputies) == 14
    by_name = {m.name: m for m in main.members if m.role == "办公室副主任"}
    # the posts come from the rosters of the same document; the printed （科右前旗） picks the right 刘海涛
    assert by_name["刘海涛"].position == "科右前旗市委常委、副旗长"  # line 208
    assert by_name["张天柱"].position == "盟统计局副局长"  # line 185
    assert next(m for m in main.members if m.role == "办公室主任").position == "盟统计局局长"  # line 144


def test_sub_group_offices(docs):
    groups = docs["兴署发〔2022〕6号"].groups
    office = {g.name: [(m.role, m.name) for m in g.members if m.role.startswith("办公室")] for g in groups[1:]}
    assert office == {  # lines 211, 249, 285, 323-325 (broken 办公|室主任), 361, 385
        "GDP核算专项工作组": [("办公室主任", "赵波"), ("办公室副主任", "张天柱")],
        "固定资产投资专项工作组": [("办公室主任", "谷利民"), ("办公室副主任", "尹广天")],
        "能耗“双控”专项工作组": [("办公室主任", "谷利民"), ("办公室副主任", "徐保平")],
        "规模以上工业专项工作组": [("办公室主任", "魏大勇"), ("办公室副主任", "高海彬")],
        "社会消费品零售总额专项工作组": [("办公室主任", "刘海涛"), ("办公室副主任", "刘宏军")],
        "R&D经费支出专项工作组": [("办公室主任", "赵青松"), ("办公室副主任", "鞠乐")],
    }
    retail = groups[5]
    head = next(m for m in retail.members if m.role == "办公室主任")
    # line 361: 刘海涛同志（商务口岸局）: the 刘海涛 of line 337, not the 科右前旗 one of line 355
    assert (head.note, head.position) == ("商务口岸局", "盟商务口岸局局长")


def test_the_aershan_group_read_across_two_columns(docs):
    doc = docs["兴署办字〔2022〕8号"]
    assert len(doc.groups) == 1
    group = doc.groups[0]
    assert group.name == "阿尔山市创建国家级旅游度假区工作领导小组"  # from the title, line 802
    assert (group.date, group.wenhao, group.parent) == (date(2022, 3, 11), "兴署办字〔2022〕8号", None)
    expected = roster_from_source(ISSUE_2022, 812, 851)
    assert seats(group, ROSTER_ROLES) == expected
    assert len(expected) == 1 + 5 + 47
    members = {m.name: m for m in group.members}
    # lines 824 and 826: the post printed over two lines belongs to 徐继龙, not to 周文 beside it
    assert members["徐继龙"].position == "盟委副秘书长、政研室(改革办)主任"
    assert members["周文"].position == "盟乡村振兴局局长"
    assert members["张宇"].position == "阿尔山市委常委、大兴安阿尔山旅游发展有限责任公司总经理"  # line 845, one cell
    # line 853: 办公室主任由屈振年同志兼任，副主任由杨永久、斯钦都楞同志兼任
    assert [(m.role, m.name, m.position) for m in group.members if m.role.startswith("办公室")] == [
        ("办公室主任", "屈振年", "盟行署副盟长"),
        ("办公室副主任", "杨永久", "阿尔山市委书记"),
        ("办公室副主任", "斯钦都楞", "盟文旅体局局长"),
    ]
    assert group.office is None  # line 853 says 领导小组下设办公室 but not where


def test_the_city_management_group(docs):
    doc = docs["兴署办发〔2022〕6号"]
    assert [g.name for g in doc.groups] == ["兴安盟城市智慧运行管理工作领导小组"]  # line 765
    group = doc.groups[0]
    assert seats(group, ROSTER_ROLES) == roster_from_source(ISSUE_2022, 767, 800)
    assert len(seats(group, ROSTER_ROLES)) == 1 + 3 + 5 + 20
    # line 687, in the main text before the roster: 领导小组下设办公室在盟住建局，由王福顺同志兼任办公室主任，
    # 宝林同志兼任联络员
    assert group.office == "盟住建局"
    assert [(m.role, m.name, m.position) for m in group.members if m.role not in ROSTER_ROLES] == [
        ("办公室主任", "王福顺", "盟住建局局长"),
        ("联络员", "宝林", "盟住建局副局长"),
    ]


def test_the_census_group_with_inline_roles_and_broken_posts(docs):
    doc = docs["兴署发〔2023〕55号"]
    assert [g.name for g in doc.groups] == ["兴安盟第五次全国经济普查领导小组"]  # line 216
    group = doc.groups[0]
    # lines 222-257; lines 224-228 are the main text's last clause and date, printed inside the roster
    expected = roster_from_source(ISSUE_2023, 222, 257, skip=frozenset({224, 226, 228}))
    assert seats(group, ROSTER_ROLES) == expected
    assert [name for _, name, _ in expected] == [
        "姜天虎",
        "费立新",
        "林志坤",
        "牛秀和",
        "葛双鹏",
        "马强",
        "王桂花",
        "高洪",
        "焦德峰",
        "张立志",
        "刘新钢",
        "岳大鹏",
    ]
    assert expected[1][2] == "盟委宣传部副部长、外宣办(新闻办)主任"  # lines 230-231
    # line 267: 办公室主任由盟统计局副局长岳大鹏兼任 — the post printed before the name
    head = group.members[-1]
    assert (head.role, head.name, head.position, head.printed) == (
        "办公室主任",
        "岳大鹏",
        "盟统计局副局长",
        "盟统计局副局长岳大鹏",
    )
    assert group.office == "盟统计局"  # line 263


def test_a_group_of_posts_without_names(docs):
    doc = docs["兴署办发〔2022〕3号"]
    assert [g.name for g in doc.groups] == ["应急响应领导小组"]  # line 555
    group = doc.groups[0]
    assert seats(group) == [  # lines 557-563
        ("组长", None, "盟行署分管生态环境工作副盟长"),
        ("副组长", None, "盟行署分管生态环境工作副秘书长"),
        ("副组长", None, "盟生态环境局、卫健委主要负责同志"),
        ("副组长", None, "各地政府分管负责同志"),
        ("成员单位", None, "盟生态环境局"),
        ("成员单位", None, "卫健委"),
        ("成员单位", None, "公安局"),
        ("成员单位", None, "交通运输局"),
        ("成员单位", None, "发改委"),
        ("成员单位", None, "扎赉特旗山水水泥有限责任公司"),
    ]
    assert group.office == "盟生态环境局"  # line 553, before the roster, names the group


def test_documents_without_a_roster_have_no_groups(docs):
    # 兴署办字〔2022〕9号 sets up 工作专班 and 兴署联发〔2023〕3号 院校征兵工作领导小组, naming no one
    with_groups = {w for w, d in docs.items() if d.groups}
    assert with_groups == {
        "兴署发〔2022〕6号",
        "兴署办发〔2022〕3号",
        "兴署办发〔2022〕6号",
        "兴署办字〔2022〕8号",
        "兴署发〔2023〕55号",
    }


def test_groups_are_in_the_json(docs):
    data = docs["兴署办字〔2022〕8号"].to_dict()["groups"][0]
    assert set(data) == {"id", "name", "doc_id", "wenhao", "date", "parent", "office", "line", "members"}
    assert data["date"] == "2022-03-11"
    assert data["members"][0] == {
        "name": "苏和",
        "role": "组长",
        "position": "盟委副书记、盟长",
        "note": None,
        "printed": "苏 和 盟委副书记、盟长",
        "line": 4,
    }
    body = docs["兴署办字〔2022〕8号"].body.split("\n")
    assert all(
        body[m["line"]].strip().endswith(m["printed"]) or m["printed"] in body[m["line"]] for m in data["members"]
    )


# --- people ------------------------------------------------------------------------------------


def test_people_index(docs):
    groups = [g for d in docs.values() for g in d.groups]
    index = people_index(groups)
    su = index["苏和"]
    assert [(s["group"], s["role"], s["date"]) for s in su] == [
        ("兴安盟构建“大统计”格局促进统计工作高质量发展工作领导小组", "组长", "2022-01-04"),
        ("兴安盟城市智慧运行管理工作领导小组", "组长", "2022-03-10"),
        ("阿尔山市创建国家级旅游度假区工作领导小组", "组长", "2022-03-11"),
    ]
    assert set(su[0]) == {"group", "group_id", "role", "position", "note", "doc_id", "wenhao", "date"}
    assert all(s["position"] == "盟委副书记、盟长" for s in su)
    assert None not in index  # posts named without a person are not people
    dates = [s["date"] for s in index["姜天虎"]]
    assert dates == sorted(dates) and dates[-1] == "2023-05-05"


def test_a_shared_name_is_not_merged(docs):
    groups = [g for d in docs.values() for g in d.groups]
    index = people_index(groups)
    posts = {s["position"] for s in index["刘海涛"]}
    # lines 146, 337 (盟商务口岸局局长) and 208, 355 (科右前旗…副旗长): two people in one document
    assert {"盟商务口岸局局长", "科右前旗市委常委、副旗长", "科右前旗委常委、副旗长"} <= posts
    flagged = namesakes(index)
    assert flagged["刘海涛"][:2] == ["盟商务口岸局局长", "科右前旗市委常委、副旗长"]
    assert "苏和" not in flagged  # one post everywhere
    assert flagged["牛秀和"] == ["盟统计局副局长", "盟统计局局长"]  # 2022 line 343, 2023 line 235


# --- a made-up notice: roles inline, an office in prose ----------------------------------------

NOTICE = """兴安盟行政公署办公室关于成立兴安盟森林草原防灭火指挥部的通知

兴署办字〔2024〕3号

各旗县市人民政府，盟直有关部门：

为做好森林草原防灭火工作，经盟行署同意，决定成立兴安盟森林草原防灭火指挥部。现将有关事项通知如下：

一、组成人员

总指挥：张三 盟行署副盟长

副总指挥：李 四 盟应急管理局局长

王五 盟林草局局长

成员：盟发改委、财政局、公安局主要负责同志

二、指挥部办公室

指挥部办公室设在盟应急管理局，办公室主任由李四同志兼任，副主任由盟林草局副局长赵六兼任。

2024年1月5日
"""


def test_a_made_up_notice_in_the_inline_style(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    doc = corpus.parse_file(path).documents[0]
    assert len(doc.groups) == 1
    group = doc.groups[0]
    assert group.name == "兴安盟森林草原防灭火指挥部"
    assert (group.wenhao, group.date, group.office) == ("兴署办字〔2024〕3号", date(2024, 1, 5), "盟应急管理局")
    assert seats(group) == [
        ("总指挥", "张三", "盟行署副盟长"),
        ("副总指挥", "李四", "盟应急管理局局长"),
        ("副总指挥", "王五", "盟林草局局长"),
        ("成员", None, "盟发改委、财政局、公安局主要负责同志"),
        ("办公室主任", "李四", "盟应急管理局局长"),
        # 赵六 is in no roster: the post printed before the name cannot be split off, so no seat
    ]


def test_long_mongolian_names_and_words_that_are_not_names(tmp_path):
    text = NOTICE.replace("王五 盟林草局局长", "额尔敦巴雅尔 盟林草局局长\n\n盟统计局局长 张三")
    path = tmp_path / "notice.txt"
    path.write_text(text, encoding="utf-8")
    group = corpus.parse_file(path).documents[0].groups[0]
    # a six-character name with a post is a seat; "盟统计局局长 张三" reads name-last: the roster ends there
    assert [(m.role, m.name) for m in group.members][:3] == [
        ("总指挥", "张三"),
        ("副总指挥", "李四"),
        ("副总指挥", "额尔敦巴雅尔"),
    ]
    assert "盟统计局局长" not in [m.name for m in group.members]


def test_roster_lines_outside_a_group_make_no_group(tmp_path):
    text = NOTICE.replace("决定成立兴安盟森林草原防灭火指挥部", "决定做好防灭火工作").replace(
        "关于成立兴安盟森林草原防灭火指挥部的通知", "关于做好森林草原防灭火工作的通知"
    )
    path = tmp_path / "notice.txt"
    path.write_text(text, encoding="utf-8")
    assert corpus.parse_file(path).documents[0].groups == []
