"""Relevance on the judged queries of bench/judged/: nDCG@10, P@5 and MRR for this engine, a textbook BM25
over jieba words and the literal-only reading (exact=1), per corpus and overall, from one run.

    python bench/bench_relevance.py                      # builds both indexes in a temp dir
    python bench/bench_relevance.py --index /tmp/rel     # builds into /tmp/rel/{bundled,govcn} once, reuses after
    python bench/bench_relevance.py --per-query          # + one line per query (nDCG@10 of each ranker)
    python bench/bench_relevance.py --show B001 G004     # + each ranker's top 10 with grades for these queries
    python bench/bench_relevance.py --pool B001 --sheet s.tsv   # grading sheet of the pooled records
    python bench/bench_relevance.py --merge s.tsv        # graded sheet lines → qrels.tsv (or heldout_qrels.tsv)
    python bench/bench_relevance.py --set heldout        # the held-out set alone (--set main: the tuning set)
    python bench/bench_relevance.py --set heldout2       # the sealed held-out set v2 (judges only; see judged/README)
    python bench/bench_relevance.py --set heldout3       # held-out set v3 (bundled corpus, 46 queries)
    python bench/bench_relevance.py --set heldout4       # held-out set v4 (bundled corpus, 42 queries)
    python bench/bench_relevance.py --set heldout5       # held-out set v5 (bundled corpus, 22 queries)
    python bench/bench_relevance.py --drop-gone          # drop judgments whose record id no longer exists

Corpora: `bundled` (data/corpus) and `govcn` (the gov.cn pages in ../shared/realworld/govcn, or --realworld;
skipped with a message when absent). Three query sets, reported apart: `main` — bench/judged/queries.tsv and
qrels.tsv, the set the ranking was tuned on —, `heldout` — heldout_queries.tsv and heldout_qrels.tsv, which
nobody tunes on (it shows whether the ranking generalises; its failures have been described, so it is partly
spent) — and `heldout2` — heldout2_queries.tsv and heldout2_qrels.tsv, sealed: the relevance work does not read
them, and a run that does not name it (--set heldout2) prints its table only. Queries: id, corpus, query, need;
judgments: query
id, record id, grade 0–3, fingerprint = the first 30 characters of the record's text without white space, a
document's title for a document.

Rankers measured:
  engine    GazetteSearch.search as a user gets it (default reading, equivalent names, any fallback)
  bm25      BM25 (k1=1.2, b=0.75) over stock jieba's words of each record's text (a document: its title
            words once, then its body), query = the jieba words of the query; independent of the engine
  literal   the engine with exact=1 (its literal matches only)
Pooling adds two more (not measured): BM25 over character bigrams, and substring occurrences with the title ×3.

Measures: nDCG@10 with gain 2^g−1 and the ideal ranking from all judged records of the query; P@5 counts
grade ≥ 2; MRR is 1/rank of the first grade ≥ 2 in the top 100. Unjudged records count as 0, and the share
of unjudged records in each ranker's top 10 is printed (a ranking change that surfaces unjudged records shows
there: judge them before trusting the figure). A judgment whose record id is gone, or whose fingerprint no
longer matches the record's text, is reported as stale and not used.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

JUDGED = Path(__file__).resolve().parent / "judged"
QUERIES = JUDGED / "queries.tsv"
QRELS = JUDGED / "qrels.tsv"
HELDOUT_QUERIES = JUDGED / "heldout_queries.tsv"
HELDOUT_QRELS = JUDGED / "heldout_qrels.tsv"
HELDOUT2_QUERIES = JUDGED / "heldout2_queries.tsv"
HELDOUT2_QRELS = JUDGED / "heldout2_qrels.tsv"
HELDOUT3_QUERIES = JUDGED / "heldout3_queries.tsv"
HELDOUT3_QRELS = JUDGED / "heldout3_qrels.tsv"
HELDOUT4_QUERIES = JUDGED / "heldout4_queries.tsv"
HELDOUT4_QRELS = JUDGED / "heldout4_qrels.tsv"
HELDOUT5_QUERIES = JUDGED / "heldout5_queries.tsv"
HELDOUT5_QRELS = JUDGED / "heldout5_qrels.tsv"
# name → (queries, judgments, label): `main` is the set relevance work is tuned on; `heldout` is never tuned on
# (its failures have been described to the relevance work, so it is partly spent); `heldout2` is sealed
QUERY_SETS = {
    "main": (QUERIES, QRELS, "judged set (tuned on)"),
    "heldout": (HELDOUT_QUERIES, HELDOUT_QRELS, "HELD-OUT set (never tuned on)"),
    "heldout2": (HELDOUT2_QUERIES, HELDOUT2_QRELS, "SEALED held-out set v2 (figures only)"),
    "heldout3": (HELDOUT3_QUERIES, HELDOUT3_QRELS, "HELD-OUT set v3 (bundled; written before its first run)"),
    "heldout4": (HELDOUT4_QUERIES, HELDOUT4_QRELS, "HELD-OUT set v4 (bundled; written before its first run)"),
    "heldout5": (
        HELDOUT5_QUERIES,
        HELDOUT5_QRELS,
        "HELD-OUT set v5 (bundled; written after v4's changes, before its run)",
    ),
}
# Sealed sets print their table only: no per-query lines, top 10s, stale ids or pooling sheets unless the set is
# asked for by name (--set heldout2) — the judges' view, which the relevance work does not open.
SEALED = {"heldout2"}
K = 10  # nDCG cut-off and the unjudged-share window
P_AT = 5
DEPTH = 100  # how deep each ranker's list is read (MRR); the engine's page size cap
POOL_DEPTH = 20  # pooling: the top 20 of each ranker
POOL_LITERAL_MAX = 30  # pooling: every record holding all query terms, when there are at most this many
RELEVANT = 2  # P@5 and MRR count grades >= 2
FINGERPRINT_CHARS = 30
MEASURED = ("engine", "bm25", "literal")
POOLED = (*MEASURED, "bigram", "substring")
K1, B = 1.2, 0.75
OPERATORS = {"and", "or", "not", "并且", "或者", "不含"}


# -- judged data -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    id: str
    corpus: str
    text: str
    need: str


def _rows(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if cells[0] in ("id", "query"):  # the header line
            continue
        rows.append([f"{path.name}:{n}", *cells])
    return rows


def load_queries(path: Path = QUERIES) -> list[Query]:
    queries = []
    for where, *cells in _rows(path):
        if len(cells) != 4:
            raise SystemExit(f"{where}: 应为 4 列（id、corpus、query、need），实为 {len(cells)} 列")
        queries.append(Query(*cells))
    return queries


def load_qrels(path: Path = QRELS) -> dict[str, dict[str, tuple[int, str]]]:
    """query id → record id → (grade, fingerprint)."""
    judged: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)
    for where, *cells in _rows(path):
        if len(cells) != 4 or cells[2] not in ("0", "1", "2", "3"):
            raise SystemExit(f"{where}: 应为 query id、record id、0–3 的等级、指纹 4 列")
        judged[cells[0]][cells[1]] = (int(cells[2]), cells[3])
    return judged


# -- records -----------------------------------------------------------------------------------------


@dataclass
class Record:
    id: str
    kind: str
    title: str  # the document's title (a clause's and a document's); "" for a 大事记 entry
    heading: str  # a clause's own heading
    path: str
    date: str
    text: str

    @property
    def match_parts(self) -> list[str]:
        """What the baselines read: a document's title once, then its body; any other record its text."""
        return [self.title, self.text] if self.kind == "document" else [self.text]

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.title if self.kind == "document" else self.text)


