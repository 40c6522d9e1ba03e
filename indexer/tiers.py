"""Tiers of a search, never a silent zero: the literal reading first, then what it misses, labelled.

* `text` — the query as typed (with its equivalent names, abbreviations and readings): what a substring
  scan of each record's own text finds (tests/indexer/test_recall.py holds this tier to it).
* `context` — clauses that hold at least one of the query's terms in their own text and the rest in
  their context (their document's title, the headings above them): "秸秆禁烧 重点时段" finds
  "（一）重点时段 2月1日—4月30日" of the 秸秆禁烧 plan. Always added (not with exact=1 or 同句/同段/同条).
* `words` — when the tiers above find fewer than FEW records: each unspaced phrase read as its jieba
  words, all of them (秸秆禁烧责任追究 → 秸秆禁烧、责任、追究), in the text or the context.
* `most` — then, for an AND of several words, the records holding most of them (two words: either).

Each tier is ranked below the ones before it; each hit says which tier it came from, and the result
says what was searched instead (`notice`), e.g. 未找到“秸秆禁烧责任追究”；以下为同时包含 秸秆禁烧、责任、追究 的结果.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from analyzers.abbreviations import abbreviation_groups, contains_form
from analyzers.aliases import alias_groups
from analyzers.normalize import SEP, normalize, rank_normalize
from analyzers.segment import cut_words, dictionary_parts, edge_parts
from analyzers.synonyms import with_synonyms
from analyzers.terms import keep_word, rank_words

from .querylang import And, Dated, Node, Not, Or, Rosters, Term, positive_terms
from .records import context_headings

ANNEX = re.compile(r"\s*附\s*件")
FEW = 10  # fewer records than this in the tiers so far: the fallback tiers are added
TIER_ORDER = ("text", "context", "synonym", "words", "most")


@dataclass(frozen=True)
class Tier:
    """Records (ordinals) found by one tier, and what it searched (for the notice and the hits)."""

    kind: str
    ordinals: frozenset[int]
    words: tuple[str, ...] = ()  # words / most: the words searched
    need: int = 0  # most: how many of them a record holds at least
    absent: tuple[str, ...] = ()  # most: words of the query no record holds (left out of the count)
    rare: bool = False  # most: some records hold fewer than `need` words, but the telling ones
    synonyms: tuple[tuple[str, str], ...] = ()  # synonym: (typed form, printed form) of each synonym read
    held: dict[int, float] = field(
        default_factory=dict, compare=False, hash=False
    )  # most: the words each holds, weighed
    # context: each record's terms that were found only in its context
    in_context: dict[int, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)


class ContextIndex:
    """Which clauses hold a string in their context: their document's title or a heading above them."""

    def __init__(self, records: Sequence, clauses_of: dict[str, list[int]]):
        self.titles = {r.doc_id: normalize(r.title or "") for r in records if r.kind == "document"}
        self.clauses_of = clauses_of
        self.texts: dict[int, str] = {}  # a clause's context: title SEP heading SEP heading …
        # each document's distinct heading paths (an annex's title included), with the clauses under each:
        # the clauses of one section share theirs, so a scan meets a path once, not once per clause (~4×)
        every: dict[tuple[str | None, str], list[int]] = {}
        sections: dict[tuple[str | None, str], list[int]] = {}  # the same without an annex's title
        normalized: dict[str, str] = {}  # a title or heading is shared by every clause under it: normalized once
        for ordinal, record in enumerate(records):
            if record.kind != "clause":
                continue
            above = context_headings(record)
            heads = [_normalized(normalized, h) for h in above]
            self.texts[ordinal] = _normalized(normalized, record.title or "") + SEP + SEP.join(heads)
            every.setdefault((record.doc_id, SEP.join(heads)), []).append(ordinal)
            path = SEP.join(n for h, n in zip(above, heads) if not ANNEX.match(h))  # read as a document title is
            sections.setdefault((record.doc_id, path), []).append(ordinal)
        self.every, self.every_starts = _joined([path for _, path in every])
        self.every_owners = list(every.values())
        self.sections, self.section_starts = _joined([path for _, path in sections])
        self.section_owners = list(sections.values())
        # every document's title in one string too: a term's documents by str.find, not a test per title
        self.title_docs = list(self.titles)
        self.all_titles, self.title_starts = _joined([self.titles[d] for d in self.title_docs])
        self.containing = lru_cache(maxsize=1024)(self._containing)

    def _containing(
        self, norm: str, guarded: bool = False, headings_only: bool = False, limit: int | None = None
    ) -> frozenset[int]:
        """`limit` (unguarded terms only): stop once more than that many are found (some of them)."""
        found: set[int] = set()
        if guarded:
            limit = None  # the guard drops some afterwards: a count past the limit says nothing yet
        if not headings_only:
            titles, starts, docs = self.all_titles, self.title_starts, self.title_docs
            at = titles.find(norm)
            while at >= 0:  # each title holding the term, found once (the next search starts past it)
                index = bisect_right(starts, at) - 1
                found.update(self.clauses_of.get(docs[index], ()))
                if limit is not None and len(found) > limit:
                    return frozenset(found)
                at = titles.find(norm, starts[index + 1] if index + 1 < len(starts) else len(titles))
        text, starts, owners = (
            (self.sections, self.section_starts, self.section_owners)
            if headings_only
            else (self.every, self.every_starts, self.every_owners)
        )
        at = text.find(norm)
        while at >= 0:  # str.find over every heading path at once: the scan is C
            index = bisect_right(starts, at) - 1
            found.update(owners[index])
            if limit is not None and len(found) > limit:
                break
            # on from the next path: a path is found once, not once per occurrence
            at = text.find(norm, starts[index + 1] if index + 1 < len(starts) else len(text))
        if guarded:
            found = {o for o in found if contains_form(norm, self.texts[o])}
        return frozenset(found)

    def of(self, term: Term, headings_only: bool = False, limit: int | None = None) -> frozenset[int]:
        """Clauses whose context (or only the section headings above them) holds the term (a
        field-bound term: none; the context has no field). With `limit`: all of them, or more than
        `limit` of them (a common word in titles: thousands of clauses, which the caller has no use for)."""
        if term.field is not None or term.wenhao is not None or not term.norm:
            return frozenset()
        return self.containing(term.norm, term.guarded, headings_only, limit)


