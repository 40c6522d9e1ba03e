"""Clause splitting on small made-up inputs, one numbering construct at a time.

In the manner of Python-Markdown's test suite: each case is an input (lines of a document body) and
the clauses expected from it, as (id, path) pairs, the path joined with " › ".
"""

from __future__ import annotations

import re

import pytest

from corpus.elements.numbering import find_marker, starts_clause
from corpus.elements.paragraphs import Para
from corpus.records.clauses import split_clauses
from corpus.records.document import is_meta_para
from corpus.text import han_to_int


def clauses(text: str, **kwargs):
    lines = [line.strip() for line in text.strip().splitlines()]
    paras = [Para(n, line) for n, line in enumerate(lines, start=1) if line]
    return split_clauses("doc", paras, **kwargs)


def outline(text: str, **kwargs) -> list[tuple[str, str]]:
    return [(c.id, " › ".join(c.path)) for c in clauses(text, **kwargs)]


# --- markers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, scheme, printed, number",
    [
        ("一、总体要求", "han-comma", "一、", 1),
        ("十一、其他", "han-comma", "十一、", 11),
        ("（一）适用范围", "han-paren", "（一）", 1),
        ("(三) 推进统计分工精细化。", "han-paren", "(三)", 3),
        ("（ 十二 ）民生保障类", "han-paren", "（ 十二 ）", 12),
        ("1. 企业安置。", "digit-dot", "1.", 1),
        ("12．加大物流企业招商引资力度", "digit-dot", "12．", 12),
        ("3、完善制度", "digit-dot", "3、", 3),
        ("（2）落实责任", "digit-paren", "（2）", 2),
        ("(10) 其他", "digit-paren", "(10)", 10),
        ("一是维护统计权威。", "ordinal", "一是", 1),
        ("十是其他", "ordinal", "十是", 10),
        ("第一章 总 则", "chapter", "第一章", 1),
        ("第八章附则", "chapter", "第八章", 8),
        ("第一条 为加强对国有企业的监督管理", "article", "第一条", 1),
        ("第二十四条 落实重大事项报告制度。", "article", "第二十四条", 24),
        ("第四十条本办法试行期 2 年", "article", "第四十条", 40),
        ("附件 1", "attachment", "附件 1", 1),
        ("附件2", "attachment", "附件2", 2),
        ("附 件", "attachment", "附 件", 1),
    ],
)
def test_marker(text, scheme, printed, number):
    marker = find_marker(text)
    assert (marker.scheme, marker.printed, marker.number) == (scheme, printed, number)


@pytest.mark.parametrize(
    "text",
    [
        "2022年，初步构建“大统计”格局框架。",  # a year, not 20.
        "1.5倍以上",  # a decimal
        "5%以上进行安置",
        "第五次全国经济普查所需经费",  # 第…次, not 第…条/章
        "第三方物流",
        "第一责任人职责",
        "坚持一是一、二是二的态度",  # 一是 inside a sentence
        "附件：1. 兴安盟构建“大统计”格局促进统计工作高质量发展工作领导小组",  # the list, not a heading
        "附件材料报送盟统计局",
        "12345 受理范围：企业和群众关于经济调节",  # a hotline number
        "110 受理范围：刑事类警情",
        "（以下简称“奇峰公司”）",
        "(中发〔2019〕30 号)，《国务院",
        "",
    ],
)
def test_not_a_marker(text):
    assert find_marker(text) is None
    assert not starts_clause(text)


@pytest.mark.parametrize(
    "han, number",
    [
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("十一", 11),
        ("十九", 19),
        ("二十", 20),
        ("二十三", 23),
        ("三十", 30),
        ("四十", 40),
        ("一百零五", 105),
        ("两", 2),
    ],
)
def test_han_numbers(han, number):
    assert han_to_int(han) == number


# --- one scheme --------------------------------------------------------------------------------


def test_han_comma_sections():
    assert outline("""
        一、总体要求
        坚持以习近平新时代中国特色社会主义思想为引领。
        二、基本原则
        三、主要目标
    """) == [("c1", "一、总体要求"), ("c2", "二、基本原则"), ("c3", "三、主要目标")]


def test_text_before_the_first_marker_is_no_clause():
    got = clauses("""
        各旗县市人民政府，盟直有关部门：
        为认真贯彻落实，提出如下实施意见。
        一、总体要求
    """)
    assert [c.id for c in got] == ["c1"]
    assert got[0].text == "一、总体要求"


