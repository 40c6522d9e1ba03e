"""A scaled corpus for benchmarks: N variants of the bundled issue files, each parsing to distinct records.

Copy k of each bundled file:

* every year 2022 / 2023 written as a 4-digit number (文号 brackets, the issue header line, dates,
  "2022 年度" …) is shifted by an even per-copy offset d_k, so the 2022 file's copies use years
  2022 + d_k and the 2023 file's 2023 + d_k: all different, hence distinct 文号-based document ids
  (xsf-YEAR-N), 大事记 ids (dsj-YEAR-MM-DD-n) and issue ids. Years stay in 1949–2100 (the range
  corpus.wenhao accepts), which bounds the number of copies to MAX_COPIES;
* past MAX_COPIES (75) the years repeat in rounds: copy k is copy k mod 75 of round k // 75, and in
  round r ≥ 1 every bracketed 文号 number and the issue number (第N期) gain 1000·r, so documents,
  clauses and issues keep distinct ids (years cannot move further: 文号 take 1949–2100, issue headers
  19xx/20xx). 大事记 ids are made of the date, so a round's 大事记 entries repeat those of round 0:
  the indexer skips them as already indexed (verify counts them), and an N× corpus past 75× holds
  the 大事记 of 75 copies only;
* adjacent Han characters are swapped: (c, d) where c is one of 48 frequent "anchor" characters
  in 16 groups, the group is in copy k's mask (any two copies' masks differ in >= 6 groups), and d
  is neither a selected anchor nor structural (numerals, clause markers, dates, 附件/现将/经). Lines
  that are part of a title, TOC entry or attachment name, 文号 and date lines, and text inside
  《…》 are left alone. The rule looks at the two characters only, so a paragraph broken over lines
  and the same paragraph printed whole change alike. A line holding anchors of several groups
  differs in every copy, so no cache of identical text (such as the indexer's
  one-segmentation-per-distinct-line) makes a copy cheaper than new text. Copy 0 is the bundled
  text unchanged.

`verify` parses every copy and checks: records = copies × bundled, every id distinct, the same
structure (kinds, ids with years un-shifted, clause anchors and depths) as the bundled files. It
also reports how much text is shared: at 30×, ~86% of the characters of each copy's distinct lines
are unique to that copy; what is shared is short lines without anchors (headings such as 一、总体要求,
roster lines, table cells). The swaps make jieba ~20% slower per character than on the pristine
text (out-of-vocabulary pairs go through its HMM): both sides of bench_index's ratio use the same
text, so the ratio is unaffected.

manifest.json is not copied (it is keyed by file name and sha256). Usage:

    python bench/make_corpus.py DEST --copies 30      # writes and verifies
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from corpus import BUNDLED_CORPUS, iter_corpus_files, parse_file  # noqa: E402
from corpus.dates import parse_date_line  # noqa: E402
from corpus.text import squash  # noqa: E402
from corpus.wenhao import parse_wenhao  # noqa: E402
from indexer.records import issue_records  # noqa: E402

YEAR_RE = re.compile(r"(?<![0-9０-９])(2022|2023)(?![0-9０-９])")
LOW_YEAR, HIGH_YEAR = 1949, 2100
# even offsets: copy k of the 2022 file never takes a year that a copy of the 2023 file has
OFFSETS = [d for d in range(0, HIGH_YEAR - 2023 + 1, 2)] + [-d for d in range(2, 2022 - LOW_YEAR + 1, 2)]
MAX_COPIES = len(OFFSETS)  # per round of years; see year_offset
ROUND_NUMBER = 1000  # added per round to 文号 numbers
MAX_TOTAL = 1000
WENHAO_YEAR_RE = re.compile(r"(?<=[〔\[［(（【﹝〖])(\d{4})([〕\]］)）】﹞〗])(\d+)")
GROUPS = 16  # anchor groups; copy k swaps the anchors of the groups in MASKS[k]
ANCHORS_PER_GROUP = 3
MIN_DISTANCE = 6  # any two copies differ in at least this many groups


def _masks(count: int) -> list[int]:
    """Masks pairwise >= MIN_DISTANCE groups apart (a lexicode: 128 of them for 16 groups, distance 6),
    then, past those, masks >= 4 apart from all before; copy 0's is 0 (no swap)."""
    masks: list[int] = []
    for distance in (MIN_DISTANCE, 4):
        for m in range(1 << GROUPS):
            if all(bin(m ^ other).count("1") >= distance for other in masks):
                masks.append(m)
                if len(masks) == count:
                    return masks
    raise ValueError(f"only {len(masks)} masks of {GROUPS} groups are 4 apart")