def _normalized(memo: dict[str, str], text: str) -> str:
    found = memo.get(text)
    if found is None:
        found = memo[text] = normalize(text)
    return found


def _joined(parts: list[str]) -> tuple[str, list[int]]:
    """The parts in one string (separated by a character no normalized text holds) and where each starts."""
    starts, at = [], 0
    for part in parts:
        starts.append(at)
        at += len(part) + 1
    return "\x01".join(parts), starts


def evaluate(node: Node, sets: Callable[[Node], set[int] | None], universe: set[int]) -> set[int]:
    """A boolean tree over `universe`, each leaf's records from `sets` (a leaf it returns None for is
    not a term: it is asked for as a whole, with universe as the bound)."""
    if isinstance(node, And):
        result = set(universe)
        for child in node.children:
            result = (
                result - evaluate(child.child, sets, result)
                if isinstance(child, Not)
                else evaluate(child, sets, result)
            )
            if not result:
                break
        return result
    if isinstance(node, Or):
        return set().union(*(evaluate(c, sets, universe) for c in node.children))
    if isinstance(node, Not):
        return universe - evaluate(node.child, sets, universe)
    found = sets(node)
    return (found if found is not None else set()) & universe


def with_context(tree: Node, candidates: set[int], own: Callable[[Node, set[int]], set[int]], context: ContextIndex):
    """(records of `candidates` that match `tree` only when a term may be found in the context too, and
    for each the terms found only in its context). A record qualifies when one positive term is in
    its own text, or when the headings above it hold the rest (a clause under “一、…非警务类诉求” is one
    of those 诉求); a document title alone never makes a match."""
    cache: dict[Node, set[int]] = {}

    def own_of(node: Node) -> set[int]:
        if node not in cache:
            cache[node] = own(node, candidates)
        return cache[node]

    in_context: dict[Term, frozenset[int]] = {}
    under: dict[Term, frozenset[int]] = {}

    def context_of(term: Term) -> frozenset[int]:
        if term not in in_context:
            in_context[term] = context.of(term)
        return in_context[term]

    def augmented(node: Node) -> set[int] | None:
        if isinstance(node, Term):
            return own_of(node) | (context_of(node) & candidates)
        return own_of(node)

    def under_headings(node: Node) -> set[int] | None:
        if isinstance(node, Term):
            if node not in under:
                under[node] = context.of(node, headings_only=True)
            return own_of(node) | (under[node] & candidates)
        return own_of(node)

    literal = evaluate(tree, own_of, candidates)
    found = evaluate(tree, augmented, candidates) - literal
    positives = positive_terms(tree)
    any_own = set().union(*(own_of(t) for t in positives)) if positives else set()
    any_own |= set().union(*(own_of(n) for n in _rosters(tree)))  # a roster asked for is one in its own right
    extra = found & (any_own | evaluate(tree, under_headings, found))
    where: dict[int, tuple[str, ...]] = {}
    held = [(t.text, own_of(t), context_of(t)) for t in positives]
    for o in extra:
        where[o] = tuple(dict.fromkeys(text for text, own, ctx in held if o not in own and o in ctx))
    return extra, where


