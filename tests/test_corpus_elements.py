"""The parts of a document (GB/T 9704), each recogniser on tiny golden inputs, and the heads they make.

Inputs are made up in the shapes real pages print (gazettes of the League and of other publishers,
政府信息公开 pages, law databases' reposts, list pages); the real pages themselves are checked in
tests/test_corpus_realworld.py.
"""

from __future__ import annotations

import pytest
from made_up_pages import parse_text

import corpus
from corpus.elements.metablock import read_metadata_block
from corpus.elements.paragraphs import Para, clean_lines
from corpus.elements.parts import (
    ADDRESSEE,
    ATTACHMENT_NOTE,
    DATE,
    IMPRINT,
    ISSUER_LINE,
    ISSUER_MARK,
    NOTE,
    NUMBER,
    SIGNATURE,
    TITLE,
    TITLE_NOTE,
    recognise,
    title_shape,
)
from corpus.elements.unflatten import unflatten
from corpus.organs import doc_kind, is_organ_line, split_organs
from corpus.readers.repairs import fold_founder_punctuation, simplify_traditional, strip_markup


def kinds(*lines: str) -> list[tuple[str, str]]:
    paras = clean_lines(list(lines))
    found = recognise(paras)
    return [(p.kind, paras[p.start].text) for p in found.parts]


# --- one recogniser each --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, kind",
    [
        ("兴署发〔2022〕6号", NUMBER),
        ("（内政发〔2023〕12号）", NUMBER),
        ("兴署发〔2022〕6号      签发人：苏和", NUMBER),
        ("第707号", NUMBER),
        ("内蒙古自治区人民政府令第262号", NUMBER),
        ("（2005年12月20日）", TITLE_NOTE),
        ("（2023年10月23日内蒙古自治区人民政府令第262号公布，自2023年12月1日起施行）", TITLE_NOTE),
        ("各旗县市人民政府，盟直有关部门：", ADDRESSEE),
        ("2022年1月4日", DATE),
        ("一九九六年六月二十九日", DATE),
        ("（此件公开发布）", NOTE),
        ("附件：1. 兴安盟构建“大统计”格局工作领导小组", ATTACHMENT_NOTE),
        ("兴安盟行政公署办公室  2022年1月5日印发", IMPRINT),
        ("兴安盟行政公署关于构建“大统计”格局促进统计工作高质量发展的实施意见", TITLE),
    ],
)
def test_a_line_alone(line, kind):
    assert kinds(line) == [(kind, line.strip())]


@pytest.mark.parametrize(
    "line",
    [
        "各地各部门要认真贯彻执行。",  # a sentence
        "一、总体要求",  # numbering
        "发布时间：2025-03-10 来源：市人民政府办公室",  # chrome
        "为进一步加强管理，制定本办法",  # opens as a sentence does
        "兴安盟行政公署公报",  # a masthead
    ],
)
def test_not_a_title(line):
    assert not any(kind == TITLE for kind, _ in kinds(line))


def test_a_title_over_three_lines_ending_in_a_kind_inside():
    # 制度 ends the first line, yet the title goes on (国办发〔2018〕118号 prints it so)
    lines = [
        "国务院办公厅关于全面推行行政执法公示制度",
        "执法全过程记录制度",
        "重大执法决定法制审核制度的指导意见",
        "国办发〔2018〕118号",
    ]
    assert kinds(*lines) == [(TITLE, lines[0]), (NUMBER, lines[3])]


def test_issuers_line_above_a_title_and_a_signature_above_a_date():
    assert kinds("中共乌兰察布市委 乌兰察布市人民政府", "关于加快发展养老服务业的实施意见")[0][0] == ISSUER_LINE
    assert kinds("国务院办公厅　中央军委办公厅", "一九九六年六月二十九日")[0][0] == SIGNATURE


def test_the_issuer_mark_and_an_order_number():
    assert kinds("兴安盟行政公署文件")[0][0] == ISSUER_MARK
    assert [k for k, _ in kinds("中华人民共和国国务院令", "第707号")] == [ISSUER_MARK, NUMBER]


@pytest.mark.parametrize(
    "lines, title",
    [
        (
            ["中共兴安盟委员会、兴", "安盟行政公署关于进一步加强民族工作的决定"],
            "中共兴安盟委员会、兴安盟行政公署关于进一步加强民族工作的决定",
        ),
        (
            ["中共乌兰察布市委", "、乌兰察布市人民政府关于推进政务服务", "“一网通办”的意见"],
            "中共乌兰察布市委、乌兰察布市人民政府关于推进政务服务“一网通办”的意见",
        ),
        (
            ["内蒙古自治区", "人民政府", "办公厅关于开展安全生产专项整治的通报"],
            "内蒙古自治区人民政府办公厅关于开展安全生产专项整治的通报",
        ),
    ],
)
def test_a_title_broken_inside_its_issuers_names(tmp_path, lines, title):
    text = "\n".join(lines) + "\n兴署发〔2022〕6号\n各旗县市人民政府：\n现将有关事项通知如下。\n2022年1月4日\n"
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.title == title