HAN = re.compile(r"[\u4e00-\u9fff]")
# Characters a swap never moves: numerals and clause markers (一、 （一） 第一条 一是), dates and parts
# of day (大事记 heads), the words the parser looks for inside text (附件, 现将, 经…同意).
STRUCTURAL = set("〇零一二三四五六七八九十百两第章条节款项是年月日号期季度午晚早凌晨夜至到附件现将经")
LIST_HEAD = re.compile(r"^(?:附件\d{0,2}[：:]?)?(?:\d{1,2}[.．、])?")


class Perturber:
    """Swaps of adjacent Han characters decided by the characters alone (not by line position), so a
    paragraph the PDF broke over lines and the same paragraph printed whole (大事记 duplicates) change
    alike. Swap (c, d) where c is an anchor of a group in the copy's mask and d is a Han character that
    is neither such an anchor nor structural: swaps never overlap. Lines that are (part of) a title, TOC
    entry or attachment name, and text inside 《…》, are left alone: the parser matches them."""

    def __init__(self, source_dir=BUNDLED_CORPUS):
        titles: set[str] = set()
        counts: Counter = Counter()
        for path in iter_corpus_files(source_dir):
            issue = parse_file(path)
            for doc in issue.documents:
                titles |= {doc.title, doc.issued_title or "", *doc.attachments}
            titles |= {entry.title for entry in issue.toc}
            counts.update(ch for ch in path.read_text(encoding="utf-8") if HAN.match(ch))
        self.titles = [squash(t) for t in titles if t]
        ranked = [ch for ch, _ in counts.most_common() if ch not in STRUCTURAL][: GROUPS * ANCHORS_PER_GROUP]
        self.group = {ch: i % GROUPS for i, ch in enumerate(ranked)}
        self.masks = _masks(MAX_TOTAL)

    def _keep(self, line: str) -> bool:
        """Lines the parser reads as a whole: titles (or parts), TOC entries, 文号, dates, 此件公开发布."""
        if parse_wenhao(line) or parse_date_line(line) or "公开发布" in line:
            return True
        text = LIST_HEAD.sub("", squash(line))
        return bool(text) and any(text in title for title in self.titles)

    def line(self, line: str, copy: int) -> str:
        if not copy or self._keep(line):
            return line
        chars = list(line)
        # inside 《…》: from a 《 to its 》, or to the line end / from the line start when unmatched
        quoted = [False] * len(chars)
        depth = 0
        first_close = next((i for i, ch in enumerate(chars) if ch in "《》"), None)
        if first_close is not None and chars[first_close] == "》":
            depth = 1
        for i, ch in enumerate(chars):
            if ch == "《":
                depth += 1
            quoted[i] = depth > 0
            if ch == "》" and depth:
                depth -= 1
        mask = self.masks[copy]
        selected = {ch for ch, g in self.group.items() if mask >> g & 1}
        out = list(chars)
        for i in range(len(chars) - 1):
            c, d = chars[i], chars[i + 1]
            # (c, d) and (d, e) can't both qualify (d would have to be selected and not): no overlaps,
            # and whether a pair swaps depends on its two characters alone
            if (
                c in selected
                and d not in selected
                and d not in STRUCTURAL
                and HAN.match(d)
                and not (quoted[i] or quoted[i + 1])
            ):
                out[i], out[i + 1] = d, c
        return "".join(out)


def year_offset(copy: int) -> int:
    if not 0 <= copy < MAX_TOTAL:
        raise ValueError(f"copy {copy}: at most {MAX_TOTAL} copies")
    return OFFSETS[copy % MAX_COPIES]


def copy_round(copy: int) -> int:
    return copy // MAX_COPIES


def variant_text(text: str, copy: int, perturber: Perturber) -> str:
    offset, round_ = year_offset(copy), copy_round(copy)
    shifted = YEAR_RE.sub(lambda m: str(int(m.group(1)) + offset), text) if offset else text
    if round_:
        # 文号 first (year kept, number moved), marked so the year pass below leaves them alone
        shifted = WENHAO_YEAR_RE.sub(
            lambda m: f"\x01{m.group(1)}{m.group(2)}{int(m.group(3)) + ROUND_NUMBER * round_}", shifted
        )
        shifted = re.sub(r"^第(\d+)期", lambda m: f"第{int(m.group(1)) + ROUND_NUMBER * round_}期", shifted, flags=re.M)
        shifted = shifted.replace("\x01", "")
    return "\n".join(perturber.line(line, copy) for line in shifted.split("\n"))