def fingerprint(text: str) -> str:
    return "".join(text.split())[:FINGERPRINT_CHARS]


def load_records(index_dir: Path) -> list[Record]:
    """The records of the live build, with their text, as the build wrote them (ordinal order)."""
    from indexer import store
    from indexer.records import unpack_rows

    build = store.open_build(index_dir)
    records = []
    for source in build.meta.get("sources", []):
        for row in unpack_rows(build.read_json(f"{store.RECORDS}/{source}.json")):
            records.append(
                Record(
                    id=row["id"],
                    kind=row["kind"],
                    title=row.get("title") or "",
                    heading=row.get("heading") or "",
                    path=row.get("path") or "",
                    date=row.get("date") or "",
                    text=row.get("text") or "",
                )
            )
    return records


# -- baselines (independent of the engine's ranking) -------------------------------------------------


def fold(text: str) -> str:
    """Width, case, traditional → simplified: the same folding for the text and the query."""
    from analyzers.normalize import rank_normalize

    return rank_normalize(text)


_JIEBA = None


def jieba_words(text: str) -> list[str]:
    """Stock jieba (its own dictionary, precise mode): the words a textbook baseline would use."""
    global _JIEBA
    if _JIEBA is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        _JIEBA = jieba.Tokenizer()
    return [w for w in _JIEBA.lcut(fold(text)) if any(ch.isalnum() for ch in w)]


