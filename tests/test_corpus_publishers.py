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


def test_bundled_issue_ids_stay_as_they_were():
    assert make_issue_id("兴安盟行政公署公报", 2022, 1, "000_50af7b231d7ea85e") == "2022-1"
    assert make_issue_id("兴安盟行政公署公报", 2023, None, "002_aec23d992a7ebbae") == "2023-002_aec23d992a7ebbae"
    assert make_issue_id("兴安盟行政公署公报", 2022, 1, "x", group="2022-1") == "2022-1"


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
