"""Line-level repairs of PDF-extraction damage, on small made-up inputs.

Each case is an input (raw lines as the extractor wrote them) and the lines expected after cleaning
and joining, in the manner of Python-Markdown's test suite.
"""

from __future__ import annotations

import pytest

from corpus.elements.numbering import starts_clause
from corpus.elements.paragraphs import (
    Para,
    clean_lines,
    ends_open,
    is_label_line,
    is_roster_line,
    join_broken_lines,
    join_title,
    merge_cells,
    unbalanced,
)
from corpus.records.document import is_meta_para, scheme_of


def cleaned(*raw: str) -> list[str]:
    return [p.text for p in clean_lines(list(raw))]


def joined(*raw: str, keep=frozenset()) -> list[str]:
    paras = clean_lines(list(raw))
    return [p.text for p in join_broken_lines(paras, starts_clause, is_meta_para, keep, scheme_of)]


# --- typesetting codes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, text",
    [
        ("现将《兴安盟〔JP3〕秸秆禁烧管控工作整改方案》印发给你们", "现将《兴安盟秸秆禁烧管控工作整改方案》印发给你们"),
        ("〔HT5〕兴安盟行政公署文件〔HT〕", "兴安盟行政公署文件"),
        ("〔KG2〕〔JP3〕第一条〔JP〕 总则", "第一条 总则"),
        # a 文号's year bracket is not a code
        ("兴署发〔2022〕6号", "兴署发〔2022〕6号"),
        ("（内政办发〔2022〕82号）", "（内政办发〔2022〕82号）"),
    ],
)
def test_typesetting_codes_go(raw, text):
    assert cleaned(raw) == [text]


def test_typesetting_code_inside_a_table_cell_goes():
    assert cleaned("1\t〔JP3〕盟统计局\t<p>〔JP3〕1. 加强数据共享。</p>") == ["1 盟统计局", "1. 加强数据共享。"]


# --- blanks, spaces, bullets, line numbers -----------------------------------------------------


def test_blank_lines_go_and_line_numbers_are_the_sources():
    paras = clean_lines(["", "  ", "一、总体要求", "", "\u3000\u3000坚持以人民为中心。  ", "\t"])
    assert [(p.line, p.text) for p in paras] == [(3, "一、总体要求"), (5, "坚持以人民为中心。")]


def test_first_line_number_can_be_given():
    assert [p.line for p in clean_lines(["甲", "", "乙"], first_line=40)] == [40, 42]


@pytest.mark.parametrize(
    "raw, text",
    [
        ("- 兴安盟行政公署大事记(1 月 1 至 3 月 31 日) 33", "兴安盟行政公署大事记(1 月 1 至 3 月 31 日) 33"),
        ("• 第一项", "第一项"),
        ("-5℃以下", "-5℃以下"),  # a minus sign is not a bullet
    ],
)
def test_extractor_bullets(raw, text):
    assert cleaned(raw) == [text]


# --- tables ------------------------------------------------------------------------------------


def test_table_row_with_p_cells():
    row = "1\t盟统计局\t<p>1. 发挥牵头部门作用。</p> <p>2. 加强联动配合。</p>\t<p>盟发改委：参加联席会议。</p>"
    paras = clean_lines([row])
    assert [p.text for p in paras] == [
        "1 盟统计局",
        "1. 发挥牵头部门作用。",
        "2. 加强联动配合。",
        "盟发改委：参加联席会议。",
    ]
    assert all(p.table and p.line == 1 for p in paras)


def test_plain_table_rows_share_a_line():
    assert cleaned("序号\t决策事项\t承办单位", "1\t兴安盟“十四五”防震减灾规划\t盟地震局") == [
        "序号 决策事项 承办单位",
        "1 兴安盟“十四五”防震减灾规划 盟地震局",
    ]


def test_repeated_table_header_is_kept_once():
    assert cleaned(
        "序号\t牵头部门\t具体职责",
        "1\t盟统计局\t<p>统筹推动。</p>",
        "",
        "序号\t牵头部门\t具体职责",
        "2\t盟工信局\t<p>牵头抓好规上工业。</p>",
        "",
        "序号\t牵头部门\t具体职责",
        "3\t盟商务口岸局\t<p>牵头抓好社零额。</p>",
    ) == [
        "序号 牵头部门 具体职责",
        "1 盟统计局",
        "统筹推动。",
        "2 盟工信局",
        "牵头抓好规上工业。",
        "3 盟商务口岸局",
        "牵头抓好社零额。",
    ]