def query_terms(query: str) -> list[str]:
    """The query's white-space separated terms, folded, without operators, quotes and brackets."""
    cleaned = re.sub(r"[\"'“”‘’「」()（）&|]", " ", fold(query))
    return [t for t in cleaned.split() if t.lower() not in OPERATORS and t.strip("-")]


class BM25:
    """Okapi BM25 over bags of tokens: k1=1.2, b=0.75, idf = ln(1 + (N − df + 0.5)/(df + 0.5))."""

    def __init__(self, docs: list[list[str]]):
        self.tf = [Counter(d) for d in docs]
        self.len = [len(d) for d in docs]
        self.avg = sum(self.len) / max(len(docs), 1)
        df = Counter(t for tf in self.tf for t in tf)
        n = len(docs)
        self.idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, tf in enumerate(self.tf):
            for t in tf:
                self.postings[t].append(i)

    def rank(self, terms: list[str], depth: int) -> list[int]:
        scores: dict[int, float] = defaultdict(float)
        for t in dict.fromkeys(terms):
            idf = self.idf.get(t)
            if idf is None:
                continue
            for i in self.postings[t]:
                f = self.tf[i][t]
                scores[i] += idf * f * (K1 + 1) / (f + K1 * (1 - B + B * self.len[i] / self.avg))
        return sorted(scores, key=lambda i: (-scores[i], i))[:depth]


def char_bigrams(text: str) -> list[str]:
    squashed = "".join(text.split())
    return [squashed[i : i + 2] for i in range(len(squashed) - 1)] or ([squashed] if squashed else [])


@dataclass
class Baselines:
    records: list[Record]
    words: BM25 = field(init=False)
    bigrams: BM25 = field(init=False)
    folded: list[tuple[str, str]] = field(init=False)  # (ranked title, whole match text), folded, squashed

    def __post_init__(self):
        self.words = BM25([[w for part in r.match_parts for w in jieba_words(part)] for r in self.records])
        self.bigrams = BM25([[g for part in r.match_parts for g in char_bigrams(fold(part))] for r in self.records])
        self.folded = [
            (
                "".join(fold(r.title if r.kind == "document" else r.heading).split()),
                "".join(fold(" ".join(r.match_parts)).split()),
            )
            for r in self.records
        ]

    def bm25(self, query: str, depth: int = DEPTH) -> list[str]:
        return self._ids(self.words.rank(jieba_words(query), depth))

    def bigram(self, query: str, depth: int = DEPTH) -> list[str]:
        grams = [g for t in query_terms(query) for g in char_bigrams(t)]
        return self._ids(self.bigrams.rank(grams, depth))

    def substring(self, query: str, depth: int = DEPTH) -> list[str]:
        """Occurrences of every term in the whole text, plus twice more in the title (title ×3)."""
        terms = [t.lstrip("-") for t in query_terms(query) if not t.startswith("-")]
        scored = []
        for i, (title, text) in enumerate(self.folded):
            score = sum(text.count(t) + 2 * title.count(t) for t in terms)
            if score:
                scored.append((-score, i))
        return self._ids([i for _, i in sorted(scored)[:depth]])

    def literal_all(self, query: str) -> list[str]:
        """Every record whose text holds every (positive) term of the query literally."""
        terms = [t for t in query_terms(query) if not t.startswith("-")]
        if not terms:
            return []
        return self._ids([i for i, (_, text) in enumerate(self.folded) if all(t in text for t in terms)])

    def _ids(self, ordinals: list[int]) -> list[str]:
        return [self.records[i].id for i in ordinals]


