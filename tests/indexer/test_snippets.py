"""Snippets are data: text plus marked spans, whole matches marked, mapped back across line breaks; up to
three fragments cut where the text pauses, together showing every term the record holds; bounded work."""

import random
import re

import jieba
import pytest

from analyzers.normalize import normalize, normalize_with_spans
from analyzers.segment import cut_words
from indexer import snippets
from indexer.api import Snippet, parse_request
from indexer.snippets import ELLIPSIS, make_snippet, match_spans, whole_text


def marked(snippet: Snippet) -> list[str]:
    return [piece for piece, is_mark in snippet.parts() if is_mark]


def fragments(snippet: Snippet) -> list[str]:
    return [piece for piece in snippet.text.split(ELLIPSIS) if piece]


# -- what a snippet is -----------------------------------------------------------------------------


def test_whole_match_is_marked_not_a_sub_word(searcher):
    hit = searcher.search(parse_request({"q": "应急响应预案", "kind": "document"})).hits[0]
    assert "应急响应预案" in marked(hit.snippet)


def test_match_broken_by_a_line_break_is_marked_whole():
    snippet = make_snippet("启动应急\n响应预案", ["应急响应"])
    assert snippet == Snippet("启动应急 响应预案", ((2, 7),))
    assert marked(snippet) == ["应急 响应"]


def test_a_match_broken_by_a_line_break_deep_in_a_long_text_is_marked_whole():
    text = "，".join(f"第{i}项工作按计划推进" for i in range(300)) + "，启动应急\n响应预案。" + "其他事项。" * 100
    snippet = make_snippet(text, ["应急响应"], normalize(text))
    assert marked(snippet) == ["应急 响应"]


def test_text_is_plain_and_parts_rebuild_it():
    text = "<script>alert(1)</script>秸秆禁烧 & “引号”"
    snippet = make_snippet(text, ["秸秆禁烧"])
    assert snippet.text == text  # nothing escaped or added: escaping is the edge's job
    assert "".join(piece for piece, _ in snippet.parts()) == text
    assert marked(snippet) == ["秸秆禁烧"]


def test_fullwidth_query_marks_halfwidth_text():
    assert marked(make_snippet("设立 GDP 核算专项工作组", ["gdp"])) == ["GDP"]


def test_no_match_gives_the_start_of_the_text():
    assert make_snippet("甲乙丙", []) == Snippet("甲乙丙", ())
    assert make_snippet("", ["统计"]) == Snippet("", ())


def test_a_cut_window_says_so_and_keeps_marks_aligned():
    text = "前" * 200 + "秸秆禁烧" + "后" * 200
    snippet = make_snippet(text, ["秸秆禁烧"])
    assert snippet.text.startswith("…") and snippet.text.endswith("…")
    assert marked(snippet) == ["秸秆禁烧"] and len(snippet.text) < 140


def test_terms_far_apart_each_get_a_fragment_joined_by_an_ellipsis():
    filler = "各地区各部门要结合实际认真组织实施。" * 40
    text = "一、秸秆禁烧工作。" + filler + "二、责任追究办法。" + filler + "三、信息报送要求。" + filler
    snippet = make_snippet(text, ["秸秆禁烧", "责任追究", "信息报送"], normalize(text))
    assert marked(snippet) == ["秸秆禁烧", "责任追究", "信息报送"]
    assert len(fragments(snippet)) == 3 and snippet.text.count(ELLIPSIS) == 3  # between, and at the end
    assert snippet.text.startswith("一、秸秆禁烧工作。")  # the text's start: no "…" before it
    for piece in fragments(snippet):
        assert piece in text  # each fragment is the text as printed


def test_terms_close_together_share_one_fragment():
    text = "为加强秸秆禁烧工作，严格责任追究，" + "现将有关事项通知如下。" * 40
    snippet = make_snippet(text, ["秸秆禁烧", "责任追究"])
    assert len(fragments(snippet)) == 1 and marked(snippet) == ["秸秆禁烧", "责任追究"]


def test_a_fragment_starts_after_punctuation_not_inside_a_word():
    """The issue's "…口在自治区": the window's nominal start falls inside 人口; it moves to the pause."""
    text = (
        "全盟常住人口在自治区排名靠前，" + "各旗县市人民政府要高度重视人口在自治区统计中的作用" + "，并按时报送。" * 30
    )
    snippet = make_snippet(text, ["统计"])
    first = fragments(snippet)[0]
    assert not first.startswith("口") and "统计" in marked(snippet)
    start = text.index(first)
    assert start == 0 or text[start - 1] in "，。"


def test_numbers_are_never_cut():
    for lead in range(0, 30):
        text = "甲" * lead + "建立110报警服务台与12345政务服务便民热线联动机制" + "乙" * 200
        snippet = make_snippet(text, ["联动机制"])
        for piece in fragments(snippet):
            start = text.index(piece)
            end = start + len(piece)
            for cut in (start, end):
                assert not (0 < cut < len(text) and text[cut - 1].isdigit() and text[cut].isdigit()), (lead, piece)


