"""Related clauses (indexer.related): each clause's most similar clauses of other documents, boilerplate
left out, bounded work; on made-up clauses, the bundled corpus (the document page and its JSON) and the
gov.cn pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import iter_corpus_files, parse_file
from indexer import related as related_module
from indexer.related import Clause, clauses_of, compare, excerpt, letters, related_clauses
from search_web import create_app

ROOT = Path(__file__).resolve().parents[2]
# the repository's ../shared/realworld (a worktree under /work/wt/<name> finds it one level higher)
REALWORLD = next(
    (
        p
        for p in (ROOT.parent / "shared" / "realworld" / "govcn", ROOT.parent.parent / "shared" / "realworld" / "govcn")
        if p.is_dir()
    ),
    ROOT.parent / "shared" / "realworld" / "govcn",
)

FORMULA = "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，"
SHARED = "试点地区要于年底前对本地区试点情况、主要做法和取得的成效进行全面总结评估，形成评估报告报送"


def made_up() -> list[Clause]:
    """Twelve documents: all open with the formula; two share a passage about evaluating pilots."""
    out = []
    for n in range(12):
        out.append(Clause(f"d{n}#c1", f"d{n}", FORMULA + f"围绕第{n}项重点工作推进落实。"))
        body = {0: SHARED + "国务院办公厅。", 1: "（三）" + SHARED + "自治区人民政府。"}.get(
            n, f"第{n}件文件另行安排其他事项和经费。"
        )
        out.append(Clause(f"d{n}#c2", f"d{n}", body))
    return out


def test_clauses_sharing_a_passage_are_related_and_a_formula_is_not():
    result = related_clauses(made_up())
    assert set(result["related"]) == {"d0#c2", "d1#c2"}
    assert [other for other, _ in result["related"]["d0#c2"]] == ["d1#c2"]
    estimate = result["related"]["d0#c2"][0][1]
    text = {c.id: c.text for c in made_up()}
    similarity, mine, theirs = compare(text["d0#c2"], text["d1#c2"], map(int, result["boilerplate"]))
    assert estimate == pytest.approx(similarity, abs=1e-3)  # a small corpus is compared run for run: exact
    assert text["d0#c2"][mine[0][0] : mine[0][1]].startswith("试点地区要于年底前")
    assert text["d1#c2"][theirs[0][0] : theirs[0][1]].endswith("形成评估报告报送")
    # the formula is in every document: boilerplate, so the opening clauses relate to nothing
    assert not any(key.endswith("#c1") for key in result["related"])
    assert result["boilerplate"]


def test_clauses_of_one_document_are_never_related():
    clauses = [
        Clause("a#1", "a", SHARED),
        Clause("a#2", "a", SHARED + "。"),
        Clause("b#1", "b", "无关的文字内容各不相同"),
    ]
    assert related_clauses(clauses)["related"] == {}


def test_work_is_bounded_on_near_copies(monkeypatch):
    """A passage held by more clauses than GROUP_MAX pairs none of them, and past PAIRS_MAX the largest
    groups are left out first: a corpus of near-copies costs in proportion to its size."""
    copies = [Clause(f"d{n}#c", f"d{n}", SHARED + f"第{n}号") for n in range(30)]
    monkeypatch.setattr(related_module, "BOILERPLATE_SHARE", 2.0)  # nothing is boilerplate here
    monkeypatch.setattr(related_module, "GROUP_MAX", 10)
    assert related_clauses(copies)["related"] == {}
    monkeypatch.setattr(related_module, "GROUP_MAX", 48)
    found = related_clauses(copies)["related"]
    assert len(found) == 30 and all(len(v) == related_module.RELATED for v in found.values())
    monkeypatch.setattr(related_module, "PAIRS_MAX", 100)
    assert len(related_module._candidate_pairs(*_sketch(copies))) <= 100


def _sketch(clauses):
    import numpy as np

    hashes, members = [], []
    for i, c in enumerate(clauses):
        kept, _ = letters(c.text)
        codes = np.frombuffer(kept.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        h = np.unique(related_module._run_hashes(codes))
        hashes.append(h)
        members.append(np.full(len(h), i))
    return np.concatenate(hashes), np.concatenate(members)


def test_an_excerpt_keeps_the_shared_passage_marked():
    text = "甲" * 300 + SHARED + "乙" * 300
    start = text.index(SHARED)
    shown = excerpt(text, [[start, start + len(SHARED)]])
    a, b = shown["marks"][0]
    assert shown["text"].startswith("…") and shown["text"].endswith("…")
    assert shown["text"][a:b] == SHARED[: b - a] and b - a > 20


def test_the_document_page_and_its_json_list_related_clauses(index_dir, searcher):
    issues = [parse_file(p) for p in iter_corpus_files()]
    found = related_clauses(clauses_of(issues))["related"]
    assert found, "the bundled rosters share their leaders"
    clause_id = next(iter(found))
    doc_id = clause_id.split("#")[0]
    related = searcher.related(doc_id)
    assert related and related[0]["clauses"]
    texts = {f"{d.id}#{c.id}": c.text for i in issues for d in i.documents for c in d.clauses}
    for own in related:
        mine = texts[f"{doc_id}#{own['anchor']}"]
        for entry in own["clauses"]:
            assert entry["doc_id"] != doc_id and 0 < entry["similarity"] <= 1
            assert all(0 <= a < b <= len(mine) for a, b in entry["marks"])
            shown = entry["excerpt"]
            assert all(0 <= a < b <= len(shown["text"]) for a, b in shown["marks"])
    client = create_app({"INDEX_DIR": str(index_dir), "TESTING": True}).test_client()
    page = client.get(f"/doc/{doc_id}").get_data(as_text=True)
    assert "相似条款（其他文件）" in page and "相似度" in page and "<mark>" in page.split('id="related"')[1]
    assert client.get(f"/doc/{doc_id}.json").get_json()["document"]["related"] == related
    assert searcher.related("没有这个文件") is None


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld/govcn is not here")
def test_on_the_govcn_pages_the_guiding_ideology_formula_relates_nothing():
    issues = []
    for path in iter_corpus_files(REALWORLD):
        try:
            issues.append(parse_file(path))
        except Exception:  # noqa: BLE001 - a page the parser refuses is tested elsewhere
            continue
    clauses = clauses_of(issues)
    text = {c.id: c.text for c in clauses}
    found = related_clauses(clauses)["related"]
    assert found
    for key, others in found.items():
        for other, _ in others:
            assert not ("指导思想" in text[key][:12] and "指导思想" in text[other][:12]), (key, other)