def test_clause_text_runs_to_the_next_marker():
    got = clauses("""
        一、总体要求
        第一段。
        第二段。
        二、基本原则
    """)
    assert got[0].text == "一、总体要求\n第一段。\n第二段。"
    assert got[1].text == "二、基本原则"


def test_eleventh_section():
    got = outline("\n".join(f"{n}、第{n}部分" for n in "一 二 三 四 五 六 七 八 九 十 十一".split()))
    assert got[-1] == ("c11", "十一、第十一部分")


# --- nesting -----------------------------------------------------------------------------------


def test_han_paren_nests_under_han_comma():
    assert outline("""
        四、工作举措
        （一）推进统计工作法治化。一是维护统计权威。
        （二）推进统计体系协同化。
    """) == [
        ("c4", "四、工作举措"),
        ("c4.1", "四、工作举措 › （一）推进统计工作法治化"),
        ("c4.2", "四、工作举措 › （二）推进统计体系协同化"),
    ]


def test_half_width_parentheses_are_the_same_scheme():
    assert outline("""
        五、保障措施
        (一) 加强组织领导。各地各部门要加强组织领导。
        （二）加强协同联动。
        (三) 加强调度考核。
    """) == [
        ("c5", "五、保障措施"),
        ("c5.1", "五、保障措施 › (一) 加强组织领导"),
        ("c5.2", "五、保障措施 › （二）加强协同联动"),
        ("c5.3", "五、保障措施 › (三) 加强调度考核"),
    ]


def test_three_levels():
    assert outline("""
        二、安置方式
        (一)随调。
        1. 随调是指军人随军家属由盟外调入本盟。
        2. 现役军人家属随军前，按照原则安置。
        (二)就业安置。
        1. 企业安置。鼓励企业安置随军家属就业。
    """) == [
        ("c2", "二、安置方式"),
        ("c2.1", "二、安置方式 › (一)随调"),
        ("c2.1.1", "二、安置方式 › (一)随调 › 1. 随调是指军人随军家属由盟外调入本盟"),
        ("c2.1.2", "二、安置方式 › (一)随调 › 2. 现役军人家属随军前，按照原则安置"),
        ("c2.2", "二、安置方式 › (二)就业安置"),
        ("c2.2.1", "二、安置方式 › (二)就业安置 › 1. 企业安置"),
    ]


def test_un_nesting_back_to_the_top():
    assert outline("""
        一、总体要求
        （一）指导思想。
        1. 第一项。
        二、普查对象
        （一）范围。
    """) == [
        ("c1", "一、总体要求"),
        ("c1.1", "一、总体要求 › （一）指导思想"),
        ("c1.1.1", "一、总体要求 › （一）指导思想 › 1. 第一项"),
        ("c2", "二、普查对象"),
        ("c2.1", "二、普查对象 › （一）范围"),
    ]


def test_un_nesting_one_level():
    got = outline("""
        一、工作机制
        （一）日常机制。
        1. 分流转办。
        2. 日常联动。
        （二）应急机制。
    """)
    assert got[-1] == ("c1.2", "一、工作机制 › （二）应急机制")


def test_list_numbered_straight_under_a_section():
    # 五、工作机制 / 1. 分流转办机制 … (兴署办发〔2023〕18号): 1. is second level when no （一） comes between
    assert outline("""
        五、工作机制
        1. 分流转办机制。12345 或者 110 通过电话接到事项。
        2. 日常联动机制。
        六、平台对接
        1. 构建联动平台。
    """) == [
        ("c5", "五、工作机制"),
        ("c5.1", "五、工作机制 › 1. 分流转办机制"),
        ("c5.2", "五、工作机制 › 2. 日常联动机制"),
        ("c6", "六、平台对接"),
        ("c6.1", "六、平台对接 › 1. 构建联动平台"),
    ]


def test_digit_comma_and_digit_paren():
    assert outline("""
        （一）工作内容
        1、摸清底数。
        （1）建立台账。
        （2）定期更新。
        2、督促整改。
    """) == [
        ("c1", "（一）工作内容"),
        ("c1.1", "（一）工作内容 › 1、摸清底数"),
        ("c1.1.1", "（一）工作内容 › 1、摸清底数 › （1）建立台账"),
        ("c1.1.2", "（一）工作内容 › 1、摸清底数 › （2）定期更新"),
        ("c1.2", "（一）工作内容 › 2、督促整改"),
    ]