def _rosters(node: Node) -> list[Node]:
    """The roster readings of a tree (not under a NOT)."""
    if isinstance(node, Rosters):
        return [node]
    if isinstance(node, (And, Or)):
        return [r for c in node.children for r in _rosters(c)]
    return []


def context_candidates(tree: Node, context: ContextIndex, limit: int | None = None) -> set[int]:
    """Clauses a context match is possible for: the context of one holds at least one positive term.
    With `limit`: all of them, or more than `limit` of them."""
    found: set[int] = set()
    for term in positive_terms(tree):
        found |= context.of(term, limit=limit)
        if limit is not None and len(found) > limit:
            break
    return found


def relax(tree: Node, known: Callable[[str], bool] | None = None, whole: bool = False) -> Node:
    """The tree with each unspaced phrase (a plain term of several jieba words) as the AND of its words
    (see split for `known` and `whole`)."""
    if isinstance(tree, And):
        kept = [c for c in tree.children if not asks_only(c)] or list(tree.children)
        return And(tuple(relax(c, known, whole) for c in kept)) if len(kept) > 1 else relax(kept[0], known, whole)
    if isinstance(tree, Or):
        return Or(tuple(relax(c, known, whole) for c in tree.children))
    if isinstance(tree, Term):
        words = split(tree, known, whole)
        if len(words) == 1:
            return tree if normalize(words[0]) == tree.norm else Term(words[0], tree.field)  # 国家统计局长
        return And(tuple(Term(w, tree.field) for w in words))
    return tree


# What a question adds to the words it asks about (哪些部门负责秸秆禁烧, 大学生参军奖励多少钱): left out of
# a relaxed phrase and of the ranking words
QUESTION_WORDS = frozenset(
    "哪些 哪个 哪里 哪儿 哪 什么 怎么 怎样 怎么样 如何 多少 几 谁 找谁 是否 有没有 吗 呢 为什么 什么时候 何时 "
    "多久 多长 多长时间 多大 几天 几年 几个 几个月 能否 能不能 可否 可不可以 怎么办 啥 咋 是谁 有谁 都有谁 哪些人 "
    "会不会 是不是 要不要 有什么 什么样 哪几个 哪几种 哪几 哪一个 "
    "是 的 了 有 要 请问".split()
)
# The question words of two characters or more, as text: taken out of a question before it is cut into words,
# so that jieba cannot leave half of one behind (什么时候 → 什么 / 时候: 时候 is no word of the answer)
QUESTION_PHRASE = re.compile("|".join(sorted((w for w in QUESTION_WORDS if len(w) > 1), key=len, reverse=True)))


def without_questions(text: str) -> str:
    """`text` with its question words of two characters or more made spaces (经济普查什么时候开始 → 经济普查 开始),
    but where the text's words cut across one: 任何时候 (任何 / 时候) holds no 何时, 许多大型企业 no 多大,
    众多少数民族 no 多少, 十几年来 (one word around it) no 几年 — they are words to find. A word the question
    begins or ends (多少钱, 干什么) does not keep it."""
    if QUESTION_PHRASE.search(text) is None:
        return text
    begins = list(range(len(text)))  # where the word holding each character begins and ends (white space: itself)
    ends = list(range(1, len(text) + 1))
    for _, start, end in cut_words(text):
        begins[start:end] = [start] * (end - start)
        ends[start:end] = [end] * (end - start)

    def crossed(found: re.Match[str]) -> str:
        a, b = found.span()
        if begins[a] < a:  # a word begins before it: one ending inside it (任何) or going on past it (十几年来)
            across = ends[a] != b
        else:  # a word begins inside it and goes on past it (大型 of 许多大型)
            across = b < len(text) and a < begins[b] < b
        return found.group(0) if across else " "

    return QUESTION_PHRASE.sub(crossed, text)