def test_header_then_rule_then_header_again():
    # 兴署办字〔2022〕5号: 序号|决策事项|承办单位, a markdown rule, the header again
    assert cleaned(
        "序号\t决策事项\t承办单位",
        "----\t------\t------",
        "",
        "序号\t决策事项\t承办单位",
        "1\t推进紧密型县域医共体建设\t盟卫健委",
    ) == ["序号 决策事项 承办单位", "1 推进紧密型县域医共体建设 盟卫健委"]


def test_same_header_in_two_separate_tables_is_kept_twice():
    assert cleaned("序号\t事项\t单位", "1\t甲\t乙", "两表之间的正文。", "序号\t事项\t单位", "1\t丙\t丁") == [
        "序号 事项 单位",
        "1 甲 乙",
        "两表之间的正文。",
        "序号 事项 单位",
        "1 丙 丁",
    ]


def test_row_continued_on_the_next_page_is_merged_cell_by_cell():
    # 兴署发〔2022〕6号, lines 393-396: 盟发|改委, 调度|工作。, 分送盟发改委、|工信局…
    got = cleaned(
        "序号\t牵头部门\t具体职责\t配合部门职责",
        "2\t盟发\t<p>1. 牵头抓好固定资产投资专项工作。负责协调、调度</p>\t<p>盟统计局：分送盟发改委、</p>",
        "",
        "序号\t牵头部门\t具体职责\t配合部门职责",
        "\t改委\t<p>工作。</p> <p>2. 加强数据共享。</p>\t<p>工信局、农牧局。</p> <p>盟工信局：分送统计局。</p>",
        "3\t盟工信局\t<p>1. 牵头抓好规上工业专项工作。</p>\t<p>盟税务局：分送。</p>",
    )
    assert got == [
        "序号 牵头部门 具体职责 配合部门职责",
        "2 盟发改委",
        "1. 牵头抓好固定资产投资专项工作。负责协调、调度工作。",
        "2. 加强数据共享。",
        "盟统计局：分送盟发改委、工信局、农牧局。",
        "盟工信局：分送统计局。",
        "3 盟工信局",
        "1. 牵头抓好规上工业专项工作。",
        "盟税务局：分送。",
    ]


def test_continued_row_whose_page_broke_between_paragraphs():
    got = cleaned("1\t盟统计局\t<p>1. 发挥作用。</p>", "\t\t<p>2. 加强配合。</p>")
    assert got == ["1 盟统计局", "1. 发挥作用。", "2. 加强配合。"]


def test_row_with_empty_first_cell_after_plain_text_is_not_merged_into_it():
    # 兴署办字〔2022〕8号 line 826: the roster's second column, after a plain line
    assert cleaned("徐继龙 盟委副秘书长、政研室", "\t(改革办) 主任\t周 文\t盟乡村振兴局局长") == [
        "徐继龙 盟委副秘书长、政研室",
        "(改革办) 主任 周 文 盟乡村振兴局局长",
    ]


@pytest.mark.parametrize(
    "first, rest, merged",
    [
        ("盟发", "改委", "盟发改委"),
        ("GDP", "核算", "GDP 核算"),
        ("甲", "", "甲"),
        ("", "乙", "乙"),
        ("<p>调度</p>", "<p>工作。</p>", "<p>调度工作。</p>"),
        ("<p>完成。</p>", "<p>下一项。</p>", "<p>完成。</p> <p>下一项。</p>"),
    ],
)
def test_merge_cells(first, rest, merged):
    assert merge_cells(first, rest) == merged


def test_no_markup_survives():
    got = cleaned("1\t<p>甲<b>乙</b></p>\t<p>丙</p><p>丁</p>")
    assert got == ["1", "甲乙", "丙", "丁"]
    assert not any("<" in line for line in got)


# --- joining broken lines ----------------------------------------------------------------------


def test_sentence_broken_at_a_page_end_is_joined():
    assert joined(
        "为认真贯彻习近平总书记关于统计工作重要指示批示精神，结合我盟实际，提出如下",
        "",
        "实施意见。",
    ) == ["为认真贯彻习近平总书记关于统计工作重要指示批示精神，结合我盟实际，提出如下实施意见。"]