def test_ordinal_items_under_a_section():
    assert outline("""
        二、基本原则
        一是坚持依法治统。坚持将法治作为统计事业健康发展的生命线。
        二是坚持应统尽统。
        三、主要目标
    """) == [
        ("c2", "二、基本原则"),
        ("c2.1", "二、基本原则 › 一是坚持依法治统"),
        ("c2.2", "二、基本原则 › 二是坚持应统尽统"),
        ("c3", "三、主要目标"),
    ]


def test_ordinal_inside_a_paragraph_opens_nothing():
    got = outline("""
        （一）推进统计工作法治化。一是维护统计权威。二是推进依法治统。
        （二）推进统计体系协同化。
    """)
    assert [i for i, _ in got] == ["c1", "c2"]


# --- chapters and articles ---------------------------------------------------------------------


def test_chapters_and_articles():
    assert outline("""
        第一章 总 则
        第一条 为加强对国有企业的监督管理，制定本办法。
        第二条 本办法所称国有企业是指盟直属企业。
        第二章 人事管理
        第三条 企业领导人员管理原则。
        第四条 企业机构、人员控制数。
    """) == [
        ("cch1", "第一章 总 则"),
        ("cch1.a1", "第一章 总 则 › 第一条 为加强对国有企业的监督管理，制定本办法"),
        ("cch1.a2", "第一章 总 则 › 第二条 本办法所称国有企业是指盟直属企业"),
        ("cch2", "第二章 人事管理"),
        ("cch2.a3", "第二章 人事管理 › 第三条 企业领导人员管理原则"),
        ("cch2.a4", "第二章 人事管理 › 第四条 企业机构、人员控制数"),
    ]


def test_items_under_an_article():
    assert outline("""
        第二章 人事管理
        第七条 管理原则。要把标准贯穿全过程，具体遵循下列原则：
        （一）党管干部、依法合规原则；
        （二）德才兼备原则。
        第八条 任免考核管理
        （一）盟委管理的企业正副职由盟委任免。
    """) == [
        ("cch2", "第二章 人事管理"),
        ("cch2.a7", "第二章 人事管理 › 第七条 管理原则"),
        ("cch2.a7.1", "第二章 人事管理 › 第七条 管理原则 › （一）党管干部、依法合规原则"),
        ("cch2.a7.2", "第二章 人事管理 › 第七条 管理原则 › （二）德才兼备原则"),
        ("cch2.a8", "第二章 人事管理 › 第八条 任免考核管理"),
        ("cch2.a8.1", "第二章 人事管理 › 第八条 任免考核管理 › （一）盟委管理的企业正副职由盟委任免"),
    ]


def test_articles_without_chapters():
    assert outline("""
        第一条 为规范管理，制定本办法。
        第二条 本办法自印发之日起施行。
    """) == [("ca1", "第一条 为规范管理，制定本办法"), ("ca2", "第二条 本办法自印发之日起施行")]


def test_article_numbers_past_twenty():
    got = outline("\n".join(["第三章 监督"] + [f"第{n}条 内容。" for n in ("二十", "二十一", "二十九", "三十")]))
    assert [i for i, _ in got] == ["cch3", "cch3.a20", "cch3.a21", "cch3.a29", "cch3.a30"]


# --- attachments -------------------------------------------------------------------------------


def test_numbered_attachments_take_their_title():
    assert outline("""
        一、总体要求
        （一）加强领导。
        附件 1
        兴安盟构建“大统计”格局促进统计工作 高质量发展工作领导小组
        组 长：
        一、GDP核算专项工作组
        附件 2
        重点任务分解表
        1. 发挥牵头部门作用。
    """) == [
        ("c1", "一、总体要求"),
        ("c1.1", "一、总体要求 › （一）加强领导"),
        ("catt1", "附件1 兴安盟构建“大统计”格局促进统计工作高质量发展工作领导小组"),
        ("catt1.1", "附件1 兴安盟构建“大统计”格局促进统计工作高质量发展工作领导小组 › 一、GDP核算专项工作组"),
        ("catt2", "附件2 重点任务分解表"),
        ("catt2.1", "附件2 重点任务分解表 › 1. 发挥牵头部门作用"),
    ]