# What a question asks for, by the words that answer it in the text: scored a little (ranking.HINT_WEIGHT),
# never required (随调多久办完: the clause saying 6个月内 or 15个工作日; 流浪狗投诉找谁: the one saying 负责 or 受理)
QUESTION_HINTS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (re.compile(pattern), tuple(words.split()))
    for pattern, words in (
        (r"多久|多长时间|几天|几个月|什么时候|何时|哪天|期限多长", "时限 期限 日内 个月 工作日 之日起"),
        (r"多少钱|多少元|奖励多少|补助多少|补贴多少|标准多少|费用多少", "元 万元 标准"),
        (r"找谁|谁负责|谁来|谁承担|由谁|哪个部门|哪些部门|哪家|哪个单位|哪些单位", "负责 牵头 受理 承担"),
        (r"(?:怎么|如何|怎样)(?:处罚|罚|处理|处分)", "罚款 处罚 警告 吊销 没收 责令 处分"),
        (r"几级|哪几级|几个级别|分几", "级 一级 二级 三级 四级 分为"),
        (r"能否|可否|能不能|可不可以|是否可以|可以吗|能不能", "不得 可以 应当 禁止"),
    )
)


def question_hints(text: str) -> list[str]:
    """The words that answer the question `text` asks (QUESTION_HINTS), none when it asks none."""
    return [w for pattern, words in QUESTION_HINTS if pattern.search(text) for w in words]


def split(term: Term, known: Callable[[str], bool] | None = None, whole: bool = False) -> list[str]:
    """A plain term's words, as jieba cuts it: runs of one-character words that follow each other are
    one word (约 谈 → 约谈), a word left of one character (的, 有) and question words (哪些, 多少) are
    dropped (国家统计局长 → 国家统计局); a word of three characters or more no record holds (`known` says
    which are held) is read as the dictionary words inside it (国家开发银行 → 国家、开发、银行: jieba
    keeps it whole). With `whole` (the term is one of several typed), a term some record holds as typed
    whose words would leave out a character stays one word (双随机 抽查比例: 双随机, not 随机); alone, its
    words are what the relaxed tiers add to its literal hits. A quoted phrase, a 文号, a short form or a
    term with no word left: itself."""
    if term.phrase or term.wenhao is not None or term.guarded:
        return [term.text]
    words = [_as_typed(w, term.text) for w in content_words(term.text)]
    if whole and known is not None and _drops(words, term.text) and known(term.text):
        # a term the text holds as typed keeps the characters its words would drop (双随机 is not 随机,
        # 政务新媒体 not 政务 + 媒体): it is one unit, as a word no record holds is split
        return [term.text]
    if known is not None:
        parts = [_held_parts(w, known) if len(w) >= 3 and not known(w) and not is_named(w) else [] for w in words]
        words = list(dict.fromkeys(p for w, inside in zip(words, parts) for p in (inside or [w])))
    return words or [term.text]


def _held_parts(word: str, known: Callable[[str], bool]) -> list[str]:
    """What a word no record holds is searched as: the dictionary words inside it (国家开发银行 → 国家、开发、
    银行), or, when it holds fewer than two, the longest word it begins or ends with that a record holds
    (用电量 → 用电: the text says 用电情况); [] when neither."""
    inside = dictionary_parts(word)
    if inside:
        return inside
    return next(([part] for part in edge_parts(word) if known(part)), [])


def asks_only(node: Node) -> bool:
    """A plain term that is a question word typed apart (国务院 全体会议 多久: 多久), or a question word with
    no more than a character beside it (扣多少, 多少年): the relaxed tiers leave it out (its hints still rank),
    it is no word of the text to look for."""
    if not (isinstance(node, Term) and not node.phrase and node.field is None and node.wenhao is None):
        return False
    typed = rank_normalize(node.text)
    return typed in QUESTION_WORDS or (QUESTION_PHRASE.search(typed) is not None and not content_words(typed))


def _drops(words: list[str], typed: str) -> bool:
    """Whether the words leave out a Han character of what was typed other than a question word's
    (双 of 双随机; not 哪些 of 哪些部门负责秸秆禁烧)."""
    covered = "".join(words)
    rest = rank_normalize(typed)
    for word in sorted(QUESTION_WORDS, key=len, reverse=True):
        rest = rest.replace(word, "") if len(word) > 1 else rest
    return any("\u4e00" <= ch <= "\u9fff" and ch not in covered for ch in rest)


def _as_typed(word: str, typed: str) -> str:
    """A word of the normalized text as the query typed it (gdp → GDP), where that is found."""
    at = typed.lower().find(word)
    return typed[at : at + len(word)] if at >= 0 and len(typed.lower()) == len(typed) else word