def test_a_full_stop_ends_the_line():
    assert joined("第一段，到此为止。", "第二段另起一行。") == ["第一段，到此为止。", "第二段另起一行。"]


def test_numbered_heading_is_not_joined_to_its_text():
    assert joined("一、总体要求", "坚持以习近平新时代中国特色社会主义思想为引领。") == [
        "一、总体要求",
        "坚持以习近平新时代中国特色社会主义思想为引领。",
    ]


def test_headings_in_a_list_of_headings_stay_alone():
    got = joined(
        "(一) 压实主体责任，密织监控网络",
        "盟行署成立由分管领导牵头、各有关部门参加的工作专班。",
        "(二) 加强巡查管控，严惩违法行为",
        "各旗县市人民政府要组织相关部门开展日常执法巡查。",
    )
    assert len(got) == 4 and got[0] == "(一) 压实主体责任，密织监控网络"


def test_a_short_heading_with_a_full_stop_does_not_make_its_list_one_of_paragraphs():
    got = joined(
        "（一）适用范围",
        "本预案适用于医疗废物处置设施不能正常运行的突发事件。",
        "（二）编制依据",
        "依据有关法律法规，制定本预案。",
        "（三）工作原则。",
        "坚持以人为本的原则。",
    )
    assert got[2] == "（二）编制依据"


def test_numbered_paragraph_broken_at_a_page_end_is_joined():
    got = joined(
        "1. 各地政府负责辖区内医疗废物应急处置期间的车辆保障工作。",
        "2. 生态环境部门负责对医疗废物收",
        "",
        "集、运输、处置全过程进行跟踪监督。",
        "3. 卫生健康部门负责监控。",
    )
    assert got[1] == "2. 生态环境部门负责对医疗废物收集、运输、处置全过程进行跟踪监督。"


def test_first_item_of_a_paragraph_list_broken_at_a_page_end_is_joined():
    got = joined(
        "1. 建立城市综合管理服务监督指挥",
        "工作体系。按照构建“大城管”工作格局的要求，建立监督指挥工作体系。",
        "2. 健全高位监督的问题采集和舆情共享机制。制定城市综合管理服务监督手册。",
    )
    assert got[0].startswith("1. 建立城市综合管理服务监督指挥工作体系。按照")


def test_numbered_line_with_an_unclosed_bracket_goes_on():
    assert joined("4. 立功受奖(通知、通报、喜报、证", "", "书)复印件;") == [
        "4. 立功受奖(通知、通报、喜报、证书)复印件;"
    ]


def test_list_item_with_a_label_broken_at_a_page_end():
    got = joined("(二)市容环境类:违章搭建、垃圾清运等;", "(三)园林绿化类:树木倾倒、树木", "修剪、破坏绿化等；")
    assert got == ["(二)市容环境类:违章搭建、垃圾清运等;", "(三)园林绿化类:树木倾倒、树木修剪、破坏绿化等；"]


def test_next_clause_is_never_glued_on():
    got = joined("（一）加强组织领导。各地各部门要", "（二）加强协同联动。")
    assert got == ["（一）加强组织领导。各地各部门要", "（二）加强协同联动。"]


@pytest.mark.parametrize(
    "line",
    [
        "2022年1月4日",
        "2023 年 6 月 28 日",
        "2023年4月4日印发",
        "兴署发〔2022〕6号",
        "（此件公开发布）",
        "附件：兴安盟城市智慧运行管理工作领导小组",
        "附件 1",
        "兴安盟行政公署办公室文电科",
    ],
)
def test_dates_and_other_standalone_lines_are_never_joined(line):
    before = "各地区各部门要加强统筹协调，认真做好普查的宣传动员和组织实施"
    assert joined(before, line) == [before, line]
    assert joined(line, "各地区各部门要加强统筹协调，认真做好普查的宣传动员和组织实施工作。")[0] == line


