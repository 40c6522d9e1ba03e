"""What researchers ask beyond search, through the index and the web app: validity, leading groups and
people, citations, feeds, and reading a document (highlight, tables, attachments, 文号 links)."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date

import feedparser
import pytest
from click.testing import CliRunner
from web_helpers import html_of

from corpus import BUNDLED_CORPUS, parse_files
from corpus.facts.groups import people_index
from corpus.facts.validity import resolve_validity
from corpus.wenhao import find_wenhao
from gazette_cli.main import cli
from indexer.build import build_index
from search_web import create_app

VALIDITY_KEYS = {"status", "effective", "expires", "by", "by_doc_id", "sentence"}
REPEAL_ISSUE = (
    "\n\n".join(
        [
            "兴安盟行政公署关于印发《兴安盟军人随军家属就业安置办法（修订）》的通知",
            "兴署发〔2026〕3号",
            "各旗县市人民政府，盟直有关部门：",
            "现将《兴安盟军人随军家属就业安置办法（修订）》印发给你们，请认真贯彻执行。",
            "一、本办法自印发之日起施行，《兴安盟军人随军家属就业安置办法》（兴署联发〔2022〕1号）同时废止。",
            "二、各地依照兴署联发〔2022〕1号文件已办结的安置事项继续有效。",
            "2026年1月5日",
        ]
    )
    + "\n"
)


@pytest.fixture(scope="module")
def bundled():
    issues, errors = parse_files(sorted(BUNDLED_CORPUS.glob("*.txt")))
    assert not errors
    return issues


def json_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return response.get_json()


# -- validity --------------------------------------------------------------------------------------


def test_hits_carry_validity_as_the_corpus_reads_it(client, bundled):
    expected = resolve_validity([d for i in bundled for d in i.documents], date.today())
    data = json_of(client, "/search.json?kind=document&size=100")
    assert len(data["hits"]) == len(expected)
    for hit in data["hits"]:
        assert set(hit["validity"]) == VALIDITY_KEYS
        assert hit["validity"] == expected[hit["doc_id"]].to_dict()
    clause = json_of(client, "/search.json?kind=clause&size=1")["hits"][0]
    assert clause["validity"] == expected[clause["doc_id"]].to_dict()  # a clause shares its document's
    assert json_of(client, "/search.json?kind=chronicle&size=1")["hits"][0]["validity"] is None


@pytest.mark.parametrize("status", ["已失效", "现行有效", "未注明"])
def test_validity_is_a_facet_and_a_filter(client, bundled, status):
    expected = resolve_validity([d for i in bundled for d in i.documents], date.today())
    documents = {doc_id for doc_id, v in expected.items() if v.status == status}
    data = json_of(client, f"/search.json?kind=document&validity={status}&size=100")
    assert {h["id"] for h in data["hits"]} == documents
    facet = {v["value"]: v["count"] for v in json_of(client, "/search.json?kind=document")["facets"]["validity"]}
    assert facet.get(status, 0) == len(documents)
    result = CliRunner().invoke(
        cli,
        [
            "search",
            "--validity",
            status,
            "--kind",
            "document",
            "--json",
            "--index",
            str(client.application.config["INDEX_DIR"]),
        ],
    )
    assert result.exit_code == 0 and f'"total": {len(documents)}' in result.output


def test_the_document_page_shows_validity_and_its_sentence(client):
    html = html_of(client.get("/doc/xsbf-2023-14"))
    assert "已失效" in html and "施行日期 2023-05-03" in html and "失效日期 2025-05-02" in html
    assert "本办法试行期 2 年，自公布之日起 30 日后施行。" in html


def test_a_later_issue_repealing_a_document_changes_its_status(tmp_path):
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    for path in BUNDLED_CORPUS.iterdir():
        shutil.copy(path, corpus_dir)
    index = tmp_path / "index"
    build_index(corpus_dir, index)
    client = create_app({"INDEX_DIR": str(index), "TESTING": True}).test_client()
    assert json_of(client, "/doc/xslf-2022-1.json")["document"]["validity"]["status"] == "现行有效"
    (corpus_dir / "2026-repeal.txt").write_text(REPEAL_ISSUE, encoding="utf-8")
    report = build_index(corpus_dir, index)
    assert report.mode == "incremental" and [i["source"] for i in report.issues] == ["2026-repeal.txt"]
    validity = json_of(client, "/doc/xslf-2022-1.json")["document"]["validity"]  # same app: it reloaded
    assert validity == {
        "status": "已废止",
        "effective": "2022-03-18",
        "expires": "2026-01-04",
        "by": "兴署发〔2026〕3号",
        "by_doc_id": "xsf-2026-3",
        "sentence": "本办法自印发之日起施行，《兴安盟军人随军家属就业安置办法》（兴署联发〔2022〕1号）同时废止。",
        "counted_from": "成文日期（未载印发日期）",  # which day its own dates count from
    }
    html = html_of(client.get("/doc/xslf-2022-1"))
    assert 'href="/doc/xsf-2026-3">兴署发〔2026〕3号</a> 废止' in html
    repealed = json_of(client, "/search.json?validity=已废止&kind=document")
    assert [h["id"] for h in repealed["hits"]] == ["xslf-2022-1"]
    # the repealing issue cites it twice: cited-by counts and sort=cited
    cited = json_of(client, "/search.json?kind=document&sort=cited&size=3")["hits"]
    assert cited[0]["id"] == "xslf-2022-1" and cited[0]["cited_by"] == 1
    assert json_of(client, "/doc/xslf-2022-1.json")["document"]["cited_by"][0]["doc_id"] == "xsf-2026-3"


# -- leading groups and people ---------------------------------------------------------------------


def test_groups_json_contract_and_rosters(client, bundled):
    data = json_of(client, "/groups.json")
    groups = [g for i in bundled for d in i.documents for g in d.groups]
    assert [g["name"] for g in data["groups"]] == [g.name for g in groups] and len(groups) >= 10
    for got, group in zip(data["groups"], groups):
        assert {"name", "doc_id", "wenhao", "date", "members"} <= set(got)
        assert (got["doc_id"], got["wenhao"]) == (group.doc_id, group.wenhao)
        assert [(m["name"], m["role"], m["position"]) for m in got["members"]] == [
            (m.name, m.role, m.position) for m in group.members
        ]
    page = html_of(client.get("/groups"))
    assert page.count('<section class="group"') == len(groups) and 'href="/people/%E8%8B%8F%E5%92%8C"' in page


def test_a_person_page_lists_every_role(client, bundled):
    seats = people_index([g for i in bundled for d in i.documents for g in d.groups])["苏和"]
    data = json_of(client, "/people/苏和.json")
    assert data["name"] == "苏和" and len(data["roles"]) == len(seats) >= 2
    for role, seat in zip(data["roles"], seats):
        assert {"group", "role", "position", "doc_id", "date"} <= set(role)
        assert (role["group"], role["role"], role["position"], role["doc_id"]) == (
            seat["group"],
            seat["role"],
            seat["position"],
            seat["doc_id"],
        )
    assert json_of(client, "/people/张三丰.json", 404)["code"] == "not_found"
    assert client.get("/people/张三丰").status_code == 404


def test_a_name_held_with_different_posts_is_not_merged(client):
    html = html_of(client.get("/people/刘海涛"))
    assert "可能是同名的不同人员" in html
    posts = {r["position"] for r in json_of(client, "/people/刘海涛.json")["roles"]}
    assert len(posts) >= 2


def test_person_filter_finds_the_documents_and_clauses_of_a_role(client, bundled):
    hits = json_of(client, "/search.json?person=苏和&size=100")["hits"]
    documents = {
        d.id for i in bundled for d in i.documents if any(m.name == "苏和" for g in d.groups for m in g.members)
    }
    assert {h["id"] for h in hits if h["kind"] == "document"} == documents
    clauses = [h for h in hits if h["kind"] == "clause"]
    assert clauses and all(h["doc_id"] in documents for h in clauses)
    data = json_of(client, "/search.json?q=统计&person=苏和")
    facet = {v["value"]: v for v in data["facets"]["person"]}
    assert facet["苏和"]["selected"] and facet["苏和"]["count"] == data["total"] > 0


# -- citations ---------------------------------------------------------------------------------------


def test_cite_json(client):
    text = "根据《国务院关于…》（国发〔2013〕42号）和兴署发[2022]6号，现通知如下。"
    data = client.post("/cite.json", data=text.encode("utf-8")).get_json()
    assert data["ok"] is True
    assert data["citations"] == [
        {"printed": "国发〔2013〕42号", "wenhao": "国发〔2013〕42号", "start": 11, "end": 22, "doc_id": None},
        {"printed": "兴署发[2022]6号", "wenhao": "兴署发〔2022〕6号", "start": 24, "end": 35, "doc_id": "xsf-2022-6"},
    ]
    assert all(text[c["start"] : c["end"]] == c["printed"] for c in data["citations"])
    assert client.post("/cite.json", data=b"\xff\xfe").get_json()["code"] == "bad_encoding"
    assert client.post("/cite.json", data=b"  ").get_json()["code"] == "empty_body"
    assert client.post("/cite.json", data=b"x" * 300_000).status_code == 413
    assert client.get("/cite.json").status_code == 405


def test_gazette_cite(client, tmp_path):
    source = tmp_path / "draft.txt"
    source.write_text("依据兴署发〔2022〕6号\n并参照国发〔2013〕42号", encoding="utf-8")
    index = str(client.application.config["INDEX_DIR"])
    result = CliRunner().invoke(cli, ["cite", str(source), "--index", index])
    assert result.exit_code == 0
    assert "兴署发〔2022〕6号  /doc/xsf-2022-6" in result.output and "国发〔2013〕42号  未收录" in result.output
    result = CliRunner().invoke(cli, ["cite", "-", "--json", "--index", index], input="见兴署办字2022年9号")
    assert '"doc_id": "xsbz-2022-9"' in result.output


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-16-le"])
def test_gazette_cite_reads_a_draft_in_the_encodings_a_gazette_file_comes_in(client, tmp_path, encoding):
    """A draft saved by 记事本 (GB18030, or UTF-16 with or without its BOM) was `不是有效的 UTF-8（第 1 个字节）`."""
    draft = "依据兴署发〔2022〕6号\n并参照国发〔2013〕42号"
    index = str(client.application.config["INDEX_DIR"])
    (tmp_path / "utf8.txt").write_text(draft, encoding="utf-8")
    (tmp_path / "draft.txt").write_bytes(draft.encode(encoding))
    want = CliRunner().invoke(cli, ["cite", str(tmp_path / "utf8.txt"), "--json", "--index", index]).output
    result = CliRunner().invoke(cli, ["cite", str(tmp_path / "draft.txt"), "--json", "--index", index])
    assert result.exit_code == 0 and result.output == want and '"doc_id": "xsf-2022-6"' in want


def test_gazette_cite_says_what_a_word_file_is(client, tmp_path):
    import zipfile

    index = str(client.application.config["INDEX_DIR"])
    word = tmp_path / "草稿.docx"
    with zipfile.ZipFile(word, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    result = CliRunner().invoke(cli, ["cite", str(word), "--index", index])
    assert result.exit_code != 0 and "是 Word 文档（.docx）：引用核对读取纯文本" in result.output


def test_every_wenhao_in_a_body_is_a_link(client):
    for doc_id in ("xsf-2022-6", "xslf-2022-1", "xsbf-2023-14", "xsf-2023-41"):
        document = json_of(client, f"/doc/{doc_id}.json")["document"]
        expected = [
            (i, w.canonical) for i, line in enumerate(document["body"].split("\n")) for w, _, _ in find_wenhao(line)
        ]
        assert [(link["line"], link["wenhao"]) for link in document["body_links"]] == expected
        html = html_of(client.get(f"/doc/{doc_id}"))
        body = re.search(r'<div class="doc-body">(.*?)</div>\s*(?:<section|</article>)', html, re.S).group(1)
        linked = re.findall(r'class="wenhao-link" href="/doc/[^"]+" title="([^"]+)"', body)
        unlinked = re.findall(r'class="wenhao unlinked" title="([^"：]+)：未收录于本公报"', body)
        assert sorted(linked + unlinked) == sorted(w for _, w in expected), doc_id
        assert len(expected) > 0 or doc_id == "xsbf-2023-14"


def test_chronicle_entries_link_the_documents_they_name(client):
    month = json_of(client, "/chronicle.json?from=2022-01-12&to=2022-01-12")
    entry = next(e for m in month["months"] for e in m["entries"] if e["id"] == "dsj-2022-01-12-1")
    assert entry["documents"] == ["xslf-2022-1"]
    mentions = json_of(client, "/doc/xslf-2022-1.json")["document"]["mentioned_in_chronicle"]
    assert [m["id"] for m in mentions] == ["dsj-2022-01-12-1"]
    assert "大事记中提到本文件" in html_of(client.get("/doc/xslf-2022-1"))
    document = json_of(client, "/doc/xslf-2022-1.json")["document"]
    shown = f"《{document['title']}》（{document['wenhao']}）"  # named by title and 文号, not by an internal id
    page = html_of(client.get("/chronicle?from=2022-01-12&to=2022-01-12"))
    assert f'提到：<a href="/doc/xslf-2022-1">{shown}</a>' in page and ">xslf-2022-1<" not in page
    assert entry["document_refs"] == [
        {"doc_id": "xslf-2022-1", "wenhao": document["wenhao"], "title": document["title"], "date": document["date"]}
    ]
    hits = html_of(client.get("/search", query_string={"q": "随军家属", "kind": "chronicle"}))
    assert f'<a href="/doc/xslf-2022-1">{shown}</a>' in hits and ">xslf-2022-1<" not in hits
    twin = json_of(client, "/search.json?q=随军家属&kind=chronicle")
    named = [h for h in twin["hits"] if h["documents"]]
    assert named and all([r["doc_id"] for r in h["document_refs"]] == h["documents"] for h in named)


def test_a_notice_and_the_text_it_issues(client):
    document = json_of(client, "/doc/xslf-2022-1.json")["document"]
    issued = document["issued"]
    assert issued["issued_title"] == "兴安盟军人随军家属就业安置办法"
    assert document["body"].split("\n")[issued["body_line"]].replace(" ", "") == "兴安盟军人随军家属就业安置办法"


# -- feeds -------------------------------------------------------------------------------------------


def test_search_feed_is_atom_newest_first(client):
    response = client.get("/search.atom?q=统计&year=2022")
    assert response.mimetype == "application/atom+xml"
    ET.fromstring(response.data)  # well-formed XML
    parsed = feedparser.parse(response.data)
    assert parsed.bozo == 0 and parsed.version == "atom10"
    total = json_of(client, "/search.json?q=统计&year=2022")["total"]
    assert len(parsed.entries) == min(total, 50)
    dates = [e.updated for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    for entry in parsed.entries[:5]:
        path = entry.link.split("//", 1)[1].split("/", 1)[1]
        assert client.get("/" + path).status_code == 200
    self_link = next(link.href for link in parsed.feed.links if link.rel == "self")
    assert "/search.atom?" in self_link and "year=2022" in self_link
    page = html_of(client.get("/search?q=统计&year=2022"))
    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml" title="订阅此检索" href="/search\.atom\?q=', page
    )


def test_issues_feed(client):
    parsed = feedparser.parse(client.get("/issues.atom").data)
    assert parsed.bozo == 0 and len(parsed.entries) == 2
    assert parsed.entries[0].title.startswith("兴安盟行政公署公报2023")
    assert '<link rel="alternate" type="application/atom+xml" title="新的各期公报" href="/issues.atom">' in html_of(
        client.get("/issues")
    )


def test_feeds_escape_corpus_text(xss_client):
    from web_helpers import XSS

    data = xss_client.get("/search.atom?q=alert").data
    assert b"<script>" not in data and XSS.encode() in feedparser.parse(data).entries[0].summary.encode()


# -- reading a document -------------------------------------------------------------------------------


def _body_of(html: str) -> str:
    """The document's own text on its page (before the related clauses)."""
    start = html.index('<div class="doc-body">')
    end = html.find('<section class="related"', start)
    return html[start : end if end > 0 else len(html)]