# -- the engine --------------------------------------------------------------------------------------


def engine_ranking(searcher, query: str, exact: bool) -> tuple[list[str], str]:
    """The engine's first DEPTH hits (ids) for the query as a user types it in the box or on the command line,
    and, when the request was refused, the message."""
    from indexer.api import SearchError, parse_request

    try:
        # read as the page and the command line read it (parse_request: 同句/同段/同条 typed between terms is the
        # scope, not a word), so the figure is what a user gets
        request = parse_request({"q": query, "size": str(DEPTH), "exact": "1" if exact else "0"}, max_size=DEPTH)
        result = searcher.search(request)
    except SearchError as exc:
        return [], exc.message
    return [h.id for h in result.hits], ""


# -- corpora -----------------------------------------------------------------------------------------


@dataclass
class Corpus:
    name: str
    folder: Path
    index: Path
    records: list[Record] = field(default_factory=list)
    by_id: dict[str, Record] = field(default_factory=dict)
    searcher: object = None
    baselines: Baselines | None = None


def realworld_dir(given: str | None) -> Path | None:
    candidates = [Path(given)] if given else []
    if os.environ.get("GAZETTE_REALWORLD"):
        candidates.append(Path(os.environ["GAZETTE_REALWORLD"]))
    # the repository's ../shared/realworld; a worktree under /work/wt/<name> finds it one level higher
    candidates += [ROOT.parent / "shared" / "realworld", ROOT.parent.parent / "shared" / "realworld"]
    return next((c for c in candidates if (c / "govcn").is_dir()), None)


def open_corpora(index_root: Path, realworld: str | None, wanted: set[str]) -> list[Corpus]:
    from corpus import BUNDLED_CORPUS
    from indexer.build import BuildError, build_index, index_status
    from indexer.searching import open_search

    corpora = []
    if "bundled" in wanted:
        corpora.append(Corpus("bundled", Path(BUNDLED_CORPUS), index_root / "bundled"))
    if "govcn" in wanted:
        found = realworld_dir(realworld)
        if found is None:
            print(
                "跳过 govcn：找不到 ../shared/realworld/govcn（可用 --realworld DIR 或 GAZETTE_REALWORLD 指定）",
                file=sys.stderr,
            )
        else:
            corpora.append(Corpus("govcn", found / "govcn", index_root / "govcn"))
    for corpus in corpora:
        started = time.perf_counter()
        try:
            report = build_index(corpus.folder, corpus.index)
        except BuildError as exc:
            # an update that has only unparsable files left to read refuses, keeping the live build
            if index_status(corpus.index) != "ok":
                raise
            print(f"{corpus.name}: reusing the live build ({exc})", file=sys.stderr)
        else:
            failures = len(report.failures)
            print(
                f"{corpus.name}: {report.records} records, {report.mode} build in "
                f"{time.perf_counter() - started:.1f} s" + (f" ({failures} files not indexed)" if failures else ""),
                file=sys.stderr,
            )
        corpus.records = load_records(corpus.index)
        corpus.by_id = {r.id: r for r in corpus.records}
        corpus.searcher = open_search(corpus.index)
        corpus.baselines = Baselines(corpus.records)
    return corpora


def rankings(corpus: Corpus, query: str, names=MEASURED) -> tuple[dict[str, list[str]], dict[str, str]]:
    out: dict[str, list[str]] = {}
    errors: dict[str, str] = {}
    base = corpus.baselines
    assert base is not None
    for name in names:
        if name in ("engine", "literal"):
            out[name], error = engine_ranking(corpus.searcher, query, exact=name == "literal")
            if error:
                errors[name] = error
        else:
            out[name] = getattr(base, name)(query)
    return out, errors


