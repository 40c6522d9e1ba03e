"""Layouts of real published pages (a fifth set of real fragments, read in December 2026), each as a small
made-up text in the same form: what the page printed around the document, and what the parser must make
of it — the document found, with its 文号, title, offices and date."""

from __future__ import annotations

import pytest
from made_up_pages import parse_text


def test_a_number_and_its_title_on_one_heading_line_under_a_pipe_table(tmp_path):
    """A 信息公开 page prints its table as pipe rows (the 标题 cell holding 文号 and title, 发文字号 left empty,
    主题词 left empty), then heads the body with 文号 and title on one line: the number is the document's,
    the title is read without it, and the number is never taken for the empty 主题词's value."""
    text = (
        "索 引 号: | 主题分类: | 市政府文件 | |\n"
        "发文机关: | 某某市政府 | 成文日期: | |\n"
        "标 题: | 某政发〔2010〕22号 某某市人民政府关于表彰某某竞赛优胜单位的决定 | ||\n"
        "发文字号: | 发布日期: | 2010-12-13 | |\n"
        "主 题 词: |\n"
        "某政发〔2010〕22号 某某市人民政府关于表彰某某竞赛优胜单位的决定\n"
        "各县、区人民政府，市政府各部门：\n"
        "某某竞赛开展以来，成效显著。为表彰先进，市政府决定，授予某某县人民政府优胜单位称号。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.wenhao_normalized == "某政发〔2010〕22号"
    assert doc.title == "某某市人民政府关于表彰某某竞赛优胜单位的决定"
    assert doc.offices == ["某某市人民政府"]


def test_a_number_opening_a_line_in_a_text_is_no_heading(tmp_path):
    """Below the text's first sentence a line opening with a 文号 and a title is a line of a list the text
    gives (决定废止下列文件：), never a new document's head."""
    text = (
        "某某市人民政府关于废止部分规范性文件的决定\n某政发〔2020〕3号\n各县人民政府：\n"
        "经清理，市政府决定废止下列文件：\n"
        "某政发〔2015〕7号 某某市人民政府关于加强某某管理的通知\n"
        "某政发〔2016〕9号 某某市人民政府关于印发某某办法的通知\n"
        "某某市人民政府\n2020年5月6日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.wenhao_normalized == "某政发〔2020〕3号"
    assert "某政发〔2015〕7号 某某市人民政府关于加强某某管理的通知" in doc.body


def test_a_masthead_over_a_title_that_names_its_issuer_short(tmp_path):
    """A county page prints the 发文机关标志 (某某县人民政府) over a title that names its issuer short
    (县人民政府关于…): the mark is not the title's beginning, and the issuer is the county's government."""
    text = (
        "文件标题: 县人民政府关于印发《某某县人民政府工作规则》的通知\n"
        "文 号: 某政发〔2017〕1号 主题词:\n\n"
        "某某县人民政府\n\n"
        "县人民政府关于印发《某某县人民政府工作规则》的通知\n\n"
        "某政发〔2017〕1号\n\n"
        "各乡镇人民政府，县政府各部门：\n"
        "《某某县人民政府工作规则》已经县人民政府常务会议审议通过，现予印发。\n"
        "某某县人民政府\n2017年1月24日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.title == "县人民政府关于印发《某某县人民政府工作规则》的通知"
    assert doc.offices == ["某某县人民政府"]
    assert str(doc.date) == "2017-01-24"


def test_a_city_s_short_issuer_placed_by_its_table(tmp_path):
    """市政府关于…的复函: a city's site names its government short in the title; the table's 发布机构 names it
    in full (苏州市人民政府), and that is who issued it."""
    text = (
        "索 引 号:014150827/2018-00433\n\n发布机构:某某市人民政府\n\n"
        "名    称:市政府关于某某镇部分道路地名的复函\n\n文    号:某府地名函[2018]112号\n\n"
        "发文日期:2018年12月5日\n\n"
        "市政府关于某某镇部分道路地名的复函\n\n某府地名函〔2018〕112号\n\n某某镇人民政府：\n\n"
        "  你们上报的《关于申请部分道路地名命名的函》（某镇政〔2018〕3号）收悉。同意将“某某路”予以命名。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.offices == ["某某市人民政府"]
    assert doc.wenhao_normalized == "某府地名函〔2018〕112号"


def test_a_website_named_as_the_publishing_organ_is_its_organ(tmp_path):
    """A table whose 发布机构 is the organ's website (某某市人民政府网站), over a 批复 whose title names its issuer
    short and whose title the table prints only as its 内容概况, rows of a pipe table with numbered labels
    (主题(一) | … | 主题(二) | …): title, number and issuer are read from the table."""
    text = (
        "当前位置:某某市人民政府>政府信息公开>市政府文件\n"
        "市政府关于同意某某街道部分地名命名的批复\n"
        "来源:某某市人民政府网站\n日期:2024-12-03 14:28:18\n浏览次数:\n"
        "索引号 | 014046317/2024-07029 | 生成日期 | 2024-12-03 | 公开日期 | 2024-12-03 |\n"
        "文件编号 | 某政发[2024]171号 | 公开时限 | 长期公开 | ||\n"
        "发布机构 | 某某市人民政府网站 | 公开形式 | 网站 | ||\n"
        "公开方式 | 主动公开 | 公开范围 | 面向社会 | ||\n"
        "主题(一) | 城乡建设 | 主题(二) | 城乡建设(含住房) | 体裁 | 批复 |\n"
        "关键词 | 城市,乡镇,批复 | 分类词 | 城乡建设,文秘工作 | ||\n"
        "文件下载 | 下载 | ||||\n"
        "内容概况 | 市政府关于同意某某街道部分地名命名的批复 |\n"
        "某某街道办事处：\n"
        "你们关于地名命名的请示收悉。根据《地名管理条例》有关规定，经研究，现批复如下：\n"
        "一、某某路：位于某某大学西侧，南北走向，南至规划道路，北至规划道路，长1200米，宽22米。\n"
        "二、某某街：位于某某公园北侧，东西走向，东至某某路，西至某某大道，长1126米，宽12米。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.title == "市政府关于同意某某街道部分地名命名的批复"
    assert doc.wenhao_normalized == "某政发〔2024〕171号"
    assert doc.offices == ["某某市人民政府"]


def test_a_town_reposting_a_district_s_rules_is_not_their_issuer(tmp_path):
    """A town's 信息公开 column reposts a district's 办法 (甘州区…办法), its table naming the town as 发布机构:
    the town is who posted it, not who made it — no issuer is taken from the table."""
    text = (
        "某某区村级干部管理办法(试行)\n"
        "索引号 | 620702069/2023-00096 | 发文字号 | 号 |\n"
        "关键词 | 发布机构 | 某某镇 | |\n"
        "生成日期 | 2023-07-28 11:50:28 | 是否有效 | 是 |\n"
        "第一章总则\n第一条为规范村级干部管理，结合我区实际，制定本办法。\n"
        "第二条本办法所称村级干部，指村党组织书记、村委会主任。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.title == "某某区村级干部管理办法(试行)"
    assert doc.offices == []


@pytest.mark.parametrize(
    ("title", "organ"),
    [
        ("促进全市民营经济高质量发展的若干措施", "某某市人民政府"),  # 促进全市: no place
        ("推进城市更新行动实施方案", "某某市人民政府"),  # 推进城市: no place
        ("兴安盟城镇燃气管理办法", "盟住房和城乡建设局"),  # the League's bureau printed with 盟 alone
        ("全省乡村旅游发展规划", "国务院办公厅"),  # an organ of no place
    ],
)
def test_a_title_opening_with_words_that_end_in_a_place_s_mark_keeps_the_table_s_issuer(tmp_path, title, organ):
    """Only a table's organ of a lower rank than the place a title opens with is who posted the text (a town
    reposting a district's 办法): a city's table over 促进全市… or 推进城市… (no place; 2 to 8 characters before
    市) names its issuer, as does the League's 盟… bureau over 兴安盟… — they were refused with a note."""
    text = (
        f"索 引 号: | 000 | 主题分类: | 综合政务 |\n发文机关: | {organ} | 成文日期: | 2020年01月02日 |\n"
        f"标 题: | {title} |\n发文字号: | 某政发〔2020〕1号 | 发布日期: | 2020-01-03 |\n\n{title}\n\n"
        "一、优化环境。各部门要简化审批流程，压缩办理时限。\n二、加大支持。鼓励金融机构增加贷款投放。\n"
    )
    issue = parse_text(tmp_path, text)
    (doc,) = issue.documents
    assert doc.offices == [organ]
    assert not [w for w in issue.warnings if "未采用" in w]


def test_a_town_s_own_notice_under_its_table_is_the_town_s(tmp_path):
    """A town's table over its own text (no title naming another place): the town issued it."""
    text = (
        "索引号 | abc/2024-06332 | 效力属性 | |\n发布机构 | 某某镇 | 文 号 | |\n"
        "成文日期 | 2024-06-24 | 发布日期 | 2024-11-13 |\n"
        "为切实加强草原资源保护，促进畜牧业健康有序发展，提升草原生态系统稳定性和可持续性，根据《中华人民共和国草原法》"
        "等有关法律法规，现将我镇禁牧有关事项通告如下：\n"
        "一、全镇范围内的集体草场实行全年禁牧，禁牧期间一律不得放牧，违者由镇综合执法部门依法处理。\n"
        "二、各嘎查村要切实加强巡查管护，发现违规放牧行为及时制止，并向镇人民政府报告，确保禁牧工作落到实处。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.offices == ["某某镇"]


def test_a_title_that_opens_with_an_organ_implementing_another_s_text(tmp_path):
    """某某省人民政府贯彻国务院关于…的实施意见: 贯彻 ends the issuer as 关于 does — the province issued it, not
    “某某省人民政府贯彻国务院”."""
    text = (
        "某某省人民政府贯彻国务院关于推进某某改革的指导意见的实施意见\n某政发〔2009〕69号\n"
        "各市、县人民政府，省政府直属各单位：\n为贯彻国务院的指导意见，现提出以下实施意见。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.offices == ["某某省人民政府"]


def test_a_title_note_with_date_and_number_and_the_text_run_on(tmp_path):
    """A law database prints a notice's 题注 as (date 文号) and runs its first paragraph on after two spaces:
    the 题注 is read apart, the 文号 in it is the document's own (the 日 of the date is not its 代字's)."""
    text = (
        "某某省政府关于任免国家机关工作人员问题的通知\n\n  【发布文号】-----------\n\n  【发布日期】1985-05-04\n\n"
        "某某省人民政府关于任免国家机关工作人员问题的通知\n\n"
        "(1985年5月4日某政〔1985〕38号)  根据国务院关于干部任免的规定精神，现将有关问题通知如下：\n\n"
        " 一、任免权限\n\n  1、下列工作人员，由省长提请省人大常委会决定任免。\n"
    )
    docs = parse_text(tmp_path, text).documents
    doc = docs[-1]
    assert doc.wenhao_normalized == "某政〔1985〕38号"
    assert str(doc.date) == "1985-05-04"
    assert doc.body.startswith("根据国务院关于干部任免的规定精神")


def test_the_day_of_a_date_is_no_part_of_the_number_after_it():
    """(1985年5月4日皖政〔1985〕38号): the 日 that ends a date is not the first character of the 代字."""
    from corpus.wenhao import find_wenhao

    ((wenhao, start, _),) = find_wenhao("(1985年5月4日皖政〔1985〕38号)")
    assert (wenhao.canonical, start) == ("皖政〔1985〕38号", 10)
    ((unchanged, _, _),) = find_wenhao("日照市发布日政发〔2020〕1号")
    assert unchanged.code.endswith("日政发")


def test_joint_issuers_one_a_line_over_the_number(tmp_path):
    """A joint 通告's 版头 lists its issuing departments one a line over the 文号 (no 文件 after them), the title
    naming only their city: the departments are who issued it."""
    organs = ["某某市民政局", "某某市公安局", "某某市林业局", "某某市民族宗教事务局"]
    text = (
        "某某市关于加强殡葬管理工作的通告\n"
        + "\n".join(organs)
        + "\n某民发〔2025〕16号\n某某市关于加强殡葬管理工作的通告\n"
        "为深化殡葬改革，依据《殡葬管理条例》，现就有关事宜通告如下：\n一、严禁违规土葬。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.offices == organs
    assert doc.wenhao_normalized == "某民发〔2025〕16号"


def test_a_public_mark_and_the_date_on_one_line(tmp_path):
    """(此件发至乡)          2017年6月13日: the 附注 and the signing date set on one line are read apart."""
    text = (
        "中共某某市委办公室 某某市人民政府办公室\n\n关于印发《某某工作方案》的通知\n\n某办发〔2017〕19号\n\n"
        "各乡（镇）党委、人民政府：\n\n《某某工作方案》已经市委、市政府同意，现印发给你们，请认真贯彻执行。\n\n"
        "中共某某市委办公室\n某某市人民政府办公室\n\n \n\n(此件发至乡)                  2017年6月13日\n\n"
        "某某工作方案\n\n一、总体要求\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert str(doc.date) == "2017-06-13"


def test_a_news_headline_naming_the_documents_over_the_first_one(tmp_path):
    """A site reposts a document under a news headline that names it (某市印发《关于…的实施意见》和《关于…
    的实施意见》): the headline is no text of a document, and the title under it begins the document."""
    text = (
        "某某市印发《关于全面加强和改进新时代学校体育工作的实施意见》和《关于全面加强和改进新时代学校美育工作的实施意见》\n"
        "发布时间:2022-02-23 浏览次数:\n\n"
        "关于全面加强和改进新时代学校体育工作的实施意见\n\n"
        "为深入贯彻落实中央有关文件精神，进一步强化学校体育工作，结合本市实际，现提出如下实施意见。\n\n"
        "一、总体要求\n\n（一）指导思想\n\n以习近平新时代中国特色社会主义思想为指导，全面贯彻党的教育方针，落实立德树人根本任务。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.title == "关于全面加强和改进新时代学校体育工作的实施意见"


def test_a_news_site_s_source_line_over_a_notice(tmp_path):
    """A news site's line naming the time and the source (时间:… 来源: 某某指挥部办公室), long as it is, is the
    page's chrome: the notice's title under it (over two lines, its serial below) begins the document."""
    text = (
        "某某发布52号通告:5月24日零时调整中心城区管控区域!\n\n"
        "时间:2022-05-24 08:42:20 来源: 某某市新型冠状病毒感染的肺炎疫情防控指挥部办公室\n\n\n"
        "关于调整中心城区\n\n管控区域的通告\n\n(2022年52号)\n\n"
        "根据疫情形势变化，经某某市疫情防控指挥部研究决定，对中心城区部分管控区域进行调整，现通告如下：\n\n"
        "一、以下区域实行管控区管理\n\n西关街道：寿昌社区西寿昌里区域。\n\n"
        "二、管控区严格落实“人不出区、严禁聚集”；其他区域严格落实常态化防控措施，限制人员聚集，进入公共场所扫码、测温、戴口罩。\n\n"
        "某某市新型冠状病毒感染的肺炎疫情防控指挥部办公室\n\n2022年5月23日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.title == "关于调整中心城区管控区域的通告"
    assert str(doc.date) == "2022-05-23"


def test_a_notice_titled_by_its_issuer_with_its_serial(tmp_path):
    """某某县…指挥部办公室通告(第1号): a 通告 titled by its issuer and numbered in parentheses — a title all
    the same (of kind 通告), issued by the body it names (an ad hoc body whose name holds 的)."""
    text = (
        "某某县人民政府\n\n政府信息公开\n\n"
        "某某县新型冠状病毒感染的肺炎疫情防控工作指挥部办公室通告(第1号)\n\n"
        "发布时间:2020-01-26   浏览次数:   【字体:\n\n"
        "为切实做好疫情防控工作，指挥部办公室即日起开通面向公众的举报电话，请广大群众积极举报有关线索。\n\n"
        "举报电话:08720000000\n\n特此通告\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.title == "某某县新型冠状病毒感染的肺炎疫情防控工作指挥部办公室通告(第1号)"
    assert doc.doc_type == "通告"
    assert doc.offices == ["某某县新型冠状病毒感染的肺炎疫情防控工作指挥部办公室"]


def test_an_order_flattened_onto_one_line_and_signed_at_its_end(tmp_path):
    """A 禁火令 printed on one line (title, serial, text, signature, date, a space between each): cut back into
    its parts by the signature and date at its end; signed by the same government with its city before it."""
    text = (
        "某某区人民政府森林防火禁火令\n2025-01-10 09:36:25 作者: 来源:某某市某某区人民政府\n|\n"
        "某某区人民政府森林防火禁火令 (2025年第2号) 我区未来几天将持续晴好天气，森林火险等级较高，为有效预防森林火灾的发生，"
        "根据《森林防火条例》第二十八条规定。区政府决定：从2025年1月9日至1月11日在全区范围内严禁一切野外用火。"
        "违令者，按照有关法律法规规定追究相关人员的法律责任。 某某市某某区人民政府 2025年1月8日 |\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.title == "某某区人民政府森林防火禁火令"
    assert doc.offices == ["某某市某某区人民政府"]
    assert str(doc.date) == "2025-01-08"


def test_a_title_s_organ_signed_in_another_organ_s_name_stays(tmp_path):
    """A title naming a whole organ signed by a different one (not the same organ with its city before it):
    the title's organ stays."""
    text = (
        "某某区人民政府关于加强森林防火工作的通知\n某区政发〔2025〕3号\n各镇人民政府：\n"
        "为有效预防森林火灾的发生，现就有关事项通知如下：严禁一切野外用火。\n"
        "某某区人民政府办公室\n2025年1月8日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.offices == ["某某区人民政府"]


def test_an_organ_s_short_name_over_a_number_is_its_mark_not_a_title(tmp_path):
    """A department's page prints each 提案答复 under its name short (某某局) over the 函's number, the
    issuers' line under it in full: that short name is the 发文机关标志, never the document's title — a
    second answer cut inside its title has no title, and is issued by the department in full."""
    text = (
        "提案办理答复报告\n\n"
        "某某局\n\n某某函〔2022〕13号\n\n办理结果:( A\n\n某某盟某某局\n\n对盟政协第十届第一次会议第0026号\n\n提案的答复\n\n"
        "某某委员:\n\n接到提升市场竞争力的提案后，我局组织专人进行对接，现答复如下。\n\n"
        "今后的工作开展过程中，我局将把产品包装纳入帮扶计划，多角度多渠道提高企业销售额，增强产品的宣传功效。\n\n"
        "某某局\n\n某某函〔2022〕7号\n\n办理结果:( A\n\n某某盟某某局\n\n对盟政协第十届第一次"
    )
    first, second = parse_text(tmp_path, text).documents
    assert first.title == "某某盟某某局对盟政协第十届第一次会议第0026号提案的答复"
    assert second.wenhao_normalized == "某某函〔2022〕7号"
    assert second.title != "某某局"
    assert second.offices == ["某某盟某某局"]


def test_a_metadata_table_printed_after_the_document(tmp_path):
    """A mirror prints the page's table after the 决定's date: a header row of labels (索  引  号 文       号
    发布机构 …) and their values on the lines under it, wrapped. The table is the document's: its 文号 is the
    document's number, and as the 代字 is the government's own (no 办), the government issued it, not the
    office the table names as publisher. The table is no part of the text."""
    text = (
        "关于对2010年度农村公路竞赛活动进行表彰的决定\n\n\n"
        "经综合检查评定，市政府决定对某某县人民政府等2010年度农村公路竞赛活动中涌现的先进单位进行表彰。\n\n"
        "一、金杯单位\n\n某某县人民政府\n\n某某区人民政府\n\n"
        "希望受表彰的先进单位要珍惜荣誉，戒骄戒躁，再接再厉，再创佳绩，为全市经济社会发展做出新的更大贡献。\n\n"
        "二○一一年二月二十三日\n\n"
        "主题词:农村公路 表彰 决定\n\n"
        "索  引  号 文       号 发布机构 发布日期 公开范围 公开方式\n"
        "N001-2011-000627 某政〔2011〕7号\n某某市人民政府办公室 2011-03-04\n面向社会 主动公开\n"
        "标签:\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.wenhao_normalized == "某政〔2011〕7号"
    assert doc.offices == ["某某市人民政府"]
    assert str(doc.date) == "2011-02-23"
    assert "N001-2011-000627" not in doc.body


def test_a_header_row_s_values_are_read_only_when_they_are_as_many():
    """A header row of labels takes the words under it only when there are exactly as many of them."""
    from corpus.elements.metablock import read_metadata_block

    lines = [
        "索  引  号 文       号 发布机构 发布日期",
        "N001-2011-000627 某政〔2011〕7号",
        "某某市人民政府办公室 2011-03-04",
    ]
    _, values = read_metadata_block(lines, 0)
    assert values["发文字号"] == "某政〔2011〕7号" and values["发布日期"] == "2011-03-04"
    short = ["索  引  号 文       号 发布机构 发布日期", "N001-2011-000627 某政〔2011〕7号", "某某市人民政府办公室"]
    read = read_metadata_block(short, 0)
    assert read is None or "发文字号" not in read[1]


def test_a_number_with_its_addressees_run_on(tmp_path):
    """A reprint that lost the line breaks of a notice's head prints its 文号, its 主送机关 and its text on one
    line (汕府办[2015]29号各县(市、区)人民政府,…:现将…): the number is read as the document's."""
    text = (
        "论文部分内容阅读\n"
        "某府办[2015]29号各县(市、区)人民政府,市政府各部门、各直属机构:现将《某某省人民政府办公厅转发某某意见的通知》"
        "(某府办[2015]22号)转发给你们,经市人民政府同意,结合我市实际,提出以下意见,请一并贯彻执行。"
        "各县(市、区)人民政府和市直有关单位要认真开展清查登记工作,并如实填写清理情况表送市编办。\n"
        "Shantou Office [2015] 29 Counties (cities, districts) People's governments: Forward the notice.\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.wenhao_normalized == "某府办〔2015〕29号"


def test_a_news_item_reposting_a_notice_in_full_on_one_line(tmp_path):
    """A news site flattens its item onto one line: the lead, 全文如下:, then the notice's title run on into its
    主送机关 and its text. The notice is found under its own title, issued by the office it names."""
    text = (
        "国务院成立某某普查领导小组 某某任组长\n"
        "原标题:国务院成立某某普查领导小组中新网6月13日电 据中国政府网消息,国务院办公厅公布关于成立某某普查领导小组的通知,"
        "根据通知,由国务院副总理任组长。全文如下:国务院办公厅关于成立某某普查领导小组的通知各省、自治区、直辖市人民政府,"
        "国务院各部委、各直属机构:为加强对某某普查的领导,国务院决定成立某某普查领导小组。现将有关事项通知如下:"
        "一、主要职责负责某某普查的组织和领导,协调解决普查中的重大问题。二、组成人员组长:某某某国务院副总理\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.title == "国务院办公厅关于成立某某普查领导小组的通知"
    assert doc.offices == ["国务院办公厅"]


def test_a_page_s_notice_over_the_document_it_publishes(tmp_path):
    """A 公示 titled at the page's top, a line of text, then 附件: and the notice it publishes (joint issuers'
    line, title, 文号 …): two documents, the 公示 and the notice, each with its title and issuers."""
    text = (
        "中共某某市委办公室 某某市人民政府办公室 关于对《某某工作方案》的公示\n\n"
        "来源:某某网 2017-12-13 14:19 作者:中共某某市委办公室 浏览次数:\n\n"
        "为深入贯彻落实上级有关文件精神，进一步推进某某工作，现将《某某工作方案》进行公示，欢迎社会各界和广大群众进行监督。\n\n\n"
        "附件:\n\n \n\n"
        "中共某某市委办公室 某某市人民政府办公室\n\n关于印发《某某工作方案》的通知\n\n某办发〔2017〕19号\n\n"
        "各乡（镇）党委、人民政府：\n\n《某某工作方案》已经市委、市政府同意，现印发给你们，请认真贯彻执行。\n\n"
        "中共某某市委办公室\n某某市人民政府办公室\n\n2017年6月13日\n\n某某工作方案\n\n一、总体要求\n"
    )
    notice, issued = parse_text(tmp_path, text).documents
    assert notice.title == "中共某某市委办公室某某市人民政府办公室关于对《某某工作方案》的公示"
    assert notice.offices == ["中共某某市委办公室", "某某市人民政府办公室"]
    assert issued.wenhao_normalized == "某办发〔2017〕19号"


def test_a_date_that_lost_its_marks_read_by_the_page_s_posting_date(tmp_path):
    """2020126 under a signature set over two lines after 特此通告 reads 2020年1月26日 or 2020年12月6日; the
    page was posted on 2020-01-26, and nothing is signed after it is posted: 1月26日. The closing lines stay
    lines of their own, not run on to the text above them."""
    text = (
        "某某县人民政府\n\n政府信息公开\n\n某某县疫情防控工作指挥部办公室通告(第1号)\n\n"
        "发布时间:2020-01-26   浏览次数:   【字体:\n\n"
        "为切实做好疫情防控工作，指挥部办公室即日起开通面向公众的举报电话，请广大群众积极举报有关线索。\n\n"
        "举报电话:08720000000\n\n特此通告\n\n"
        "                                          某某县新型冠状病毒感染的肺炎疫情\n\n"
        "                                               防控工作指挥部办公室\n\n"
        "                                                   2020126"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert str(doc.date) == "2020-01-26"
    assert "特此通告\n" in doc.body


def test_a_date_that_lost_its_marks_stays_unread_when_two_readings_remain():
    from corpus.dates import parse_compact_date

    assert parse_compact_date("2020126") is None
    assert str(parse_compact_date("2020126", __import__("datetime").date(2020, 1, 26))) == "2020-01-26"


def test_a_city_s_short_issuer_placed_by_the_page_s_source_line(tmp_path):
    """市政府关于…的复函 on a page with no table, whose posting line names its source (来源: 某某市人民政府办公室):
    the city is the source's, the issuer its government."""
    text = (
        "当前位置: 首页 > 政务公开 > 地名管理\n\n市政府关于某某街道部分道路地名命名的复函\n\n某府地名函〔2024〕37号\n\n"
        "时间: 2024-07-05 14:59 来源: 某某市人民政府办公室 访问量:\n\n某某街道办事处:\n\n"
        "你们上报的《关于申请部分道路地名命名的函》(某办〔2024〕22号)收悉。根据地名管理法规的相关规定,同意将6条道路地名予以命名。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.offices == ["某某市人民政府"]


@pytest.mark.parametrize(
    ("printed", "code"), [("区人民政府", "新政发"), ("区政府", "内政发"), ("区人民政府", "桂政发")]
)
def test_a_district_s_government_is_no_autonomous_region_s(tmp_path, printed, code):
    """区人民政府关于… (a district's own page) is the district's government: 内蒙古自治区人民政府 ends with 区人民政府
    and 新疆维吾尔自治区 with 区, so a code opening with 内/新/桂/藏/宁 named the region's government."""
    text = (
        f"{printed}关于加强城市管理的通知\n{code}〔2020〕3号\n各街道办事处，区政府各部门：\n"
        "现将有关事项通知如下，请认真贯彻执行。\n2020年1月2日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.offices == [printed]


def test_an_autonomous_region_s_government_is_still_placed_by_its_code(tmp_path):
    text = (
        "自治区人民政府关于加强城市管理的通知\n新政发〔2020〕4号\n各地、州、市人民政府：\n"
        "现将有关事项通知如下，请认真贯彻执行。\n2020年1月2日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.offices == ["新疆维吾尔自治区人民政府"]


def test_a_latin_chrome_line_over_a_title_is_no_part_of_it(tmp_path):
    """An aggregator's Latin chrome (The Beginning) set over the 通告's title: no part of the title, nor an
    issuer; the notice is signed by its office."""
    text = (
        "首页 > 资讯 > 焦点关注\n\n某某开发区禁止燃放烟花爆竹通知(某某开发区禁止燃放烟花爆竹通知文件)\n\n"
        "来源: 更新时间:2022-10-05 23:18:54\nThe Beginning\n\n  关于禁止在某某开发区所辖区域燃放烟花爆竹的通告\n\n"
        "  为保障人民群众的生命财产安全和正常生活工作秩序，根据国务院《烟花爆竹安全管理条例》等法律、法规规定，现就有关事项通告如下：\n\n"
        "  一、严禁在某某开发区所辖区域内燃放烟花爆竹。\n\n  特此通告。\n\n  某某市公安局经济技术开发区分局\n\n   2021年1月9日\n\n"
        "THE END\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.title == "关于禁止在某某开发区所辖区域燃放烟花爆竹的通告"
    assert doc.offices == ["某某市公安局经济技术开发区分局"]


def test_a_signature_and_its_date_one_space_apart(tmp_path):
    """A forum reflows the signature and the date onto one line with a single space between them: read apart."""
    text = (
        "关于春节期间禁止燃放烟花爆竹的通告 某府通〔2019〕2号 为减少城市环境污染，根据国务院《烟花爆竹安全管理条例》等法律法规规定，"
        "市政府决定春节期间禁止燃放烟花爆竹，现将有关事项通告如下： 一、严禁燃放烟花爆竹。 二、违者依法处理。 此告\n"
        "某某市人民政府 2019年1月21日\n|\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.offices == ["某某市人民政府"]
    assert str(doc.date) == "2019-01-21"


def test_a_date_under_a_page_s_label_is_no_signing_date(tmp_path):
    """A database record prints its posting date under a label of its own (Published / 2025-05-09, the label run
    on to the English line above it): the page's date, not the document's 成文日期 (none is printed)."""
    text = (
        "某某自治区就业促进工作领导小组关于印发《某某实施方案》的通知\n\nEnglish title (machine-translated)\n"
        "Notice of the Leading Group on Issuing the Implementation Plan.\nPublished\n2025-05-09\n"
        "Type\nLaw, regulation or policy\nDepartment\n某某自治区人力资源和社会保障厅\n"
        "为贯彻落实国家有关部署，结合实际，现将《某某实施方案》印发给你们，请认真贯彻落实。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.date is None


def test_a_date_under_the_signature_is_the_signing_date(tmp_path):
    text = (
        "某某市人民政府关于加强某某工作的通知\n某政发〔2025〕5号\n各县区人民政府：\n现将有关事项通知如下，请认真贯彻执行。\n"
        "某某市人民政府\n2025-05-09\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert str(doc.date) == "2025-05-09"


def test_a_roster_with_a_first_deputy_and_transliterated_names(tmp_path):
    """A roster with a 第一副组长 (its own role, not lost between 组长 and 副组长) and members whose names are
    transliterated with ·, longer than a Han name (买买提尼亚孜·库尔班): each seat read with its person."""
    text = (
        "某某市人民政府办公室关于成立某某建设专班的通知\n某政办函〔2023〕47号\n某某区人民政府，市有关单位：\n"
        "为协调推进某某建设工作，市政府决定成立某某建设专班，现将具体事宜通知如下：\n一、专班组成人员\n"
        "组长：孙某某（市政府市长）\n第一副组长：王某（市政府常务副市长）\n副组长：李某某（市政府副市长）\n"
        "成员：买买提尼亚孜·库尔班（市农业农村局局长）\n阿不都热合曼·买买提·吐尔逊（市林草局局长）\n薛某林（市文旅局局长）\n"
        "专班下设办公室，办公室设在市科技局，负责专班的日常工作。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    (group,) = doc.groups
    seats = [(m.role, m.name) for m in group.members]
    assert ("第一副组长", "王某") in seats
    assert ("成员", "买买提尼亚孜·库尔班") in seats and ("成员", "阿不都热合曼·买买提·吐尔逊") in seats