def test_a_title_with_its_page_title_before_it_is_two_titles():
    page = "国务院关于同意撤销乌兰察布盟的批复(2004年3号)"
    found = kinds(page, "国务院关于同意内蒙古自治区撤销乌兰察布盟", "设立地级乌兰察布市的批复")
    assert found[-1] == (TITLE, "国务院关于同意内蒙古自治区撤销乌兰察布盟")


# --- metadata tables as text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lines, values",
    [
        (  # a pair per line, with colons
            ["索引号：000014349/2019-00007", "发文字号：国发〔2019〕5号", "成文日期：2019年02月15日"],
            {"索引号": "000014349/2019-00007", "发文字号": "国发〔2019〕5号", "成文日期": "2019年02月15日"},
        ),
        (  # the label, then its value on the next line
            ["  • 发文字号:", "", "    镇政发〔2024〕7号", "  • 发文日期:", "    2024年04月06日 16:40"],
            {"发文字号": "镇政发〔2024〕7号", "成文日期": "2024年04月06日 16:40"},
        ),
        (  # a table flattened with pipes, two cells a line
            [
                "索引号: | TCXXGK-2020-011721 | 主题分类: | 政务公开 |",
                "发文机构: | 铜川市人民政府办公室 | 发文文号: | 铜政发〔2020〕33号 |",
            ],
            {
                "索引号": "TCXXGK-2020-011721",
                "主题分类": "政务公开",
                "发文机关": "铜川市人民政府办公室",
                "发文字号": "铜政发〔2020〕33号",
            },
        ),
        (  # labels without colons, spaced out, several a line
            ["索 引 号 主题分类 综合政务", "发布机构 自治区人民政府 文  号 内政发〔2013〕62号"],
            {"主题分类": "综合政务", "发文机关": "自治区人民政府", "发文字号": "内政发〔2013〕62号"},
        ),
        (  # the next label glued to a value
            [
                "标题",
                "高青县人民政府关于印发管理办法的通知发文机关",
                "高青县人民政府办公室",
                "发文字号",
                "高政发〔2021〕1号",
            ],
            {
                "名称": "高青县人民政府关于印发管理办法的通知",
                "发文机关": "高青县人民政府办公室",
                "发文字号": "高政发〔2021〕1号",
            },
        ),
    ],
)
def test_metadata_blocks(lines, values):
    end, found = read_metadata_block(lines, 0)
    assert end == len(lines) and found == values


@pytest.mark.parametrize("lines", [["来源于群众的意见建议很多。", "分类推进改革。"], ["标题党不可取"], ["索引号"]])
def test_text_that_only_starts_with_a_label_is_no_table(lines):
    assert read_metadata_block(lines, 0) is None


# --- organs and kinds -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "printed, organs",
    [
        ("国务院办公厅、中央军委办公厅", ["国务院办公厅", "中央军委办公厅"]),
        ("国务院办公厅中央军委办公厅", ["国务院办公厅", "中央军委办公厅"]),
        ("中共乌兰察布市委 乌兰察布市人民政府", ["中共乌兰察布市委", "乌兰察布市人民政府"]),
        ("内蒙古兴安盟行政公署中国人民解放军内蒙古兴安军分区", ["兴安盟行政公署", "兴安军分区"]),
        ("中共成都市委社会工作部", ["中共成都市委社会工作部"]),  # a department, not two organs
        ("辽宁省沈阳市人民政府", ["沈阳市人民政府"]),  # the province a law database prints before a city
        ("内蒙古自治区人民政府", ["内蒙古自治区人民政府"]),
        ("中共中央 国务院", ["中共中央", "国务院"]),
        ("中共中央国务院", ["中共中央", "国务院"]),
        ("中共兴安盟委员会兴安盟行政公署", ["中共兴安盟委员会", "兴安盟行政公署"]),  # not 中共兴安盟委|员会…
        ("中共兴安盟委行政公署", ["中共兴安盟委", "兴安盟行政公署"]),  # the government bare, after its party committee
        ("中共兴安盟委 行署", ["中共兴安盟委", "兴安盟行政公署"]),
        ("中共兴安盟委办公厅兴安盟行政公署办公厅", ["中共兴安盟委办公厅", "兴安盟行政公署办公厅"]),
        ("成都市发展和改革委员会中共成都市委", ["成都市发展和改革委员会", "中共成都市委"]),
    ],
)
def test_split_organs(printed, organs):
    assert is_organ_line(printed)
    assert split_organs(printed) == organs


@pytest.mark.parametrize(
    "line", ["召开全体会议", "强化组织领导", "各旗县市人民政府，盟直有关部门：", "关于加快发展养老服务业的实施意见"]
)
def test_not_organs(line):
    assert not is_organ_line(line)


@pytest.mark.parametrize(
    "title, kind",
    [
        ("关于加快发展养老服务业的实施意见", "意见"),
        ("国务院办公厅关于同意设立试验区的复函", "函"),
        ("内蒙古自治区行政规范性文件管理办法（试行）", "办法"),
        ("兴安盟行政公署大事记", None),
    ],
)
def test_doc_kind(title, kind):
    assert doc_kind(title) == kind
    assert title_shape(title) == (kind is not None)


