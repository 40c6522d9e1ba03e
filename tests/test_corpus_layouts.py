"""Layouts of real published pages (a third set of real fragments, read in December 2026), each as a small
made-up text in the same form: what the page printed around the document, and what the parser must make
of it — the document found, with its 文号, title, offices and date."""

from __future__ import annotations

import pytest
from made_up_pages import parse_text


def test_a_signature_under_contact_lines_stands_alone(tmp_path):
    """联系人 / 联系电话 / 邮箱 end no sentence: the signing organ under them is not run on to them."""
    text = (
        "各旗县区卫生健康委，市中医医院：\n"
        "现将自治区卫生健康委《关于开展专项检查的通知》转发给你们，请认真组织自查，按时上报结果。\n"
        "一、自查安排\n各单位按照方案要求认真自查，并将自查报告于2020年3月20日前上报市卫生健康委。\n"
        "联系人：张某某\n联系电话：6612345\n邮箱：abc123@qq.com\n某某市卫生健康委员会\n2020年3月1日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.offices, str(doc.date)) == ("（无标题）", ["某某市卫生健康委员会"], "2020-03-01")
    assert "\n某某市卫生健康委员会\n" in doc.body


def test_spaces_saved_as_question_marks_are_spaces_again(tmp_path):
    """A page whose full-width spaces became "??": the indent, a right-aligned signature's padding and a
    heading's gaps; the signature and the date under it are read."""
    text = (
        "各县（市）、区人民政府，市政府各直属单位：\n"
        "??经市政府同意，现将《某某市慢性病防治规划（2018—2025年）》印发给你们，请认真贯彻执行。\n"
        "某某市人民政府办公室????????\n"
        "??2018年5月14日????????\n"
        "??某某市慢性病防治规划（2018—2025年）\n"
        "第一章?总?则\n"
        "??为推进慢性病防治工作，制定本规划。\n"
    )
    issue = parse_text(tmp_path, text)
    (doc,) = issue.documents
    assert (doc.offices, str(doc.date)) == (["某某市人民政府办公室"], "2018-05-14")
    assert "?" not in doc.body and "第一章　总　则" in doc.body
    assert any("问号" in w for w in issue.warnings)


def test_a_question_mark_or_two_is_punctuation(tmp_path):
    text = (
        "某某县人民政府关于征求意见的通知\n某政发〔2020〕3号\n各乡镇人民政府：\n"
        "本方案是否可行??请各单位提出意见。是否需要调整?请一并反馈。\n某某县人民政府\n2020年1月2日\n"
    )
    issue = parse_text(tmp_path, text)
    assert "是否可行??请" in issue.documents[0].body and "调整?请" in issue.documents[0].body
    assert not any("问号" in w for w in issue.warnings)


def test_a_regulation_with_its_order_mark_under_its_title(tmp_path):
    """A law database prints the regulation's title, then 中华人民共和国国务院令 / 第N号 and the promulgation
    hard-wrapped: the mark is no line of the title, and the number is the document's."""
    text = (
        "您的位置: 首页 » 法律资料网 » 法律法规 »\n\n某某物品管理条例\n\n时间:2024-07-23 23:10:09  浏览:9241\n\n"
        "某某物品管理条例\n\n国务院\n\n\n某某物品管理条例\n\n  中华人民共和国国务院令\n\n  第999号\n\n"
        "  《某某物品管理条例》已经1997年12月12日\n国务院第六十四次常务会议通过，现予发布，自1998\n年1月1日起施行。\n\n"
        "  总理某某某\n\n  1997年12月19日\n\n  第一条为了加强某某物品管理，制定本条例。\n\n  第二条国家对某某物品实行定点管理。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.wenhao_normalized, doc.offices) == ("某某物品管理条例", "国令第999号", ["国务院"])
    assert str(doc.date) == "1997-12-19"


@pytest.mark.parametrize(
    "under",
    [
        "——在某某旗第十八届人民代表大会第三次会议上\n\n(2024年3月12日)\n\n王 某 某\n\n",
        "——在某某旗第十八届人民代表大会第三次会议上\n\n王 某 某\n\n(2024年3月12日)\n\n",
    ],
)
def test_a_report_under_a_site_headline_is_titled_and_dated_by_its_own_head(tmp_path, under):
    """The site's headline (2024年政府工作报告) over the report's own letter-spaced title, its occasion line
    printed without the date, the date in parentheses above or below the speaker's name."""
    text = (
        "2024年政府工作报告\n\n来源:某某旗 作者:某某旗政务 发布时间:2024-03-12 15:58 浏览次数:\n分享\n下载本页 打印\n\n"
        " 政 府 工 作 报 告\n\n  \n\n  "
        + under
        + "各位代表:\n\n  现在，我代表某某旗人民政府向大会报告工作，请予审议。\n\n"
        "  一、2023年工作回顾\n\n  过去一年，全旗地区生产总值增长5.7%。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, str(doc.date)) == ("政府工作报告", "2024-03-12")


def test_a_title_quoted_before_the_sentence_that_announces_is_no_promulgation(tmp_path):
    """按照《…通知》的要求，…进行了清理。…现将清理结果公布如下: the quoted notice is cited, not promulgated; the
    page is an untitled 通告 signed by the district."""
    text = (
        "〔2019〕第4号\n"
        "为维护法制统一，按照《某某市人民政府办公室关于开展行政规范性文件定期清理的通知》（某市府办发〔2018〕57号）的要求，"
        "我区对规范性文件进行了全面清理。经2019年1月18日区政府常务会议审议通过，现将清理结果集中公布如下：\n"
        "一、对需继续执行的规范性文件26件宣布继续有效。\n二、对实际上不再执行的规范性文件7件宣布失效。\n"
        "某某市某某区人民政府\n2019年1月25日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.offices, str(doc.date)) == ("（无标题）", ["某某市某某区人民政府"], "2019-01-25")


def test_a_title_naming_its_issuer_short_is_signed_in_full(tmp_path):
    text = (
        "某某市某某区某某镇关于公布规范性文件清理结果的通知\n\n各有关单位、村(居)委会:\n\n"
        "  为全面推进依法行政，我镇对以镇人民政府名义印发的规范性文件进行了清理，决定保留1份，废止3份。\n\n\n"
        "某某市某某区某某镇人民政府\n\n2023年3月7日 \n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.offices == ["某某市某某区某某镇人民政府"]


def test_a_place_as_issuer_is_not_completed_by_a_sub_office_signing(tmp_path):
    """某某县关于…的决定 signed by 某某县人民政府办公室: the office is no fuller name of the county."""
    text = (
        "某某县关于表彰先进集体的决定\n各乡镇人民政府，县直各部门：\n"
        "2020年，全县上下团结奋斗，涌现出一批先进集体。经研究，决定予以表彰。\n某某县人民政府办公室\n2021年1月5日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.offices == ["某某县"]


def test_a_whole_organ_in_the_title_is_kept_as_printed(tmp_path):
    text = (
        "某某县人民政府关于做好春耕生产的通知\n某政发〔2023〕5号\n各乡镇人民政府：\n现将有关事项通知如下，请认真执行。\n"
        "某某县人民政府办公室\n2023年3月7日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.offices == ["某某县人民政府"]


def test_a_yearbook_volume_label_is_no_part_of_the_title(tmp_path):
    text = (
        "当前位置:区情网  /  数字史志  /  年鉴  /  2002卷  /  特载\n\n2002卷\n\n  • 政府工作报告\n"
        "  • ——2001年2月16日在某某自治区第九届人民代表大会第四次会议上\n\n\n    自治区代主席 某某某\n\n"
        "    各位代表:\n        我们胜利完成了第九个五年计划。现在，我代表自治区人民政府作工作报告，请各位代表审议。\n"
        "    一、“九五”时期工作的回顾\n        五年来，全区国民经济持续快速健康发展，综合经济实力明显增强。\n"
    )
    issue = parse_text(tmp_path, text)
    (doc,) = issue.documents
    assert (doc.title, str(doc.date)) == ("政府工作报告", "2001-02-16")
    assert issue.year == 2001  # the volume reprints the year before's report


def test_an_untitled_notice_to_a_state_farm(tmp_path):
    """A 征地 notice that begins at its addressee, a farm, and ends at its date."""
    text = (
        "某某盟国有某某牧场:\n我旗依据《中华人民共和国土地管理法》拟征收你场国有土地0.0987公顷，用于城镇建设用地项目，"
        "土地进行货币补偿。你场和有关职工对以上内容有异议者，可在7日内要求举行听证。\n2015年4月25日"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, str(doc.date)) == ("（无标题）", "2015-04-25")
    assert doc.addressee == "某某盟国有某某牧场"


def test_a_plan_under_a_wrapped_note_with_its_own_contents(tmp_path):
    """A 规划纲要 adopted by a congress: its 题注 wrapped over two lines, then its own 目录 of chapters (no page
    numbers: not an issue's table of contents)."""
    text = (
        "某某自治区国民经济和社会发展\n第十二个五年规划纲要\n(2011 年 1 月 22 日某某自治区第十一届人民代表大会\n"
        "第四次会议通过)\n目 录\n第一章 科学发展 走富民强区之路\n第一节 发展基础和面临形势\n第二节 指导思想和发展目标\n"
        "第二章 优化布局 促进区域城乡协调发展\n第一节 促进区域协调发展\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, str(doc.date)) == ("某某自治区国民经济和社会发展第十二个五年规划纲要", "2011-01-22")


def test_a_reply_titled_by_what_it_answers(tmp_path):
    """兴安盟's 提案答复 pages: a short mark, the 函 number, a 办理结果 line, then the issuer's line over 对…第N号 /
    提案的答复 (对 opens sentences, never a sentence ending in 的答复)."""
    text = (
        "提案办理答复报告\n\n来源:盟某某局 发布时间:2022年07月08日 分享到:\n\n某某局\n\n兴某函〔2022〕13号\n\n"
        "办理结果:( A\n\n兴安盟某某局\n\n对盟政协第十届第一次会议第0026号\n\n提案的答复\n\n某某某委员:\n\n"
        "接到关于提升产品包装的提案后，我局组织专人进行对接。\n\n今后我局将把产品包装纳入帮扶计划。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.wenhao_normalized, doc.offices) == (
        "兴安盟某某局对盟政协第十届第一次会议第0026号提案的答复",
        "兴某函〔2022〕13号",
        ["兴安盟某某局"],
    )


def test_a_notice_titled_by_its_kind_letter_spaced(tmp_path):
    text = (
        "公 告\n为推动政策措施贯彻落实，某某市人民政府开通了督查平台，面向社会征集问题线索或意见建议：\n"
        "一是政策措施不落实的问题线索；\n二是改进政府工作的意见建议。\n扫码进入督查平台，即可提交相关线索。\n"
    )
    issue = parse_text(tmp_path, text)
    (doc,) = issue.documents
    assert doc.title == "公告"
    assert any("标题只有文种（公告）" in w for w in issue.warnings)  # not 找不到标题


def test_a_column_name_under_the_page_s_tools_is_no_title_nor_mark(tmp_path):
    """The accessibility tools (…取消朗读), the column name 政府文件, then a bulleted title and its text flattened."""
    text = (
        "语音朗读,设置朗读按钮,默认不\n朗读\n,老年人用户单击按钮即可对当前\n区域内容进行朗读,再次点击\n取消朗读\n\n政府文件\n"
        "  • 某某自治区人民政府办公厅关于调整最低工资标准的通知\n\n"
        "    各盟行政公署、市人民政府:根据有关规定，自治区人民政府决定调整全区最低工资标准。现将有关事宜通知如下:"
        "一、提高最低工资标准。二、原《某某自治区人民政府办公厅关于调整最低工资标准的通知》(某政办发〔2024〕46号)同时废止。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.offices) == (
        "某某自治区人民政府办公厅关于调整最低工资标准的通知",
        ["某某自治区人民政府办公厅"],
    )


def test_a_report_whose_title_is_lost_begins_at_its_speaker(tmp_path):
    text = (
        "某某市人民政府市长 某某某\n各位代表:\n现在,我代表市人民政府,向大会报告工作,请予审议。\n过去五年工作回顾\n"
        "五年来,在自治区党委、政府和市委的领导下,市政府团结依靠全市各族人民,完成了各项任务。\n"
        "———综合实力大幅提升。经济总量跨越了两千亿元和三千亿元两个台阶。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.offices) == ("（无标题）", ["某某市人民政府"])


@pytest.mark.parametrize(
    "title, number, office",
    [
        ("省人民政府关于\n进一步优化营商环境的若干意见", "鄂政发〔2018〕26号", "湖北省人民政府"),
        ("自治区人民政府办公厅关于做好春耕生产的通知", "内政办发〔2020〕9号", "内蒙古自治区人民政府办公厅"),
        ("市人民政府关于加强城市管理的通知", "宁政发〔2019〕3号", "市人民政府"),  # 宁: 宁夏 is no 市; 南京's 宁政发
        # a municipality's letter is a county-level city's too (京山市's 京政发): 市 is never placed by it
        ("市人民政府关于加强城市管理的通知", "京政发〔2016〕3号", "市人民政府"),
    ],
)
def test_a_government_printed_without_its_province_is_placed_by_its_code(tmp_path, title, number, office):
    """A provincial gazette prints its government's documents as 省人民政府关于…: the 代字 names the province."""
    text = f"{title}\n{number}\n各市、州、县人民政府，省政府各部门：\n现将有关事项通知如下，请认真贯彻执行。\n"
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.offices == [office]


def test_a_city_printed_without_its_name_is_placed_by_its_signature(tmp_path):
    """津市市 (湖南) numbers its documents 津政发, as 天津 does: its gazette's 市人民政府关于… is the city signed under
    the text, never the municipality its code's letter names."""
    text = (
        "市人民政府关于加强城市管理的通知\n津政发〔2019〕3号\n各乡镇人民政府、街道办事处，市直各单位：\n"
        "现将有关事项通知如下，请认真贯彻执行。\n津市市人民政府\n2019年3月1日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.offices == ["津市市人民政府"]


def test_a_standing_committee_s_announcement_is_the_decision_it_promulgates(tmp_path):
    text = (
        "某某自治区第十届人民代表大会常务委员会第十二次会议,决定对《某某自治区计量管理条例》作如下修改:\n一、删去第十一条。\n"
        "本决定自公布之日起施行。\n某某自治区第十届人民代表大会常务委员会公告\n第 23 号\n"
        "2004年11月26日某某自治区第十届人民代表大会常务委员会第十二次会议通过《某某自治区人民代表大会常务委员会关于修改"
        "〈某某自治区计量管理条例〉的决定》,现予公布,自公布之日起施行。\n2004年11月26日\n第一章 总 则\n"
        "第一条 为加强计量监督管理,制定本条例。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.offices, str(doc.date)) == (
        "某某自治区人民代表大会常务委员会关于修改《某某自治区计量管理条例》的决定",
        ["某某自治区人民代表大会常务委员会"],
        "2004-11-26",
    )


def test_a_list_item_s_run_on_closing_dates_it(tmp_path):
    """A list page's item, the whole text on one line, ends in its date and (此件公开发布)."""
    text = (
        "语音朗读,设置朗读按钮,默认不\n朗读,老年人用户单击按钮即可对当前\n区域内容进行朗读,再次点击,\n取消朗读。\n"
        "某某市人民政府:你市《关于某区土地征收成片开发调整方案的请示》(某政报〔2025〕22号)收悉。"
        "现批复如下:经自治区自然资源厅组织专家论证和审查,原则同意该方案,请依法依规做好各项工作。2025年3月17日 (此件公开发布)\n"
        "2025-04-09各盟行政公署、市人民政府:为进一步健全自治区级非遗代表性项目名录体系,自治区人民政府决定命名第八批项目,"
        "现予公布。各地区、各有关部门要扎实做好非遗代表性项目的保护传承工作。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (str(doc.date), doc.public) == ("2025-03-17", True)


def test_a_government_s_numbered_announcement_stays_the_document(tmp_path):
    """Unlike a congress's, a government's numbered 公告 that announces an approved 方案 is the document."""
    text = (
        "某某市人民政府公告\n第 3 号\n《某某市2020年度第五批次城市建设用地征收土地方案》已经自治区人民政府批准，现予公布。\n"
        "一、征收土地位置：某某街道。\n二、征收土地面积：3.48公顷。\n某某市人民政府\n2020年10月24日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents  # one document: the 方案 it announces is its text
    assert (doc.title, str(doc.date)) == ("某某市人民政府公告", "2020-10-24")


def test_a_government_s_unnumbered_announcement_stays_the_document(tmp_path):
    """As numbered: a government's 公告 over the 规划 it announces as approved is the document, not the 规划."""
    text = (
        "某某县人民政府公告\n《某某县国土空间总体规划（2021-2035年）》已经自治区人民政府批准，现予公布。\n"
        "一、规划范围：全县行政区域。\n某某县人民政府\n2023年10月24日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.offices, str(doc.date)) == ("某某县人民政府公告", ["某某县人民政府"], "2023-10-24")


@pytest.mark.parametrize(
    "number, office",
    [
        ("国发[2015]68号", "国务院"),
        ("国办发〔2018〕12号", "国务院办公厅"),
        ("内政办发〔2024〕46号", "内蒙古自治区人民政府办公厅"),
    ],
)
def test_a_national_or_regional_code_names_the_office_of_a_headless_page(tmp_path, number, office):
    """A fragment that begins at its 文号 (its title lost): the State Council's and the region's codes say who
    issued it; the document keeps the id it had (no readable slug is given to these codes)."""
    from corpus.wenhao import parse_wenhao

    text = (
        f"{number}\n各省、自治区、直辖市人民政府，国务院各部委、各直属机构∶\n"
        "为进一步推进依法行政，现决定对一批文件宣布失效，不再执行。\n各地区、各部门要认真做好清理工作。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.offices == [office]
    assert doc.id == parse_wenhao(number).slug


def test_a_yearbook_s_chronicle_is_of_the_year_before_its_volume(tmp_path):
    """内蒙古年鉴 2021卷 records 2020: its 大事记 entries (• 9月 / 1日 …) are dated 2020, not 2021."""
    text = (
        "当前位置:区情网  /  数字史志  /  年鉴  /  2021卷  /  大事记\n\n2021卷\n\n  • 9月\n  • 发布时间:10-14\n  • 来源:\n\n"
        "  • 1日  全区巡视巡察工作会议在呼和浩特召开。自治区党委书记出席会议并讲话。\n"
        "    △ 2020年全区民族文学论坛在呼和浩特开幕。\n"
        "  • 4日  自治区人民政府召开常务会议，研究部署秋季农业生产工作。\n"
    )
    issue = parse_text(tmp_path, text)
    assert [str(e.date) for e in issue.chronicle][:1] == ["2020-09-01"]
    assert str(issue.chronicle[-1].date) == "2020-09-04"


def test_a_regulation_promulgated_as_revised_under_its_order(tmp_path):
    """现将修订后的《X》公布 names X inside the sentence's own 现将…公布: the 令 promulgates X."""
    text = (
        "某某市人民政府令\n第 12 号\n现将修订后的《某某市城市供水管理办法》公布，自2021年7月1日起施行。\n市长 某某某\n"
        "2021年6月1日\n某某市城市供水管理办法\n第一条 为了加强城市供水管理，制定本办法。\n第二条 本办法适用于本市行政区域。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.wenhao_normalized, doc.offices) == (
        "某某市城市供水管理办法",
        "某某市人民政府令第12号",
        ["某某市人民政府"],
    )


def test_a_law_a_congress_s_announcement_cites_is_not_what_it_promulgates(tmp_path):
    """依照《…选举法》…的规定，…代表资格终止，现予公布: the law is cited, not adopted; the 公告 is the document."""
    text = (
        "某某市人民代表大会常务委员会公告\n第 5 号\n依照《中华人民共和国全国人民代表大会和地方各级人民代表大会选举法》"
        "第五十五条的规定，某某某的代表资格终止，现予公布。\n某某市人民代表大会常务委员会\n2021年6月1日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, str(doc.date)) == ("某某市人民代表大会常务委员会公告", "2021-06-01")


def test_the_adopted_title_of_a_promulgation_not_the_law_it_cites_first(tmp_path):
    text = (
        "某某市人民政府令\n第1号\n根据《中华人民共和国立法法》的规定，《某某市物业管理办法》已经2021年5月1日市人民政府"
        "第5次常务会议通过，现予公布，自2021年7月1日起施行。\n市长 某某某\n2021年6月1日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.wenhao_normalized) == ("某某市物业管理办法", "某某市人民政府令第1号")


def test_a_draft_published_for_comment_is_no_promulgation(tmp_path):
    text = (
        "根据《中华人民共和国森林法》第二十五条相关规定,为推进林草事业高质量发展,我局组织编制《某某旗“十四五”林业和草原"
        "保护发展规划(2021-2025年)》,现将征求意见稿全文公布,广泛征求社会公众意见。\n"
        "征集时间:2024年11月13日至2024年12月13日\n邮寄地址:某某旗某某街公务员小区东侧某某旗林草局林业资源办公室。\n"
        "注:来稿请注明姓名、工作单位、联系方式,方便我们与您沟通,参与者的个人信息和建言内容我们将严格保密。\n"
        "附件:某某旗“十四五”林业和草原保护发展规划\n某某旗林业和草原局\n2024年11月13日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.offices, str(doc.date)) == ("（无标题）", ["某某旗林业和草原局"], "2024-11-13")


@pytest.mark.parametrize(
    "sentence, title",
    [
        # 草案 elsewhere in the sentence: the adopted 条例 is still promulgated
        (
            "《某某市文明行为促进条例》已经某某市第十五届人民代表大会常务委员会第十次会议于2021年5月1日通过"
            "（草案于2020年12月首次审议），现予公布。",
            "某某市文明行为促进条例",
        ),
        # a draft published after its first reading: the 公告 is the document
        (
            "《某某市物业管理条例（草案）》已经某某市第十五届人民代表大会常务委员会第五次会议初次审议，现予公布。",
            "某某市人民代表大会常务委员会公告",
        ),
    ],
)
def test_a_draft_is_one_its_quoted_title_names(tmp_path, sentence, title):
    text = f"某某市人民代表大会常务委员会公告\n第 9 号\n{sentence}\n某某市人民代表大会常务委员会\n2021年5月1日\n"
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.title == title


def test_a_short_body_that_states_when_it_takes_effect_is_a_document(tmp_path):
    """The body of a 废止 decision whose title is lost: two items and its own 施行 clause."""
    text = (
        "为维护法治统一,市政府决定对以下2件市政府规章予以废止:\n一、《某某市城市市容管理办法》(2016年12月1日某某市人民政府令第2号发布)\n"
        "二、《某某市生活垃圾分类管理办法》(2018年11月23日某某市人民政府令第8号发布)\n本决定自公布之日起施行。"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.title == "（无标题）" and "本决定自公布之日起施行。" in doc.body


def test_a_kind_alone_after_a_document_s_date_begins_the_next_document(tmp_path):
    """One page printing a 通告, then a 公告 titled by its kind alone."""
    text = (
        "某某旗人民政府关于认真做好\n2019年禁牧休牧工作的通告\n各镇、各嘎查村、广大农牧民:\n"
        "为加快生态环境建设步伐,现就做好全旗2019年禁牧休牧工作有关事宜通告如下:\n一、休牧期间一律禁止在任何草牧场上放牧。\n"
        "特此通告\n某某旗人民政府\n2019年4月22日\n公告\n为了保护、建设和合理利用草原,现就相关事宜公告如下:\n"
        "一、禁止开垦草原。严厉禁止未经审批开垦草原、破坏植被,一经发现依法惩处。\n"
    )
    first, second = parse_text(tmp_path, text).documents
    assert (first.offices, str(first.date)) == (["某某旗人民政府"], "2019-04-22")
    assert second.title == "公告" and "禁止开垦草原" not in first.body


def test_a_kind_alone_under_a_date_in_the_text_begins_nothing(tmp_path):
    """A date alone in a document's text (一、检查时间 / 2020年3月1日) ends no document: a 通知 line under it is
    the text's, and the document keeps its own title."""
    text = (
        "某某县人民政府关于开展安全检查的通知\n某政发〔2020〕3号\n各乡镇人民政府：\n现将有关事项通知如下：\n"
        "一、检查时间\n2020年3月1日\n通知\n各单位接到本通知后，要认真组织，按时完成。\n某某县人民政府\n2020年2月1日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.wenhao_normalized) == ("某某县人民政府关于开展安全检查的通知", "某政发〔2020〕3号")
