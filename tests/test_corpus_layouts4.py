"""Layouts of real published pages (a fourth set of real fragments, read in December 2026), each as a small
made-up text in the same form: what the page printed around the document, and what the parser must make
of it — the document found, with its 文号, title, offices and date."""

from __future__ import annotations

from made_up_pages import parse_text


def test_a_notice_of_names_titled_as_a_public_notice(tmp_path):
    """关于…名单的公示 (a 公示, as government pages publish names before appointing or naming): a title of its
    own kind, read as the document's title, over lines as any title."""
    text = (
        "某某网 首页 › 专栏\n\n"
        "  某某市地名委员会关于对市城区水系、\n  山岛桥、公园及背街小巷\n  拟命名的公示\n"
        "为进一步加强地名管理，经多次征求意见，形成了拟命名方案。现予以公示：\n"
        "一、拟命名的道路\n南北为路，东西为街。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.title == "某某市地名委员会关于对市城区水系、山岛桥、公园及背街小巷拟命名的公示"
    assert doc.offices == ["某某市地名委员会"]


def test_a_signature_and_its_date_on_one_line(tmp_path):
    """A page right-aligning the signature and the date prints them on one line, a run of spaces between
    (国 务 院          一九八九年十二月十七日): the signing organ and the date are read apart."""
    text = (
        "某某县人民政府关于同意设立某某镇的批复\n某政函〔1999〕8号\n某某乡人民政府：\n"
        "你乡《关于撤乡设镇的请示》收悉。现批复如下：同意撤销某某乡，设立某某镇。\n"
        "            某 某 县 人 民 政 府                      一九九九年三月八日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.wenhao_normalized, str(doc.date)) == ("某政函〔1999〕8号", "1999-03-08")
    assert doc.offices == ["某某县人民政府"]


def test_a_mirror_s_title_in_guillemets(tmp_path):
    """A policy mirror heads the page with the 文号 glued to the title in 《》, then prints the title alone
    in 《》 over the 文号: the title is read without the marks, its issuer from it."""
    text = (
        "某府办发〔2018〕10号《某某市人民政府办公厅关于转发某某实施方案的通知》\n\n"
        "浏览量:时间:2018-07-07 06:20:54\n\n"
        "《某某市人民政府办公厅关于转发某某实施方案的通知》\n\n某府办发〔2018〕10号\n\n"
        "各区、县政府，市政府各工作部门：\n某某实施方案已经市人民政府同意，现转发给你们，请认真贯彻执行。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.title == "某某市人民政府办公厅关于转发某某实施方案的通知"
    assert (doc.wenhao_normalized, doc.offices) == ("某府办发〔2018〕10号", ["某某市人民政府办公厅"])


def test_titles_a_text_cites_in_guillemets_on_lines_of_their_own_keep_their_marks(tmp_path):
    """Below the text's first sentence a line in 《》 is a law or document the text cites (检查依据 listed one a
    line), not a mirror's heading: printed as it is, marks and all."""
    cited = ["《中华人民共和国安全生产法》", "《某某自治区安全生产条例》", "《关于加强统计工作的意见》"]
    text = (
        "关于开展安全生产执法检查的通知\n某府办发〔2022〕6号\n各县人民政府：\n  现将有关事项通知如下。\n"
        "  一、检查依据\n" + "\n".join(cited) + "\n  二、检查内容。各地要对照上述规定逐项检查。\n"
        "某某市人民政府办公室\n2022年1月4日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert all(title in doc.body.splitlines() for title in cited), doc.body


def test_a_list_of_numbers_and_titles_in_a_text_is_no_heading(tmp_path):
    """文号《title》 lines of a list in the text (决定废止下列文件：) are lines of that text, not a mirror's heading
    to cut into a 文号 and a title — cut, each began a document of its own, which took the rest of the text, its
    date and its repeals."""
    listed = [
        "某府发〔2015〕3号《某某市人民政府关于加强统计工作的通知》",
        "某府发〔2016〕5号《某某市人民政府关于做好秸秆禁烧工作的通知》",
    ]
    text = (
        "某某市人民政府关于废止部分文件的决定\n某府发〔2022〕9号\n各县人民政府，市直各部门：\n"
        "  经清理，决定废止下列文件：\n" + "\n".join(listed) + "\n  以上文件自本决定印发之日起废止。\n"
        "某某市人民政府\n2022年3月4日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.wenhao_normalized, str(doc.date)) == ("某府发〔2022〕9号", "2022-03-04")
    assert all(line in doc.body.splitlines() for line in listed), doc.body


def test_an_order_number_under_a_law_database_s_issuer_field(tmp_path):
    """A law database prints a 规章 with its issuer field over the 令's number, the words 人民政府令 lost
    (吉林省某某市人民政府 / 第63号): the number is that government's 令, the government its issuer."""
    text = (
        "某某市体育市场管理规定\n\n作者:法律资料网 时间:2024-06-16 09:38:11\n\n某某市体育市场管理规定\n\n"
        "吉林省某某市人民政府\n\n\n第63号\n\n"
        "《某某市体育市场管理规定》业经1997年9月4日市人民政府第九次常务会议讨论通过，现予发布施行。\n\n"
        "市长：张某某\n\n一九九七年九月十七日\n\n某某市体育市场管理规定\n\n第一章 总则\n\n"
        "第一条 为加强对体育市场的管理，制定本规定。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.wenhao_normalized) == ("某某市体育市场管理规定", "某某市人民政府令第63号")
    assert (doc.offices, str(doc.date)) == (["某某市人民政府"], "1997-09-17")


def test_an_office_over_a_notice_s_number_is_no_order(tmp_path):
    """An office's name over a 公告's number and its title (某某局 / 第3号 / 关于…的公告), no 令's sentence under
    them: the number is not read as a 令 of that office (某某局令第3号), nor the office put before the title."""
    text = (
        "某某市市场监督管理局\n第3号\n关于开展食品安全专项检查的公告\n"
        "为加强食品安全管理，现就有关事项公告如下：\n一、各经营单位应当自查。\n二、发现问题及时整改。\n特此公告。\n"
        "某某市市场监督管理局\n2022年3月1日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.wenhao_normalized) == ("关于开展食品安全专项检查的公告", None)
    assert (doc.offices, str(doc.date)) == (["某某市市场监督管理局"], "2022-03-01")
    # the 令's sentence a line further down, under the date the database prints with the number, is still one
    order = (
        "吉林省某某市人民政府\n第63号\n（1997年9月17日）\n"
        "《某某市体育市场管理规定》业经1997年9月4日市人民政府第九次常务会议讨论通过，现予发布施行。\n"
        "市长：张某某\n一九九七年九月十七日\n某某市体育市场管理规定\n第一章 总则\n第一条 为加强对体育市场的管理，制定本规定。\n"
    )
    (doc,) = parse_text(tmp_path, order, "order.txt").documents
    assert (doc.title, doc.wenhao_normalized) == ("某某市体育市场管理规定", "某某市人民政府令第63号")


def test_a_title_note_without_its_parentheses(tmp_path):
    """A law database prints a regulation's 题注 without parentheses (1949年10月18日…会议通过): the text's date."""
    text = (
        "某某委员会工作条例\n\n某某委员会\n\n\n某某委员会工作条例\n\n\n"
        "1949年10月18日某某委员会第一届常务委员会第一次会议通过\n\n\n"
        "  第一条 常务委员会的职权如下：执行全体会议的决议。\n  第二条 常务委员会的会议，由主席召开之。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, str(doc.date)) == ("某某委员会工作条例", "1949-10-18")


def test_a_title_note_whose_font_lost_its_year_and_month(tmp_path):
    """A congress's page whose font lost the 题注's opening parenthesis and the 年 and 月 of its dates, each note
    wrapped over two lines (2017822日某某州第十二届人民代表大会 / 常务委员会第六次主任会议修订): read as dates, the
    latest revision dating the text."""
    decision = (
        "某某州人民代表大会常务委员会关于接受张某辞职请求的决定\n\n"
        "202184日某某市第五届人民代表大会\n\n常务委员会第三十一次会议通过)\n\n"
        "因工作变动，张某提出辞去某某市人民政府副市长职务。会议决定：接受张某的辞职请求。\n"
    )
    (doc,) = parse_text(tmp_path, decision).documents
    assert (doc.title, str(doc.date)) == ("某某州人民代表大会常务委员会关于接受张某辞职请求的决定", "2021-08-04")
    rules = (
        "某某州人民代表大会常务委员会机关公文处理办法\n\n"
        "2017822日某某州第十二届人民代表大会\n\n常务委员会第六次主任会议修订\n\n"
        "2023828日某某州第十届人民代表大会\n\n常务委员会第二十次主任会议修订\n\n"
        "第一条 为规范公文处理工作，制定本办法。\n"
    )
    (doc,) = parse_text(tmp_path, rules, "rules.txt").documents
    assert (doc.title, str(doc.date)) == ("某某州人民代表大会常务委员会机关公文处理办法", "2023-08-28")


def test_a_posting_organ_and_date_above_the_text_are_the_page_s(tmp_path):
    """A 信息公开 strip whose labels were lost prints, under the title, the organ that posted the page and the
    posting date; the document is signed and dated under its text by another office: the signature counts."""
    text = (
        "11330700MB10327095/2024-00144\n关于印发《某某开发区重污染天气应急预案》的通知\n"
        "某某市生态环境局某某开发区分局\n2024-03-01\n主动公开\n\n朗读\n"
        "各乡镇人民政府、街道办事处，管委会各有关单位：\n"
        "《某某开发区重污染天气应急预案》已经管委会同意，现印发给你们，请认真贯彻执行。\n"
        "某某开发区管理委员会党政综合办公室\n2024年2月29日\n某某开发区重污染天气应急预案\n为有效应对重污染天气，制定本预案。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.offices, str(doc.date)) == (["某某开发区管理委员会党政综合办公室"], "2024-02-29")


def test_a_date_whose_font_lost_its_year_month_and_day_marks(tmp_path):
    """Under the 附注, a date whose 年月日 a font lost, the spaces between its numbers kept ({ 2017 6 23)."""
    text = (
        "某某县人民政府办公室关于印发某某县应急预案（试行）的通知\n某政办发〔2017〕46号\n"
        "各乡镇人民政府，县级有关部门：\n经县人民政府同意，现将《某某县应急预案（试行）》印发给你们，请认真贯彻执行。\n"
        "某某县人民政府办公室\n（此件公开发布）\n{ 2017 6 23\n某某县应急预案（试行）\n1 总则\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.wenhao_normalized, str(doc.date)) == ("某政办发〔2017〕46号", "2017-06-23")


def test_an_office_s_yearly_report_names_its_office(tmp_path):
    """Every office publishes a 政府信息公开工作年度报告 titled by its name and the year: the office issues it."""
    text = (
        "某某盟行署外事办公室2025年 政府信息公开工作年度报告\n\n来源:盟外事办 发布时间:2026-01-20 17:20\n\n"
        "  本年度报告根据《中华人民共和国政府信息公开条例》制作。\n\n  一、总体情况\n\n  2025年，我办主动公开信息907条。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.offices) == ("某某盟行署外事办公室2025年政府信息公开工作年度报告", ["某某盟行署外事办公室"])
    # a report about an office (关于某某局2022年…的报告) is not issued by "关于某某局": its writer signs it
    about = (
        "关于某某市统计局2022年工作情况的报告\n市人民政府：\n  现将我局2022年工作情况报告如下。\n"
        "  一、完成统计调查任务。\n  二、做好普查工作。\n某某市统计局\n2023年1月5日\n"
    )
    (doc,) = parse_text(tmp_path, about, "about.txt").documents
    assert (doc.title, doc.offices) == ("关于某某市统计局2022年工作情况的报告", ["某某市统计局"])


def test_a_resolution_whose_title_was_lost_under_its_title_note(tmp_path):
    """A news site keeps a 人代会 决议 from its 题注 down, the title lost: one untitled document dated by the 题注."""
    text = (
        "(2021年3月17日某某旗第十七届人民代表大会第五次会议第三次全体会议通过)\n"
        "经某某旗第十七届人民代表大会第五次会议审议，决定批准旗人民政府提出的2021年国民经济和社会事业发展计划。"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, str(doc.date)) == ("（无标题）", "2021-03-17")


def test_the_end_of_a_notice_signed_and_dated(tmp_path):
    """An excerpt keeps only the end of a notice — its last section, the issuer's name, the date (set in a
    table cell, a pipe after it): the issuer and date of one untitled document."""
    text = (
        "三、其他事项\n（一）领导小组办公室设在某某部，承担领导小组日常工作。办公室主任由某某部部长张某兼任；"
        "副主任由某某部副部长李某兼任。\n（二）领导小组实行工作会议制度，工作会议由组长召集，根据工作需要定期或不定期召开。\n"
        "某某省人民政府办公厅\n2021年4月21日 |"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.offices, str(doc.date)) == (["某某省人民政府办公厅"], "2021-04-21")


def test_a_law_database_page_holding_two_records(tmp_path):
    """A law database prints each record as title / issuer field / title: the second record, a notice whose
    text the page cut before its addressee's colon, is a document of its own, its issuer from the field."""
    text = (
        "某某委员会工作条例\n\n作者:法律资料网 时间:2024-07-22 13:41:21\n下载地址: 点击此处下载\n\n"
        "某某委员会工作条例\n\n某某委员会\n\n\n某某委员会工作条例\n\n\n"
        "1949年10月18日某某委员会第一届常务委员会第一次会议通过\n\n"
        "  第一条 常务委员会的职权如下：执行全体会议的决议。\n  第二条 常务委员会的会议，由主席召开之。\n\n\n"
        "下载地址: 点击此处下载\n\n关于开展水土保持科技示范园区建设的通知\n\n水利部\n\n\n"
        "关于开展水土保持科技示范园区建设的通知\n\n\n\n各流域机构，各省、自治区、直"
    )
    first, second = parse_text(tmp_path, text).documents
    assert (first.title, str(first.date)) == ("某某委员会工作条例", "1949-10-18")
    assert (second.title, second.offices) == ("水利部关于开展水土保持科技示范园区建设的通知", ["水利部"])


def test_an_abbreviated_issuer_field_over_a_regulation_named_in_full(tmp_path):
    """A law database's issuer field abbreviates the congress (广东省某某市人大常委会) whose regulation's title
    names it in full: the issuer as the title names it; the 公告 promulgating it is no 文号."""
    text = (
        "某某市人民代表大会常务委员会听证条例\n\n广东省某某市人大常委会\n\n\n某某市人民代表大会常务委员会听证条例\n\n"
        "某某市人民代表大会常务委员会公告\n\n第三十七号\n\n"
        "  某某市第三届人民代表大会常务委员会第十一次会议于2001年10月17日审议通过的《某某市人民代表大会常务委员会"
        "听证条例》业经省人民代表大会常务委员会批准，现予公布，自2002年1月1日起施行。\n\n"
        "某某市人民代表大会常务委员会\n\n2001年12月26日\n\n第一章 总 则\n  第一条 为了规范听证活动，制定本条例。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.title, doc.wenhao_normalized) == ("某某市人民代表大会常务委员会听证条例", None)
    assert (doc.offices, str(doc.date)) == (["某某市人民代表大会常务委员会"], "2001-12-26")


def test_a_forwarding_notice_over_the_reply_it_forwards(tmp_path):
    """A page begins at a 转发 notice's 主送机关 (a county whose name opens as 和 does), the notice signed and
    dated, then prints the 批复 it forwards in full: two documents — the untitled notice and the 批复."""
    text = (
        "和静县人民政府:\n现将自治区人民政府《关于同意某某乡区划调整的批复》(新政函〔2009〕21号)转发你县。请按照批复精神和要求,"
        "切实加强领导,精心组织实施。\n某某蒙古自治州人民政府\n二〇〇九年三月十八日\n"
        "关于同意某某乡区划调整的批复\n新政函〔2009〕21号\n某某蒙古自治州人民政府:\n"
        "你们《关于某某乡撤乡建镇的请示》收悉。现批复如下:同意撤销某某乡建制,设立某某镇建制。\n此复。\n"
        "新疆维吾尔自治区人民政府\n二〇〇九年二月六日"
    )
    notice, reply = parse_text(tmp_path, text).documents
    assert (notice.title, notice.offices, str(notice.date)) == ("（无标题）", ["某某蒙古自治州人民政府"], "2009-03-18")
    assert notice.addressee == "和静县人民政府"
    assert (reply.wenhao_normalized, reply.offices, str(reply.date)) == (
        "新政函〔2009〕21号",
        ["新疆维吾尔自治区人民政府"],
        "2009-02-06",
    )


def test_a_notice_reposted_under_an_account_s_blurbs(tmp_path):
    """A WeChat repost prints its account's blurb (a sentence) and its own headline, then 正文 and the notice:
    what stands above 正文 is the page's, the title under it the document's."""
    text = (
        "专栏名称: 某某号\n专注于本土的生活资讯，只推荐走心的内容。一直被模仿，从未被超越。\n相关文章推荐\n"
        "这22个县城拟被命名为国家卫生县城，看看有你的家乡吗?\n某某号  · 公众号  · 2019-10-16 10:38\n正文\n\n"
        "关于2017-2019周期拟命名国家卫生乡镇(县城)名单的公示\n\n"
        "按照有关要求，自治区爱卫会组织专家组进行了综合评审。现对拟推荐命名的县城进行公示，公示期为2周。\n"
        "如有不同意见，可以信函形式向自治区爱卫办举报。\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert doc.title == "关于2017-2019周期拟命名国家卫生乡镇(县城)名单的公示"


def test_an_order_promulgating_two_regulations(tmp_path):
    """A 令 promulgates two texts at once (《A》和《B》已经…通过，现予公布), each printed under it: two documents,
    each with the 令's number, issuer and date, told apart by their ids."""
    text = (
        "某某市人民政府令\n第5号\n"
        "《某某市城市绿化管理办法》和《某某市城市道路管理办法》已经2020年3月1日市人民政府第10次常务会议通过，"
        "现予公布，自2020年5月1日起施行。\n市长  张某某\n2020年3月10日\n"
        "某某市城市绿化管理办法\n第一条 为了加强城市绿化管理，制定本办法。\n第二条 本办法适用于本市城市规划区。\n"
        "某某市城市道路管理办法\n第一条 为了加强城市道路管理，制定本办法。\n第二条 本办法适用于本市城市道路。\n"
    )
    first, second = parse_text(tmp_path, text).documents
    assert (first.title, second.title) == ("某某市城市绿化管理办法", "某某市城市道路管理办法")
    for doc in (first, second):
        assert (doc.wenhao_normalized, doc.offices, str(doc.date)) == (
            "某某市人民政府令第5号",
            ["某某市人民政府"],
            "2020-03-10",
        )
    assert first.id != second.id and "为了加强城市道路管理" not in first.body


def test_a_notice_numbered_with_di(tmp_path):
    """A 通告's serial printed with 第 (某政通〔2020〕第3号) is its 文号, as 某政通〔2020〕3号; cited so in a text it
    is found too; 〔2019〕第4次 (a meeting's count) is no number."""
    text = (
        "某某市人民政府关于禁止燃放烟花爆竹的通告\n某政通〔2020〕第3号\n"
        "为保障公共安全，根据《某某市烟花爆竹安全管理办法》（某政〔2019〕第 12 号），经市人民政府〔2019〕第4次常务会议研究，"
        "现将有关事项通告如下：一、全市禁止燃放烟花爆竹。\n特此通告。\n某某市人民政府\n2020年1月10日\n"
    )
    (doc,) = parse_text(tmp_path, text).documents
    assert (doc.wenhao_normalized, str(doc.date)) == ("某政通〔2020〕3号", "2020-01-10")
    assert doc.citations == ["某政〔2019〕12号"]
