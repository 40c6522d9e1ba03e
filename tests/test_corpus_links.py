"""Links inside the corpus: 文号 offsets, 《title》 → document, 印发 notices and what they issue, 大事记."""

from __future__ import annotations

from datetime import date

import pytest

import corpus
from corpus import BUNDLED_CORPUS
from corpus.facts.links import (
    TITLE,
    chronicle_group_links,
    chronicle_links,
    chronicle_table_links,
    issued_by,
    issued_links,
    title_key,
    title_spans,
    wenhao_links,
    wenhao_spans,
)
from corpus.models import ChronicleEntry
from corpus.text import fold

CORPUS = BUNDLED_CORPUS
ISSUE_2022 = CORPUS / "000_50af7b231d7ea85e.txt"
ISSUE_2023 = CORPUS / "002_aec23d992a7ebbae.txt"
LINES = ISSUE_2022.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def issues():
    return corpus.parse_files([ISSUE_2022, ISSUE_2023])[0]


@pytest.fixture(scope="module")
def documents(issues):
    return [d for i in issues for d in i.documents]


@pytest.fixture(scope="module")
def entries(issues):
    return [e for i in issues for e in i.chronicle]


def entry(text: str, id_: str = "dsj-2022-05-01-1") -> ChronicleEntry:
    return ChronicleEntry(id_, "x", "x.txt", 1, date(2022, 5, 1), None, None, text)


@pytest.mark.parametrize(
    "a, b",
    [
        ("兴安盟直属国有企业监督管理办法(试行)", "兴安盟直属国有企业监督管理办法（试行）"),
        ("《兴安盟 12345 政务服务便民热线》", "兴安盟12345政务服务便民热线"),
        (
            "关于印发〈内蒙古自治区军人随军家属就业安置实施办法>的通知",
            "关于印发《内蒙古自治区军人随军家属就业安置实施办法》的通知",
        ),
    ],
)
def test_title_key_folds_width_spaces_and_nested_quotes(a, b):
    assert title_key(a) == title_key(b)


def test_title_key_keeps_different_titles_apart():
    # 大事记 line 1139 prints 兴安盟乡村旅游规划; the 目录 row (line 654) is 兴安盟乡村旅游扶贫规划
    assert title_key("兴安盟乡村旅游规划(2020-2025年)") != title_key("兴安盟乡村旅游扶贫规划（2020—2025年）")


# --- 文号 offsets ------------------------------------------------------------------------------


def test_every_wenhao_in_a_body_with_offsets(documents):
    doc = next(d for d in documents if d.wenhao_normalized == "兴署发〔2023〕55号")
    spans = wenhao_spans(doc.body)
    # lines 162 and 218 cite 国发〔2022〕22号 and 内政发〔2023〕5号, each line once
    assert [c for _, _, c in spans] == ["国发〔2022〕22号", "内政发〔2023〕5号"] * 2
    assert [doc.body[s:e] for s, e, _ in spans] == ["国发〔2022〕22号", "内政发〔2023〕5号"] * 2
    assert all(doc.body[s - 1] in "（(" for s, _, _ in spans)


def test_wenhao_offsets_span_a_number_broken_over_a_page(documents):
    doc = next(d for d in documents if d.wenhao_normalized == "兴署发〔2023〕41号")
    spans = wenhao_spans(doc.body)
    assert [c for _, _, c in spans] == ["内发改经贸字〔2022〕135号", "内政办发〔2022〕82号"]  # lines 32-34
    start, end, _ = spans[1]
    assert doc.body[start:end].startswith("内政办发〔2022〕82") and doc.body[start:end].endswith("号")


def test_wenhao_links_name_the_corpus_document(documents):
    text = "按照兴署办字[2022]8号和国发〔2022〕22号要求"
    first, second = text.index("兴署办字"), text.index("国发")
    assert wenhao_links(text, documents) == [
        (first, text.index("号") + 1, "兴署办字〔2022〕8号", "xsbz-2022-8"),
        (second, text.index("要求"), "国发〔2022〕22号", None),
    ]


def test_title_spans(documents):
    text = "认真执行《兴安盟直属国有企业监督管理办法（试行）》和《中华人民共和国公司法》"
    [(start, end, doc_id)] = title_spans(text, documents)
    assert doc_id == "xsbf-2023-14" and text[start:end] == "《兴安盟直属国有企业监督管理办法（试行）》"


# --- 印发 notices and what they issue ------------------------------------------------------------


def test_issued_text_is_in_the_notice_body(documents):
    links = issued_links(documents)
    notices = {d.id for d in documents if d.issued_title}
    assert set(links) == notices and len(notices) == 8
    for doc in documents:
        if doc.id in links:
            line = doc.body.split("\n")[links[doc.id]["body_line"]]
            assert title_key(line) == title_key(doc.issued_title)
            assert links[doc.id]["documents"] == []  # no bundled issue prints an issued text on its own
    # 兴署联发〔2022〕1号: the 办法's title (line 421) is the 7th body line, after the cover note
    assert links["xslf-2022-1"]["body_line"] == 6
    assert LINES[420] == "兴安盟军人随军家属就业安置办法"