def make_scaled_corpus(dest_dir, copies: int, source_dir=BUNDLED_CORPUS, start: int = 0) -> list[Path]:
    """Write `copies` variants (copy numbers start..start+copies-1) of every issue file of
    `source_dir` into `dest_dir` as cKKK_<name>; returns the written paths."""
    dest = Path(dest_dir)
    dest.mkdir(parents=True, exist_ok=True)
    sources = iter_corpus_files(source_dir)
    if start + copies > MAX_TOTAL:
        raise ValueError(f"{start + copies} copies: at most {MAX_TOTAL}")
    written = []
    texts = {src: src.read_bytes().decode("utf-8") for src in sources}
    perturber = Perturber(source_dir)
    for copy in range(start, start + copies):
        for src, text in texts.items():
            path = dest / f"c{copy:03d}_{src.name}"
            path.write_bytes(variant_text(text, copy, perturber).encode("utf-8"))
            written.append(path)
    return written


def _signature(records, offset: int) -> list[tuple]:
    """What must not change between copies: kinds, ids (years un-shifted), clause anchors and paths."""

    def back(m):
        year = int(m.group(1)) - offset
        return str(year) if year in (2022, 2023) else m.group(1)

    def unshift(s):
        return None if s is None else re.sub(r"(?<![0-9])(\d{4})(?![0-9])", back, s)

    return [
        (r.kind, unshift(r.id), r.anchor, r.path is not None and r.path.count("›"), r.year and r.year - offset)
        for r in records
    ]


def verify(dest_dir, copies: int, source_dir=BUNDLED_CORPUS) -> dict:
    """Parse every copy: record counts = copies × bundled, all ids distinct, same structure as the
    bundled files (AssertionError otherwise); and count the text shared between copies."""
    bundled = {p.name: issue_records(parse_file(p)) for p in iter_corpus_files(source_dir)}
    per_copy = sum(len(r) for r in bundled.values())
    ids: set[str] = set()
    texts: set[str] = set()
    lines: set[str] = set()
    total = line_total = same_text = repeated = 0
    chars = own_line_chars = 0
    for path in iter_corpus_files(dest_dir):
        copy = int(path.name[1:4])
        name = path.name[5:]
        records = issue_records(parse_file(path))
        want = _signature(bundled[name], 0)
        got = _signature(records, year_offset(copy))
        if copy_round(copy):  # ids and years moved by the round too: compare the structure only
            want, got = [w[:1] + w[2:4] for w in want], [g[:1] + g[2:4] for g in got]
        assert got == want, f"{path.name}: structure differs from {name}: " + str(
            next((a, b) for a, b in zip(got, want) if a != b) if len(got) == len(want) else (len(got), len(want))
        )
        own: set[str] = set()
        for r in records:
            if r.id in ids and copy_round(copy) and r.kind == "chronicle":
                repeated += 1  # a later round's 大事记 entry: same date, same id (see the module doc)
                continue
            assert r.id not in ids, f"{path.name}: duplicate record id {r.id}"
            ids.add(r.id)
            chars += len(r.text)
            if r.text in texts:
                same_text += 1
            texts.add(r.text)
            for line in r.text.split("\n") + ([r.title] if r.kind == "document" and r.title else []):
                lines.add(line)
                own.add(line)
                line_total += 1
        own_line_chars += sum(map(len, own))
        total += len(records)
    expected = copies * per_copy
    assert total == expected, f"{total} records, expected {copies} × {per_copy} = {expected}"
    total -= repeated
    return {
        "records": total,
        "repeated": repeated,
        "per_copy": per_copy,
        "chars": chars,
        "lines": line_total,
        "distinct_lines": len(lines),
        "same_text": same_text,
        "distinct_line_chars": sum(map(len, lines)),
        "own_line_chars": own_line_chars,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dest")
    ap.add_argument("--copies", type=int, default=30)
    args = ap.parse_args(argv)
    written = make_scaled_corpus(args.dest, args.copies)
    stats = verify(args.dest, args.copies)
    less = f" less {stats['repeated']} repeated 大事记" if stats["repeated"] else ""
    print(
        f"{len(written)} files in {args.dest}: {stats['records']} records ({args.copies} × {stats['per_copy']}{less}), "
        f"all ids distinct, structure as bundled; {stats['same_text']} records with a text seen before; "
        f"{stats['distinct_lines']:,} distinct of {stats['lines']:,} text lines; distinct-line characters: "
        f"{stats['distinct_line_chars']:,} over all copies of {stats['own_line_chars']:,} summed per file "
        f"({stats['distinct_line_chars'] / stats['own_line_chars']:.0%} not shared with another copy)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
