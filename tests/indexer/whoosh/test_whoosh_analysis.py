import pickle

import pytest
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.query import Phrase, Term

from analyzers.terms import bigrams as query_bigrams
from analyzers.terms import rank_words as query_words
from indexer.whoosh_engine.analysis import BigramAnalyzer, CharNgramTokenizer, PreSegmented, WordsAnalyzer


def UnigramAnalyzer():  # only here: single characters show the tokenizer's offsets one by one
    return CharNgramTokenizer(1)


def toks(analyzer, value, **kw):
    kw.setdefault("positions", True)
    out = []
    for t in analyzer(value, **kw):
        row = [t.text]
        if kw.get("positions"):
            row.append(t.pos)
        if kw.get("chars"):
            row += [t.startchar, t.endchar]
        out.append(tuple(row))
    return out


# -- BigramAnalyzer / UnigramAnalyzer ----------------------------------------


def test_bigrams_positions():
    assert toks(BigramAnalyzer(), "应急响应") == [("应急", 0), ("急响", 1), ("响应", 2)]


def test_bigrams_over_normalized_text():
    # white space removed, full width folded, casefolded
    assert toks(BigramAnalyzer(), "应急\n\n响应") == [("应急", 0), ("急响", 1), ("响应", 2)]
    assert toks(BigramAnalyzer(), "ＡＢ c") == [("ab", 0), ("bc", 1)]


def test_bigrams_never_span_separator():
    assert toks(BigramAnalyzer(), "标题\x00正文") == [("标题", 0), ("正文", 3)]
    assert toks(BigramAnalyzer(), "a\x00\x00bc\x00d") == [("bc", 3)]


def test_bigrams_short_values():
    assert toks(BigramAnalyzer(), "应") == []
    assert toks(BigramAnalyzer(), "") == []


def test_bigram_chars_refer_to_original_text():
    text = "应急\n\n响应"
    got = toks(BigramAnalyzer(), text, chars=True)
    assert got == [("应急", 0, 0, 2), ("急响", 1, 1, 5), ("响应", 2, 4, 6)]
    assert text[4:6] == "响应"


def test_bigram_start_pos_start_char_keeporiginal():
    got = [
        (t.text, t.pos, t.startchar, t.endchar, t.original)
        for t in BigramAnalyzer()("Ａ B", positions=True, chars=True, start_pos=10, start_char=100, keeporiginal=True)
    ]
    assert got == [("ab", 10, 100, 103, "Ａ B")]


def test_bigram_no_positions():
    assert [t.text for t in BigramAnalyzer()("应急响应")] == ["应急", "急响", "响应"]


def test_unigrams():
    assert toks(UnigramAnalyzer(), "应 急\x00Ａ") == [("应", 0), ("急", 1), ("a", 3)]
    assert toks(UnigramAnalyzer(), "ｶﾞ", chars=True) == [("ガ", 0, 0, 2)]


def test_tokenize_false():
    assert [t.text for t in BigramAnalyzer()("应急 响应", tokenize=False)] == ["应急响应"]


def test_query_bigrams():
    assert query_bigrams("应急响应") == ["应急", "急响", "响应"]
    assert query_bigrams("应急 响应") == ["应急", "急响", "响应"]
    assert query_bigrams("ＡＢ") == ["ab"]
    assert query_bigrams("应") == []
    assert query_bigrams(" 应 ") == []
    assert query_bigrams("") == []


# -- WordsAnalyzer -----------------------------------------------------------


def test_words_positions_are_word_indexes():
    got = toks(WordsAnalyzer(), "启动应急响应预案", chars=True)
    assert got == [
        ("启动", 0, 0, 2),
        ("应急", 1, 2, 4),
        ("响应", 2, 4, 6),
        ("预案", 3, 6, 8),
    ]


def test_words_drop_punctuation_and_whitespace_and_renumber():
    got = toks(WordsAnalyzer(), "启动，应急\n响应。")
    assert got == [("启动", 0), ("应急", 1), ("响应", 2)]


def test_words_normalized_for_ranking():
    assert [t for t, _ in toks(WordsAnalyzer(), "ＡＢＣ公司")] == ["abc", "公司"]


def test_words_separator_takes_a_position():
    assert toks(WordsAnalyzer(), "应急\x00响应") == [("应急", 0), ("响应", 2)]


def test_words_chars_map_to_original_text():
    text = "（ＡＢＣ）\n应急"
    got = toks(WordsAnalyzer(), text, chars=True)
    assert got == [("abc", 0, 1, 4), ("应急", 1, 6, 8)]


def test_presegmented_is_used_without_rerunning_jieba(monkeypatch):
    value = PreSegmented("启动应急响应预案")
    assert isinstance(value, str) and value == "启动应急响应预案"
    expected = toks(WordsAnalyzer(), "启动应急响应预案", chars=True)
    import indexer.whoosh_engine.analysis as wa

    def boom(text):
        raise AssertionError("jieba re-run")

    monkeypatch.setattr(wa, "cut_words", boom)
    assert toks(WordsAnalyzer(), value, chars=True) == expected
    # custom words are taken as given
    custom = PreSegmented("ab", [("a", 0, 1), ("b", 1, 2)])
    assert toks(WordsAnalyzer(), custom) == [("a", 0), ("b", 1)]


def test_presegmented_pickles_as_plain_str():
    value = pickle.loads(pickle.dumps(PreSegmented("启动应急")))
    assert type(value) is str and value == "启动应急"