@pytest.mark.parametrize(
    "roster",
    [
        ["王福顺 盟住建局局长", "邱枫 盟农牧局局长"],
        ["苏 和 盟委副书记、盟长", "姜天虎 盟委委员、副盟长"],
        ["刘 敏 盟行署副盟长", "梁彦君 盟行署副盟长"],
        ["格日乐 国家统计局兴安调查队队长", "李晓光 盟交通运输局局长"],
        ["斯钦都楞 盟文旅体局局长", "王辉宇 盟委编办主任"],
    ],
)
def test_roster_lines_are_not_joined(roster):
    assert joined(*roster) == roster


def test_roster_line_is_not_glued_to_an_open_sentence():
    got = joined("领导小组成员由盟直相关部门和各旗县市人民政府主要负责人组成名单如下", "王福顺 盟住建局局长")
    assert got[1] == "王福顺 盟住建局局长"


def test_tail_of_a_roster_entry_pushed_to_the_next_line_goes_back():
    assert joined("葛双鹏 盟发展改革委副", "", "主任") == ["葛双鹏 盟发展改革委副主任"]
    assert joined("张立志 盟市场监管局三", "级调研员", "刘新钢 盟税务局总会计师") == [
        "张立志 盟市场监管局三级调研员",
        "刘新钢 盟税务局总会计师",
    ]


def test_label_lines_of_a_roster_are_not_joined():
    assert joined(
        "组长：盟行署分管生态环境工作副盟长",
        "",
        "副组长：盟行署分管生态环境工作副",
        "",
        "秘书长，盟生态环境局主要负责同志。",
    ) == ["组长：盟行署分管生态环境工作副盟长", "副组长：盟行署分管生态环境工作副秘书长，盟生态环境局主要负责同志。"]


def test_citation_after_a_closing_title_mark_continues_the_sentence():
    got = joined(
        "根据《中共中央 国务院 中央军委关于加强新时代退役军人工作的意见》",
        "(中发〔2019〕30 号)，《国务院 中央军委关于批转人力资源社会保障部 总参谋",
        "部 总政治部军人随军家属就业安置办法",
        "的通知》(国发〔2013〕42 号)精神，制定本办法。",
    )
    assert got == [
        "根据《中共中央 国务院 中央军委关于加强新时代退役军人工作的意见》(中发〔2019〕30 号)，"
        "《国务院 中央军委关于批转人力资源社会保障部 总参谋部 总政治部军人随军家属就业安置办法的通知》"
        "(国发〔2013〕42 号)精神，制定本办法。"
    ]


def test_line_starting_with_a_comma_continues_even_after_a_closing_mark():
    assert joined("请各地认真落实《兴安盟物流业发展规划》", "，确保按期完成。") == [
        "请各地认真落实《兴安盟物流业发展规划》，确保按期完成。"
    ]


def test_title_after_a_closing_mark_is_not_glued_on():
    assert joined("各旗县市要认真落实《兴安盟物流业发展规划》", "兴安盟推动特色商贸物流业高质量发展实施方案") == [
        "各旗县市要认真落实《兴安盟物流业发展规划》",
        "兴安盟推动特色商贸物流业高质量发展实施方案",
    ]


def test_table_lines_are_never_joined():
    got = joined("1\t兴安盟通信基础设施空间布局专项规划\t盟工信局", "2\t兴安盟“十四五”防震减灾规划\t盟地震局")
    assert got == ["1 兴安盟通信基础设施空间布局专项规划 盟工信局", "2 兴安盟“十四五”防震减灾规划 盟地震局"]
    got = joined("围绕服务全盟经济社会高质量发展的任务分解如下表", "1\t<p>加强联动配合</p>")
    assert got == ["围绕服务全盟经济社会高质量发展的任务分解如下表", "1", "加强联动配合"]


def test_kept_lines_stand_alone():
    # the issued document's title and attachment titles are passed in as `keep`
    got = joined(
        "经盟行署同意，现将实施方案印发给你们，请认真贯彻落实执行",
        "兴安盟推动特色商贸物流业高质量发展",
        "为认真落实盟委会议精神，制定本方案。",
        keep=frozenset({1}),
    )
    assert got == [
        "经盟行署同意，现将实施方案印发给你们，请认真贯彻落实执行",
        "兴安盟推动特色商贸物流业高质量发展",
        "为认真落实盟委会议精神，制定本方案。",
    ]