# -- measures ----------------------------------------------------------------------------------------


def dcg(gains: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains[:K]))


def measure(ranked: list[str], grades: dict[str, int]) -> dict[str, float]:
    ideal = dcg(sorted(grades.values(), reverse=True))
    got = [grades.get(r, 0) for r in ranked]
    first = next((i for i, g in enumerate(got) if g >= RELEVANT), None)
    top = ranked[:K]
    return {
        "ndcg": dcg(got) / ideal if ideal else 0.0,
        "p5": sum(1 for g in got[:P_AT] if g >= RELEVANT) / P_AT,
        "mrr": 1 / (first + 1) if first is not None else 0.0,
        "zero": 0.0 if ranked else 1.0,
        "unjudged": sum(1 for r in top if r not in grades),
        "shown": len(top),
    }


def current_grades(corpus: Corpus, judged: dict[str, tuple[int, str]], stale: list[str], qid: str) -> dict[str, int]:
    """The judgments whose record still exists with the same fingerprint; the rest are reported."""
    grades = {}
    for record_id, (grade, print_) in judged.items():
        record = corpus.by_id.get(record_id)
        if record is None:
            stale.append(f"{qid}\t{record_id}\t记录已不存在（指纹 {print_}）")
        elif record.fingerprint != print_:
            moved = [r.id for r in corpus.records if r.fingerprint == print_]
            where = f"，同一指纹现在是 {', '.join(moved[:3])}" if moved else ""
            stale.append(f"{qid}\t{record_id}\t文本已变：{print_} → {record.fingerprint}{where}")
        else:
            grades[record_id] = grade
    return grades


def summary_rows(label: str, per_query: dict[str, dict[str, dict[str, float]]]) -> list[str]:
    rows = []
    count = len(per_query)
    for ranker in MEASURED:
        values = [m[ranker] for m in per_query.values()]
        if not values:
            continue
        mean = {k: sum(v[k] for v in values) / count for k in ("ndcg", "p5", "mrr")}
        zero = int(sum(v["zero"] for v in values))
        shown = sum(v["shown"] for v in values)
        unjudged = sum(v["unjudged"] for v in values) / shown if shown else 0.0
        rows.append(
            f"{label:<8} {count:>4}  {ranker:<8} {mean['ndcg']:>8.3f} {mean['p5']:>6.3f} {mean['mrr']:>6.3f}"
            f" {zero:>9} {unjudged:>12.1%}"
        )
        label = ""
    return rows


# -- grading helpers ---------------------------------------------------------------------------------


def pool(corpus: Corpus, query: Query) -> tuple[dict[str, list[int]], dict[str, str]]:
    """record id → its rank (1-based) in each pooling ranker's top 20 (0: not there), and refusals."""
    assert corpus.baselines is not None
    ranked, errors = rankings(corpus, query.text, POOLED)
    pooled: dict[str, list[int]] = {}
    for n, name in enumerate(POOLED):
        for rank, record_id in enumerate(ranked[name][:POOL_DEPTH], 1):
            pooled.setdefault(record_id, [0] * len(POOLED))[n] = rank
    literal = corpus.baselines.literal_all(query.text)
    if len(literal) <= POOL_LITERAL_MAX:
        for record_id in literal:
            pooled.setdefault(record_id, [0] * len(POOLED))
    return pooled, errors


def describe(record: Record, width: int, words: list[str] = ()) -> str:
    """The record as the grader reads it: its kind, document title and heading path, the start of its text,
    and a window around each query word that occurs only further on."""
    text = " / ".join(line.strip() for line in record.text.splitlines() if line.strip())
    shown = text[:width]
    later = []
    for word in words:
        at = text.find(word, width)
        if len(word) > 1 and word not in shown and at >= 0 and len(later) < 3:
            later.append(text[max(at - 40, 0) : at + 50])
    body = shown + ("…" if len(text) > width else "") + "".join(f" …{w}…" for w in later)
    if record.kind == "document":
        return f"[文件 {len(text)}字] {record.title} ‖ {body}"
    if record.kind == "clause":
        return f"[条款] 《{record.title[:50]}》 {record.path[:80]} ‖ {body}"
    return f"[大事记 {record.date}] {body}"