def test_a_point_or_comma_inside_a_number_is_not_a_pause():
    text = "甲" * 60 + "截至2022.10.15日人口达到1,234,567人" + "乙" * 100
    for piece in fragments(make_snippet(text, ["人口"])):
        start = text.index(piece)
        assert not text[start].isdigit() or text[start - 1] not in ".,", piece


def test_long_runs_without_punctuation_are_cut_between_jieba_words():
    rng = random.Random(3)
    words = [
        "统计",
        "工作",
        "高质量发展",
        "数据质量",
        "基层基础",
        "信息化建设",
        "部门协同",
        "考核评价",
        "依法统计",
        "人口普查",
    ]
    for _ in range(40):
        chosen = [rng.choice(words) for _ in range(rng.randint(20, 30))]
        text = "前言。" + "".join(chosen) + "。后记"
        term = chosen[rng.randrange(len(chosen))]
        snippet = make_snippet(text, [term])
        assert term in "".join(marked(snippet))
        bounds = {0, len(text)} | _jieba_boundaries(text) | _pause_boundaries(text)
        for piece in fragments(snippet):
            start = text.index(piece)
            assert start in bounds and start + len(piece) in bounds, (text, piece)


def test_whole_text_marks_every_match():
    text = "1月5日，盟统计局召开统计\n工作会议，部署统计工作。"
    snippet = whole_text(text, ["统计"])
    assert snippet.text == text.replace("\n", " ") and marked(snippet) == ["统计", "统计", "统计"]


def test_match_spans_marks_every_occurrence():
    text = "统计工作。统\n计局。" * 50
    spans = match_spans(text, ["统计"])
    assert len(spans) == 100 and all(normalize(text[s:e]) == "统计" for s, e, _ in spans)


# -- texts whose characters do not normalize one to one --------------------------------------------


@pytest.mark.parametrize(
    "piece",
    ["……", "⑩⑪", "㈠", "ﬁ", "№", "e\u0301", "\u200b", "Ⅻ", "Straße", "\ufeff", "\U0001f100"],
)
def test_marks_are_exact_around_characters_that_change_length(piece):
    """ "…" → "...", "⑩" → "10", "㈠" → "(一)", ligatures, a combining accent, a zero-width space, an astral
    character: mapped by the characters that differ (or exactly), marks still on the matches."""
    text = ("前言" + piece + "，") * 30 + "启动应急\n响应预案" + (piece + "后记。") * 30 + "应急响应"
    for norm in (None, normalize(text)):
        snippet = make_snippet(text, ["应急响应"], norm)
        assert marked(snippet) and all(normalize(m) == "应急响应" for m in marked(snippet)), (piece, snippet)
    spans = match_spans(text, ["应急响应"])
    assert [normalize(text[s:e]) for s, e, _ in spans] == ["应急响应", "应急响应"]


def test_a_match_inside_an_expanded_character_is_marked_on_it():
    assert marked(make_snippet("甲…乙", ["."])) == ["…"]
    assert marked(make_snippet("编号⑩号", ["10"])) == ["⑩"]


# -- bounded work ------------------------------------------------------------------------------------


def test_a_30_mb_one_line_record_costs_a_bounded_amount(monkeypatch):
    """Without its normalized form only HEAD characters are normalized; nothing is mapped exactly
    past EXACT characters, whatever the record's length."""
    seen: list[int] = []
    real_normalize, real_spans = snippets.normalize, snippets.normalize_with_spans

    def counting_normalize(text):
        seen.append(len(text))
        return real_normalize(text)

    def counting_spans(text):
        seen.append(len(text))
        return real_spans(text)

    monkeypatch.setattr(snippets, "normalize", counting_normalize)
    monkeypatch.setattr(snippets, "normalize_with_spans", counting_spans)
    text = ("统计工作高质量发展" * 3_400_000)[:30_000_000]
    snippet = make_snippet(text, ["高质量发展"])
    assert marked(snippet)[0] == "高质量发展" and snippet.text.endswith(ELLIPSIS)
    assert sum(seen) <= snippets.HEAD + 1000
    seen.clear()
    tail = text[: snippets.HEAD] + "……" + text[snippets.HEAD :]  # forces the exact map
    assert marked(make_snippet(tail, ["高质量发展"]))[0] == "高质量发展"
    assert max(seen) <= snippets.HEAD + 2


def test_an_engine_reads_a_bounded_prefix_of_a_huge_record(tmp_path, monkeypatch):
    """The text store hands out at most SNIPPET_BYTES of a record for its snippet."""
    import os

    from indexer import textstore

    writer = textstore.TextStoreWriter(tmp_path, "t", append=False)
    huge = "统计工作高质量发展" * 1_200_000  # 32 MB of UTF-8 on one line
    writer.add(huge, normalize(huge))
    writer.add("短文本统计", "短文本统计")
    writer.close()
    reader = textstore.TextStoreReader(tmp_path, "t")
    reads: list[int] = []
    real_pread = os.pread

    def counting_pread(fd, size, offset):
        reads.append(size)
        return real_pread(fd, size, offset)

    monkeypatch.setattr(textstore.os, "pread", counting_pread)
    head, norm = reader.both_head(0, snippets.SNIPPET_BYTES)
    assert norm is None and huge.startswith(head) and len(head) >= snippets.SNIPPET_BYTES // 3 - 1
    assert reads == [snippets.SNIPPET_BYTES]
    assert reader.both_head(1, snippets.SNIPPET_BYTES) == ("短文本统计", "短文本统计")  # both in one read
    assert len(reads) == 2
    reader.close()