def content_words(text: str) -> list[str]:
    """The words of `text` a relaxed reading searches (see split); a short form or equivalent name jieba
    cuts apart is one word (国家自创区 → 国家、自创区, which is also searched as 自主创新示范区)."""
    normalized = without_questions(rank_normalize(text))
    tokens = _named(normalized, [(w, start, end) for w, start, end in cut_words(normalized) if keep_word(w)])
    merged: list[list] = []
    for word, start, end in tokens:
        if len(word) == 1 and word in QUESTION_WORDS:  # 谁, 吗, 的: no part of a word (总理不在时谁主持)
            continue
        if len(word) == 1 and merged and merged[-1][3] and merged[-1][2] == start:
            merged[-1][0] += word
            merged[-1][2] = end
        else:
            merged.append([word, start, end, len(word) == 1])
    out = [w for w, _, _, _ in merged if len(w) > 1 and w not in QUESTION_WORDS]
    return list(dict.fromkeys(out))


NAMED_MIN = 3  # a dictionary form this long at least is kept whole (a shorter one is guarded: analyzers)


@lru_cache(maxsize=1)
def _dictionary_forms() -> tuple[str, ...]:
    """Every short form of the equivalent names and abbreviations (not its group's longest: 自创区, not
    自主创新示范区, whose words say what it is) NAMED_MIN characters long or more, longest first."""
    forms = {f for group in alias_groups() + abbreviation_groups() for f in group[1:] if len(f) >= NAMED_MIN}
    return tuple(sorted(forms, key=len, reverse=True))


def is_named(word: str) -> bool:
    """Whether `word` is a short form of the equivalent names or abbreviations (kept whole, never split)."""
    return len(word) >= NAMED_MIN and word in set(_dictionary_forms())