def test_attachment_title_is_part_of_its_text():
    got = clauses("""
        附件
        兴安盟第五次全国经济普查领导小组
        一、领导小组组成人员
    """)
    assert got[0].id == "catt1"
    assert got[0].path == ["附件1 兴安盟第五次全国经济普查领导小组"]
    assert got[0].text == "附件\n兴安盟第五次全国经济普查领导小组"
    assert got[0].marker == "附件"


def test_attachment_title_keeps_spaces_around_numbers():
    got = outline("""
        附件
        12345 政务服务便民热线与 110 报警服务台受理范围划分
    """)
    assert got == [("catt1", "附件1 12345 政务服务便民热线与 110 报警服务台受理范围划分")]


def test_attachment_printed_without_its_heading_line():
    # 附件：兴安盟城市智慧运行管理工作领导小组 then the title (兴署办发〔2022〕6号)
    got = outline(
        """
        （三）强化运行保障。接受领导小组的统筹协调。
        附件：兴安盟城市智慧运行管理工作领导小组
        兴安盟城市智慧运行管理工作领导小组
        组 长：
        苏 和 盟委副书记、盟长
    """,
        attachment_titles={2: "兴安盟城市智慧运行管理工作领导小组"},
        closes=is_meta_para,
    )
    assert got == [("c3", "（三）强化运行保障"), ("catt1", "附件1 兴安盟城市智慧运行管理工作领导小组")]


# --- what closes a clause ----------------------------------------------------------------------


def test_date_signature_and_public_mark_close_the_last_clause():
    got = clauses(
        """
        （四）强化宣传引导。营造良好的社会氛围。
        兴安盟行政公署
        内蒙古兴安军分区
        2023 年 6 月 28 日
        （此件公开发布）
    """,
        closes=is_meta_para,
    )
    assert got[-1].text == "（四）强化宣传引导。营造良好的社会氛围。"


def test_attachment_list_and_print_line_close_the_clause():
    got = clauses(
        """
        第四十条 本办法自公布之日起 30 日后施行。
        兴安盟行政公署办公室文电科
        2023 年 4 月 3 日印发
    """,
        closes=is_meta_para,
    )
    assert got[-1].text == "第四十条 本办法自公布之日起 30 日后施行。"
    # the 附件：list arrives as one paragraph (document.py merges its 1. / 2. lines)
    paras = [
        Para(1, "(三) 加强调度考核。提供有力支撑。"),
        Para(2, "附件：1. 领导小组名单\n2. 任务分解表"),
        Para(4, "2022年1月4日"),
        Para(5, "附件 1"),
        Para(6, "领导小组名单"),
    ]
    got = split_clauses("doc", paras, closes=is_meta_para)
    assert [c.text for c in got] == ["(三) 加强调度考核。提供有力支撑。", "附件 1\n领导小组名单"]


def test_without_a_closing_rule_everything_stays_in_the_clause():
    got = clauses("""
        一、总体要求
        2022年1月4日
    """)
    assert got[0].text == "一、总体要求\n2022年1月4日"


# --- labels ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, label",
    [
        ("一、总体要求", "一、总体要求"),
        ("（一）推进统计工作法治化。一是维护统计权威。", "（一）推进统计工作法治化"),
        ("(一) 领导小组主要职责：负责全盟普查组织和实施。", "(一) 领导小组主要职责"),
        ("第三十条 加强基层党组织建设。盟直属国有企业党组织应按照要求。", "第三十条 加强基层党组织建设"),
        (
            "1. 申请随军报告表或随军家属呈报表或批准随军文件复印件;",
            "1. 申请随军报告表或随军家属呈报表或批准随军文件复印件",
        ),
        ("（五）民主、公开、竞争、择优原则；", "（五）民主、公开、竞争、择优原则"),
    ],
)
def test_labels_are_the_lead_sentence(line, label):
    assert clauses(line)[0].path == [label]


def test_long_labels_are_cut():
    line = "二、" + "涉及文化教育医疗卫生食品安全资源开发生态环境保护公用事业等重大民生决策事项" * 2 + "。"
    label = clauses(line)[0].path[0]
    assert len(label) == 61 and label.endswith("…") and label.startswith("二、涉及文化教育")


# --- ids ---------------------------------------------------------------------------------------