def test_an_engines_snippet_equals_one_made_from_the_text_alone(searcher, records):
    """The reader's text with its stored normalized form gives the snippet the display text alone gives."""
    from indexer.snippets import snippet_of

    snap = searcher._snapshot()
    texts = {r.id: r.text for r in records}
    ordinals = list(range(0, len(snap.records), 7))
    sources = snap.reader.snippet_texts(ordinals, snippets.SNIPPET_BYTES)
    assert len(sources) == len(ordinals)
    for ordinal, source in zip(ordinals, sources):
        record = snap.records[ordinal]
        text = texts[record.id]
        assert source[0] == text and source[1] == normalize(text) and source[2]
        terms = [normalize(text[len(text) // 2 : len(text) // 2 + 2])] if len(text) > 4 else ["统计"]
        assert snippet_of(source, terms) == make_snippet(text, terms), record.id
    huge = snap.reader.snippet_texts(ordinals[:3], 8)  # a bound below every text: only their starts
    assert all(not whole and norm is None and len(text) <= 8 for text, norm, whole in huge)


# -- on the real bundled corpus ------------------------------------------------------------------------

HAN = re.compile(r"[\u4e00-\u9fff]{2,4}")


def _sample_queries(records, count: int, seed: int) -> list[list[str]]:
    """Queries of one to three 2–4-character Han strings of one record (so an AND has hits)."""
    rng = random.Random(seed)
    long_ones = [r for r in records if len(r.text) > 300]
    out = []
    while len(out) < count:
        record = rng.choice(long_ones)
        norm = normalize(record.text)
        words = []
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(norm) - 4)
            found = HAN.match(norm, at, at + rng.randint(2, 4))
            if (
                found
                and found.group() not in words
                and not any(found.group() in w or w in found.group() for w in words)
            ):
                words.append(found.group())
        if words:
            out.append(words)
    return out


def _pause_boundaries(text: str) -> set[int]:
    out = set()
    for at, ch in enumerate(text):
        if ch in snippets._PAUSES or ch.isspace():
            if 0 < at < len(text) - 1 and text[at - 1].isascii() and text[at - 1].isalnum():
                if text[at + 1].isascii() and text[at + 1].isalnum():
                    continue  # "3.5", "1,000"
            out.add(at + 1)
            if ch in snippets._OPENING:
                out.add(at)
    return out


def _jieba_boundaries(text: str) -> set[int]:
    out = set()
    for run in jieba.re_han_default.finditer(text):
        for _, start, end in cut_words(run.group()):
            out.update((run.start() + start, run.start() + end))
    return out


def _snippet_pieces(snippet: Snippet):
    """(piece, its offset in snippet.text) of each fragment."""
    at = 0
    for piece in snippet.text.split(ELLIPSIS):
        if piece:
            yield piece, at
        at += len(piece) + 1


def test_snippets_of_sampled_queries_show_every_term_cut_at_boundaries(searcher, records):
    texts = {r.id: r.text for r in records}
    checked = 0
    for words in _sample_queries(records, 40, seed=20):
        result = searcher.search(parse_request({"q": " ".join(words), "exact": "1", "size": "30"}))
        for hit in result.hits:
            if hit.kind == "chronicle":
                continue
            text = texts[hit.id]
            display = text.replace("\n", " ")
            norm = normalize(text)
            present = [w for w in words if w in norm]
            shown = [normalize(piece) for piece, _ in _snippet_pieces(hit.snippet)]
            assert all(any(w in s for s in shown) for w in present), (words, hit.id, hit.snippet.text)
            bounds = {0, len(text)} | _pause_boundaries(text) | _jieba_boundaries(text)
            marks = set(hit.snippet.marks)
            for piece, offset in _snippet_pieces(hit.snippet):
                start = display.find(piece)
                assert start >= 0, (hit.id, piece)
                end = start + len(piece)
                edges_ok = {start, end} <= bounds | {
                    m for s, e in marks for m in (s - offset + start, e - offset + start)
                }
                assert edges_ok, (words, hit.id, piece, start, end)
                # every match inside the fragment is marked, and marks are matches
                local, starts, ends = normalize_with_spans(piece)
                for w in words:
                    at = local.find(w)
                    while at >= 0:
                        span = (offset + starts[at], offset + ends[at + len(w) - 1])
                        assert any(s <= span[0] and span[1] <= e for s, e in marks), (w, hit.id, piece)
                        at = local.find(w, at + 1)
            for mark in marked(hit.snippet):
                assert any(w in normalize(mark) for w in words), (mark, words)
            checked += 1
    assert checked > 100
