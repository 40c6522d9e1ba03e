"""2,000 generated queries: each valid one returns exactly the reference evaluation's records
(tests/indexer/reference.py: substring tests record by record, no index), each invalid one is a 400.
The whole language is exercised: AND/OR/NOT in every spelling, parentheses, phrases in every quote,
fields, NEAR/N, 文号 and series, offices, near scopes, within, aliases, traditional characters."""

from __future__ import annotations

import random

import opencc
import pytest
from reference import evaluate, prepare

from analyzers.normalize import SEP, normalize
from indexer.api import SearchError, parse_request
from indexer.querylang import QUOTES, WORD_CHAR, all_of, parse_query

SEED = 20261201
VALID, INVALID = 1800, 200
QUOTE_CHARS = set(QUOTES) | set(QUOTES.values())
OPERATOR_TEXT = set("()（）&＆|｜:：-*?？＊~^[]{}") | QUOTE_CHARS
FIXED = [
    "统计",
    "工作",
    "企业",
    "医疗",
    "卫生",
    "法治",
    "应急响应",
    "领导小组",
    "科右前旗",
    "科尔沁右翼前旗",
    "行署",
    "行政公署",
    "盟委",
    "发改委",
    "征兵",
    "大豆",
    "旅游",
    "国务院",
    "乌兰浩特",
    "高质量发展",
]
WENHAO = ["兴署发〔2022〕6号", "兴署发[2022]6号", "兴署办字2022年9号", "兴署联发(2023)3号", "国发〔2013〕42号"]
SERIES = ["文号:兴署办字", "文号:兴署发〔2022〕", "文号:兴署联发", "文号:兴署办发〔2023〕"]
OFFICES = ["发文机关:军分区", "office:办公室", "发文机关:兴安盟行政公署"]
AND = [" ", " AND ", " and ", " 并且 ", "&"]
OR = [" OR ", " or ", " 或者 ", "|"]
NOT = ["-", "NOT ", "不含 "]


@pytest.fixture(scope="module")
def reference(records):
    return prepare(records)


@pytest.fixture(scope="module")
def pieces(records):
    """Substrings of the corpus (1–4 characters) that are plain words of the query language."""
    rng = random.Random(SEED)
    texts = [normalize(r.text) for r in records if r.text]
    out: list[str] = []
    while len(out) < 400:
        text = rng.choice(texts)
        n = rng.randint(1, 4)
        if len(text) <= n:
            continue
        at = rng.randrange(len(text) - n)
        piece = text[at : at + n]
        if SEP in piece or any(c in OPERATOR_TEXT or c.isspace() for c in piece) or not WORD_CHAR.search(piece):
            continue
        if piece.upper() in ("AND", "OR", "NOT", "NEAR") or piece in ("并且", "或者", "不含"):
            continue
        out.append(piece)
    return out


class Generator:
    def __init__(self, rng: random.Random, pieces: list[str]):
        self.rng = rng
        self.pieces = pieces
        self.s2t = opencc.OpenCC("s2t")

    def word(self) -> str:
        rng = self.rng
        word = rng.choice(self.pieces) if rng.random() < 0.55 else rng.choice(FIXED)
        if rng.random() < 0.15:
            word = self.s2t.convert(word)  # traditional characters
        return word

    def term(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.05:
            return rng.choice(WENHAO)
        if roll < 0.08:
            return rng.choice(SERIES)
        if roll < 0.10:
            return rng.choice(OFFICES)
        if roll < 0.18:
            return f"{self.word()} NEAR/{rng.randint(1, 30)} {self.word()}"
        text = self.word()
        if rng.random() < 0.25:
            open_ = rng.choice(list(QUOTES))
            text = f"{open_}{text}{QUOTES[open_]}"
        if rng.random() < 0.12:
            text = rng.choice(["标题:", "title:", "正文:", "text:"]) + text
        return text

    def expr(self, depth: int = 0) -> str:
        rng = self.rng
        if depth >= 3 or rng.random() < 0.45:
            return self.term()
        left, right = self.expr(depth + 1), self.expr(depth + 1)
        roll = rng.random()
        if roll < 0.45:
            out = left + rng.choice(AND) + right
        elif roll < 0.8:
            out = left + rng.choice(OR) + right
        else:
            out = left + " " + rng.choice(NOT) + self.term()
        return f"({out})" if depth and rng.random() < 0.7 else out

    def params(self) -> dict:
        rng = self.rng
        params: dict = {"q": self.expr(), "sort": "date"}  # the set is under test, not the ranking
        if rng.random() < 0.2:
            params["near"] = rng.choice(["sentence", "paragraph", "clause"])
        if rng.random() < 0.1:
            params["within"] = [self.word()]
        if rng.random() < 0.2:
            params["exact"] = "1"
        return params

    def broken(self) -> str:
        rng = self.rng
        good = self.expr()
        return rng.choice(
            [
                f"({good}",
                f"{good})",
                f'"{good}',
                f"{good} OR",
                f"AND {good}",
                f"{good} -",
                f"{good}*",
                f"{self.word()}?{self.word()}",  # inside a word (at the end of Chinese it ends a question)
                f"作者:{self.word()}",
                f"{self.word()}~2",
                f"{good} NEAR {self.word()}",
                f"标题:正文:{self.word()}",
                "，。",
                "()",
            ]
        )


def test_generated_queries_equal_the_reference(searcher, reference, pieces):
    gen = Generator(random.Random(SEED), pieces)
    checked = differences = 0
    report = []
    for _ in range(VALID):
        params = gen.params()
        tree = all_of([parse_query(params["q"])] + [parse_query(w) for w in params.get("within", [])])
        request = parse_request(params)
        try:
            # the literal reading; the labelled tiers after it are tested in test_tiers.py
            got = {h.id for h in searcher.export(request, cap=100_000) if h.match == "text"}
        except SearchError as exc:
            # the only 400s a valid query may get: a series or office the index does not hold, only NOTs,
            # or a scope (near) with no term to scope
            assert exc.code in ("unknown_series", "unknown_office", "only_excluded", "near_without_terms"), (
                params,
                exc.message,
            )
            continue
        expected = evaluate(tree, reference, exact=request.exact, near=request.near)
        checked += 1
        if got != expected:
            differences += 1
            report.append((params, len(expected), len(got), sorted(expected ^ got)[:5]))
    assert not report, f"{differences} of {checked} queries differ from the reference: {report[:5]}"
    assert checked > VALID * 0.9


def test_generated_broken_queries_are_errors_in_chinese(searcher, pieces):
    gen = Generator(random.Random(SEED + 1), pieces)
    for _ in range(INVALID):
        q = gen.broken()
        with pytest.raises(SearchError) as info:
            searcher.search(parse_request({"q": q}))
        assert (
            info.value.param == "q" and info.value.code and any("\u4e00" <= c <= "\u9fff" for c in info.value.message)
        ), q
