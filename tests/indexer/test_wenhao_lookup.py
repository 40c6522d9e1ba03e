"""A 文号 typed any way finds exactly its document first; citing documents are found too."""

import pytest

from analyzers.variants import t2s_table
from corpus.wenhao import parse_wenhao

FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
# each simplified character of a 文号 as a traditional one folding to it (兴 → 興, 发 → 發, 号 → 號)
TRADITIONAL = {simple: chr(trad) for trad, simple in sorted(t2s_table().items()) if simple != chr(trad)}


def traditional(text: str) -> str:
    return "".join(TRADITIONAL.get(ch, ch) for ch in text)


def variants(canonical: str) -> list[str]:
    w = parse_wenhao(canonical)
    code, year, num = w.code, w.year, w.number
    return [
        canonical,
        f"{code}[{year}]{num}号",
        f"{code}({year}){num}号",
        f"{code}（{year}）{num}号",
        f"{code}【{year}】{num}号",
        f"{code}［{year}］{num}",
        f"{code}{year}年{num}号",
        f"{code}{year}年{num}",
        f"{code} 〔{year}〕 {num} 号",
        f"{code}〔{year}〕{num}",
        f"{code}〔{year}〕{num}号".translate(FULLWIDTH),
        traditional(f"{code}〔{year}〕{num}号"),  # typed on a traditional-character system
        traditional(f"{code}[{year}]{num}"),
    ]


def test_every_variant_of_every_document_number_finds_it_first(searcher, records, hit_ids):
    documents = [r for r in records if r.kind == "document" and r.wenhao]
    assert len(documents) == 12
    for doc in documents:
        for typed in variants(doc.wenhao):
            assert hit_ids(q=typed)[0] == doc.id, typed
            assert hit_ids(wenhao=typed, kind="document") == [doc.id], typed


def test_wenhao_parameter_with_a_keyword_searches_inside_that_document(hit_ids, records):
    ids = hit_ids(q="统计", wenhao="兴署发[2022]6号", kind="clause")
    assert ids and all(i.startswith("xsf-2022-6#") for i in ids)
    in_doc = {r.id for r in records if r.kind == "clause" and r.doc_id == "xsf-2022-6" and "统计" in r.text}
    assert set(ids) == in_doc


@pytest.mark.parametrize(
    "cited, citing",
    [
        ("国发〔2013〕42号", {"xslf-2022-1"}),
        ("内政办发〔2019〕24号", {"xslf-2022-1"}),
        ("内政办发[2022]82号", {"xsf-2023-41"}),
        ("国发（2022）22号", {"xsf-2023-55"}),
    ],
)
def test_documents_citing_a_number(hit_ids, cited, citing):
    assert set(hit_ids(cites=cited, kind="document")) == citing
    assert hit_ids(q=cited, kind="document")[0] in citing  # typed in the query box: the citing document


def test_a_citation_is_not_the_documents_own_number(hit_ids):
    # 兴署联发〔2022〕1号 quotes 中发〔2019〕30号: looking that number up must not claim it is xslf-2022-1's own
    assert hit_ids(wenhao="中发〔2019〕30号") == []


@pytest.fixture(scope="module")
def govcn(tmp_path_factory, engine):
    from realworld import realworld_dir

    from indexer.build import build_index
    from indexer.service import GazetteSearch

    found = realworld_dir()
    if found is None or not (found / "govcn").is_dir():
        pytest.skip("../shared/realworld/govcn is not here (the real gov.cn pages)")
    path = tmp_path_factory.mktemp(f"govcn-orders-{engine}")
    build_index(found / "govcn", path / "index", engine=engine)
    return GazetteSearch(path / "index")


def test_a_decree_number_typed_finds_its_regulation_first(govcn):
    """A 令 number typed without quotes (国令第706号, 国务院令第706号, as the 专利代理条例 page prints it)
    is read as that number: the regulation first, then what cites it — it has no year to be found by."""
    from indexer.api import parse_request

    orders = [r for r in govcn._today().records if r.kind == "document" and r.wenhao and "令" in r.wenhao]
    if not orders:
        pytest.skip("no page of this folder is a 令")
    for record in orders:
        wenhao = parse_wenhao(record.wenhao)
        typed = [record.wenhao, record.wenhao.replace("国令", "国务院令", 1)]
        for query in typed:
            result = govcn.search(parse_request({"q": query}))
            assert result.hits and result.hits[0].id == record.id, (query, wenhao)