# --- repairs and unflattening ------------------------------------------------------------------------------


def test_founder_punctuation_is_decoded():
    lines, note = fold_founder_punctuation(["市委副书记、市长于海宇出席会议并讲话ꎬ副市长主持会议ꎮ", "会议召开ꎮ"])
    assert lines == ["市委副书记、市长于海宇出席会议并讲话，副市长主持会议。", "会议召开。"] and note


def test_a_converted_page_is_simplified_again():
    lines = [
        "國務(wù)院關(guān)于同意內(nèi)蒙古自治區(qū)撤銷烏蘭察布盟設(shè)立地級烏蘭察布市的批復(fù)",
        "內(nèi)蒙古自治區(qū)人民政府:你區(qū)請示收悉。現(xiàn)批復(fù)如下:",
        "一、同意撤銷烏蘭察布盟和縣級集寧市,設(shè)立地級烏蘭察布市。",
    ]
    fixed, note = simplify_traditional(lines)
    assert fixed == [
        "国务院关于同意内蒙古自治区撤销乌兰察布盟设立地级乌兰察布市的批复",
        "内蒙古自治区人民政府:你区请示收悉。现批复如下:",
        "一、同意撤销乌兰察布盟和县级集宁市,设立地级乌兰察布市。",
    ]
    assert note
    assert simplify_traditional(["国务院关于同意设立的批复"]) == (["国务院关于同意设立的批复"], None)


def test_tags_in_text_go_and_line_numbers_stay():
    fixed, note = strip_markup(
        ['<legend id="h4sia"></legend>', "  <mark><del></del></mark>", "正文<b>加粗</b>", "表\t<p>单元格</p>"]
    )
    assert fixed == ["", "", "正文<b>加粗</b>", "表\t<p>单元格</p>"] and note  # text keeps what it printed


def test_a_document_flattened_onto_one_line():
    line = (
        "鄂尔多斯市人民政府关于印发区域合作深化行动方案的通知, 鄂府发〔2025〕8号 各旗区人民政府,市人民政府各部门: "
        "《鄂尔多斯市区域合作深化行动方案》已经市人民政府常务会议审议通过,现印发给你们,请认真组织实施。 "
        "鄂尔多斯市人民政府 2025年3月21日 鄂尔多斯市区域合作深化行动方案 为全面贯彻落实党中央决策部署,制定本方案。 "
        "一、以互助共进为基础创新市域合作 (一)统筹旗区协同发展。各旗区立足地区实际,差异化定位。"
    )
    pieces = [p.text for p in unflatten([Para(7, line)])]
    assert pieces[:3] == [
        "鄂尔多斯市人民政府关于印发区域合作深化行动方案的通知",
        "鄂府发〔2025〕8号",
        "各旗区人民政府,市人民政府各部门:",
    ]
    assert "鄂尔多斯市人民政府" in pieces and "2025年3月21日" in pieces
    assert "".join(pieces).replace(",", "") == line.replace(" ", "").replace(",", "")  # nothing lost
    assert all(p.line == 7 for p in unflatten([Para(7, line)]))


def test_an_ordinary_long_paragraph_is_not_cut():
    line = "坚持以习近平新时代中国特色社会主义思想为引领，" * 20 + "加快推动形成“大统计”格局。"
    assert [p.text for p in unflatten([Para(1, line)])] == [line]


