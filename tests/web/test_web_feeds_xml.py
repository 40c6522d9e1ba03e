"""Every Atom feed is XML a real parser reads (issue 19): characters XML 1.0 forbids, typed in a query
(%01, U+0008, U+001B, U+FFFE, U+FFFF) or carried by corpus text (raw in a text file, &#1; in an HTML
page), are left out. Before, /search.atom?q=统计%01 answered 200 with a raw control character in its
<title>, and one such character in a corpus text broke /issues.atom for every subscriber."""

from __future__ import annotations

import shutil
from urllib.parse import quote

import feedparser
import pytest
from lxml import etree

from corpus import BUNDLED_CORPUS
from indexer.build import build_index
from search_web import create_app
from search_web.feeds import xml_text

FILE_2023 = "002_aec23d992a7ebbae.txt"
FORBIDDEN = "\x01\x08\x1b\ufffe\uffff"
HTML_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>兴安盟行政公署关于做好秸秆&#1;禁烧工作的通知</title>"
    "</head><body><div id='zoom'><p>兴安盟行政公署关于做好秸秆&#1;禁烧工作的通知</p><p>兴署发〔2024〕3号</p>"
    "<p>各旗县市人民政府：</p><p>为做好秸秆&#1;&#8;禁烧工作，现通知如下。</p><p>一、加强&#27;领导。</p>"
    "<p>兴安盟行政公署</p><p>2024年3月1日</p></div></body></html>"
)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("hostile_xml_corpus")
    text = (BUNDLED_CORPUS / FILE_2023).read_text(encoding="utf-8")
    assert text.count("关于开展第五次全国经济普查的通知") >= 2 and "现将《兴安盟推动特色商贸物流业" in text
    text = text.replace("关于开展第五次全国经济普查的通知", f"关于开展第五次{FORBIDDEN}全国经济普查的通知")
    text = text.replace("现将《兴安盟推动特色商贸物流业", f"现将{FORBIDDEN}《兴安盟推动特色商贸物流业", 1)
    (corpus / FILE_2023).write_text(text, encoding="utf-8")
    (corpus / "jinshao.html").write_text(HTML_PAGE, encoding="utf-8")
    shutil.copy(BUNDLED_CORPUS / "manifest.json", corpus)
    index = tmp_path_factory.mktemp("hostile_xml_index")
    report = build_index(corpus, index)
    assert not report.failures and len(report.issues) == 2
    return create_app({"INDEX_DIR": str(index), "TESTING": True}).test_client()


def parsed_feed(client, url: str):
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    root = etree.fromstring(response.data)  # a real XML parser: raises on any forbidden character
    assert not set(FORBIDDEN) & set(response.data.decode("utf-8"))
    assert feedparser.parse(response.data).bozo == 0
    return root


ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("bad", ["\x01", "\x08", "\x1b", "\ufffe", "\uffff"])
def test_a_hostile_query_gives_a_well_formed_feed(client, bad):
    root = parsed_feed(client, "/search.atom?q=" + quote("统计" + bad))
    assert "统计" in root.findtext(f"{ATOM}title")


def test_hostile_corpus_text_gives_well_formed_feeds(client):
    issues = parsed_feed(client, "/issues.atom")
    assert len(issues.findall(f"{ATOM}entry")) == 2
    summaries = " ".join(e.findtext(f"{ATOM}summary") or "" for e in issues.iter(f"{ATOM}entry"))
    assert "关于开展第五次全国经济普查的通知" in summaries  # the title kept, without its control characters
    for query in ("普查", "秸秆", "商贸物流"):
        feed = parsed_feed(client, "/search.atom?q=" + quote(query))
        assert feed.findall(f"{ATOM}entry"), query
    jinshao = parsed_feed(client, "/search.atom?q=" + quote("禁烧"))
    assert any("秸秆禁烧" in (e.findtext(f"{ATOM}title") or "") for e in jinshao.iter(f"{ATOM}entry"))


def test_xml_text_keeps_every_character_xml_allows():
    allowed = "\t\n\r 统计\ud7ff\ue000\ufffd\U00010000\U0010ffff<&>"
    assert xml_text(allowed) == allowed
    assert xml_text("".join(map(chr, range(32)))) == "\t\n\r"
    assert xml_text("a\ud800b\udfffc\ufffe\uffff") == "abc"
