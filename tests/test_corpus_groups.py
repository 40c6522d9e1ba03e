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
from corpus import BUNDLED_CORPUS
from corpus.facts.groups import namesakes, people_index

CORPUS = BUNDLED_CORPUS
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


# --- rosters as the State Council prints them: padded names, continuation lines without a role ---

STATE_COUNCIL_NOTICE = """国务院办公厅关于成立国务院城乡冷链物流工作领导小组的通知

国办发〔2019〕31号

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：

为统筹推进城乡冷链物流工作，国务院决定成立国务院城乡冷链物流工作领导小组（以下简称领导小组）。现将有关事项通知如下：

一、领导小组组成人员

组　长：甄　明　　国务院副总理

副组长：贾志远　　国务院副秘书长

　　　　柯　岩　　商务部部长

成　员：左文海　　发展改革委副主任

　　　　时　雨　　财政部副部长

　　　　欧阳春晓　　交通运输部副部长

　　　　梅　林　　武警部队副司令员

　　　　安　然　　外交部部长助理

二、工作职责

领导小组办公室设在商务部，办公室主任由柯岩同志担任。

国务院办公厅

2019年5月6日
"""


def _groups_of(tmp_path, text: str, name: str = "notice.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (doc,) = corpus.parse_file(path).documents
    return doc.groups


def test_padded_names_and_lines_without_a_role_are_seats(tmp_path):
    (group,) = _groups_of(tmp_path, STATE_COUNCIL_NOTICE)
    assert group.name == "国务院城乡冷链物流工作领导小组"
    assert (group.wenhao, group.office) == ("国办发〔2019〕31号", "商务部")
    assert seats(group) == [
        ("组长", "甄明", "国务院副总理"),
        ("副组长", "贾志远", "国务院副秘书长"),
        ("副组长", "柯岩", "商务部部长"),  # a line without a role: a further seat of the role above
        ("成员", "左文海", "发展改革委副主任"),
        ("成员", "时雨", "财政部副部长"),
        ("成员", "欧阳春晓", "交通运输部副部长"),
        ("成员", "梅林", "武警部队副司令员"),
        ("成员", "安然", "外交部部长助理"),
        ("办公室主任", "柯岩", "商务部部长"),  # 由柯岩同志担任: 担任 as well as 兼任
    ]
    assert group.members[0].printed == "组　长：甄　明　　国务院副总理"


def test_a_roster_whose_roles_stand_on_lines_of_their_own(tmp_path):
    text = STATE_COUNCIL_NOTICE.replace("组　长：甄　明", "组　长：\n\n甄　明").replace(
        "成　员：左文海", "成　员：\n\n左文海"
    )
    (group,) = _groups_of(tmp_path, text)
    assert [(m.role, m.name) for m in group.members][:4] == [
        ("组长", "甄明"),
        ("副组长", "贾志远"),
        ("副组长", "柯岩"),
        ("成员", "左文海"),
    ]


def test_a_roster_of_names_without_posts(tmp_path):
    text = STATE_COUNCIL_NOTICE.replace(
        "成　员：左文海　　发展改革委副主任", "成　员：左文海、时　雨、欧阳春晓"
    ).replace("时　雨　　财政部副部长\n\n", "")
    (group,) = _groups_of(tmp_path, text)
    assert [(m.role, m.name, m.position) for m in group.members if m.role == "成员"][:3] == [
        ("成员", "左文海", None),
        ("成员", "时雨", None),
        ("成员", "欧阳春晓", None),
    ]
    # a list of units is no list of people: 发展改革委、财政部 stays a post
    units = STATE_COUNCIL_NOTICE.replace("成　员：左文海　　发展改革委副主任", "成　员：发展改革委、财政部")
    (group,) = _groups_of(tmp_path, units)
    assert ("成员", None, "发展改革委、财政部") in seats(group)


def test_a_changed_roster_names_its_group_from_the_title(tmp_path):
    """关于调整…委员会组成人员的通知: the roster is that committee's; 主任/副主任/委员 are its roles."""
    text = (
        "国务院办公厅关于调整国务院防治慢性病工作委员会组成人员的通知\n\n国办函〔2019〕77号\n\n"
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\n"
        "因人员变动，国务院决定对国务院防治慢性病工作委员会组成人员进行调整。现将调整后的委员会组成人员名单通知如下：\n\n"
        "主　任：甄　明　　国务院副总理\n\n副主任：贾志远　　国务院副秘书长\n\n　　　　柯　岩　　卫生健康委主任\n\n"
        "委　员：左文海　　发展改革委副主任\n\n国务院办公厅\n\n2019年8月1日\n"
    )
    (group,) = _groups_of(tmp_path, text)
    assert group.name == "国务院防治慢性病工作委员会"
    assert seats(group) == [
        ("主任", "甄明", "国务院副总理"),
        ("副主任", "贾志远", "国务院副秘书长"),
        ("副主任", "柯岩", "卫生健康委主任"),
        ("委员", "左文海", "发展改革委副主任"),
    ]


def test_a_roster_table_of_role_name_and_post(tmp_path):
    """An HTML roster table (role cell spanning its rows): each row a seat, no colon needed."""
    page = (
        '<html><body><div id="UCAP-CONTENT"><p>国务院办公厅关于成立国务院冬季运动推广工作领导小组的通知</p>'
        "<p>国办函〔2019〕78号</p><p>各省、自治区、直辖市人民政府：</p>"
        "<p>经国务院同意，成立国务院冬季运动推广工作领导小组。组成人员如下：</p>"
        "<table><tr><td>组长</td><td>甄　明</td><td>国务院副总理</td></tr>"
        '<tr><td rowspan="2">副组长</td><td>贾志远</td><td>国务院副秘书长</td></tr>'
        "<tr><td>柯　岩</td><td>体育总局局长</td></tr>"
        "<tr><td>成员</td><td>左文海</td><td>教育部副部长</td></tr></table>"
        "<p>国务院办公厅</p><p>2019年8月2日</p></div></body></html>"
    )
    (group,) = _groups_of(tmp_path, page, "notice.html")
    assert group.name == "国务院冬季运动推广工作领导小组"
    assert seats(group) == [
        ("组长", "甄明", "国务院副总理"),
        ("副组长", "贾志远", "国务院副秘书长"),
        ("副组长", "柯岩", "体育总局局长"),
        ("成员", "左文海", "教育部副部长"),
    ]


def test_spaced_out_prose_after_a_role_word_is_no_seat(tmp_path):
    text = STATE_COUNCIL_NOTICE.replace("二、工作职责", "二、工作职责\n\n成 员 单 位 要 按 照 职 责 分 工")
    (group,) = _groups_of(tmp_path, text)
    assert all(m.name != "要按" for m in group.members)


# --- a real roster: a committee set up (组建) by the State Council, www.gov.cn ------------------


def test_the_real_committee_roster_is_read_seat_by_seat():
    """govcn-46: 国务院关于同意组建2008年北京奥运会首都国际机场协调委员会的批复 (国函〔2006〕38号), its attachment
    listing 主　任：尤　权 … with the further 副主任 and 成员 on lines that omit the role. The expected seats
    are read here from the page's markup with a plain rule (a role before a colon, then name and post
    parted by a run of two full-width spaces), independently of the parser."""
    import html as htmllib
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from realworld import realworld_dir

    if realworld_dir() is None:
        pytest.skip("../shared/realworld is not beside the repository: no real pages to check")
    page = realworld_dir() / "govcn" / "govcn-46.html"
    raw = htmllib.unescape(re.sub(r"<[^>]+>", "\n", page.read_text(encoding="utf-8")))
    expected, role = [], None
    for line in raw.split("\n"):
        line = line.strip()
        label = re.match(r"^([\u4e00-\u9fff\u3000]{1,5})：(.*)$", line)
        if label and label.group(1).replace("\u3000", "") in {"主任", "副主任", "成员"}:
            role, line = label.group(1).replace("\u3000", ""), label.group(2)
        elif role and not re.match(r"^[\u4e00-\u9fff][\u4e00-\u9fff\u3000]*\u3000\u3000[^\u3000]+$", line):
            role = None if line else role
            continue
        if role and line:
            name, post = re.split(r"\u3000{2,}", line)
            expected.append((role, name.replace("\u3000", ""), post))
    assert len(expected) == 12
    (doc,) = corpus.parse_file(page).documents
    (group,) = doc.groups
    assert group.name == "2008年北京奥运会首都国际机场协调委员会"
    assert (group.wenhao, group.date, group.office) == ("国函〔2006〕38号", date(2006, 5, 23), "民航总局")
    assert [s for s in seats(group) if s[0] in {"主任", "副主任", "成员"}] == expected
    # 办公室主任由民航总局副局长杨国庆担任: the post printed before the name, the name a member's
    assert [s for s in seats(group) if s[0].startswith("办公室")] == [("办公室主任", "杨国庆", "民航总局副局长")]


def test_posts_in_brackets_after_the_name(tmp_path):
    text = STATE_COUNCIL_NOTICE.replace("组　长：甄　明　　国务院副总理", "组　长：甄明（国务院副总理）").replace(
        "　　　　柯　岩　　商务部部长", "　　　　柯岩同志（商务部部长）"
    )
    (group,) = _groups_of(tmp_path, text)
    assert seats(group)[:3] == [
        ("组长", "甄明", "国务院副总理"),
        ("副组长", "贾志远", "国务院副秘书长"),
        ("副组长", "柯岩", "商务部部长"),
    ]


GLUED_ROSTER = """兴安盟行政公署办公室关于成立兴安盟航空产业发展工作领导小组的通知
兴署办函〔2021〕29号
各旗县市人民政府，盟直各部门：
为加强组织领导，行署决定成立兴安盟航空产业发展工作领导小组。现就有关事项通知如下：
一、组成人员
组 长:林克明盟委委员、常务副盟长
副组长:陈良德副盟长
王 曦副盟长
成 员:张 勇乌兰浩特市委常委、常务副市长
张宜生阿尔山市副市长
郑人杰盟发展改革委主任
二、领导小组办公室设在盟发展改革委。
兴安盟行政公署办公室
2021年6月1日
"""


def test_a_roster_that_glues_names_to_posts(tmp_path):
    """No space between a name and its post: a padded two-character name (王 曦) or three characters, then a
    post; continuation lines without a role are seats, each its own line."""
    (group,) = _groups_of(tmp_path, GLUED_ROSTER)
    assert group.name == "兴安盟航空产业发展工作领导小组"
    assert seats(group) == [
        ("组长", "林克明", "盟委委员、常务副盟长"),
        ("副组长", "陈良德", "副盟长"),
        ("副组长", "王曦", "副盟长"),
        ("成员", "张勇", "乌兰浩特市委常委、常务副市长"),
        ("成员", "张宜生", "阿尔山市副市长"),
        ("成员", "郑人杰", "盟发展改革委主任"),
    ]