def test_the_query_that_led_to_a_document_is_marked_with_a_jump(client):
    html = html_of(client.get("/doc/xsf-2022-6?q=统计"))
    assert html.count('id="m1"') == 1 and '<a href="#m1">跳到第一处</a>' in html
    assert html.count("<mark") > 50
    plain = html_of(client.get("/doc/xsf-2022-6"))
    assert "<mark" not in _body_of(plain)  # the related clauses below mark their shared passages, not the query
    none = html_of(client.get("/doc/xsf-2022-6?q=秸秆禁烧"))
    assert "没有“秸秆禁烧”的匹配" in none and "<mark" not in _body_of(none)
    hits = html_of(client.get("/search?q=统计&kind=clause"))
    assert re.search(r'href="/doc/xsf-2022-6\?q=%E7%BB%9F%E8%AE%A1#c4\.\d"', hits)  # the hit's link carries q


def test_highlight_escapes_the_query(client):
    html = html_of(client.get("/doc/xsf-2022-6", query_string={"q": "<script>统计"}))
    assert "<script>统计" not in html and "&lt;script&gt;统计" in html


def test_a_table_stays_a_table(client):
    html = html_of(client.get("/doc/xsf-2022-6"))
    table = re.search(r'<table class="doc-table">(.*?)</table>', html, re.S).group(1)
    assert re.findall(r"<th>(.*?)</th>", table) == ["序号", "牵头部门", "具体职责", "配合部门职责"]
    assert len(re.findall(r"<tr[ >]", table)) == 6  # header and five rows
    assert len(re.findall(r"<tr id=\"catt2\.r\d\">", table)) == 5  # each row is its clause
    for n in range(1, 6):
        assert f'id="catt2.r{n}"' in html  # every row clause is linkable


def test_attachments_link_to_their_sections(client):
    html = html_of(client.get("/doc/xsf-2022-6"))
    section = re.search(r'<section class="attachments">(.*?)</section>', html, re.S).group(1)
    anchors = re.findall(r'<a href="#(catt\d)">', section)
    assert anchors == ["catt1", "catt2"]
    assert all(f'id="{a}"' in html for a in anchors)


def test_clause_hits_are_grouped_under_their_document(client):
    html = html_of(client.get("/search?q=统计"))
    assert '<li class="hit-group">' in html
    more = re.search(r"本文件另有 (\d+) 条相关条款", html)
    data = json_of(client, "/search.json?q=统计")
    doc_id = data["hits"][0]["doc_id"]
    shown = sum(1 for h in data["hits"] if h["doc_id"] == doc_id and h["kind"] == "clause")
    assert more and int(more.group(1)) == data["clauses_by_doc"][doc_id] - shown
    flat = html_of(client.get("/search?q=统计&view=flat"))
    assert '<li class="hit-group">' not in flat and flat.count('<li class="hit kind-') == len(data["hits"])