def test_query_words():
    assert query_words("启动应急响应预案！") == ["启动", "应急", "响应", "预案"]
    assert query_words("科右前旗") == ["科右前旗"]
    assert query_words("，。") == []


# -- whoosh integration ------------------------------------------------------


def _index(docs, **fields):
    schema = Schema(id=ID(stored=True), **fields)
    ix = RamStorage().create_index(schema)
    with ix.writer() as w:
        for doc in docs:
            w.add_document(**doc)
    return ix


def _ids(ix, query):
    with ix.searcher() as s:
        return sorted(hit["id"] for hit in s.search(query, limit=None))


def test_words_phrase_query_in_whoosh():
    ix = _index(
        [
            dict(id="1", body="启动应急响应预案"),
            dict(id="2", body=PreSegmented("响应启动应急预案")),
            dict(id="3", body="应急\x00响应"),
        ],
        body=TEXT(analyzer=WordsAnalyzer(), phrase=True),
    )
    assert _ids(ix, Phrase("body", query_words("应急响应"))) == ["1"]
    assert _ids(ix, Term("body", "应急")) == ["1", "2", "3"]


def test_bigram_phrase_is_exact_substring_match():
    ix = _index(
        [
            dict(id="hit", text="关于启动应急\n\n响应的通知"),
            dict(id="miss", text="应急处置响应"),
            dict(id="sep", text="应急\x00响应"),
            dict(id="rev", text="响应应急"),
        ],
        text=TEXT(analyzer=BigramAnalyzer(), phrase=True),
    )
    assert _ids(ix, Phrase("text", query_bigrams("应急响应"))) == ["hit"]
    assert _ids(ix, Phrase("text", query_bigrams("急\n响"))) == ["hit"]


@pytest.mark.parametrize(
    "term",
    ["哈哈哈", "哈哈哈哈", "哈哈", "啊哈哈", "哈啊", "哈哈啊哈哈"],
)
def test_bigram_phrase_equals_substring_scan_with_repeats(term):
    texts = {"1": "哈哈", "2": "哈哈哈", "3": "哈哈啊哈哈", "4": "哈\n哈哈", "5": "啊"}
    ix = _index(
        [dict(id=k, text=v) for k, v in texts.items()],
        text=TEXT(analyzer=BigramAnalyzer(), phrase=True),
    )
    from analyzers.normalize import normalize

    expected = sorted(k for k, v in texts.items() if normalize(term) in normalize(v))
    assert _ids(ix, Phrase("text", query_bigrams(term))) == expected


def test_unigram_term_query():
    ix = _index(
        [dict(id="1", text="应急"), dict(id="2", text="Ａ")],
        text=TEXT(analyzer=UnigramAnalyzer(), phrase=True),
    )
    assert _ids(ix, Term("text", "急")) == ["1"]
    assert _ids(ix, Term("text", "a")) == ["2"]


def test_schema_with_analyzers_pickles():
    schema = Schema(
        w=TEXT(analyzer=WordsAnalyzer()),
        b=TEXT(analyzer=BigramAnalyzer()),
        u=TEXT(analyzer=UnigramAnalyzer()),
    )
    again = pickle.loads(pickle.dumps(schema))
    assert again == schema
    assert again["b"].analyzer != again["u"].analyzer


def test_bigram_phrase_equals_substring_scan_on_corpus():
    """Recall and precision of the bigram phrase equal a substring scan of
    normalize(text), on paragraphs of the bundled corpus."""
    import random

    from analyzers.normalize import normalize
    from corpus import BUNDLED_CORPUS as corpus

    files = sorted(corpus.glob("*.txt"))
    assert len(files) >= 2, f"the bundled corpus (tracked in git) is missing from {corpus}"
    paras = []
    for f in files:
        paras += [p for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    # join pairs as title \x00 body, like the index does
    records = {str(i): paras[i] + "\x00" + paras[i + 1] for i in range(0, len(paras) - 1, 2)}
    ix = _index(
        [dict(id=k, text=v) for k, v in records.items()],
        text=TEXT(analyzer=BigramAnalyzer(), phrase=True),
    )
    norm = {k: normalize(v) for k, v in records.items()}
    rng = random.Random(7)
    keys = sorted(records)
    terms = ["应急响应", "兴安盟", "统计统计", "盟委、行署", "2022年", "科右前旗", "不存在的词语"]
    for _ in range(150):
        src = norm[rng.choice(keys)]
        if len(src) < 3:
            continue
        a = rng.randrange(len(src) - 2)
        terms.append(src[a : a + rng.randint(2, 8)])
    with ix.searcher() as s:
        for term in terms:
            nt = normalize(term)
            if len(nt) < 2 or "\x00" in nt:
                continue
            expected = sorted(k for k, v in norm.items() if nt in v)
            got = sorted(h["id"] for h in s.search(Phrase("text", query_bigrams(term)), limit=None))
            assert got == expected, term


@pytest.mark.parametrize("text", ["启动应急响应预案！", "（ＡＢＣ）\n应急", "标题\x00正文内容", "科右前旗 GDP 2022年"])
def test_whoosh_fields_hold_exactly_the_engine_free_terms(text):
    """The seam: the whoosh analyzers produce what analyzers.terms says is matched and ranked."""
    assert [t.text for t in BigramAnalyzer()(text)] == query_bigrams(text)
    assert [t.text for t in WordsAnalyzer()(text)] == query_words(text)