def _named(text: str, tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The tokens with those lying wholly inside a dictionary form of `text` made one (自创 区 → 自创区)."""
    for form in _dictionary_forms():
        at = text.find(form)
        if at < 0:
            continue
        end = at + len(form)
        inside = [t for t in tokens if at <= t[1] and t[2] <= end]
        if len(inside) > 1 and sum(t[2] - t[1] for t in inside) >= len(form) - 1:
            first = tokens.index(inside[0])
            tokens = tokens[:first] + [(form, at, end)] + [t for t in tokens[first:] if t not in inside]
    return tokens


@dataclass(frozen=True)
class Sources:
    """What the relaxed tiers read: records matching a node literally (`own`, bounded by an optional
    set), the context index, each jieba word's records by the ranking data (`holders`: in their own
    text or title, in their context; None for a word no record holds as a word), the equivalent names
    (`expand`), and every live record."""

    own: Callable[[Node, set[int] | None], set[int]]
    context: ContextIndex
    holders: Callable[[str], tuple[set[int], set[int]] | None]
    expand: Callable[[Node], Node]
    universe: set[int]
    weight: Callable[[str], float] = lambda _word: 1.0  # how telling a word is (its idf)
    known: Callable[[str], bool] | None = None  # whether any record holds a word (see split)
    clauses: Callable[[int], Sequence[int]] = lambda _ordinal: ()  # a document's clauses (by its ordinal)
    # what a typed term was also read as that its words are not (2022年3月: what is dated then), or None
    reading: Callable[[str], Node | None] = lambda _text: None
    rarity: Callable[[int], float] = lambda _count: 1.0  # how telling a unit held by so many records is (idf)


WEIGHT_SHARE = 0.4  # the most tier also takes a record holding more than this share of the words' idf
WORD_OR_TEXT = 2  # a relaxed word longer than this counts as text too (调度会 in 调度会议)


def unit_records(term: Term, src: Sources) -> tuple[set[int], set[int], set[int]]:
    """(records holding the word in their own text, those holding it in their context, those among them
    holding it in a section heading above them), the word and its equivalent names counted: a word of
    two characters as a whole jieba word where it is one (组成 is not in 工作组成员), a longer one as
    text as well (调度会 is in 调度会议)."""
    own: set[int] = set()
    in_context: set[int] = set()
    headed: set[int] = set()
    read = src.reading(term.text)
    if read is not None:  # 2022年3月: the records dated then, as the literal reading has them
        own |= src.own(read, None)
    for form in positive_terms(src.expand(term)):
        words = rank_words(form.text)
        held = src.holders(words[0]) if len(words) == 1 and not form.guarded else None
        if held is not None:
            own |= held[0]
            in_context |= held[1]
        if held is None or len(form.norm) > WORD_OR_TEXT:
            own |= src.own(form, None)
            in_context |= src.context.of(form)
        headed |= src.context.of(form, headings_only=True)
    return own, in_context, headed & in_context


def words_tier(understood: Node, src: Sources, always: bool = False) -> tuple[set[int], tuple[str, ...]] | None:
    """The `words` tier: each unspaced phrase as the AND of its words (None when no phrase splits, unless
    `always`: a validity question's topic, searched alone), each word in the record's text or its
    context, one of them at least in its text or a heading above it (a clause under “（一）随调” is about
    随调; a document title alone makes no match)."""
    relaxed = relax(understood, src.known, several(understood))
    if relaxed == understood and not always:
        return None
    cache: dict[Term, tuple[set[int], set[int], set[int]]] = {}

    def unit(term: Term) -> tuple[set[int], set[int], set[int]]:
        if term not in cache:
            cache[term] = unit_records(term, src)
        return cache[term]

    def sets(node: Node) -> set[int] | None:
        if isinstance(node, Term) and node.wenhao is None and node.field is None:
            own, in_context, _ = unit(node)
            return own | in_context
        return src.own(src.expand(node), None)

    found = evaluate(relaxed, sets, src.universe)
    plain = [t for t in positive_terms(relaxed) if t.wenhao is None and t.field is None]
    in_text = set().union(*(unit(t)[0] | unit(t)[2] for t in plain))
    return found & in_text, tier_words(relaxed)


def synonym_tree(tree: Node) -> tuple[Node, tuple[tuple[str, str], ...]]:
    """The tree with each plain term holding a synonym's typed form (analyzers/synonyms.txt: 军嫂, 当兵 …) ORed
    with the term as the documents word it (军嫂 就业 → (军嫂 OR 随军家属 OR 军人家属 …) 就业), and the
    (typed, printed) pairs read; NOT-ed terms, phrases in quotes and 文号 stay as typed."""
    used: list[tuple[str, str]] = []

    def walk(node: Node) -> Node:
        if isinstance(node, Term):
            if node.phrase or node.wenhao is not None:
                return node
            swapped = with_synonyms(node.norm)
            for typed, printed, _ in swapped:
                if (typed, printed) not in used:
                    used.append((typed, printed))
            variants = [Term(text, node.field) for _, _, text in swapped]
            return Or((node, *variants)) if variants else node
        if isinstance(node, And):
            return And(tuple(walk(c) for c in node.children))
        if isinstance(node, Or):
            return Or(tuple(walk(c) for c in node.children))
        return node  # NOT, NEAR, fields: as typed

    swapped = walk(tree)
    return swapped, tuple(used)


def synonym_tier(
    understood: Node, src: Sources
) -> tuple[set[int], tuple[str, ...], tuple[tuple[str, str], ...]] | None:
    """The `synonym` tier: the query with its everyday words as the documents word them (synonym_tree),
    relaxed and matched as the words tier matches (each word in the record's text or context, one in its
    text): (records, the words searched, the synonyms read), or None when the query holds no synonym."""
    swapped, used = synonym_tree(understood)
    if not used:
        return None
    found = words_tier(swapped, src, always=True)
    if found is None:
        return None
    return found[0], found[1], used


def most_tier(understood: Node, src: Sources, seen: set[int], few: int):
    """The `most` tier: (records, words counted, how many a record holds, words no record holds, the
    weight each record holds, whether some hold fewer words but more than WEIGHT_SHARE of the weight, the
    synonyms read for a word no record holds: 当兵 counted as 入伍 or 参军 …, analyzers/synonyms.txt), or
    None when the query is not an AND of several words. More than half of the words; fewer, one at a
    time, while that leaves fewer than `few` records in all; of three words or more, also the records
    holding the telling ones (秸秆禁烧 of 部门、负责、秸秆禁烧). As in the words tier, one of the words a record
    holds is in its text or a heading above it, or it is a clause of a document holding every word."""
    counted = units(understood, src.known, several(understood), lambda text: src.reading(text) is not None)
    if counted is None:
        return None
    words, excluded = counted
    # a date bound typed (2022年2月以后: a span, Dated.clauses) bounds the records rather than counting as one
    # of the words: of 2022年2月以后 招商引资, the records of 招商引资 from then on, never everything dated since
    spans = [w for w in words if _span(src.reading(w.text))]  # type: ignore[attr-defined]
    if spans:
        words = [w for w in words if w not in spans]
        if len(words) < 2:
            return None  # one word within the span: the literal reading already holds those
    held = [unit_records(w, src) for w in words]  # type: ignore[arg-type]
    for span in spans:
        within = src.own(src.reading(span.text), None)  # type: ignore[arg-type, attr-defined]
        held = [(own & within, in_context & within, headed & within) for own, in_context, headed in held]
    read: list[tuple[str, str]] = []  # synonyms read for a word no record holds (当兵 → 入伍, 参军 …)
    for i, (own, in_context, _) in enumerate(held):
        if own or in_context:
            continue
        printed = with_synonyms(normalize(words[i].text))  # type: ignore[attr-defined]
        swapped = [(unit_records(Term(text), src), typed, form) for typed, form, text in printed]
        swapped = [(records, typed, form) for records, typed, form in swapped if records[0] or records[1]]
        if swapped:
            held[i] = (
                set().union(*(r[0] for r, _, _ in swapped)),
                set().union(*(r[1] for r, _, _ in swapped)),
                set().union(*(r[2] for r, _, _ in swapped)),
            )
            read.extend((typed, form) for _, typed, form in swapped)
            words[i] = Term(next(t for typed, form, t in printed if form == swapped[0][2]))
    present = [i for i, (own, in_context, _) in enumerate(held) if own or in_context]
    holding = [held[i][0] | held[i][1] for i in present]
    in_text = set().union(*(held[i][0] | held[i][2] for i in present)) if present else set()
    for node in excluded:
        in_text -= src.own(src.expand(node), None)
    # what a record holds of the words, each as telling as it is rare (秸秆禁烧 more than 部门)
    texts: list[str] = [words[i].text for i in present]  # type: ignore[attr-defined]
    weights = [
        src.rarity(len(holding[k]))
        if src.reading(text) is not None
        else sum((src.weight(w) for w in rank_words(text)), 0.0) or 1.0
        for k, text in enumerate(texts)
    ]  # a date typed as text weighs as rare as what is dated then, not as its digits (2022, 年3月)
    held_weight: dict[int, float] = {}  # every record holding any of the words (a clause's document too)
    for weight, records in zip(weights, holding):
        for o in records:
            held_weight[o] = held_weight.get(o, 0.0) + weight
    # a clause of a document holding every word counts with a word in its context only (the 秸秆禁烧 plan's
    # measures, for 哪些部门负责秸秆禁烧: its title says 秸秆禁烧)
    total = sum(weights)
    for o, w in list(held_weight.items()):
        if w >= total - 1e-9:
            in_text |= set(src.clauses(o)) & held_weight.keys()
    # a record holding most of the words, or words worth most of their weight (秸秆禁烧 alone, not 部门 + 负责)
    heavy = {o for o, w in held_weight.items() if w > WEIGHT_SHARE * sum(weights)} if len(present) > 2 else set()
    counts = Counter(o for s in holding for o in s)
    need = most_needed(len(present)) if len(present) > 1 else 1
    found = ({o for o, n in counts.items() if n >= need} | heavy) & in_text
    while need > 1 and len(seen) + len(found - seen) < few:
        need -= 1
        found = ({o for o, n in counts.items() if n >= need} | heavy) & in_text
    shown = tuple(words[i].text for i in present)  # type: ignore[attr-defined]
    absent = tuple(w.text for i, w in enumerate(words) if i not in present)  # type: ignore[attr-defined]
    rare = any(counts[o] < need for o in found)  # some hold fewer words, but the telling ones
    return found, shown, need, absent, held_weight, rare, tuple(read)


def _span(node: Node | None) -> bool:
    """Whether a typed term's reading is a date bound's span (2022年2月以后: Dated.clauses)."""
    if isinstance(node, Or):
        return any(_span(c) for c in node.children)
    return isinstance(node, Dated) and node.clauses


def several(tree: Node) -> bool:
    """Whether the query holds more than one positive plain term (see split's `whole`)."""
    return len([t for t in positive_terms(tree) if t.wenhao is None and t.field is None]) > 1


def units(
    tree: Node,
    known: Callable[[str], bool] | None = None,
    whole: bool = False,
    read: Callable[[str], bool] = lambda _text: False,
) -> tuple[list[Node], list[Node]] | None:
    """For the tier of most words: (the words of an AND of plain terms, the NOTs beside them), or None
    when the query is not such an AND (an OR, a field, a 文号: nothing to count)."""
    children = tree.children if isinstance(tree, And) else (tree,)
    out: list[Node] = []
    excluded: list[Node] = []
    for child in children:
        if isinstance(child, Not):
            excluded.append(child.child)
        elif asks_only(child):
            continue
        elif isinstance(child, Term) and read(child.text):  # a date typed as text is one unit, not 2022 + 年3月
            out.append(Term(child.text))
        elif isinstance(child, Term) and child.wenhao is None and child.field is None:
            out.extend(Term(w) for w in split(child, known, whole))
        else:
            return None
    return (out, excluded) if len(out) > 1 else None


def most_needed(count: int) -> int:
    """How many of `count` words a record must hold for the tier of most: more than half (of two, one)."""
    return 1 if count == 2 else count // 2 + 1


def notice(
    query: str,
    tiers: Sequence[Tier],
    literal_count: int,
    unread: Sequence[str] = (),
    total: int | None = None,
    filtered: bool = False,
    exact: bool = False,
) -> str | None:
    """What the page says was searched instead, in Chinese; None when only the literal reading answered.
    `unread`: the labels of readings that found nothing (a validity question no record answers: said
    even when nothing follows, never a silent zero). `total`: the results shown; when it is 0 the notice
    says so whatever else was tried (`filtered`: under the filters chosen; `exact`: nothing else was tried)."""
    said = _notice(query, tiers, literal_count, unread)
    if total == 0 and (said is None or "以下为" in said):
        if not query.strip():
            return "所选筛选条件下没有记录；请去掉其中的一些条件"
        if exact:
            return f"未找到“{query.strip()}”（精确检索：只按字面，未按其他理解或部分词语检索）；取消精确检索可放宽"
        where = "在所选筛选条件下" if filtered else "在索引的全部记录中"
        tried = "，放宽为其中的部分词语也没有" if any(t.kind in ("words", "most") for t in tiers) else ""
        advice = "请换用更少或更短的词" + ("，或去掉筛选条件" if filtered else "")
        return f"未找到“{query.strip()}”：{where}没有记录符合{tried}；{advice}"
    return said


def _notice(query: str, tiers: Sequence[Tier], literal_count: int, unread: Sequence[str]) -> str | None:
    synonym = next((t for t in tiers if t.kind == "synonym"), None)
    words_tier = next((t for t in tiers if t.kind == "words"), None)
    most_tier = next((t for t in tiers if t.kind == "most"), None)
    shown = query.strip()
    if unread and literal_count == 0:
        head = f"未找到“{shown}”（按“{'”“'.join(unread)}”理解也没有记录）"
        if words_tier is None and most_tier is None and synonym is None:
            return f"{head}：目前没有这样的记录；各文件的时效性见筛选栏“时效性”"
    elif words_tier is None and most_tier is None and synonym is None:
        return None
    else:
        head = f"未找到“{shown}”" if literal_count == 0 else f"“{shown}”只找到 {literal_count} 条"
    parts = []
    if synonym is not None:
        parts.append(f"按同义说法（{_said(synonym.synonyms)}）检索的结果")
    if words_tier is not None:
        both = "同时包含" if len(words_tier.words) > 1 else "包含"
        parts.append(f"{both} {'、'.join(words_tier.words)} 的结果")
    if most_tier is not None:
        if len(most_tier.words) == 1:
            parts.append(f"包含 {most_tier.words[0]} 的结果")
        elif most_tier.need == 1:
            parts.append(f"包含 {'、'.join(most_tier.words)} 之一的结果")
        else:
            rare = "（或其中较少见的词）" if most_tier.rare else ""
            parts.append(f"至少包含 {'、'.join(most_tier.words)} 中 {most_tier.need} 个{rare}的结果")
        if most_tier.absent:
            parts[-1] += f"（{'、'.join(most_tier.absent)} 未出现在任何记录中）"
        if most_tier.synonyms:
            parts[-1] += f"（按同义说法：{_said(most_tier.synonyms)}）"
    return f"{head}；以下为{'，其后为'.join(parts)}"


def _said(pairs: Sequence[tuple[str, str]]) -> str:
    """Synonyms read, as the notice says them: 军嫂→随军家属、军人家属；当兵→入伍."""
    read: dict[str, list[str]] = {}
    for typed, printed in pairs:
        read.setdefault(typed, []).append(printed)
    return "；".join(f"{typed}→{'、'.join(printed)}" for typed, printed in read.items())


def tier_words(tree: Node) -> tuple[str, ...]:
    """The words a relaxed tree searches, in order (for the notice)."""
    return tuple(dict.fromkeys(t.text for t in positive_terms(tree)))


__all__ = [
    "FEW",
    "QUESTION_HINTS",
    "QUESTION_WORDS",
    "question_hints",
    "without_questions",
    "Sources",
    "most_tier",
    "synonym_tier",
    "synonym_tree",
    "unit_records",
    "words_tier",
    "TIER_ORDER",
    "ContextIndex",
    "Tier",
    "content_words",
    "context_candidates",
    "evaluate",
    "most_needed",
    "notice",
    "relax",
    "split",
    "tier_words",
    "units",
    "with_context",
]