def sheet_lines(corpora: dict[str, Corpus], queries: list[Query], qrels, width: int) -> tuple[list[str], int]:
    """One line per pooled record not yet judged, and per stale judgment whose record still exists (its text
    changed: it is read and graded again): qid, record id, '?', fingerprint, description, in the corpus's own
    order (a document's clauses together; no ranker's order, so the grader reads the text). Replace '?' by the
    grade and --merge the file."""
    lines, count = [], 0
    for query in queries:
        corpus = corpora.get(query.corpus)
        if corpus is None:
            continue
        pooled, errors = pool(corpus, query)
        judged = qrels.get(query.id, {})
        stale = {
            rid: grade
            for rid, (grade, print_) in judged.items()
            if rid in corpus.by_id and corpus.by_id[rid].fingerprint != print_
        }
        order = {r.id: n for n, r in enumerate(corpus.records)}
        todo = sorted({*(rid for rid in pooled if rid not in judged), *stale}, key=order.__getitem__)
        words = list(dict.fromkeys(jieba_words(query.text) + query_terms(query.text)))
        lines.append(f"# {query.id} [{query.corpus}] {query.text} — {query.need}  ({len(todo)} to grade)")
        for name, error in errors.items():
            lines.append(f"#   {name} refused: {error}")
        for rid in todo:
            record = corpus.by_id[rid]
            again = f"(stale, was {stale[rid]}) " if rid in stale else ""
            lines.append(f"{query.id}\t{rid}\t?\t{record.fingerprint}\t# {again}{describe(record, width, words)}")
            count += 1
    return lines, count


QRELS_HEADER = [
    "# Graded judgments for bench/bench_relevance.py: query id, record id, grade, fingerprint.",
    "# Grades, by reading the record (a clause with its document's title and heading path):",
    "#   3 answers the need directly   2 substantially relevant   1 marginal, mentions it   0 not relevant",
    "# Fingerprint: the first 30 characters of the record's text without white space (a document: its",
    "# title); a judgment whose fingerprint no longer matches is reported as stale and not used.",
    "query\trecord\tgrade\tfingerprint",
]


