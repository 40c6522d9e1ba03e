"""Nothing printed is lost: every Han character of a source file, outside its issue header and table of
contents, is kept in some record (a document's title, 文号 or body; the 大事记 title and entries).

The check compares multisets of Han characters (collections.Counter) both ways. The only characters
allowed to go are those of lines the PDF printed twice: the duplicated 大事记 entry and the table header
rows repeated on every page of a table. That allowance is computed from the source file below, line by
line, and asserted on its own, so the comparison itself stays exact.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

import corpus
from corpus import BUNDLED_CORPUS
from corpus.text import squash

CORPUS = BUNDLED_CORPUS
ISSUE_2022 = CORPUS / "000_50af7b231d7ea85e.txt"
ISSUE_2023 = CORPUS / "002_aec23d992a7ebbae.txt"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# The issue header and table of contents, by line number (1-based, inclusive), read off the files:
# 2022: lines 5-11 header (兴安盟行政公署公报 / Mongolian / 2022 / 第1期…), 13-30 目录;
# 2023: no header, lines 3-14 目录. The first document's title follows (lines 32 and 16).
FRONT_MATTER = {ISSUE_2022: (1, 31), ISSUE_2023: (1, 15)}


def han(text: str) -> Counter:
    return Counter(HAN.findall(text))


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def source_han(path: Path) -> Counter:
    first, last = FRONT_MATTER[path]
    lines = lines_of(path)
    assert lines[last].strip().startswith("兴安盟行政公署关于")  # the first document's title
    return han("\n".join(lines[last:]))


def records_han(issue) -> Counter:
    total = Counter()
    for doc in issue.documents:
        total += han(doc.title) + han(doc.wenhao or "") + han(doc.body)
    total += han(issue.chronicle_title or "")
    for entry in issue.chronicle:
        total += han(entry.text)
    return total


def printed_twice(path: Path) -> tuple[Counter, list[int]]:
    """Han characters of the lines the PDF printed a second time, and those lines' numbers.

    - a table header row (tab-separated, no <p>) equal to an earlier header row of the same table,
      with only blank lines, rule lines or rows of that table in between;
    - a 大事记 entry whose text (its dated line and the undated lines it continues on) equals an
      earlier entry's text.
    """
    lines = lines_of(path)
    allowance, numbers = Counter(), []
    header = None
    for number, line in enumerate(lines, start=1):
        if "\t" not in line:
            if line.strip():
                header = None
            continue
        cells = line.split("\t")
        if re.fullmatch(r"[\s\-|:—]+", line):
            continue
        if "<p>" not in line and cells[0].strip() and not any(ch.isdigit() for ch in cells[0]):
            if line == header:
                allowance += han(line)
                numbers.append(number)
            header = line
    # 大事记: entries after the last line reading 兴安盟行政公署大事记 (the first one is the TOC's)
    starts = [i for i, line in enumerate(lines) if line.strip() == "兴安盟行政公署大事记"]
    if len(starts) > 1:
        entries: list[tuple[int, str, list[str]]] = []
        for number, line in enumerate(lines[starts[-1] + 1 :], start=starts[-1] + 2):
            if not line.strip():
                continue
            if re.match(r"^●?\s*\d{1,2}\s*月\s*\d{1,2}", line):
                entries.append((number, line, [line]))
            elif entries:
                entries[-1][2].append(line)
        seen = set()
        for number, _, parts in entries:
            key = squash("".join(parts)).lstrip("●")
            if key in seen:
                for part in parts:
                    allowance += han(part)
                numbers.append(number)
            seen.add(key)
    return allowance, numbers


def test_the_allowance_is_exactly_the_lines_printed_twice():
    allowance, numbers = printed_twice(ISSUE_2022)
    # lines 395 and 400 repeat the header of line 391; line 650 repeats line 647; line 1093 repeats
    # the 大事记 entry printed at lines 1089/1091
    assert numbers == [395, 400, 650, 1093]
    lines = lines_of(ISSUE_2022)
    assert lines[394] == lines[399] == lines[390] == "序号\t牵头部门\t具体职责\t配合部门职责"
    assert lines[649] == lines[646] == "序号\t决策事项\t承办单位"
    assert squash(lines[1092]) == squash(lines[1088] + lines[1090])
    expected = han(lines[394]) + han(lines[399]) + han(lines[649]) + han(lines[1092])
    assert allowance == expected
    assert sum(allowance.values()) == 2 * 14 + 10 + 32
    assert printed_twice(ISSUE_2023) == (Counter(), [])


@pytest.mark.parametrize("path", [ISSUE_2022, ISSUE_2023], ids=["2022", "2023"])
def test_every_han_character_is_kept(path):
    issue = corpus.parse_file(path)
    allowance, _ = printed_twice(path)
    source, records = source_han(path), records_han(issue)
    missing = source - records
    extra = records - source
    assert missing == allowance, f"lost: {dict(missing - allowance)}; over-dropped: {dict(allowance - missing)}"
    assert extra == Counter(), f"characters the source does not hold: {dict(extra)}"


@pytest.mark.parametrize("path", [ISSUE_2022, ISSUE_2023], ids=["2022", "2023"])
def test_the_front_matter_is_all_header_and_toc(path):
    """What the check leaves out really is header and 目录 (and nothing else)."""
    first, last = FRONT_MATTER[path]
    front = [line.strip() for line in lines_of(path)[first - 1 : last] if line.strip()]
    issue = corpus.parse_file(path)
    toc_lines = [line for line in front if re.search(r"\s\d{1,3}$", line)]
    assert len(toc_lines) == len(issue.toc)
    assert "目 录" in front


def test_cover_notes_are_repaired():
    docs = {d.wenhao_normalized: d for i in corpus.parse_files([ISSUE_2022, ISSUE_2023])[0] for d in i.documents}
    expected = {
        # lines 664-667: the sentence interleaved with the addressee in two columns
        "兴署办发〔2022〕6号": "现将《兴安盟城市综合管理服务平台应用和升级工作实施方案》印发给你们，请认真遵照执行。",
        # lines 22-24: the end of the sentence printed before its start
        "兴署发〔2023〕41号": "现将《兴安盟推动特色商贸物流业高质量发展实施方案》印发给你们，请结合实际，认真抓好贯彻落实。",
        # lines 407, 416-417: 执行。 sits at the end of the addressee line
        "兴署联发〔2022〕1号": "经研究，现将《兴安盟军人随军家属就业安置办法》印发给你们，请认真遵照执行。",
        # lines 315-319
        "兴署办发〔2023〕14号": "经盟行署同意,现将《兴安盟直属国有企业监督管理办法(试行)》印发给你们,请认真贯彻落实。",
        # lines 476-478
        "兴署办发〔2023〕18号": "经盟行署同意，现将《兴安盟 12345 政务服务便民热线与 110 报警服务台对接联动方案（试行）》"
        "印发给你们，请结合实际，认真贯彻落实。",
        # lines 873-875, with the typesetting code 〔JP3〕 inside the title
        "兴署办字〔2022〕9号": "现将《兴安盟秸秆禁烧管控工作整改方案》印发给你们，请认真抓好贯彻落实，确保问题整改工作取得显著成效，"
        "达到预期目标。",
    }
    for wenhao, sentence in expected.items():
        assert sentence in docs[wenhao].body.split("\n"), wenhao
    # lines 527-529: the sentence begins before 现将 and goes on after the page break
    assert docs["兴署办发〔2022〕3号"].body.split("\n")[1] == (
        "为完善我盟突发医疗废物污染环境事件的应急机制，减少突发医疗废物污染的环境危害，保障人民群众身体健康和生命安全，"
        "维护社会稳定。经盟行署同意，现将《兴安盟医疗废物处置中心突发事件应急响应预案》印发给你们，请结合实际，认真贯彻执行。"
    )


def all_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from all_strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from all_strings(item)


@pytest.mark.parametrize("path", [ISSUE_2022, ISSUE_2023], ids=["2022", "2023"])
def test_no_typesetting_codes_or_markup_in_any_record(path):
    issue = corpus.parse_file(path)
    data = issue.to_dict()
    for text in all_strings(data):
        assert "〔JP3〕" not in text and "JP3" not in text
        assert not re.search(r"〔[A-Z]{1,3}\d{0,3}〕", text)
        assert "<p>" not in text and "</p>" not in text
    for doc in issue.documents:
        assert not re.search(r"</?[a-zA-Z][^>]*>", doc.body)  # no markup at all
        assert "\t" not in doc.body
    assert "JP3" in ISSUE_2022.read_text(encoding="utf-8")  # the code really is in the source (line 873)


def test_json_output_is_free_of_markup_too():
    data = json.dumps([i.to_dict() for i in corpus.parse_files([ISSUE_2022, ISSUE_2023])[0]], ensure_ascii=False)
    assert "JP3" not in data and "<p>" not in data
