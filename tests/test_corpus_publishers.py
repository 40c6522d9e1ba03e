"""Documents and issues from other publishers: the publication from the header or the manifest (never
assumed), the 代字 → office map extended by an offices.json beside the corpus, offices from a title or
a signature, issue ids with a publication prefix, and 文号 cited on a line of their own that must not
start a phantom document."""

from __future__ import annotations

import json
from datetime import date

import pytest

import corpus
from corpus.records.issue import make_issue_id

CORPUS = corpus.BUNDLED_CORPUS

ORDOS = (
    "鄂尔多斯市人民政府公报\n\n2025\n\n第8期（总第301期）\n\n"
    "鄂尔多斯市人民政府关于加快推进数字政府建设的通知\n\n鄂府发〔2025〕8号\n\n各旗区人民政府，市直各部门：\n\n"
    "为加快推进数字政府建设，现将有关事项通知如下。\n\n一、总体要求\n\n坚持系统观念。\n\n鄂尔多斯市人民政府\n\n2025年3月1日\n"
)
UNTITLED = (
    "关于做好春季森林草原防灭火工作的通知\n\n鄂府办发〔2025〕12号\n\n各旗区人民政府：\n\n"
    "现将有关事项通知如下，请认真贯彻执行。\n\n鄂尔多斯市人民政府办公室\n\n2025年3月5日\n"
)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_publication_and_office_from_the_page_itself(tmp_path):
    issue = corpus.parse_file(write(tmp_path, "ordos.txt", ORDOS))
    assert issue.publication == "鄂尔多斯市人民政府公报"
    assert (issue.year, issue.number, issue.total_number) == (2025, 8, 301)
    assert issue.label == "鄂尔多斯市人民政府公报2025年第8期（总第301期）"
    assert issue.id.endswith("-2025-8") and issue.id != "2025-8"  # a prefix keeps it apart from the League's
    (doc,) = issue.documents
    assert doc.wenhao_normalized == "鄂府发〔2025〕8号" and doc.offices == ["鄂尔多斯市人民政府"]
    assert doc.id.startswith("wh-")  # no slug registered for 鄂府发


def test_an_unknown_publication_is_not_labelled_as_the_leagues(tmp_path):
    issue = corpus.parse_file(write(tmp_path, "notice.txt", UNTITLED))
    assert issue.publication == "" and "兴安盟" not in issue.label
    (doc,) = issue.documents
    assert doc.offices == ["鄂尔多斯市人民政府办公室"]  # from the signature: the title names no office
    assert doc.date == date(2025, 3, 5)


def test_the_manifests_publication_applies_to_the_files_it_lists(tmp_path):
    write(tmp_path, "notice.txt", UNTITLED)
    (tmp_path / "manifest.json").write_text(
        json.dumps({"publication": "鄂尔多斯市人民政府公报", "files": {"notice.txt": {"number": 9}}}), encoding="utf-8"
    )
    issue = corpus.parse_file(tmp_path / "notice.txt")
    assert issue.publication == "鄂尔多斯市人民政府公报" and issue.number == 9
    other = corpus.parse_file(write(tmp_path, "unlisted.txt", UNTITLED))
    assert other.publication == ""  # not listed: the folder's publication is not assumed