def merge_sheet(sheet: Path, sets: dict[str, tuple[Path, Path, str]] = QUERY_SETS) -> dict[Path, int]:
    """Graded sheet lines (grade 0–3 in the third column) added to the judgments of the set that holds each
    query id (qrels.tsv or heldout_qrels.tsv), replacing earlier grades of the same pairs."""
    home = {q.id: qrels for queries, qrels, _ in sets.values() for q in load_queries(queries)}
    graded: dict[Path, dict[tuple[str, str], str]] = defaultdict(dict)
    for n, line in enumerate(sheet.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#") or not line.strip():
            continue
        qid, rid, grade, print_, *_ = line.split("\t")
        if grade == "?":
            continue
        if grade not in ("0", "1", "2", "3"):
            raise SystemExit(f"{sheet}:{n}: 等级应为 0–3，实为 {grade!r}")
        if qid not in home:
            raise SystemExit(f"{sheet}:{n}: 查询 {qid} 不在任何查询集中")
        graded[home[qid]][(qid, rid)] = f"{qid}\t{rid}\t{grade}\t{print_}"
    for queries, qrels_path, _ in sets.values():
        if graded.get(qrels_path):
            write_qrels(qrels_path, load_queries(queries), graded[qrels_path])
    return {path: len(lines) for path, lines in graded.items()}


def write_qrels(qrels_path: Path, queries: list[Query], graded: dict[tuple[str, str], str]) -> None:
    existing: dict[tuple[str, str], str] = {}
    if qrels_path.exists():
        for line in qrels_path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip() or line.startswith("query\t"):
                continue
            qid, rid, *_ = line.split("\t")
            existing[(qid, rid)] = line
    existing.update(graded)  # insertion order: earlier pairs keep their place, new ones follow
    rank = {q.id: n for n, q in enumerate(queries)}
    order = sorted(existing, key=lambda k: (rank.get(k[0], len(rank)), k[0]))
    qrels_path.write_text("\n".join(QRELS_HEADER + [existing[k] for k in order]) + "\n", encoding="utf-8")


def drop_gone(corpora: dict[str, Corpus], sets: dict[str, tuple[Path, Path, str]]) -> dict[Path, int]:
    """Remove from each set's judgments the pairs whose record id no longer exists in its corpus (a judgment whose
    record's text changed stays: it is listed as stale and re-graded through --pool). Queries on a corpus not
    opened are left alone."""
    dropped: dict[Path, int] = {}
    for queries_path, qrels_path, _ in sets.values():
        if not qrels_path.exists():
            continue
        corpus_of = {q.id: q.corpus for q in load_queries(queries_path)}
        kept, count = [], 0
        for line in qrels_path.read_text(encoding="utf-8").splitlines():
            cells = line.split("\t")
            corpus = corpora.get(corpus_of.get(cells[0], ""))
            if not line.startswith("#") and len(cells) >= 2 and corpus is not None and cells[1] not in corpus.by_id:
                count += 1
                continue
            kept.append(line)
        if count:
            qrels_path.write_text("\n".join(kept) + "\n", encoding="utf-8")
            dropped[qrels_path] = count
    return dropped


# -- main --------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", help="folder for the two indexes (<DIR>/bundled, <DIR>/govcn), reused when current")
    ap.add_argument("--realworld", help="the shared realworld folder (default ../shared/realworld)")
    ap.add_argument("--corpus", choices=("bundled", "govcn"), action="append", help="only this corpus")
    ap.add_argument(
        "--set",
        choices=(*QUERY_SETS, "all"),
        default="all",
        help="query set: main (tuned on), heldout (never tuned on), heldout2 (sealed) or all (each reported apart;"
        " default; a sealed set prints its table only)",
    )
    ap.add_argument("--per-query", action="store_true", help="one line per query")
    ap.add_argument("--show", nargs="+", metavar="QID", help="each ranker's top 10 with grades for these queries")
    ap.add_argument("--pool", nargs="+", metavar="QID", help="write a grading sheet for these queries (ALL: every)")
    ap.add_argument("--sheet", default="grading-sheet.tsv", help="where --pool writes the sheet")
    ap.add_argument("--width", type=int, default=160, help="characters of each record shown on the sheet")
    ap.add_argument("--merge", metavar="SHEET", help="add a graded sheet to its set's judgments and stop")
    ap.add_argument(
        "--drop-gone",
        action="store_true",
        help="drop judgments whose record no longer exists (after grading the records that now carry their text)",
    )
    args = ap.parse_args(argv)

    if args.merge:
        for path, count in merge_sheet(Path(args.merge)).items():
            print(f"{count} judgments merged into {path}")
        return 0

    if args.index:
        return run(args, Path(args.index))
    with tempfile.TemporaryDirectory(prefix="gazette-relevance-") as scratch:  # removed afterwards
        return run(args, Path(scratch))


def run(args, index_root: Path) -> int:
    sets = QUERY_SETS if args.set == "all" else {args.set: QUERY_SETS[args.set]}
    loaded = {name: (load_queries(queries), load_qrels(qrels), label) for name, (queries, qrels, label) in sets.items()}
    wanted = set(args.corpus or ("bundled", "govcn"))
    corpora = {c.name: c for c in open_corpora(index_root, args.realworld, wanted)}

    if args.drop_gone:
        for path, count in drop_gone(corpora, sets).items():
            print(f"{count} judgments of records that no longer exist dropped from {path}")
        return 0

    if args.pool:
        lines: list[str] = []
        count = 0
        for name, (queries, qrels, _) in loaded.items():
            if name in SEALED and args.set != name:
                continue  # a sealed set is pooled only when asked for by name
            chosen = queries if args.pool == ["ALL"] else [q for q in queries if q.id in set(args.pool)]
            more, counted = sheet_lines(corpora, chosen, qrels, args.width)
            lines += more
            count += counted
        Path(args.sheet).write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{count} pooled records to grade in {args.sheet}")
        return 0

    for n, (name, (queries, qrels, label)) in enumerate(loaded.items()):
        if not queries:
            continue
        if n:
            print()
        print(f"== {label}")
        report(args, corpora, queries, qrels, sealed=name in SEALED and args.set != name)
    return 0


def report(args, corpora: dict[str, Corpus], queries: list[Query], qrels, sealed: bool = False) -> None:
    """One query set: per-query lines when asked, the table per corpus and overall, unmeasured and stale.
    A sealed set (not asked for by name) prints its table and counts only."""
    per_corpus: dict[str, dict[str, dict[str, dict[str, float]]]] = defaultdict(dict)
    stale: list[str] = []
    unjudged_queries = []
    lines = []
    show = set(args.show or ())
    for query in queries:
        corpus = corpora.get(query.corpus)
        if corpus is None:
            continue
        grades = current_grades(corpus, qrels.get(query.id, {}), stale, query.id)
        if not any(g >= RELEVANT for g in grades.values()):
            unjudged_queries.append(query.id)
            continue
        ranked, errors = rankings(corpus, query.text)
        scores = {name: measure(ranked[name], grades) for name in MEASURED}
        per_corpus[query.corpus][query.id] = scores
        if args.per_query and not sealed:
            cells = " ".join(f"{scores[n]['ndcg']:6.3f}" for n in MEASURED)
            hits = " ".join(f"{len(ranked[n]):>3}" for n in MEASURED)
            note = "  " + "; ".join(f"{n}: {e}" for n, e in errors.items()) if errors else ""
            lines.append(f"{query.id:<5} {cells}   {hits}  {query.text}{note}")
        if query.id in show and not sealed:
            lines += show_query(corpus, query, ranked, grades)

    if lines:
        if args.per_query:
            print(f"{'id':<5} {'  '.join(f'{n:>5}' for n in MEASURED)}   hits (engine bm25 literal)  query")
        print("\n".join(lines) + "\n")
    judgments = sum(len(qrels[q]) for c in per_corpus.values() for q in c)
    print(
        f"{sum(len(c) for c in per_corpus.values())} judged queries, {judgments} judgments; "
        f"nDCG@{K} (gain 2^g-1), P@{P_AT} and MRR count grades >= {RELEVANT}"
    )
    print(
        f"{'corpus':<8} {'qs':>4}  {'ranker':<8} {'nDCG@10':>8} {'P@5':>6} {'MRR':>6} {'zero-hit':>9} {'unjudged@10':>12}"
    )
    overall: dict[str, dict[str, dict[str, float]]] = {}
    for name in ("bundled", "govcn"):
        if per_corpus.get(name):
            print("\n".join(summary_rows(name, per_corpus[name])))
            overall.update(per_corpus[name])
    if len(per_corpus) > 1:
        print("\n".join(summary_rows("overall", overall)))
    if sealed:
        if unjudged_queries or stale:
            print(f"\n{len(unjudged_queries)} queries not measured, {len(stale)} stale judgments (--set <this set>)")
        return
    if unjudged_queries:
        print(f"\nnot measured (no judgment of grade >= {RELEVANT}): {' '.join(unjudged_queries)}")
    if stale:
        print(f"\n{len(stale)} stale judgments (not used; re-judge these records: --pool writes them again):")
        print("\n".join(f"  {s}" for s in stale))


def show_query(corpus: Corpus, query: Query, ranked: dict[str, list[str]], grades: dict[str, int]) -> list[str]:
    lines = [f"\n{query.id} {query.text} — {query.need}"]
    for name in MEASURED:
        top = " ".join(str(grades.get(r, "?")) for r in ranked[name][:K])
        lines.append(f"  {name:<8} {top}")
        for rank, rid in enumerate(ranked[name][:K], 1):
            lines.append(f"     {rank:>2} {grades.get(rid, '?')} {rid:<24} {describe(corpus.by_id[rid], 60)}")
    return lines


if __name__ == "__main__":
    sys.exit(main())
