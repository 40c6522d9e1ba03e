"""The two bundled gazette issues, parsed whole.

Every expected value below was read off data/corpus/*.txt by hand (line numbers cite the file),
not copied from the parser's output.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

import corpus
from corpus import BUNDLED_CORPUS
from corpus.text import squash

CORPUS = BUNDLED_CORPUS
ISSUE_2022 = CORPUS / "000_50af7b231d7ea85e.txt"
ISSUE_2023 = CORPUS / "002_aec23d992a7ebbae.txt"


@pytest.fixture(scope="module")
def issue22():
    return corpus.parse_file(ISSUE_2022)


@pytest.fixture(scope="module")
def issue23():
    return corpus.parse_file(ISSUE_2023)


def by_wenhao(issue):
    return {d.wenhao_normalized: d for d in issue.documents}


def source_lines(path):
    return path.read_text(encoding="utf-8").splitlines()


# --- issue headers -----------------------------------------------------------------------------


def test_header_of_the_2022_issue(issue22):
    # lines 5-11: 兴安盟行政公署公报 / (Mongolian) / 2022 / 第1期（第一季度）（总第77期）
    assert issue22.year == 2022
    assert issue22.number == 1
    assert issue22.total_number == 77
    assert issue22.period == "第一季度"
    assert issue22.publication == "兴安盟行政公署公报"
    assert issue22.id == "2022-1"
    assert issue22.source == ISSUE_2022.name
    assert issue22.label == "兴安盟行政公署公报2022年第1期（第一季度）（总第77期）"


def test_the_mongolian_header_line_is_noted_not_kept(issue22):
    assert any(w.startswith(f"{ISSUE_2022.name}:7:") and "蒙古文" in w for w in issue22.warnings)
    for doc in issue22.documents:
        assert not re.search(r"[\u1800-\u18af]", doc.title + doc.body)


def test_the_2023_file_has_no_header_year_from_its_documents_number_from_manifest(issue23):
    # the file starts with 目 录 (line 3): no header page. The manifest knows the year only.
    assert issue23.year == 2023
    assert issue23.number is None
    assert issue23.total_number is None
    assert issue23.period is None
    assert issue23.label == "兴安盟行政公署公报2023年"


def test_2023_year_is_inferred_even_without_the_manifest(tmp_path):
    copy = tmp_path / ISSUE_2023.name
    copy.write_bytes(ISSUE_2023.read_bytes())
    issue = corpus.parse_file(copy)
    assert issue.year == 2023  # all five 文号 are of 2023
    assert issue.number is None


def test_table_of_contents(issue22, issue23):
    # lines 13-30 and 3-14
    assert [(t.section, t.page) for t in issue22.toc] == [
        ("兴安盟行政公署文件", 1),
        ("兴安盟行政公署文件", 13),
        ("兴安盟行政公署办公室文件", 17),
        ("兴安盟行政公署办公室文件", 21),
        ("兴安盟行政公署办公室文件", 22),
        ("兴安盟行政公署办公室文件", 28),
        ("兴安盟行政公署办公室文件", 30),
        ("兴安盟行政公署大事记", 33),
    ]
    assert [t.page for t in issue23.toc] == [1, 11, 16, 18, 26]
    # the numbers as printed: each section from 1 (its heading is no entry); the lone 大事记 line has none
    assert [t.number for t in issue22.toc] == [1, 2, 1, 2, 3, 4, 5, None]
    assert [t.number for t in issue23.toc] == [1, 2, 3, 1, 2]


# --- documents ---------------------------------------------------------------------------------

DOCS_2022 = [
    # (文号, id, title line, title, 成文日期, offices, doc type, issued type, TOC page)
    (
        "兴署发〔2022〕6号",
        "xsf-2022-6",
        32,
        "兴安盟行政公署关于构建“大统计”格局促进统计工作高质量发展的实施意见",
        date(2022, 1, 4),
        ["兴安盟行政公署"],
        "意见",
        None,
        1,
    ),
    (
        "兴署联发〔2022〕1号",
        "xslf-2022-1",
        403,
        "内蒙古兴安盟行政公署中国人民解放军内蒙古兴安军分区关于印发《兴安盟军人随军家属就业安置办法》的通知",
        date(2022, 2, 16),
        ["兴安盟行政公署", "兴安军分区"],
        "通知",
        "办法",
        13,
    ),
    (
        "兴署办发〔2022〕3号",
        "xsbf-2022-3",
        522,
        "兴安盟行政公署办公室关于印发《兴安盟医疗废物处置中心突发事件应急响应预案》的通知",
        date(2022, 1, 10),
        ["兴安盟行政公署办公室"],
        "通知",
        "预案",
        17,
    ),
    (
        "兴署办字〔2022〕5号",
        "xsbz-2022-5",
        629,
        "兴安盟行政公署办公室关于公布兴安盟行政公署 2022 年度重大行政决策事项目录的通知",
        None,
        ["兴安盟行政公署办公室"],
        "通知",
        "目录",
        21,
    ),
    (
        "兴署办发〔2022〕6号",
        "xsbf-2022-6",
        660,
        "兴安盟行政公署办公室关于印发《兴安盟城市综合管理服务平台应用和升级工作实施方案》的通知",
        date(2022, 3, 10),
        ["兴安盟行政公署办公室"],
        "通知",
        "方案",
        22,
    ),
    (
        "兴署办字〔2022〕8号",
        "xsbz-2022-8",
        802,
        "兴安盟行政公署办公室关于成立阿尔山市创建国家级旅游度假区工作领导小组的通知",
        date(2022, 3, 11),
        ["兴安盟行政公署办公室"],
        "通知",
        None,
        28,
    ),
    (
        "兴署办字〔2022〕9号",
        "xsbz-2022-9",
        867,
        "兴安盟行政公署办公室关于印发兴安盟秸秆禁烧管控工作整改方案的通知",
        date(2022, 3, 11),
        ["兴安盟行政公署办公室"],
        "通知",
        "方案",
        30,
    ),
]

DOCS_2023 = [
    (
        "兴署发〔2023〕41号",
        "xsf-2023-41",
        16,
        "兴安盟行政公署关于印发《兴安盟推动特色商贸物流业高质量发展实施方案》的通知",
        date(2023, 4, 4),
        ["兴安盟行政公署"],
        "通知",
        "方案",
        1,
    ),
    (
        "兴署发〔2023〕55号",
        "xsf-2023-55",
        156,
        "兴安盟行政公署关于开展第五次全国经济普查的通知",
        date(2023, 5, 5),
        ["兴安盟行政公署"],
        "通知",
        None,
        11,
    ),
    (
        "兴署联发〔2023〕3号",
        "xslf-2023-3",
        275,
        "兴安盟行政公署兴安军分区关于加强和改进全盟大学毕业生兵役征集工作的通知",
        date(2023, 6, 28),
        ["兴安盟行政公署", "兴安军分区"],
        "通知",
        None,
        16,
    ),
    (
        "兴署办发〔2023〕14号",
        "xsbf-2023-14",
        309,
        "兴安盟行政公署办公室关于印发《兴安盟直属国有企业监督管理办法(试行)》的通知",
        date(2023, 4, 1),
        ["兴安盟行政公署办公室"],
        "通知",
        "办法",
        18,
    ),
    (
        "兴署办发〔2023〕18号",
        "xsbf-2023-18",
        470,
        "兴安盟行政公署办公室关于印发《兴安盟 12345 政务服务便民热线与 110 报警服务台对接联动方案（试行）》的通知",
        date(2023, 3, 15),
        ["兴安盟行政公署办公室"],
        "通知",
        "方案",
        26,
    ),
]


def test_2022_issue_holds_its_seven_documents_in_order(issue22):
    assert [d.wenhao_normalized for d in issue22.documents] == [row[0] for row in DOCS_2022]


def test_2023_issue_holds_its_five_documents_in_order(issue23):
    assert [d.wenhao_normalized for d in issue23.documents] == [row[0] for row in DOCS_2023]


@pytest.mark.parametrize("row", DOCS_2022 + DOCS_2023, ids=[row[1] for row in DOCS_2022 + DOCS_2023])
def test_document_metadata(issue22, issue23, row):
    wenhao, doc_id, line, title, signed, offices, doc_type, issued_type, page = row
    issue = issue22 if "2022" in wenhao else issue23
    doc = by_wenhao(issue)[wenhao]
    assert doc.id == doc_id
    assert doc.line == line
    assert doc.title == title
    assert doc.date == signed
    assert doc.offices == offices
    assert doc.doc_type == doc_type
    assert doc.issued_type == issued_type
    assert doc.toc_page == page
    assert doc.issue_id == issue.id
    assert doc.source == issue.source
    assert doc.year == int(wenhao[wenhao.index("〔") + 1 : wenhao.index("〕")])


def test_printed_wenhao_kept_as_printed_and_normalized(issue22, issue23):
    # lines 405, 631, 311, 472 print a space before 号
    assert by_wenhao(issue22)["兴署联发〔2022〕1号"].wenhao == "兴署联发〔2022〕1 号"
    assert by_wenhao(issue22)["兴署办字〔2022〕5号"].wenhao == "兴署办字〔2022〕5 号"
    assert by_wenhao(issue23)["兴署办发〔2023〕14号"].wenhao == "兴署办发〔2023〕14 号"
    assert by_wenhao(issue23)["兴署办发〔2023〕18号"].wenhao == "兴署办发〔2023〕18 号"


def test_the_document_without_a_signing_date(issue22):
    # 兴署办字〔2022〕5号 (lines 629-658) ends with its table: no date anywhere
    doc = by_wenhao(issue22)["兴署办字〔2022〕5号"]
    assert doc.date is None
    assert doc.printed_date is None
    assert doc.to_dict()["date"] is None


def test_printed_dates(issue22, issue23):
    # the 2022 issue prints no 印发 line; the 2023 one prints four (lines 154, 273, 468, 660)
    assert all(d.printed_date is None for d in issue22.documents)
    assert {d.wenhao_normalized: d.printed_date for d in issue23.documents} == {
        "兴署发〔2023〕41号": date(2023, 4, 4),
        "兴署发〔2023〕55号": date(2023, 5, 6),
        "兴署联发〔2023〕3号": None,
        "兴署办发〔2023〕14号": date(2023, 4, 3),
        "兴署办发〔2023〕18号": date(2023, 4, 15),
    }


def test_public_flag(issue22, issue23):
    # （此件公开发布） is printed in every 2023 document (lines 28, 228, 307, 321, 482), in no 2022 one
    assert [d.public for d in issue22.documents] == [False] * 7
    assert [d.public for d in issue23.documents] == [True] * 5


def test_issued_titles(issue22, issue23):
    docs = {**by_wenhao(issue22), **by_wenhao(issue23)}
    assert docs["兴署联发〔2022〕1号"].issued_title == "兴安盟军人随军家属就业安置办法"
    assert docs["兴署办字〔2022〕9号"].issued_title == "兴安盟秸秆禁烧管控工作整改方案"  # no 《》 in this title
    assert docs["兴署办发〔2023〕14号"].issued_title == "兴安盟直属国有企业监督管理办法(试行)"
    assert docs["兴署发〔2022〕6号"].issued_title is None
    assert docs["兴署发〔2023〕55号"].issued_title is None


def test_sections_from_the_table_of_contents(issue22, issue23):
    sections = [d.section for d in issue22.documents + issue23.documents]
    assert (
        sections
        == ["兴安盟行政公署文件"] * 2
        + ["兴安盟行政公署办公室文件"] * 5
        + ["兴安盟行政公署文件"] * 3
        + ["兴安盟行政公署办公室文件"] * 2
    )


def test_toc_entry_with_half_width_brackets_still_finds_its_document(issue23):
    # TOC line 14 prints 对接联动方案(试行), the title line 470 prints 对接联动方案（试行）
    doc = by_wenhao(issue23)["兴署办发〔2023〕18号"]
    assert doc.section == "兴安盟行政公署办公室文件"
    assert doc.toc_page == 26


ATTACHMENTS = {
    # line 114-115: the 附件： list (the heading of attachment 2, line 389, misprints 重点工作重点任务分解表)
    "兴署发〔2022〕6号": [
        "兴安盟构建“大统计”格局促进统计工作高质量发展工作领导小组",
        "兴安盟构建“大统计”格局促进统计工作高质量发展重点工作任务分解表",
    ],
    "兴署联发〔2022〕1号": [],
    "兴署办发〔2022〕3号": [],
    "兴署办字〔2022〕5号": [],
    "兴署办发〔2022〕6号": ["兴安盟城市智慧运行管理工作领导小组"],  # line 763
    "兴署办字〔2022〕8号": [],
    "兴署办字〔2022〕9号": [],
    "兴署发〔2023〕41号": [],
    "兴署发〔2023〕55号": ["兴安盟第五次全国经济普查领导小组"],  # lines 214-216: 附件 / title
    "兴署联发〔2023〕3号": [],
    "兴署办发〔2023〕14号": [],
    "兴署办发〔2023〕18号": ["12345 政务服务便民热线与 110 报警服务台受理范围划分"],  # line 566
}


def test_attachments(issue22, issue23):
    got = {d.wenhao_normalized: d.attachments for d in issue22.documents + issue23.documents}
    assert got == ATTACHMENTS


CITATIONS = {
    "兴署发〔2022〕6号": ["中办发〔2016〕64号", "发改财金〔2018〕1862号"],  # lines 74, 76
    "兴署联发〔2022〕1号": ["中发〔2019〕30号", "国发〔2013〕42号", "内政发〔2014〕74号", "内政办发〔2019〕24号"],
    "兴署办发〔2022〕3号": [],  # GB18484-2001 and GB19218-2003 are standards, not 文号
    "兴署办字〔2022〕5号": ["自治区人民政府令第248号"],  # （自治区人民政府令第 248 号）: a 令 number
    "兴署办发〔2022〕6号": [],  # CJJ/T312-2021, GB/T 30428.8 …
    "兴署办字〔2022〕8号": [],
    "兴署办字〔2022〕9号": [],
    # line 32-34: （内政办发〔2022〕82 / 号）broken over a page
    "兴署发〔2023〕41号": ["内发改经贸字〔2022〕135号", "内政办发〔2022〕82号"],
    "兴署发〔2023〕55号": ["国发〔2022〕22号", "内政发〔2023〕5号"],  # lines 162, 218 (each twice)
    "兴署联发〔2023〕3号": [],
    "兴署办发〔2023〕14号": ["兴企改组办发〔2021〕10号"],  # line 424
    "兴署办发〔2023〕18号": ["内政办发〔2022〕89号"],  # line 490
}


def test_citations(issue22, issue23):
    got = {d.wenhao_normalized: d.citations for d in issue22.documents + issue23.documents}
    assert got == CITATIONS


def test_a_document_never_cites_itself(issue22, issue23):
    for doc in issue22.documents + issue23.documents:
        assert doc.wenhao_normalized not in doc.citations


ADDRESSEES = {
    "兴署发〔2022〕6号": "各旗县市人民政府，盟直有关部门",
    # lines 407-410: the cover note's right column (执行。) is interleaved into the addressee
    "兴署联发〔2022〕1号": "各旗县市市人民政府，盟直各委、办、局，各企业、事业单位，中区直垂直管理单位，驻乌各军警部队",
    "兴署办发〔2022〕3号": "各旗县市市人民政府，盟直有关部门",
    "兴署办字〔2022〕5号": "盟直各委、办、局",
    # lines 664-665: 有关|应用和升级工作实施方案》印发给你们， / 中区直垂直管理单位：|请认真遵照执行。
    "兴署办发〔2022〕6号": "各旗县市市人民政府，盟直有关部门，有关中区直垂直管理单位",
    "兴署办字〔2022〕8号": "阿尔山市人民政府，盟直有关部门，有关企业、事业单位",
    "兴署办字〔2022〕9号": "乌兰浩特市、扎赉特旗、科右前旗、突泉县、科右中旗人民政府",
    "兴署发〔2023〕41号": "各旗县市市人民政府，盟直有关部门",
    "兴署发〔2023〕55号": "各旗县市市人民政府，盟直各委、办、局，各企业、事业单位，中区直垂直管理单位",
    # line 279 prints 一、加强就业安置扶持 before the addressee (line 281)
    "兴署联发〔2023〕3号": "各旗县市人民政府、人民武装部，盟征兵工作领导小组各成员单位",
    "兴署办发〔2023〕14号": "各旗县市人民政府,盟直有关部门,盟属国有企业",
    "兴署办发〔2023〕18号": "各旗县市人民政府，盟直各委、办、局、各企事业单位，中区直垂直管理单位",
}


def test_addressees(issue22, issue23):
    got = {d.wenhao_normalized: d.addressee for d in issue22.documents + issue23.documents}
    assert got == ADDRESSEES


def test_document_ids_are_stable_and_unique(issue22, issue23):
    again = corpus.parse_files([ISSUE_2022, ISSUE_2023])[0]
    first = [d.id for d in issue22.documents + issue23.documents]
    assert first == [d.id for i in again for d in i.documents]
    assert len(set(first)) == len(first)
    assert all(re.fullmatch(r"xs(f|bf|bz|lf)-20\d\d-\d+", i) for i in first)


def test_titles_broken_over_lines_are_joined(issue22):
    # lines 522, 629, 660, 802 print the title in pieces separated by spaces
    for doc in issue22.documents:
        assert "关于 " not in doc.title and " 《" not in doc.title
    assert by_wenhao(issue22)["兴署办发〔2022〕6号"].title.endswith("应用和升级工作实施方案》的通知")


def test_titles_match_the_table_of_contents(issue22, issue23):
    for issue in (issue22, issue23):
        titles = [t.title for t in issue.toc if "大事记" not in t.section]
        assert [squash(t).replace("(", "（").replace(")", "）") for t in titles] == [
            squash(d.title).replace("(", "（").replace(")", "）") for d in issue.documents
        ]


def test_every_document_body_starts_with_its_addressee(issue22, issue23):
    for doc in issue22.documents + issue23.documents:
        first = doc.body.split("\n")[0]
        assert first[-1] in "：:" and first[:-1] == doc.addressee


# --- 大事记 ------------------------------------------------------------------------------------

DATE_HEAD = re.compile(r"^●?\s*\d{1,2}\s*月\s*\d{1,2}")


def chronicle_source_entries():
    """The 大事记 of the 2022 file read independently: (first line, squashed text) per dated line."""
    lines = source_lines(ISSUE_2022)
    # the last line reading 兴安盟行政公署大事记: the first one (line 28) is the TOC's section
    start = max(i for i, line in enumerate(lines) if line.strip() == "兴安盟行政公署大事记")
    assert lines[start + 2].strip() == "(1月1日至3月31日)"
    entries = []
    for number, line in enumerate(lines[start + 3 :], start=start + 4):
        if not line.strip():
            continue
        if DATE_HEAD.match(line):
            entries.append([number, line.strip().lstrip("●")])
        else:
            entries[-1][1] += line.strip()
    return [(number, squash(text)) for number, text in entries]


def test_chronicle_count_derived_from_the_file(issue22):
    entries = chronicle_source_entries()
    assert len(entries) == 69  # 69 dated lines from line 945 to line 1171
    printed_twice = [n for n, (line, text) in enumerate(entries) if text in [t for _, t in entries[:n]]]
    assert [entries[n][0] for n in printed_twice] == [1093]  # 2月28日至3月6日: lines 1089/1091 and 1093
    assert len(issue22.chronicle) == len(entries) - len(printed_twice) == 68


def test_chronicle_entries_follow_the_file(issue22):
    kept = [
        (line, text)
        for n, (line, text) in enumerate(chronicle_source_entries())
        if text not in [t for _, t in chronicle_source_entries()[:n]]
    ]
    assert [e.line for e in issue22.chronicle] == [line for line, _ in kept]
    assert [squash(e.text) for e in issue22.chronicle] == [text for _, text in kept]


def test_chronicle_title(issue22):
    assert issue22.chronicle_title == "兴安盟行政公署大事记(1月1日至3月31日)"


def entry_at(issue, line):
    return next(e for e in issue.chronicle if e.line == line)


def test_chronicle_dates_take_the_issue_year(issue22):
    assert all(e.date.year == 2022 for e in issue22.chronicle)
    first, last = issue22.chronicle[0], issue22.chronicle[-1]
    assert (first.line, first.date, first.part_of_day) == (945, date(2022, 1, 5), "下午")
    assert (last.line, last.date, last.end_date) == (1171, date(2022, 3, 31), None)
    assert last.text == "3月31日，主持召开常务会议暨盟安全生产委员会会议，部署贯彻落实工作。"
    dates = [e.date for e in issue22.chronicle]
    assert dates == sorted(dates)


@pytest.mark.parametrize(
    "line, start, end, text",
    [
        (995, date(2022, 1, 19), date(2022, 1, 25), "1月19-25日，赴呼和浩特参加自治区十三届人大六次会议。"),
        (1009, date(2022, 1, 27), date(2022, 1, 28), None),
        (1035, date(2022, 2, 8), date(2022, 2, 9), "2月8—9日参加自治区党委十九届六中全会精神培训班。"),
        (
            1089,
            date(2022, 2, 28),
            date(2022, 3, 6),
            "2月28日至3月6日，参加中共中央党校报到参加地市党政主要领导培训班。",
        ),
    ],
)
def test_multi_day_entries(issue22, line, start, end, text):
    entry = entry_at(issue22, line)
    assert (entry.date, entry.end_date) == (start, end)
    if text:
        assert entry.text == text


def test_single_day_entries_have_no_end_date(issue22):
    multi = {995, 1009, 1035, 1089}
    assert all(e.end_date is None for e in issue22.chronicle if e.line not in multi)


@pytest.mark.parametrize(
    "line, part",
    [
        (945, "下午"),
        (969, "上午"),
        (1055, "早上"),
        (1121, "早上"),
        (1149, "上午"),  # 3月21日,上午,
        (949, None),
        (1063, None),
        (1089, None),
    ],
)
def test_part_of_day(issue22, line, part):
    assert entry_at(issue22, line).part_of_day == part


def test_undated_lines_belong_to_the_entry_above(issue22):
    jan10 = entry_at(issue22, 959)
    # the page break inside 点评 / 讲话 is joined; 下午，… (line 963) starts a line of its own
    assert "到会指导并作点评讲话，" in jan10.text
    assert jan10.text.endswith("\n下午，参加自治区党委组织部考核视频谈话。")
    jan9 = entry_at(issue22, 955)
    assert jan9.text.endswith("\n行署党组会暨理论中心组学习会。")  # line 957
    mar10 = entry_at(issue22, 1103)
    assert mar10.text.count("\n") == 3
    assert mar10.text.split("\n")[-1].startswith("晚上，接核酸检测阳性感染者通知")
    feb01 = entry_at(issue22, 1023)
    assert feb01.text == "2月1日上午，赴扎赉特旗宝力根花苏木给农牧民拜年。"  # lines 1023/1025 joined


def test_duplicate_entry_is_kept_once(issue22):
    feb28 = [e for e in issue22.chronicle if e.date == date(2022, 2, 28)]
    assert len(feb28) == 1
    assert feb28[0].line == 1089  # the first printing, broken over a page, is the one kept
    assert any(w.startswith(f"{ISSUE_2022.name}:1093:") and "重复的大事记条目" in w for w in issue22.warnings)


def test_chronicle_ids(issue22):
    ids = [e.id for e in issue22.chronicle]
    assert len(set(ids)) == len(ids)
    assert entry_at(issue22, 949).id == "dsj-2022-01-07-1"
    assert entry_at(issue22, 951).id == "dsj-2022-01-07-2"  # the second 1月7日 line has no bullet
    assert entry_at(issue22, 1089).id == "dsj-2022-02-28-1"
    assert all(e.issue_id == "2022-1" and e.source == ISSUE_2022.name for e in issue22.chronicle)


def test_no_bullets_left_in_the_chronicle(issue22):
    assert not any("●" in e.text for e in issue22.chronicle)


def test_the_2023_issue_has_no_chronicle(issue23):
    assert issue23.chronicle == [] and issue23.chronicle_title is None


# --- clauses -----------------------------------------------------------------------------------


def paths(doc):
    return {c.id: " › ".join(c.path) for c in doc.clauses}


def test_heading_paths_in_the_statistics_opinion(issue22):
    doc = by_wenhao(issue22)["兴署发〔2022〕6号"]
    got = paths(doc)
    assert got["c1"] == "一、总体要求"
    assert got["c2.1"] == "二、基本原则 › 一是坚持依法治统"
    assert got["c2.4"] == "二、基本原则 › 四是坚持统计公开"
    assert got["c3.1"] == "三、主要目标 › （一）建设依法治统的模范区"
    assert got["c4.1"] == "四、工作举措 › （一）推进统计工作法治化"
    assert got["c4.3"] == "四、工作举措 › (三) 推进统计分工精细化"  # printed with half-width brackets
    assert got["c4.7"] == "四、工作举措 › (七) 推进统计手段现代化"
    assert got["c5.3"] == "五、保障措施 › (三) 加强调度考核"
    top = [c.path[0] for c in doc.clauses if c.level == 1]
    assert top == [
        "一、总体要求",
        "二、基本原则",
        "三、主要目标",
        "四、工作举措",
        "五、保障措施",
        "附件1 兴安盟构建“大统计”格局促进统计工作高质量发展工作领导小组",
        "附件2 兴安盟构建“大统计”格局促进统计工作高质量发展重点工作重点任务分解表",
    ]


def test_ordinal_items_under_han_comma_heading(issue22, issue23):
    doc = by_wenhao(issue22)["兴署发〔2022〕6号"]
    under_two = [c for c in doc.clauses if c.path[0] == "二、基本原则" and c.level == 2]
    assert [c.marker for c in under_two] == ["一是", "二是", "三是", "四是"]
    # the PDF broke 一是 over a page (lines 46/48): the whole sentence is in its text
    assert under_two[0].text.startswith("一是坚持依法治统。坚持将法治作为统计事业健康发展的生命线，")
    joint = by_wenhao(issue23)["兴署联发〔2023〕3号"]
    assert paths(joint)["c3.1"].startswith("三、加强院校征集工作 › 一是兴安职业技术学院和兴安盟技师学院")


def test_attachment_sections(issue22):
    doc = by_wenhao(issue22)["兴署发〔2022〕6号"]
    got = paths(doc)
    assert got["catt1"] == "附件1 兴安盟构建“大统计”格局促进统计工作高质量发展工作领导小组"
    assert got["catt1.1"] == "附件1 兴安盟构建“大统计”格局促进统计工作高质量发展工作领导小组 › 一、GDP核算专项工作组"
    assert got["catt1.6"].endswith(" › 六、R&D经费支出专项工作组")
    assert got["catt2"] == "附件2 兴安盟构建“大统计”格局促进统计工作高质量发展重点工作重点任务分解表"
    att2 = next(c for c in doc.clauses if c.id == "catt2")
    assert att2.marker == "附件 2" and att2.level == 1
    # the table's rows hold 1./2./… items: under attachment 2, never under 五、保障措施
    assert all(c.path[0].startswith("附件2") for c in doc.clauses if c.id.startswith("catt2."))


def test_attachment_without_its_own_heading_line(issue22):
    # 兴署办发〔2022〕6号 prints 附件：兴安盟城市智慧运行管理工作领导小组 (763), then the title (765)
    doc = by_wenhao(issue22)["兴署办发〔2022〕6号"]
    att = doc.clauses[-1]
    assert att.path == ["附件1 兴安盟城市智慧运行管理工作领导小组"]
    assert "王福顺 盟住建局局长" in att.text
    guarantee = next(c for c in doc.clauses if c.path[-1] == "（三）强化运行保障")
    assert "王福顺" not in guarantee.text and "附件" not in guarantee.text


def test_two_sections_both_numbered_four(issue22):
    # 兴署办发〔2022〕6号 prints 四、应用与升级建设内容 (689) and 四、保障体系 (753)
    doc = by_wenhao(issue22)["兴署办发〔2022〕6号"]
    fours = [c.id for c in doc.clauses if c.level == 1 and c.marker == "四、"]
    assert len(fours) == 2 and len(set(fours)) == 2
    got = paths(doc)
    assert (
        got["c4.1.1"]
        == "四、应用与升级建设内容 › （一）综合管理服务运行体系方面 › 1. 建立城市综合管理服务监督指挥工作体系"
    )


HAN_NUMBERS = (
    "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 二十一 二十二 二十三 "
    "二十四 二十五 二十六 二十七 二十八 二十九 三十 三十一 三十二 三十三 三十四 三十五 三十六 三十七 三十八 三十九 四十".split()
)
# 兴署办发〔2023〕14号: 第一章 总 则 (325) … 第八章 附 则 (455), read off the file
CHAPTERS = {
    "第一章 总 则": range(1, 7),
    "第二章 人事管理": range(7, 12),
    "第三章 投资、担保、融资管理": range(12, 15),
    "第四章 资产管理": range(15, 20),
    "第五章 建立现代企业制度": range(20, 25),
    "第六章 监督与考核": range(25, 30),
    "第七章 加强党的领导": range(30, 36),
    "第八章 附 则": range(36, 41),
}


def test_chapter_and_article_structure(issue23):
    doc = by_wenhao(issue23)["兴署办发〔2023〕14号"]
    chapters = [c for c in doc.clauses if c.level == 1]
    assert [c.path[0] for c in chapters] == list(CHAPTERS)
    assert [c.id for c in chapters] == [f"cch{n}" for n in range(1, 9)]
    articles = [c for c in doc.clauses if c.marker.startswith("第") and c.marker.endswith("条")]
    assert [c.marker for c in articles] == [f"第{n}条" for n in HAN_NUMBERS]
    for chapter, numbers in CHAPTERS.items():
        inside = [c.marker for c in articles if c.path[0] == chapter]
        assert inside == [f"第{HAN_NUMBERS[n - 1]}条" for n in numbers], chapter
    for n, article in enumerate(articles, start=1):
        assert article.level == 2
        assert article.id.endswith(f".a{n}")
    assert paths(doc)["cch1.a1"].startswith("第一章 总 则 › 第一条 为加强对国有企业的监督管理")
    assert (
        paths(doc)["cch2.a7.1"]
        == "第二章 人事管理 › 第七条 企业领导人员及环节干部管理原则 › （一）党管干部、依法合规原则"
    )


def test_article_count_matches_the_file():
    lines = source_lines(ISSUE_2023)[323:466]  # 兴署办发〔2023〕14号's 办法, lines 324-466
    assert len([line for line in lines if re.match(r"^第[一二三四五六七八九十]+条", line)]) == 40
    assert len([line for line in lines if re.match(r"^第[一二三四五六七八九十]+章", line)]) == 8


def test_displaced_last_clause_is_put_back_before_the_attachment(issue23):
    # 兴署发〔2023〕55号: the PDF prints (五) 抓好成果运用 and the date (224-228) inside the attachment
    doc = by_wenhao(issue23)["兴署发〔2023〕55号"]
    got = paths(doc)
    assert got["c6.5"] == "六、普查工作要求 › (五) 抓好成果运用"
    assert got["catt1.1"] == "附件1 兴安盟第五次全国经济普查领导小组 › 一、领导小组组成人员"
    lines = doc.body.split("\n")
    assert lines.index("附件") == lines.index("(此件公开发布)") + 1
    assert lines[lines.index("附件") - 2] == "2023年5月5日"


def test_clause_ids_unique_and_stable(issue22, issue23):
    again = corpus.parse_files([ISSUE_2022, ISSUE_2023])[0]
    again_docs = {d.id: d for i in again for d in i.documents}
    for doc in issue22.documents + issue23.documents:
        ids = [c.id for c in doc.clauses]
        assert len(ids) == len(set(ids)), doc.id
        assert ids == [c.id for c in again_docs[doc.id].clauses]
        assert [c.order for c in doc.clauses] == list(range(1, len(ids) + 1))
        assert all(c.doc_id == doc.id for c in doc.clauses)
        assert all(re.fullmatch(r"c[a-z0-9.]+(-\d+)?", i) for i in ids)


def test_clause_texts_stay_inside_the_body(issue22, issue23):
    for doc in issue22.documents + issue23.documents:
        body_lines = doc.body.split("\n")
        for clause in doc.clauses:
            first = clause.text.split("\n")[0]
            assert first in body_lines
            assert clause.text in doc.body


def test_signatures_and_dates_close_the_last_clause(issue23):
    doc = by_wenhao(issue23)["兴署办发〔2023〕14号"]
    last = doc.clauses[-1]
    assert last.text == "第四十条 本办法试行期 2 年，自公布之日起 30 日后施行。"
    joint = by_wenhao(issue23)["兴署联发〔2023〕3号"]
    assert joint.clauses[-1].text.endswith("自发布之日起 30 日后施行,有效期 2 年。")  # signatures: lines 303-307
    assert "内蒙古兴安军分区" not in joint.clauses[-1].text


def test_numbered_paragraphs_broken_at_a_page_end_are_joined(issue22, issue23):
    docs = {**by_wenhao(issue22), **by_wenhao(issue23)}
    body = docs["兴署联发〔2022〕1号"].body.split("\n")
    assert "4. 立功受奖(通知、通报、喜报、证书)复印件;" in body  # lines 480/482
    body = docs["兴署办发〔2022〕3号"].body.split("\n")
    assert "(三)应急响应领导小组指导有关部门及事故单位查出原因，防止类似事件的再次发生。" in body  # 625/627
    assert any(line.startswith("2. 生态环境部门负责对医疗废物收集、运输、处置全过程") for line in body)
    body = docs["兴署办发〔2023〕14号"].body.split("\n")
    assert (
        "第十八条 盟直属国有企业应当加强内部监督和风险防控,依照有关规定建立健全财务、审计、企业法律顾问和职工民主监督等制度。"
        in body
    )
    body = docs["兴署办发〔2023〕18号"].body.split("\n")
    assert "(三)园林绿化类:树木倾倒、树木修剪、破坏绿化、除虫除害、动物尸体清理等；" in body  # 578/580


def test_headings_are_not_joined_to_their_text(issue22):
    body = by_wenhao(issue22)["兴署办发〔2022〕3号"].body.split("\n")
    for heading in (
        "一、总则",
        "（一）适用范围",
        "（二）编制依据",
        "（五）应急响应工作组成员单位工作职责",
        "(一) 预警",
    ):
        assert heading in body
    body = by_wenhao(issue22)["兴署办字〔2022〕9号"].body.split("\n")
    assert "(一) 压实主体责任，密织监控网络" in body


def test_roster_label_lines_are_not_glued_together(issue22):
    body = by_wenhao(issue22)["兴署办发〔2022〕3号"].body.split("\n")
    assert "组长：盟行署分管生态环境工作副盟长" in body  # line 557
    assert "副组长：盟行署分管生态环境工作副秘书长，盟生态环境局、卫健委主要负责同志，各地政府分管负责同志。" in body


def test_citation_preamble_of_the_issued_measures_is_one_paragraph(issue22):
    # lines 423-435: a narrow column broken after 》 and before (中发〔2019〕30 号)
    body = by_wenhao(issue22)["兴署联发〔2022〕1号"].body.split("\n")
    para = next(line for line in body if line.startswith("为进一步做好我盟驻地部队军人随军家属就业安置工作"))
    assert para.endswith("结合我盟实际,制定本办法。")
    assert "《国务院 中央军委关于批转人力资源社会保障部 总参谋部 总政治部军人随军家属就业安置办法的通知》" in para


def test_table_row_continued_on_the_next_page_is_merged(issue22):
    # lines 393 and 396: row 2 of attachment 2 breaks 盟发|改委 and 调度|工作。 over a page
    body = by_wenhao(issue22)["兴署发〔2022〕6号"].body.split("\n")
    assert "2 盟发改委" in body
    assert "1. 牵头抓好固定资产投资专项工作。负责牵头抓好固定资产投资项目预计、协调、调度工作。" in body
    assert (
        "盟统计局：每月（季、年）在自治区正式反馈统计数据后次日，将投资、能耗指标汇总数据，"
        "分送盟发改委、工信局、农牧局、住建局、交通运输局、水利局。"
    ) in body


def test_repeated_table_headers_are_kept_once(issue22):
    docs = by_wenhao(issue22)
    assert docs["兴署发〔2022〕6号"].body.count("序号 牵头部门 具体职责 配合部门职责") == 1  # 391, 395, 400
    table = docs["兴署办字〔2022〕5号"].body.split("\n")
    assert table.count("序号 决策事项 承办单位") == 1  # 647, 650
    assert table[-8:] == [
        "1 兴安盟通信基础设施空间布局专项规划 盟工信局",
        "2 兴安盟“十四五”防震减灾规划 盟地震局",
        "3 兴安盟“十四五”残疾人事业发展规划 盟残联",
        "4 兴安盟乡村旅游扶贫规划（2020—2025年） 盟文旅体局",
        "5 兴安盟基础测绘“十四五”规划（2021—2025） 盟自然资源局",
        "6 兴安盟矿产资源总体规划（2021—2025） 盟自然资源局",
        "7 大兴安岭中段嫩江—哈拉哈河源头区山水林田湖草沙一体化保护和修复工程 盟自然资源局",
        "8 推进紧密型县域医共体建设 盟卫健委",
    ]


def test_to_dict_shape(issue22):
    data = issue22.to_dict()
    assert data["year"] == 2022 and data["number"] == 1 and data["total_number"] == 77
    doc = data["documents"][0]
    assert doc["date"] == "2022-01-04" and doc["wenhao"] == "兴署发〔2022〕6号"
    assert doc["wenhao_printed"] == "兴署发〔2022〕6号"
    assert doc["clauses"][0]["path"] == "一、总体要求"
    assert data["chronicle"][0] == {
        "id": "dsj-2022-01-05-1",
        "issue_id": "2022-1",
        "source": ISSUE_2022.name,
        "line": 945,
        "date": "2022-01-05",
        "end_date": None,
        "part_of_day": "下午",
        "text": "1月5日下午，赴自治区政府向张韶春主席汇报后柳湾煤矿股权出让事宜。",
    }


@pytest.mark.parametrize("name", ["000_50af7b231d7ea85e.txt", "002_aec23d992a7ebbae.txt"])
def test_an_issue_round_trips_through_its_json(name):
    """The index keeps issues as JSON and reads corpus-wide facts back from it: nothing may be lost."""
    from corpus import BUNDLED_CORPUS, parse_file
    from corpus.models import Issue

    issue = parse_file(BUNDLED_CORPUS / name)
    again = Issue.from_dict(issue.to_dict())
    assert again == issue and again.to_dict() == issue.to_dict()