# --- documents found where parts agree ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, wenhao, title, offices",
    [
        (  # 红头: the mark, the number, then the title (关于… cited with the mark's issuer)
            "贵州省国土资源厅文件\n\n黔国土资发〔2006〕83号\n\n------\n\n关于推进探矿权延续登记有关问题的通知\n\n"
            "各市（州）国土资源局：\n\n为认真贯彻落实有关规定，现就有关问题通知如下。\n\n二〇〇六年五月八日\n",
            "黔国土资发〔2006〕83号",
            "贵州省国土资源厅关于推进探矿权延续登记有关问题的通知",
            ["贵州省国土资源厅"],
        ),
        (  # the issuers' line above 关于…, joint issuers, a —— under the title
            "中共乌兰察布市委 乌兰察布市人民政府\n关于加快发展养老服务业的实施意见\n——\n乌党发〔2015〕21号\n\n"
            "为加快建立和完善养老服务体系，提出如下实施意见。\n\n一、重要意义\n\n加快发展养老服务业是当务之急。\n",
            "乌党发〔2015〕21号",
            "中共乌兰察布市委 乌兰察布市人民政府关于加快发展养老服务业的实施意见",
            ["中共乌兰察布市委", "乌兰察布市人民政府"],
        ),
        (  # a 令: the mark over its number, the title in the promulgation
            "中华人民共和国国务院令\n\n第707号\n\n《专利代理条例》已经国务院常务会议修订通过，现予公布，自2019年3月1日起施行。\n\n"
            "总理  李克强\n\n2018年11月6日\n\n专利代理条例\n\n第一条 为了规范专利代理行为，制定本条例。\n",
            "国令第707号",
            "专利代理条例",
            ["国务院"],
        ),
        (  # a law database's repost: page title, chrome, the issuer's line, the title, a 令 in a 题注
            "济南市文化娱乐市场管理规定\n\n作者:法律资料网 时间:2024-07-22 18:21:41\n\n济南市文化娱乐市场管理规定\n\n"
            "山东省济南市人民政府\n\n济南市文化娱乐市场管理规定\n\n(1991年3月26日济南市人民政府令19号发布)\n\n"
            "第一条 为加强本市文化娱乐市场管理，制定本规定。\n\n第二条 本规定所称文化娱乐经营活动系指营业性演出。\n",
            "济南市人民政府令第19号",
            "济南市文化娱乐市场管理规定",
            ["济南市人民政府"],
        ),
        (  # a repost that cut the title where it prints the document: the whole title stands a little above
            "关于印发金华市人民政府办理人大代表建议和政协提案工作规则的通知\n\n作者:法律资料网 时间:2024-07-12 20:48:31\n\n"
            "关于印发金华市人民政府办理人大代表建议和政协提案工作规则的通知\n\n浙江省金华市人民政府办公室\n\n"
            "关于印发金华市人民政府办理人大代表建议\n\n金政办发〔2010〕15号\n\n各县(市、区)人民政府,市政府各部门:\n"
            "《金华市人民政府办理人大代表建议和政协提案工作规则》已经市政府常务会议通过,现印发给你们。\n\n"
            "金华市人民政府办公室\n\n二○一○年四月七日\n",
            "金政办发〔2010〕15号",
            "金华市人民政府办公室关于印发金华市人民政府办理人大代表建议和政协提案工作规则的通知",
            ["金华市人民政府办公室"],
        ),
        (  # the issuers' line a law database prints above 关于…, its province dropped
            "武汉市招生考试管理规定(2005年)\n\n湖北省武汉市人民政府\n\n关于批转武汉市招生考试管理规定的通知\n\n"
            "武政〔2005〕32 号\n\n各区人民政府,市人民政府各部门:\n\n现将规定批转给你们,请遵照执行。\n\n二00五年六月十七日\n",
            "武政〔2005〕32号",
            "武汉市人民政府关于批转武汉市招生考试管理规定的通知",
            ["武汉市人民政府"],
        ),
        (  # the number only in a metadata table above the title
            "索引号：011536003/2020-00158\n发文字号：包府发〔2020〕54号\n成文日期：2020年09月13日\n\n"
            "包头市人民政府关于印发行动计划的通知\n\n各旗、县、区人民政府，市直有关部门：\n\n"
            "现将《行动计划》印发给你们，请认真贯彻执行。\n\n2020年9月13日\n",
            "包府发〔2020〕54号",
            "包头市人民政府关于印发行动计划的通知",
            ["包头市人民政府"],
        ),
    ],
)
def test_one_document_from_its_parts(tmp_path, text, wenhao, title, offices):
    issue = parse_text(tmp_path, text)
    (doc,) = issue.documents
    assert (doc.wenhao_normalized, doc.title, doc.offices) == (wenhao, title, offices)