def test_offices_json_beside_the_corpus_extends_the_map(tmp_path):
    (tmp_path / "offices.json").write_text(
        json.dumps(
            {
                "codes": {"鄂府发": {"offices": ["鄂尔多斯市人民政府"], "slug": "efsf"}},
                "publications": {"鄂尔多斯市人民政府公报": {"id_prefix": "eeds"}},
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    issue = corpus.parse_file(write(tmp_path, "ordos.txt", ORDOS))
    assert issue.id == "eeds-2025-8"
    assert issue.documents[0].id == "efsf-2025-8"
    # the shipped map still holds: the League's codes keep their offices and ids (a title that names no
    # issuer leaves the office to the code; one that names its issuer is read as printed)
    league_text = ORDOS.replace("鄂府发〔2025〕8号", "兴署发〔2025〕8号").replace("鄂尔多斯市人民政府关于", "关于")
    league = corpus.parse_file(write(tmp_path, "league.txt", league_text))
    assert league.documents[0].id == "xsf-2025-8" and league.documents[0].offices == ["兴安盟行政公署"]


def test_a_broken_offices_json_names_its_place(tmp_path):
    (tmp_path / "offices.json").write_text('{"codes": {"鄂府发": {"offices": "鄂尔多斯市人民政府"}}}', encoding="utf-8")
    with pytest.raises(corpus.GazetteParseError) as info:
        corpus.parse_file(write(tmp_path, "ordos.txt", ORDOS))
    assert info.value.source.endswith("offices.json") and info.value.line == 1


def test_issue_ids():
    assert make_issue_id("兴安盟行政公署公报", 2022, 1, "5f0c1e2a") == "2022-1"  # a 期: the key is not used
    assert make_issue_id("兴安盟行政公署公报", 2023, None, "5f0c1e2a") == "2023-5f0c1e2a"
    assert make_issue_id("兴安盟行政公署公报", 2022, 1, "x", group="2022-1") == "2022-1"
    assert make_issue_id("兴安盟行政公署公报", 2019, 1, "x", last_number=3) == "2019-1-3"  # 2019年1-3期


def test_an_issue_without_a_number_is_named_by_what_it_holds_not_its_file(tmp_path):
    """Issue 21, defect 7: the header-less bundled 2023 issue keeps one id under any file name, encoding and
    line ending (its documents' 文号 decide it), and the numbered 2022 issue keeps 2022-1."""
    ids = {corpus.parse_file(CORPUS / name).id for name in ("002_aec23d992a7ebbae.txt",)}
    (bundled,) = ids
    assert bundled.startswith("2023-") and "aec23d992a7ebbae" not in bundled
    text = (CORPUS / "002_aec23d992a7ebbae.txt").read_text(encoding="utf-8")
    renamed = tmp_path / "另存为.txt"
    renamed.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    assert corpus.parse_file(renamed).id == bundled
    changed = tmp_path / "002_aec23d992a7ebbae.txt"
    changed.write_text(text.replace("兴署发〔2023〕41号", "兴署发〔2023〕42号"), encoding="utf-8")
    assert corpus.parse_file(changed).id != bundled  # the same file name, other documents: another issue
    assert corpus.parse_file(CORPUS / "000_50af7b231d7ea85e.txt").id == "2022-1"


@pytest.mark.parametrize(
    "cited",
    [
        "按照《内蒙古自治区人民政府关于开展第五次全国经济普查的通知》\n\n（内政发〔2023〕5号）\n\n要求，结合我盟实际，制定本方案。",
        "按照鄂尔多斯市人民政府关于加快推进数字政府建设的通知\n\n鄂府发〔2025〕8号\n\n精神，现将有关事项通知如下。",
        "根据国务院关于开展第五次全国经济普查的通知\n\n国发〔2022〕22号\n\n，做好普查工作。",
        "现将《兴安盟秸秆禁烧管控工作整改方案》\n\n(兴署办字〔2022〕9号)\n\n印发给你们。",
    ],
)
def test_a_cited_wenhao_on_a_line_of_its_own_starts_no_document(tmp_path, cited):
    text = (
        "兴安盟行政公署关于开展普查的通知\n\n兴署发〔2023〕55号\n\n各旗县市人民政府：\n\n"
        f"{cited}\n\n一、总体要求\n\n坚持依法普查。\n\n2023年5月5日\n"
    )
    issue = corpus.parse_file(write(tmp_path, "census.txt", text))
    assert [d.wenhao_normalized for d in issue.documents] == ["兴署发〔2023〕55号"]
    assert issue.documents[0].date == date(2023, 5, 5)
    assert any("引用" in w for w in issue.warnings)


def test_a_real_document_after_another_still_starts_one(tmp_path):
    text = (
        "兴安盟行政公署关于开展普查的通知\n\n兴署发〔2023〕55号\n\n各旗县市人民政府：\n\n坚持依法普查。\n\n2023年5月5日\n\n"
        "（此件公开发布）\n\n兴安盟行政公署办公室关于印发监督管理办法的通知\n\n（兴署办发〔2023〕14号）\n\n"
        "各旗县市人民政府：\n\n现将办法印发给你们。\n\n2023年4月1日\n"
    )
    issue = corpus.parse_file(write(tmp_path, "two.txt", text))
    assert [d.wenhao_normalized for d in issue.documents] == ["兴署发〔2023〕55号", "兴署办发〔2023〕14号"]


# --- mastheads and running heads: publication, year, 期 (a combined issue), 总期 ------------------------


@pytest.mark.parametrize(
    "line, publication, year, number, last, total",
    [
        ("兴安盟行政公署公报2019年1-3期(总第52期)", "兴安盟行政公署公报", 2019, 1, 3, 52),
        ("兴安盟行政公署公报 2019 年 第 1—3 期（总第 52 期）", "兴安盟行政公署公报", 2019, 1, 3, 52),
        ("鄂尔多斯市人民政府公报 2025  5                大事记", "鄂尔多斯市人民政府公报", 2025, 5, None, None),
        ("鄂尔多斯市人民政府公报　２０２５　　５", "鄂尔多斯市人民政府公报", 2025, 5, None, None),
        ("Page 23 - 鄂尔多斯市人民政府公报第五期", "鄂尔多斯市人民政府公报", None, 5, None, None),
        ("2025年第5期 鄂尔多斯市人民政府公报", "鄂尔多斯市人民政府公报", 2025, 5, None, None),
        ("兴安盟行政公署公报 2022年第1期（总第77期）", "兴安盟行政公署公报", 2022, 1, None, 77),
        ("兴安盟行政公署公报", "兴安盟行政公署公报", None, None, None, None),
    ],
)
def test_a_masthead_line_says_publication_year_and_issue(line, publication, year, number, last, total):
    from corpus.readers.furniture import read_masthead

    head = read_masthead(line)
    assert head is not None
    assert (head.publication, head.year, head.number, head.last_number, head.total) == (
        publication,
        year,
        number,
        last,
        total,
    )


@pytest.mark.parametrize(
    "line",
    [
        "兴安盟国民经济和社会发展统计公报",  # a document's title
        "兴安盟行政公署关于发布第三次全国农业普查公报的通知",
        "兴安盟行政公署公报 12",  # a page number, not a 期: without a year a bare number says nothing
        "本期公报共收录文件八件。",
    ],
)
def test_lines_that_are_no_masthead(line):
    from corpus.readers.furniture import read_masthead

    head = read_masthead(line)
    assert head is None or (head.year, head.number) == (None, None)


COMBINED = (
    "兴安盟行政公署公报2019年1-3期(总第52期)\n\n"
    "兴安盟行政公署关于做好春耕备耕工作的通知\n\n兴署发〔2019〕3号\n\n各旗县市人民政府，盟直有关部门：\n\n"
    "现将有关事项通知如下，请认真贯彻执行。\n\n兴安盟行政公署\n\n2019年2月20日\n"
)


def test_a_combined_issue_of_the_leagues_gazette(tmp_path):
    issue = corpus.parse_file(write(tmp_path, "2019-1-3.txt", COMBINED))
    assert issue.publication == "兴安盟行政公署公报"
    assert (issue.year, issue.number, issue.last_number, issue.total_number) == (2019, 1, 3, 52)
    assert issue.id == "2019-1-3"
    assert issue.label == "兴安盟行政公署公报2019年第1-3期（总第52期）"
    assert issue.to_dict()["last_number"] == 3
    assert corpus.Issue.from_dict(issue.to_dict()).last_number == 3
    (doc,) = issue.documents
    assert doc.title == "兴安盟行政公署关于做好春耕备耕工作的通知"  # the masthead is no part of the title


def test_year_and_issue_printed_only_in_the_running_heads(tmp_path):
    """Pages whose running head is the only place that prints year and 期: the heads are left out of the text
    (furniture) and still read for the issue."""
    head = "鄂尔多斯市人民政府公报 2025  5                    政府文件"
    pages = [
        f"{head}\n\n鄂尔多斯市人民政府关于加快推进数字政府建设的通知\n\n鄂府发〔2025〕8号\n\n各旗区人民政府，市直各部门：\n\n"
        "为加快推进数字政府建设，现将有关事项通知如下。\n\n— 1 —",
        f"{head}\n\n一、总体要求\n\n坚持系统观念，统筹推进。\n\n— 2 —",
        f"{head}\n\n二、保障措施\n\n加强组织领导。\n\n鄂尔多斯市人民政府\n\n2025年3月1日\n\n— 3 —",
    ]
    issue = corpus.parse_file(write(tmp_path, "ordos-5.txt", "\n\f".join(pages) + "\n"))
    assert (issue.publication, issue.year, issue.number) == ("鄂尔多斯市人民政府公报", 2025, 5)
    (doc,) = issue.documents
    assert "政府文件" not in doc.body and "2025  5" not in doc.body
