"""A web page saved as one file (.mhtml by Chrome and Edge, .mht by IE/360/WPS) is read as the page inside it:
the same documents as the page saved as .html, whatever its transfer encoding and character set."""

import base64
import quopri
from datetime import date
from pathlib import Path

import pytest
from hostile_files import nested_mhtml
from realworld import realworld_dir

from corpus import parse_file
from corpus.errors import GazetteParseError

PAGE = (
    "<html><head><meta charset='{charset}'><title>关于印发实施方案的通知</title></head><body>"
    "<div id='UCAP-CONTENT'><p>兴安盟行政公署关于印发实施方案的通知</p><p>兴署发〔2022〕7号</p>"
    "<p>各旗县市人民政府：</p><p>现将实施方案印发给你们，请认真贯彻执行。</p>"
    "<p>兴安盟行政公署</p><p>2022年2月1日</p></div></body></html>"
)


def chrome_mhtml(html: bytes, url: str = "http://www.example.gov.cn/a.htm") -> bytes:
    """As Chrome saves a page: quoted-printable HTML, a second part (an image) after it, CRLF line ends."""
    body = quopri.encodestring(html).decode("ascii")
    image = base64.encodebytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64).decode("ascii")
    text = (
        "From: <Saved by Blink>\n"
        f"Snapshot-Content-Location: {url}\n"
        "Subject: =?utf-8?Q?=E9=80=9A=E7=9F=A5?=\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/related;\n\ttype="text/html";\n\tboundary="----MultipartBoundary--x1----"\n\n\n'
        "------MultipartBoundary--x1----\n"
        "Content-Type: text/html\nContent-ID: <frame-1@mhtml.blink>\n"
        f"Content-Transfer-Encoding: quoted-printable\nContent-Location: {url}\n\n{body}\n"
        "------MultipartBoundary--x1----\n"
        "Content-Type: image/png\nContent-Transfer-Encoding: base64\n"
        f"Content-Location: http://www.example.gov.cn/logo.png\n\n{image}\n"
        "------MultipartBoundary--x1------\n"
    )
    return text.replace("\n", "\r\n").encode("ascii")


def ie_mht(html: bytes, charset: str) -> bytes:
    """As IE saves a "Web 档案，单个文件": base64 HTML with its charset declared on the part."""
    body = base64.encodebytes(html).decode("ascii")
    return (
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/related;\n\tboundary="----=_NextPart_000_0000_01D0"\n\n'
        "------=_NextPart_000_0000_01D0\n"
        f'Content-Type: text/html;\n\tcharset="{charset}"\n'
        f"Content-Transfer-Encoding: base64\nContent-Location: http://www.example.gov.cn/a.htm\n\n{body}\n"
        "------=_NextPart_000_0000_01D0--\n"
    ).encode("ascii")


def _documents(path: Path) -> list[tuple]:
    return [(d.wenhao, d.title, tuple(d.offices), d.date) for d in parse_file(path).documents]


@pytest.mark.parametrize(
    "name, make",
    [
        ("通知.mhtml", lambda: chrome_mhtml(PAGE.format(charset="utf-8").encode("utf-8"))),
        ("通知.mht", lambda: ie_mht(PAGE.format(charset="gb2312").encode("gb18030"), "gb2312")),
        ("另存为.html", lambda: chrome_mhtml(PAGE.format(charset="utf-8").encode("utf-8"))),  # renamed: by its headers
        ("另存为.txt", lambda: ie_mht(PAGE.format(charset="utf-8").encode("utf-8"), "utf-8")),
    ],
)
def test_a_page_saved_as_one_file_reads_as_the_page_itself(tmp_path, name, make):
    page = tmp_path / "通知.html"
    page.write_text(PAGE.format(charset="utf-8"), encoding="utf-8")
    saved = tmp_path / "saved" / name
    saved.parent.mkdir()
    saved.write_bytes(make())
    expected = _documents(page)
    assert expected == [
        ("兴署发〔2022〕7号", "兴安盟行政公署关于印发实施方案的通知", ("兴安盟行政公署",), date(2022, 2, 1))
    ]
    assert _documents(saved) == expected


def test_a_saved_file_without_a_page_says_so_in_chinese(tmp_path):
    saved = tmp_path / "图片.mhtml"
    saved.write_bytes(
        b'MIME-Version: 1.0\nContent-Type: multipart/related; boundary="b"\n\n--b\n'
        b"Content-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--b--\n"
    )
    with pytest.raises(GazetteParseError) as raised:
        parse_file(saved)
    assert "单个文件网页" in str(raised.value) and "图片.mhtml" in str(raised.value)


def test_a_text_that_only_mentions_mime_is_still_text(tmp_path):
    text = tmp_path / "说明.txt"
    text.write_text(
        "兴安盟行政公署关于印发实施方案的通知\n\n兴署发〔2022〕7号\n\n各旗县市人民政府：\n\n"
        "邮件格式（MIME-Version: 1.0，multipart/related）的附件请另存为网页。\n\n2022年2月1日\n",
        encoding="utf-8",
    )
    assert [d.wenhao for d in parse_file(text).documents] == ["兴署发〔2022〕7号"]


def test_real_gov_cn_pages_saved_as_one_file_read_as_saved_as_html(tmp_path):
    """Every real gov.cn page of ../shared/realworld, saved as Chrome saves it: the same documents."""
    if realworld_dir() is None:
        pytest.skip("../shared/realworld is not beside the repository: no real pages to check")
    pages = sorted((realworld_dir() / "govcn").glob("govcn-*.html"))
    assert len(pages) >= 30
    for page in pages:
        saved = tmp_path / (page.stem + ".mhtml")
        saved.write_bytes(chrome_mhtml(page.read_bytes()))
        assert _documents(saved) == _documents(page), page.name


def test_a_saved_page_is_added_to_a_corpus_and_built_with_it(tmp_path):
    """gazette add takes a .mhtml and a build reads it (a corpus folder's .mhtml is an issue, not skipped)."""
    from corpus import iter_corpus_files
    from corpus.ingest import add_to_corpus

    saved = tmp_path / "通知.mhtml"
    saved.write_bytes(chrome_mhtml(PAGE.format(charset="utf-8").encode("utf-8")))
    folder = tmp_path / "corpus"
    folder.mkdir()
    (added,) = add_to_corpus([saved], folder)
    assert added.status == "added", added.message
    assert [p.name for p in iter_corpus_files(folder)] == ["通知.mhtml"]


def test_a_message_of_many_nested_parts_is_refused_in_chinese(tmp_path):
    """A browser saves a page as one or two multipart structures: 1,600 nested in 107 KB ended in a
    RecursionError inside the email package (400 took 4.8 s: each line is checked against every boundary
    open around it), now a message naming the file, at once."""
    path = tmp_path / "deep.mht"
    path.write_bytes(nested_mhtml(1600))
    with pytest.raises(GazetteParseError) as raised:
        parse_file(path)
    assert "多部分" in str(raised.value) and str(path) in str(raised.value)


def test_a_page_inside_a_few_nested_parts_is_still_read(tmp_path):
    path = tmp_path / "nested.mht"
    path.write_bytes(nested_mhtml(3, PAGE.format(charset="utf-8").encode()))
    (doc,) = parse_file(path).documents
    assert doc.wenhao_normalized == "兴署发〔2022〕7号"
