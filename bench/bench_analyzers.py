"""Speed of the analysis chain, in characters of source text per second.

Input: the bundled corpus files (data/corpus/*.txt) concatenated and
repeated 5x.  Usage: ``python bench/bench_analyzers.py [--repeat N]``.

``tokens only`` drains the analyzer's token stream (what a filter chain
sees); ``+ whoosh Positions`` runs whoosh's own ``Positions.word_values``
on top (what the index writer does per field, minus posting writes).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from whoosh.formats import Positions  # noqa: E402

from analyzers.normalize import normalize, normalize_with_offsets, rank_normalize  # noqa: E402
from analyzers.segment import cut_words, get_tokenizer  # noqa: E402
from indexer.whoosh_engine.analysis import BigramAnalyzer, PreSegmented, WordsAnalyzer  # noqa: E402


def load_text(times: int) -> str:
    files = sorted((ROOT / "data" / "corpus").glob("*.txt"))
    text = "".join(f.read_text(encoding="utf-8") for f in files)
    return text * times


def best(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def drain(analyzer, value, **kw):
    n = 0
    for _ in analyzer(value, **kw):
        n += 1
    return n


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--times", type=int, default=5, help="corpus repetitions (default 5)")
    ap.add_argument("--rounds", type=int, default=3, help="best of N rounds (default 3)")
    args = ap.parse_args(argv)

    text = load_text(args.times)
    nchars = len(text)
    t0 = time.perf_counter()
    get_tokenizer()
    init = time.perf_counter() - t0
    print(f"input: {nchars:,} chars (corpus x{args.times}); jieba init {init:.2f}s (once per process)")

    bigram = BigramAnalyzer()
    words = WordsAnalyzer()
    pre = PreSegmented(text)
    fmt = Positions()

    cases = [
        ("cut_words (jieba, precise, HMM)", lambda: cut_words(text)),
        ("PreSegmented(text) (rank_normalize + cut_words)", lambda: PreSegmented(text)),
        ("normalize", lambda: normalize(text)),
        ("normalize_with_offsets", lambda: normalize_with_offsets(text)),
        ("rank_normalize", lambda: rank_normalize(text)),
        ("BigramAnalyzer, tokens only", lambda: drain(bigram, text, positions=True)),
        ("BigramAnalyzer + whoosh Positions", lambda: list(fmt.word_values(text, bigram, mode="index"))),
        ("WordsAnalyzer(PreSegmented), tokens only", lambda: drain(words, pre, positions=True)),
        ("WordsAnalyzer(PreSegmented) + whoosh Positions", lambda: list(fmt.word_values(pre, words, mode="index"))),
        ("WordsAnalyzer(str) + whoosh Positions", lambda: list(fmt.word_values(text, words, mode="index"))),
        ("BigramAnalyzer chars=True (highlighting)", lambda: drain(bigram, text, positions=True, chars=True)),
    ]
    width = max(len(name) for name, _ in cases)
    for name, fn in cases:
        secs = best(fn, args.rounds)
        print(f"{name:<{width}}  {nchars / secs / 1e6:7.2f} M chars/s  ({secs * 1000:8.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
