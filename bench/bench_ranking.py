"""Ranking quality: nDCG@10 over the judged queries in bench/judgments.tsv, for the ranking as it is
and with the substance prior turned off (bare headings scored like passages), from one run.

    python bench/bench_ranking.py [--index DIR] [--show N]

Prints, per query and in the mean, nDCG@10 of both rankings, and the judged grades of the top 10, so a
change to ranking can be read off as "before → after". Unjudged records count as 0 and are listed
(judge them before trusting a figure).
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

JUDGMENTS = Path(__file__).with_name("judgments.tsv")
K = 10


def load_judgments(path: Path = JUDGMENTS) -> dict[str, dict[str, int]]:
    judged: dict[str, dict[str, int]] = defaultdict(dict)
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        query, record_id, grade = line.split("\t")
        judged[query][record_id] = int(grade)
    return dict(judged)


def dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:K]))


def ndcg(ranked: list[str], grades: dict[str, int]) -> float:
    ideal = dcg(sorted(grades.values(), reverse=True))
    return dcg([grades.get(r, 0) for r in ranked]) / ideal if ideal else 0.0


def ranked_ids(searcher, query: str) -> list[str]:
    from indexer.api import parse_request

    return [h.id for h in searcher.search(parse_request({"q": query, "size": str(K)})).hits]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", help="index directory of the bundled corpus (built when missing)")
    ap.add_argument("--show", type=int, default=0, help="print the grades of the top 10 for N queries")
    args = ap.parse_args(argv)

    from dataclasses import replace

    from indexer.build import build_index, index_status
    from indexer.ranking import PARAMS, Ranker
    from indexer.service import GazetteSearch

    index = Path(args.index or tempfile.mkdtemp(prefix="gazette-ranking-"))
    if index_status(index) != "ok":
        build_index(index_dir=index)
    searcher = GazetteSearch(index)
    judged = load_judgments()

    snap = searcher._snapshot()
    saved = snap.ranker

    def run(prior: bool) -> dict[str, list[str]]:
        params = PARAMS if prior else replace(PARAMS, bare_heading=1.0)
        snap.ranker = Ranker(saved.data, snap.records, params)
        try:
            return {q: ranked_ids(searcher, q) for q in judged}
        finally:
            snap.ranker = saved

    before, after = run(prior=False), run(prior=True)
    print(f"{len(judged)} judged queries, {sum(len(v) for v in judged.values())} judgments; nDCG@{K}")
    print(f"{'query':<16} {'before':>7} {'after':>7}  top {K} grades after")
    totals = [0.0, 0.0]
    unjudged = set()
    for n, (query, grades) in enumerate(judged.items()):
        a, b = ndcg(before[query], grades), ndcg(after[query], grades)
        totals[0] += a
        totals[1] += b
        unjudged |= {(query, r) for r in before[query] + after[query] if r not in grades}
        shown = " ".join(str(grades.get(r, "?")) for r in after[query]) if n < args.show or not args.show else ""
        print(f"{query:<16} {a:7.3f} {b:7.3f}  {shown}")
    count = len(judged)
    print(f"{'MEAN':<16} {totals[0] / count:7.3f} {totals[1] / count:7.3f}")
    if unjudged:
        print(f"\n{len(unjudged)} unjudged records in a top {K} (counted as 0):")
        for query, record_id in sorted(unjudged):
            print(f"  {query}\t{record_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