def test_issued_text_printed_as_a_document_of_its_own(tmp_path):
    text = (
        "\n\n".join(
            [
                "兴安盟行政公署关于印发《兴安盟河湖长制工作规定》的通知",
                "兴署发〔2024〕8号",
                "各旗县市人民政府：",
                "现将《兴安盟河湖长制工作规定》印发给你们，请认真贯彻执行。",
                "2024年2月1日",
                "兴安盟河湖长制工作规定",
                "兴署发〔2024〕9号",
                "第一条 为推行河湖长制，制定本规定。",
                "2024年2月1日",
            ]
        )
        + "\n"
    )
    path = tmp_path / "issue.txt"
    path.write_text(text, encoding="utf-8")
    docs = corpus.parse_file(path).documents
    assert [d.id for d in docs] == ["xsf-2024-8", "xsf-2024-9"]
    assert issued_links(docs) == {
        "xsf-2024-8": {"issued_title": "兴安盟河湖长制工作规定", "body_line": None, "documents": ["xsf-2024-9"]}
    }
    assert issued_by(docs) == {"xsf-2024-9": ["xsf-2024-8"]}


# --- 大事记 ----------------------------------------------------------------------------------------


def test_chronicle_links_on_the_bundled_chronicle(entries, documents):
    # line 973: 召开行署常务会（研究审议《兴安盟军人随军家属就业安置办法》）, in the 1月12日 entry (969);
    # the other 《》 of the chronicle (lines 955, 1003, 1139, 1159) name plans not printed in these issues
    assert "《兴安盟军人随军家属就业安置办法》" in LINES[972]
    assert chronicle_links(entries, documents) == {"dsj-2022-01-12-1": ["xslf-2022-1"]}
    titles = {title_key(m.group("title")) for e in entries for m in TITLE.finditer(e.text)}
    known = {title_key(t) for d in documents for t in (d.title, d.issued_title) if t}
    assert titles & known == {title_key("兴安盟军人随军家属就业安置办法")}
    assert len(titles) == 8


def test_chronicle_links_fold_width_and_read_wenhao(documents):
    got = chronicle_links(
        [
            entry("审议《兴安盟直属国有企业监督管理办法（试行）》", "a"),  # printed with full-width brackets
            entry("按照兴署办字[2022]8号研究落实情况，审议《兴安盟 秸秆禁烧管控工作整改方案》", "b"),
            entry("研究《兴安盟乡村旅游规划》", "c"),
        ],
        documents,
    )
    assert got == {"a": ["xsbf-2023-14"], "b": ["xsbz-2022-8", "xsbz-2022-9"]}


def test_chronicle_group_links(entries, documents):
    groups = [g for d in documents for g in d.groups]
    # line 1135: 主持召开阿尔山市创建国家级旅游度假区工作领导小组会议 (兴署办字〔2022〕8号's group);
    # the other 领导小组 of the chronicle (lines 1013, 1121, 1125, 1163, 1169) are set up by no bundled document
    assert chronicle_group_links(entries, groups) == {"dsj-2022-03-17-1": ["xsbz-2022-8.g1"]}


def test_chronicle_table_links(entries, documents):
    # line 1003: 审议《兴安盟“十四五”残疾人事业发展规划》; line 653: row 3 of 兴署办字〔2022〕5号's 目录
    assert LINES[652].split("\t")[1] == "兴安盟“十四五”残疾人事业发展规划"
    assert chronicle_table_links(entries, documents) == {
        "dsj-2022-01-26-2": [{"doc_id": "xsbz-2022-5", "table_id": "t1", "row": 2}]
    }


def test_chronicle_group_links_finds_every_printed_name():
    """Names nested in one another, overlapping, at either end, printed twice, one character long and
    folded (full-width): every group whose name an entry prints, in the groups' order, as testing each
    name against each entry finds them."""
    from types import SimpleNamespace as Made

    names = ["安全生产委员会", "盟安全生产委员会", "生产委员会办公室", "领导小组", "Ａ组", "盟", "防汛抗旱指挥部"]
    groups = [Made(id=f"g{i}", name=name) for i, name in enumerate(names)]
    texts = {
        "nested": "召开盟安全生产委员会会议",
        "overlap": "安全生产委员会办公室主任",
        "ends": "领导小组会议研究防汛抗旱指挥部",
        "twice": "领导小组、领导小组",
        "folded": "A组会议",
        "none": "召开常务会议",
        "empty": "",
    }
    entries = [Made(id=key, text=text) for key, text in texts.items()]
    got = chronicle_group_links(entries, groups)
    expected = {}
    for entry in entries:
        ids = [g.id for g in groups if fold(g.name) in fold(entry.text)]
        if ids:
            expected[entry.id] = ids
    assert got == expected
    assert got["nested"] == ["g0", "g1", "g5"] and got["overlap"] == ["g0", "g2"] and got["folded"] == ["g4"]