def test_repeated_numbers_get_unique_ids():
    # 兴署办发〔2022〕6号 prints 四、 twice
    assert outline("""
        四、应用与升级建设内容
        （一）综合管理服务运行体系方面
        四、保障体系
        （一）强化组织保障。
    """) == [
        ("c4", "四、应用与升级建设内容"),
        ("c4.1", "四、应用与升级建设内容 › （一）综合管理服务运行体系方面"),
        ("c4-2", "四、保障体系"),
        ("c4.1-2", "四、保障体系 › （一）强化组织保障"),
    ]


def test_a_third_repeat():
    got = [i for i, _ in outline("1. 甲。\n1. 乙。\n1. 丙。")]
    assert got == ["c1", "c1-2", "c1-3"]


def test_ids_levels_and_order():
    got = clauses("""
        一、甲
        （一）乙。
        1. 丙。
        二、丁
    """)
    assert [(c.id, c.level, c.order, c.marker) for c in got] == [
        ("c1", 1, 1, "一、"),
        ("c1.1", 2, 2, "（一）"),
        ("c1.1.1", 3, 3, "1."),
        ("c2", 1, 4, "二、"),
    ]
    assert all(c.doc_id == "doc" for c in got)
    assert got[2].heading == "1. 丙"


def test_ids_are_stable():
    text = """
        第一章 总 则
        第一条 目的。
        （一）内容；
        第二章 附 则
        第二条 施行。
        附件 1
        名单
    """
    assert outline(text) == outline(text)
    assert [c.to_dict() for c in clauses(text)] == [c.to_dict() for c in clauses(text)]


def test_ids_do_not_depend_on_text_before_the_first_clause():
    body = "一、总体要求\n（一）指导思想。"
    assert outline(body) == outline("各旗县市人民政府：\n现将有关事项通知如下：\n" + body)


def test_to_dict_shape():
    data = clauses("一、总体要求\n（一）指导思想。")[1].to_dict()
    assert data == {
        "id": "c1.1",
        "doc_id": "doc",
        "path": "一、总体要求 › （一）指导思想",
        "path_parts": ["一、总体要求", "（一）指导思想"],
        "level": 2,
        "order": 2,
        "marker": "（一）",
        "text": "（一）指导思想。",
    }


def test_the_prefilter_is_the_processors_patterns():
    """find_marker's one regex (_ANY_MARKER) matches exactly where some processor's pattern does: on
    every line of the bundled issues and on the marker cases above (a processor given flags or a
    pattern the prefilter misses would show here)."""
    from corpus import BUNDLED_CORPUS
    from corpus.elements.numbering import _ANY_MARKER, PROCESSORS

    lines = [line.strip() for path in BUNDLED_CORPUS.glob("*.txt") for line in path.read_text("utf-8").splitlines()]
    lines += [
        "一、总体要求",
        "（ 十二 ）民生保障类",
        "12．加大",
        "(10) 其他",
        "十是其他",
        "第八章附则",
        "附 件",
        "附件2",
    ]
    matched = 0
    for text in lines:
        either = any(p.pattern.match(text) for p in PROCESSORS)
        assert (_ANY_MARKER.match(text) is not None) == either, text
        matched += either
    assert len(lines) > 1500 and matched > 300
    assert all(not p.pattern.flags & ~re.UNICODE for p in PROCESSORS)


def test_a_decimal_outline_nests_by_depth():
    """应急预案 and 规划 number their sections 1 / 1.1 / 1.1.1 (国家粮食应急预案 prints them so)."""
    got = outline("""
        1　总则
        1.1　编制目的及依据
        为保证在各类粮食应急状态下粮食的市场供应，制定本预案。
        1.2　等级划分
        1.2.1　国家级（Ⅰ级）：两个以上省、自治区、直辖市出现粮食应急状态。
        1.2.2　省级（Ⅱ级）：在一个省级行政区域较大范围出现粮食应急状态。
        2　组织机构和职责
        2.1　国家粮食应急工作指挥部
    """)
    assert [anchor for anchor, _ in got] == ["c1", "c1.1", "c1.2", "c1.2.1", "c1.2.2", "c2", "c2.1"]


@pytest.mark.parametrize(
    "line", ["12345 政务服务便民热线与 110 报警服务台", "1.5亿元资金已经到位", "1 兴安盟构建领导小组 副组长"]
)
def test_numbers_opening_a_paragraph_are_no_outline(line):
    marker = find_marker(line)
    assert marker is None or not marker.scheme.startswith("decimal")