def test_the_text_a_notice_issues_is_not_a_document_of_its_own(tmp_path):
    text = (
        "兴安盟行政公署关于印发《兴安盟秸秆禁烧管控办法》的通知\n\n兴署发〔2022〕9号\n\n各旗县市人民政府：\n\n"
        "现将《兴安盟秸秆禁烧管控办法》印发给你们，请认真贯彻执行。\n\n2022年3月1日\n\n（此件公开发布）\n\n"
        "兴安盟秸秆禁烧管控办法\n\n第一条 为加强秸秆禁烧管控，制定本办法。\n\n第二条 本办法自印发之日起施行。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert "第二条 本办法自印发之日起施行。" in doc.body


def test_a_page_s_tools_after_the_document_are_no_part_of_it(tmp_path):
    """A page saved as PDF prints its tools after the document; its 版记 (抄送：…) stays the document's."""
    text = (
        "兴安盟行政公署关于做好防灭火工作的通知\n\n兴署发〔2022〕9号\n\n各旗县市人民政府：\n\n"
        "现将有关事项通知如下，请认真贯彻执行。\n\n兴安盟行政公署\n\n2022年3月1日\n\n抄送：盟委办公室\n\n"
        "扫一扫在手机打开当前页\n\n【我要纠错】 打印本页 关闭窗口\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.body.rstrip().endswith("抄送：盟委办公室") and "扫一扫" not in doc.body and "打印" not in doc.body


def test_a_page_without_any_head_is_one_untitled_document(tmp_path):
    text = (
        "各苏木乡镇人民政府，旗直各有关部门：\n\n为做好清理工作，现将有关事项通知如下。\n\n一、清理范围\n\n"
        "各地区以决定内的政府规章为依据制定的行政规范性文件。\n\n二、工作要求\n\n各地区要高度重视此次清理工作。\n"
    )
    issue = parse_text(tmp_path, text)
    (doc,) = issue.documents
    assert doc.title == "（无标题）" and doc.addressee == "各苏木乡镇人民政府，旗直各有关部门"
    assert any("无标题" in w for w in issue.warnings)
    with pytest.raises(corpus.GazetteParseError):
        parse_text(tmp_path, "这里没有任何公文。\n", "bad.txt")


def test_a_list_page_of_documents_with_flattened_bodies(tmp_path):
    """A 政策文件 list: each entry a title, its number with the addressee cut short, a date, then the whole
    document flattened onto one line (its paragraphs separated by runs of spaces)."""

    def entry(name: str, number: int, people: list[str]) -> str:
        flat = "   ".join(
            [
                f"鄂尔多斯市人民政府关于{name}等职务任免的通知,",
                f"鄂府任字〔2024〕{number}号",
                "各旗区人民政府,市人民政府各部门,各直属单位,各大企事业单位:",
                "根据工作需要,决定:",
                *(f"{person}任市财政局副局长;" for person in people),
                "免去王国良市民政局副局长职务。",
                "鄂尔多斯市人民政府",
                "2024年2月21日",
            ]
        )
        return (
            f"  • 鄂尔多斯市人民政府关于{name}等职务任免的通知\n\n"
            f"      鄂府任字〔2024〕{number}号   各旗区人民政府,市人民政府各...\n\n    2024-02-22 朗读\n\n    {flat}\n\n"
        )

    text = (
        "当前位置: 首页 > 政策文件\n\n政策文件\n\n"
        + entry("乔建江", 4, ["宋晓磊", "孟军"])
        + entry("云小平", 3, ["王蕾", "屈光荣"])
    )
    issue = parse_text(tmp_path, text)
    assert [(d.wenhao_normalized, d.title) for d in issue.documents] == [
        ("鄂府任字〔2024〕4号", "鄂尔多斯市人民政府关于乔建江等职务任免的通知"),
        ("鄂府任字〔2024〕3号", "鄂尔多斯市人民政府关于云小平等职务任免的通知"),
    ]
    first = issue.documents[0]
    assert first.date.isoformat() == "2024-02-21" and "宋晓磊任市财政局副局长;" in first.body.split("\n")


@pytest.mark.parametrize("leaders", [False, True])
def test_a_document_s_own_contents_make_no_clauses(tmp_path, leaders):
    """A 预案 printed with its 目录: the listed headings are not clauses; the clauses are those of the text,
    each once, with its body (a 目录 whose first entry never comes back is left as it was)."""
    page = " ……3" if leaders else ""
    text = "\n".join(
        [
            "兴安盟行政公署办公室关于印发兴安盟粮食应急预案的通知",
            "兴署办发〔2023〕9号",
            "各旗县市人民政府：",
            "现将《兴安盟粮食应急预案》印发给你们，请认真贯彻执行。",
            "兴安盟行政公署办公室",
            "2023年3月1日",
            "兴安盟粮食应急预案",
            "目　　录",
            f"1　总则{page}",
            f"1.1　编制目的{page}",
            f"2　应急响应{page}",
            "1　总则",
            "1.1　编制目的",
            "为有效应对粮食应急状态，制定本预案。",
            "2　应急响应",
            "出现粮食应急状态时，立即启动响应。",
        ]
    )
    doc = parse_text(tmp_path, text).documents[0]
    assert [c.id for c in doc.clauses] == ["c1", "c1.1", "c2"]
    assert "制定本预案" in doc.clauses[1].text and "立即启动响应" in doc.clauses[2].text
    if leaders:
        return
    unreturned = parse_text(tmp_path, text.replace("1　总则\n1.1　编制目的\n为", "为"))
    assert [c.id for c in unreturned.documents[0].clauses][:3] == ["c1", "c1.1", "c2"]


@pytest.mark.parametrize(
    "text, wenhao, title, offices, day",
    [
        (  # the 文号 in parentheses after the title on its line; joint issuers run together in the title
            "当前位置: 首页 > 政务公开 > 政策法规\n\n"
            "中共赤峰市委办公室赤峰市人民政府办公室印发《关于推进基层政务公开的实施意见》的通知(赤办发〔2019〕7号)\n\n"
            "来源:赤峰市政府门户网 日期:2019-03-12 17:08\n\n各旗县区委、人民政府，市直各单位：\n\n"
            "《关于推进基层政务公开的实施意见》已经市委、市人民政府同意，现印发给你们。\n\n"
            "中共赤峰市委办公室\n\n赤峰市人民政府办公室\n\n2019年3月8日\n",
            "赤办发〔2019〕7号",
            "中共赤峰市委办公室赤峰市人民政府办公室印发《关于推进基层政务公开的实施意见》的通知",
            ["中共赤峰市委办公室", "赤峰市人民政府办公室"],
            "2019-03-08",
        ),
        (  # the 文号 after a space on the title's line
            "呼伦贝尔市人民政府关于公布第二批市级非物质文化遗产名录的通知 呼政发〔2012〕21号\n\n"
            "各旗市区人民政府：\n\n现将名录予以公布，请认真做好保护工作。\n\n呼伦贝尔市人民政府\n\n2012年5月2日\n",
            "呼政发〔2012〕21号",
            "呼伦贝尔市人民政府关于公布第二批市级非物质文化遗产名录的通知",
            ["呼伦贝尔市人民政府"],
            "2012-05-02",
        ),
        (  # a 主席令 numbered within the NPC's term, the number again in Chinese numerals in the 题注
            "中华人民共和国防沙治沙法\n\n全国人民代表大会常务委员会\n\n中华人民共和国主席令(九届第55号)\n\n"
            "《中华人民共和国防沙治沙法》已由第九届全国人民代表大会常务委员会第二十三次会议于2001年8月31日通过，"
            "现予公布，自2002年1月1日起施行。\n\n中华人民共和国主席 江泽民\n\n2001年8月31日\n\n"
            "中华人民共和国防沙治沙法\n\n(2001年8月31日中华人民共和国主席令第五十五号公布)\n\n"
            "第一条 为预防土地沙化，治理沙化土地，制定本法。\n",
            "主席令第55号",
            "中华人民共和国防沙治沙法",
            ["中华人民共和国主席"],
            "2001-08-31",
        ),
        (  # a website's column name over the title; a title quoting a title in ASCII angle brackets
            "规范性文件\n\n兴农牧发〔2023〕18号\n\n"
            "关于转发自治区农牧厅《关于印发<高标准农田建设实施方案>的通知》的通知\n\n各旗县市农牧局：\n\n"
            "现将通知转发给你们，请认真抓好落实。\n",
            "兴农牧发〔2023〕18号",
            "关于转发自治区农牧厅《关于印发<高标准农田建设实施方案>的通知》的通知",
            [],
            None,
        ),
        (  # a mirror's line of keywords over the title
            "在线,热门一区,精品视频,最新资讯\n\n关于印发包头市政务服务事项目录编制规则的通知\n\n包府办发〔2011〕40号\n\n"
            "各旗县区人民政府：\n\n现将规则印发给你们，请结合实际认真执行。\n\n二〇一一年五月九日\n",
            "包府办发〔2011〕40号",
            "关于印发包头市政务服务事项目录编制规则的通知",
            [],
            "2011-05-09",
        ),
        (  # a repost's own heading, the 文号, then the document's title broken after 关于
            "通辽市公文处理规定、格式细则\n\n通政办发〔2014〕9号\n\n通辽市人民政府办公室关于\n\n"
            "印发《通辽市人民政府公文处理规定》的通知\n\n各旗县市区人民政府，市直各部门：\n\n"
            "现将《通辽市人民政府公文处理规定》印发给你们，请参照执行。\n\n2014年3月3日\n",
            "通政办发〔2014〕9号",
            "通辽市人民政府办公室关于印发《通辽市人民政府公文处理规定》的通知",
            ["通辽市人民政府办公室"],
            "2014-03-03",
        ),
        (  # a page's fields on one line ending in a colon (no 主送机关) between the title and its 文号
            "文 号: null 所属主题: 已归档\n\n乌海市人民政府办公室关于印发《乌海市森林火灾应急预案》的通知\n\n"
            "来源:乌海市政府办公室 发布时间:2013-12-05 浏览次数: 【字体:\n\n乌海政办发〔2009〕47号\n\n"
            "各区人民政府，市直有关单位：\n\n《乌海市森林火灾应急预案》已经市政府同意，现予印发。\n\n二○○九年十一月十八日\n",
            "乌海政办发〔2009〕47号",
            "乌海市人民政府办公室关于印发《乌海市森林火灾应急预案》的通知",
            ["乌海市人民政府办公室"],
            "2009-11-18",
        ),
        (  # a converter dropped 年 and 月 of the signing date (2018525)
            "宁城县人民政府办公室关于印发宁城县干旱灾害应急预案的通知\n\n各乡镇人民政府，县直各有关单位：\n\n"
            "经县政府同意，现将预案印发给你们，请认真贯彻执行\n\n宁城县人民政府办公室\n\n2018525\n\n"
            "宁城县干旱灾害应急预案\n\n1 总则\n\n做好干旱灾害防范与处置工作。\n",
            None,
            "宁城县人民政府办公室关于印发宁城县干旱灾害应急预案的通知",
            ["宁城县人民政府办公室"],
            "2018-05-25",
        ),
    ],
)
def test_one_document_as_reposts_print_it(tmp_path, text, wenhao, title, offices, day):
    issue = parse_text(tmp_path, text)
    (doc,) = issue.documents
    assert (doc.wenhao_normalized, doc.title, doc.offices) == (wenhao, title, offices)
    assert (str(doc.date) if doc.date else None) == day


@pytest.mark.parametrize(
    "text, title",
    [
        (  # a 人大常委会's 决定 (no 文号 exists for it), its title over four lines
            "乌兰察布市人民代表大会\n常务委员会关于王某同志\n代理乌兰察布市人民政府\n市长职务的决定\n\n"
            "根据有关法律的规定，乌兰察布市第五届人民代表大会常务委员会第九次会议决定：王某同志代理乌兰察布市人民政府市长职务。\n",
            "乌兰察布市人民代表大会常务委员会关于王某同志代理乌兰察布市人民政府市长职务的决定",
        ),
        (  # a mirror's decorations round the only title: the province before it, (全文) after it
            "(内蒙古)2023年镶黄旗人民政府工作报告(全文)\n\n发布时间:2023-08-21 22:18\n\n"
            "2023年1月9日在镶黄旗第十六届人民代表大会第二次会议上\n\n各位代表：\n\n"
            "现在，我代表旗人民政府向大会报告工作，请予审议。\n",
            "2023年镶黄旗人民政府工作报告",
        ),
        ("巡 察 公 告\n\n根据有关规定，市委第三巡察组对市统计局开展常规巡察，现予公告。\n", "巡察公告"),
    ],
)
def test_a_page_s_one_title_with_text_under_it_is_a_document(tmp_path, text, title):
    issue = parse_text(tmp_path, text)
    (doc,) = issue.documents
    assert doc.title == title
    # nothing else supports the title but a report's date line under it: the reader is told
    assert any("标题没有文号" in w for w in issue.warnings) == ("会议上" not in text)


@pytest.mark.parametrize(
    "printed, day",
    [
        ("2018525", "2018-05-25"),
        ("2021317日", "2021-03-17"),
        ("20220315", "2022-03-15"),
        ("2021111", None),
        ("202184日", "2021-08-04"),  # two digits with the 日 kept: 8月4日
        ("202112", None),  # two digits alone: as often 2021年12月 as 1月2日
        ("2020 15", None),  # a year and a count in a table laid out with spaces
    ],
)
def test_a_date_that_lost_its_year_and_month_marks(printed, day):
    from corpus.dates import parse_compact_date

    found = parse_compact_date(printed)
    assert (str(found) if found else None) == day


def test_a_notice_flattened_with_single_spaces(tmp_path):
    """Title, addressee and clauses on one line, each after one space (a table cell of a list page)."""
    line = (
        "兴安盟行政公署办公室关于进一步做好全盟爱国卫生工作的通知 各旗县市人民政府,盟直各部门: "
        "为进一步做好全盟爱国卫生工作,现将有关事宜通知如下: 一、切实加强对爱国卫生工作的领导。"
        "各地要把爱国卫生工作列入总体规划,强化主要领导负总责的分工负责制。 二、广泛开展城乡环境卫生整治。"
    )
    issue = parse_text(tmp_path, line + "\n")
    (doc,) = issue.documents
    assert doc.title == "兴安盟行政公署办公室关于进一步做好全盟爱国卫生工作的通知"
    assert doc.offices == ["兴安盟行政公署办公室"]
    assert [c.text[:6] for c in doc.clauses][:2] == ["一、切实加强", "二、广泛开展"]


def test_a_law_database_s_table_with_labels_glued_to_values(tmp_path):
    """发文机关国务院 / 发文字号国函〔2008〕2号: the label glued to its value, as law databases print it."""
    text = (
        "发文机关国务院\n发文日期2008年01月11日\n时效性现行有效\n发文字号国函〔2008〕3号\n施行日期2008年01月11日\n"
        "效力级别国务院规范性文件\n发展改革委:\n你委《关于建立部际联席会议制度的请示》收悉。现批复如下:\n"
        "同意建立由发展改革委牵头的部际联席会议制度。\n联席会议不刻制印章，不正式行文，请认真组织开展工作。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.wenhao_normalized, doc.offices, str(doc.date)) == ("国函〔2008〕3号", ["国务院"], "2008-01-11")


def test_a_regulation_is_dated_by_its_promulgation_in_its_title_note(tmp_path):
    text = (
        "中华人民共和国货物进出口管理条例\n\n"
        "(2001年10月31日国务院第46次常务会议通过 2001年12月10日中华人民共和国国务院令第332号公布 自2002年1月1日起施行)\n\n"
        "第一条 为了规范货物进出口管理，制定本条例。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.wenhao_normalized, str(doc.date)) == ("国令第332号", "2001-12-10")


def test_a_page_beginning_at_the_addressee_is_the_untitled_notice_not_what_it_issues(tmp_path):
    text = (
        "各乡镇人民政府，市级各部门：\n《丰镇市人民政府常务会议议事规则》已经市人民政府常务会议通过，现予印发。\n"
        "丰镇市人民政府\n2024年11月20日\n(此件公开发布)\n丰镇市人民政府常务会议议事规则\n第一章 总 则\n"
        "第一条 为推进市政府常务会议议事决策科学化，制定本规则。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.offices, str(doc.date)) == ("（无标题）", ["丰镇市人民政府"], "2024-11-20")


@pytest.mark.parametrize(
    "subtitle",
    [
        "——2024年1月22日在科尔沁右翼前旗第十八届人民代表大会第三次会议上",
        "2024年1月22日在科尔沁右翼前旗第十八届人民代表大会第三次会议上",
    ],
)
def test_a_government_work_report_is_dated_and_issued_by_its_speaker_line(tmp_path, subtitle):
    text = (
        f"政府工作报告\n{subtitle}\n科尔沁右翼前旗人民政府代旗长  王某某\n各位代表:\n"
        "现在，我代表旗人民政府向大会报告工作，请予审议。\n一、2023年工作回顾\n过去的一年，全旗经济持续恢复。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.offices, str(doc.date)) == ("政府工作报告", ["科尔沁右翼前旗人民政府"], "2024-01-22")
    assert doc.body.startswith("科尔沁右翼前旗人民政府代旗长  王某某\n")  # the speaker's line stands alone


def test_a_headless_text_under_a_pipe_table_takes_the_table(tmp_path):
    """Its last label left empty (公文时效 |): the sentence under the table is no value of it."""
    text = (
        "索 引 号 | 1115012301170293XF/2025-00042 | 主题分类 | 林业 |\n发布机构 | 巴林右旗人民政府办公室 | 文 号 | |\n"
        "成文日期 | 2025-04-01 | 公文时效 |\n"
        "为切实加强我旗森林草原资源保护，提升生态系统稳定性，依据有关法规，现将2025年休牧工作有关事项公告如下：\n"
        "一、休牧范围\n对全旗草畜平衡区实行春季休牧。\n二、休牧时间\n4月1日至5月15日。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.offices, str(doc.date)) == ("（无标题）", ["巴林右旗人民政府办公室"], "2025-04-01")
    assert doc.body.startswith("为切实加强")


def test_a_label_left_empty_takes_no_title_line_as_its_value(tmp_path):
    """A copied 政府信息公开 table: labels and values on lines of their own, 主 题 词： empty, then the title's
    issuers' line and the title over two lines."""
    text = (
        "索 引 号：\n000014349/2019-00107\n发文机关：\n兴安盟行政公署办公室\n标　　题：\n"
        "兴安盟行政公署办公室关于推进政务新媒体健康有序发展的意见\n发文字号：\n兴署办发〔2019〕12号\n主 题 词：\n"
        "兴安盟行政公署办公室\n关于推进政务新媒体\n健康有序发展的意见\n兴署办发〔2019〕12号\n各旗县市人民政府，盟直各部门：\n"
        "政务新媒体是联系群众、服务群众的重要渠道。\n兴安盟行政公署办公室\n2019年5月6日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.wenhao_normalized, doc.title, doc.offices) == (
        "兴署办发〔2019〕12号",
        "兴安盟行政公署办公室关于推进政务新媒体健康有序发展的意见",
        ["兴安盟行政公署办公室"],
    )


def test_a_page_saved_as_markdown(tmp_path):
    """html2text's shape: the metadata table in pipes with bold labels and a rule, the document flattened
    into one cell of a row; links and an image around it."""
    text = (
        "[首页](http://www.xam.gov.cn/) > [政务公开](/zwgk/)\n\n![](/images/logo.png)\n\n"
        "| **索 引 号：** | 000014349/2019-00107 | **主题分类：** | 综合政务  \n---|---|---|---  \n"
        "**发文机关：** | 兴安盟行政公署办公室 | **成文日期：** | 2019年05月06日  \n"
        "**标 题：** | 兴安盟行政公署办公室关于推进政务新媒体健康有序发展的意见  \n"
        "**发文字号：** | 兴署办发〔2019〕12号 | **发布日期：** | 2019年05月10日  \n\n"
        "| 兴安盟行政公署办公室关于推进 政务新媒体健康有序发展的意见 兴署办发〔2019〕12号 "
        "各旗县市人民政府，盟直各部门： 政务新媒体是联系群众、服务群众的重要渠道。为推动政务新媒体健康有序发展，"
        "现提出如下意见。 一、总体要求 （一）指导思想。 坚持以人民为中心。 兴安盟行政公署办公室 2019年5月6日  \n"
    )
    issue = parse_text(tmp_path, text, name="page.md")
    (doc,) = issue.documents
    assert (doc.wenhao_normalized, doc.title, doc.offices, str(doc.date)) == (
        "兴署办发〔2019〕12号",
        "兴安盟行政公署办公室关于推进政务新媒体健康有序发展的意见",
        ["兴安盟行政公署办公室"],
        "2019-05-06",
    )
    assert "**" not in doc.body and "](" not in doc.body
    assert any("Markdown" in w for w in issue.warnings)


def test_a_document_quoting_markdown_like_signs_is_left_as_printed(tmp_path):
    text = "兴安盟行政公署关于印发**办法的通知\n兴署发〔2019〕3号\n各旗县市人民政府：\n现将办法印发给你们。\n2019年3月1日\n"
    (doc,) = parse_text(tmp_path, text).documents
    assert "**" in doc.title


def test_an_index_number_alone_above_a_title_is_not_part_of_it(tmp_path):
    """Text another tool extracted from a printed page: the table's values come out before its labels,
    the 索引号's value on the line above the issuer and the title."""
    text = (
        "000014349/2018-00206\n\n国务院\n\n专利代理条例\n\n国令第706号\n\n索 引\n号：\n\n"
        "中华人民共和国国务院令\n第706号\n\n《专利代理条例》已经国务院常务会议修订通过，现将修订后的《专利代理条例》公布。\n\n"
        "总理 李克强\n\n2018年11月6日\n\n专利代理条例\n\n第一条 为了规范专利代理行为，制定本条例。\n"
    )
    docs = parse_text(tmp_path, text).documents
    assert [(d.wenhao_normalized, d.title) for d in docs] == [("国令第706号", "专利代理条例")]