def test_joined_line_keeps_the_first_line_number():
    paras = join_broken_lines(
        clean_lines(["为认真贯彻落实盟委会议精神，结合我盟实际，提出如下", "", "实施意见。"]),
        starts_clause,
        is_meta_para,
        scheme_of=scheme_of,
    )
    assert [(p.line, p.text) for p in paras] == [(1, "为认真贯彻落实盟委会议精神，结合我盟实际，提出如下实施意见。")]


def test_without_scheme_information_numbered_lines_without_a_stop_stay_headings():
    paras = clean_lines(["1. 各地政府负责车辆保障。", "2. 生态环境部门负责对医疗废物收", "集、运输全过程监督。"])
    got = [p.text for p in join_broken_lines(paras, starts_clause, is_meta_para)]
    assert got[1] == "2. 生态环境部门负责对医疗废物收"


# --- small predicates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, open_",
    [
        ("提出如下", True),
        ("实施意见。", False),
        ("通知如下：", False),
        ("预警信息；", False),
        ("的意见》", False),
        ("（以下简称盟国资委）", False),
        ("“大统计”", False),
        ("", False),
        ("8266828)", False),
    ],
)
def test_ends_open(text, open_):
    assert ends_open(text) is open_


@pytest.mark.parametrize(
    "text, roster",
    [
        ("王福顺 盟住建局局长", True),
        ("苏 和 盟委副书记、盟长", True),
        ("王 猛 科右中旗人民政府副旗长", True),
        ("斯钦都楞 盟文旅体局局长", True),
        ("4. 立功受奖(通知、通报、喜报、证", False),
        ("部 总政治部军人随军家属就业安置办法", False),
        ("领导小组办公室设在盟统计局，办公室主任由赵波同志兼任", False),
        ("组 长：", False),
        ("1 兴安盟通信基础设施空间布局专项规划 盟工信局", False),
        ("额尔敦巴雅尔 盟林草局局长", True),  # a Mongolian name of six characters, then a post
        ("各旗县市要 认真抓好落实", False),  # five characters, but what follows is no post
    ],
)
def test_is_roster_line(text, roster):
    assert is_roster_line(text) is roster


@pytest.mark.parametrize(
    "text, label",
    [
        ("组长：盟行署分管生态环境工作副盟长", True),
        ("副 组 长：屈振年 盟行署副盟长", True),
        ("成员单位：盟生态环境局、卫健委", True),
        ("组 长：", False),  # nothing after the colon
        ("12345 受理范围：企业和群众的咨询", False),
        ("根据《全国经济普查条例》有关规定：", False),
    ],
)
def test_is_label_line(text, label):
    assert is_label_line(text) is label


@pytest.mark.parametrize(
    "text, open_",
    [
        ("4. 立功受奖(通知、通报、喜报、证", True),
        ("书)复印件;", False),
        ("《国务院关于", True),
        ("（一）适用范围", False),
        ("“大统计", True),
        ("完整的句子。", False),
    ],
)
def test_unbalanced(text, open_):
    assert unbalanced(text) is open_


@pytest.mark.parametrize(
    "parts, title",
    [
        (
            ["兴安盟行政公署办公室关于", "印发《兴安盟医疗废物处置中心突发事件", "应急响应预案》的通知"],
            "兴安盟行政公署办公室关于印发《兴安盟医疗废物处置中心突发事件应急响应预案》的通知",
        ),
        (
            ["兴安盟行政公署办公室关于公布 兴安盟行政公署 2022 年度重大行政决策事项目录的通知"],
            "兴安盟行政公署办公室关于公布兴安盟行政公署 2022 年度重大行政决策事项目录的通知",
        ),
        (
            ["关于印发《兴安盟 12345 政务服务便民热线与 110 报警服务台对接联动方案》的通知"],
            "关于印发《兴安盟 12345 政务服务便民热线与 110 报警服务台对接联动方案》的通知",
        ),
    ],
)
def test_join_title(parts, title):
    assert join_title(parts) == title


def test_para_defaults():
    assert Para(3, "甲") == Para(3, "甲", table=False)


def test_short_heading_first_in_a_list_of_paragraphs_stays_alone():
    got = joined(
        "（一）适用范围",
        "本预案适用于医疗废物处置设施不能正常运行的突发事件。",
        "（二）编制依据。依据有关法律法规，制定本预案。",
    )
    assert got[0] == "（一）适用范围"
