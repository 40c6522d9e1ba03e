"""The query language: text → a tree of nodes. Parsing only; `indexer.matching` evaluates a tree.

    秸秆 禁烧 · 秸秆 AND 禁烧 · 秸秆 并且 禁烧 · 秸秆&禁烧     both (AND)
    医疗 OR 卫生 · 医疗 or 卫生 · 医疗 或者 卫生 · 医疗|卫生      either
    统计 -法治 · 统计 NOT 法治 · 统计 不含 法治                  exclude
    (医疗 OR 卫生) 统计                                          grouping, nested
    "应急响应" “应急响应” '应急响应' ‘应急响应’ 「应急响应」        a phrase (matching is by substring anyway)
    标题:统计 title:统计 · 正文:统计 text:统计                   title only · body only
    文号:兴署办字 · 文号:兴署办字〔2022〕                         a 文号 series, optionally of one year
    发文机关:军分区 office:军分区                                 the issuing office
    年份:2022 · 年份:2021-2023 · year:2022                        records dated in that year or years
    秸秆+禁烧 · +秸秆 +禁烧                                       both (AND: + as search engines write it)
    统计 NEAR/10 企业                                             both within 10 characters, either order
    兴署发[2022]6号 (any printed form)                            that document, then documents citing it

Precedence, loosest first: OR, AND (also by juxtaposition), NOT, NEAR, field prefix. Anything else is a
SearchError in Chinese that says what is wrong and where (character positions count from 1), never a
query that silently finds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TypeGuard

from analyzers.normalize import normalize
from analyzers.variants import to_simplified
from corpus.text import to_halfwidth_digits
from corpus.wenhao import WENHAO_IN_QUERY, Wenhao, parse_wenhao

from .api import SearchError

MAX_TERMS = 32  # terms (and phrases, 文号) in one query
MAX_NEAR = 500
WORD_CHAR = re.compile(r"[^\W_]")  # a letter, digit or Han character

QUOTES = {'"': '"', "“": "”", "'": "'", "‘": "’", "「": "」", "『": "』"}
CLOSING_QUOTES = {"”", "’", "」", "』"}
OPEN_PARENS = {"(", "（"}
CLOSE_PARENS = {")", "）"}
AND_WORDS = {"AND", "并且", "&", "＆"}  # AND and OR in any case (and, or); NOT only in capitals
OR_WORDS = {"OR", "或者", "|", "｜"}
NOT_WORDS = {"NOT", "不含"}
FIELDS = {
    "标题": "title",
    "title": "title",
    "正文": "text",
    "text": "text",
    "文号": "wenhao",
    "wenhao": "wenhao",
    "发文机关": "office",
    "office": "office",
    # the names the law databases and CNKI give the same fields (北大法宝: 标题, 发文字号, 发布部门/制定机关; CNKI:
    # 题名, 篇名), so a field typed as learnt there is that field, not an error
    "题名": "title",
    "篇名": "title",
    "发文字号": "wenhao",
    "发布部门": "office",
    "制定机关": "office",
    "发文单位": "office",
    # the year a record is dated, as 北大法宝's 发布年份 and CNKI's 年 narrow a search: 年份:2022, 年份:2021-2023
    "年份": "year",
    "年度": "year",
    "发布年份": "year",
    "year": "year",
}
FIELD_HELP = (
    "标题: title: 正文: text: 文号: 发文机关: office: 年份: year:（也可写作 题名: 发文字号: 发布部门: 制定机关:）"
)
# 年份:2022, 年份:2022年, 年份:2021-2023 (or 2021—2023, 2021~2023, 2021至2023, 2021到2023)
YEAR_VALUE = re.compile(r"(?P<low>[0-9]{4})年?(?:(?:[-—–~～]|至|到)(?P<high>[0-9]{4})年?)?")
FIRST_YEAR, LAST_YEAR = 1900, 2100
NEAR = re.compile(r"NEAR/([0-9]{1,4})$", re.I)
LUCENE_MARK = re.compile(r"([~^])[0-9.]*$")  # 统计~2 (fuzzy), 统计^3 (boost): Lucene syntax we do not have
RANGE = re.compile(r"[\[{]\S*\s+TO\s+\S*[\]}]")  # [a TO z]: a Lucene range
SERIES = re.compile(
    r"(?P<code>[\u4e00-\u9fff]{1,10})\s*(?:[〔\[［(（【]\s*(?P<year>[0-9０-９]{4})\s*[〕\]］)）】]?|(?P<year2>[0-9]{4})年?)?"
)
# characters that end a bare word: white space, quotes, parentheses, operators written as symbols
BREAK = set(QUOTES) | CLOSING_QUOTES | OPEN_PARENS | CLOSE_PARENS | {"&", "＆", "|", "｜", "*", "＊", "+", "＋"}
# CNKI's AND (秸秆*禁烧, (医疗 OR 卫生)*应急), as researchers learnt it there: a * between two terms; anywhere else
# (统计*) it is a wildcard, which the language does not need
STAR = {"*", "＊"}
# + between two terms is AND, as web search engines taught it (秸秆+禁烧); before a term it marks the term
# required (+秸秆 +禁烧), which every term of an AND already is
PLUS = {"+", "＋"}
NO_TERM = (
    CLOSE_PARENS | CLOSING_QUOTES | {"&", "＆", "|", "｜"} | STAR | PLUS
)  # what cannot begin the term after a * or +


# -- the tree ----------------------------------------------------------------------------------


class Node:
    def terms(self) -> list[Term]:
        """Every Term below this node, NOT-ed ones included."""
        return []


@dataclass(frozen=True)
class Term(Node):
    text: str  # as typed (without quotes)
    field: str | None = None  # None (title and body), "title" or "text"
    wenhao: Wenhao | None = None  # the term is a 文号: its document and the documents citing it
    phrase: bool = False  # typed in quotes
    # a short form (analyzers/abbreviations.txt) that counts only where it is not cut across words of the
    # text (国企 in 国企改革, not in 共和国企业): analyzers.abbreviations.occurs
    guarded: bool = False

    @cached_property  # asked for dozens of times a search (tiers, ranking, snippets): normalized once
    def norm(self) -> str:
        return normalize(self.wenhao.canonical if self.wenhao else self.text)

    def terms(self) -> list[Term]:
        return [self]

    def __repr__(self) -> str:
        field = f"{self.field}:" if self.field else ""
        kind = "Wenhao" if self.wenhao else "Guarded" if self.guarded else "Term"
        shown = self.wenhao.canonical if self.wenhao else self.text
        return f"{kind}({field}{shown!r})"


@dataclass(frozen=True)
class Series(Node):
    """文号:兴署办字 — every document (and its clauses) whose own 文号 has this 代字 (and year)."""

    code: str
    year: int | None = None

    def __repr__(self) -> str:
        return f"Series({self.code!r}{', ' + str(self.year) if self.year else ''})"


@dataclass(frozen=True)
class Dated(Node):
    """Documents and 大事记 entries dated within [low, high] (ISO dates): how a date typed as text is also
    read (2022年3月: the entries print 3月15日 without the year). Made by indexer.understand.

    `clauses`: the clauses of the documents dated then count too (by their document's date), and the node
    lends no rank: a span the records are bounded by rather than a day they are about — a date bound typed
    (2022年2月以后, 2023年以前: indexer.understand) or the field 年份:2022 / 年份:2021-2023."""

    low: str
    high: str
    label: str  # the date as the page names it: 2022年3月
    clauses: bool = False

    def __repr__(self) -> str:
        return f"Dated({self.low}..{self.high}{', clauses' if self.clauses else ''})"


@dataclass(frozen=True)
class Records(Node):
    """These records (ordinals), whatever their text: a tier's records joined to a query's (indexer.tiers).
    Made by the service, never typed."""

    ordinals: frozenset[int]

    def __repr__(self) -> str:
        return f"Records({len(self.ordinals)})"


@dataclass(frozen=True)
class Rosters(Records):
    """The records that list a body's members (a roster: 组长：…, 成员：…, or many people named): how a
    query asking for one is also read (GDP核算专项工作组成员, 领导小组名单). Made by indexer.understand."""

    def __repr__(self) -> str:
        return f"Rosters({len(self.ordinals)})"


@dataclass(frozen=True)
class Validity(Records):
    """The records a question about validity asks for (现行有效, 已废止, 停止执行, 有效期 …: what the 时效性
    facet and the documents' own statements say); among them the documents it asks for (`documents`: of
    that status, or stating that term) and the records printing a sentence it rests on (`stated`: a
    clause, or a document declaring a repeal), ranked first, their snippets showing the sentence. Made
    by indexer.understand, never typed."""

    stated: frozenset[int] = frozenset()
    label: str = ""
    documents: frozenset[int] = frozenset()

    def __repr__(self) -> str:
        return f"Validity({self.label!r}, {len(self.ordinals)})"


@dataclass(frozen=True)
class Office(Node):
    """发文机关:… — records whose issuing office's name contains the text."""

    text: str

    def __repr__(self) -> str:
        return f"Office({self.text!r})"


@dataclass(frozen=True)
class And(Node):
    children: tuple[Node, ...]

    def terms(self) -> list[Term]:
        return [t for c in self.children for t in c.terms()]

    def __repr__(self) -> str:
        return f"And({', '.join(map(repr, self.children))})"


@dataclass(frozen=True)
class Or(Node):
    children: tuple[Node, ...]

    def terms(self) -> list[Term]:
        return [t for c in self.children for t in c.terms()]

    def __repr__(self) -> str:
        return f"Or({', '.join(map(repr, self.children))})"


@dataclass(frozen=True)
class Not(Node):
    child: Node

    def terms(self) -> list[Term]:
        return self.child.terms()

    def __repr__(self) -> str:
        return f"Not({self.child!r})"


@dataclass(frozen=True)
class Near(Node):
    """Both terms within `distance` characters of each other (either order), in one part of a record."""

    left: Term
    right: Term
    distance: int

    def terms(self) -> list[Term]:
        return [self.left, self.right]

    def __repr__(self) -> str:
        return f"Near({self.left!r}, {self.right!r}, {self.distance})"


def positive_terms(node: Node | None) -> list[Term]:
    """Terms that a match must contain somewhere (not under a NOT), in order, each once."""
    out: list[Term] = []

    def walk(n):
        if isinstance(n, Not):
            return
        if isinstance(n, Term):
            if n not in out:
                out.append(n)
        elif isinstance(n, (And, Or)):
            for c in n.children:
                walk(c)
        elif isinstance(n, Near):
            walk(n.left)
            walk(n.right)

    if node is not None:
        walk(node)
    return out


# -- tokens ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    kind: str  # WORD PHRASE WENHAO AND OR NOT DASH LPAREN RPAREN NEAR FIELD
    text: str
    at: int  # 0-based offset in the query
    wenhao: Wenhao | None = None  # WENHAO: the 文号 it reads as
    distance: int = 0  # NEAR: the N of NEAR/N
    field: str | None = None  # FIELD: the field it names (title, text, wenhao, office)


def _error(message: str, code: str = "query_syntax") -> SearchError:
    return SearchError(message, "q", code)


def tokenize(text: str) -> list[Token]:
    """Quoted phrases first, then 文号 in the plain stretches between them (one pass of the 文号
    pattern per stretch), then words, operators and parentheses in what is left."""
    if (ranged := RANGE.search(text)) is not None:
        raise _error(
            f"第 {ranged.start() + 1} 个字符处的 {ranged.group(0)}：不支持范围检索；"
            "日期范围请用“起始日期/截止日期”（from、to）",
            "unsupported_syntax",
        )
    tokens: list[Token] = []
    i, n, plain = 0, len(text), 0
    while i < n:
        ch = text[i]
        if ch in QUOTES:
            close = text.find(QUOTES[ch], i + 1)
            if close < 0:
                raise _error(f"第 {i + 1} 个字符处的引号 {ch} 没有闭合")
            _plain(text, plain, i, tokens)
            phrase = text[i + 1 : close]
            if not phrase.strip():
                raise _error(f"第 {i + 1} 个字符处是空的引号 {ch}{QUOTES[ch]}")
            wenhao = parse_wenhao(to_simplified(phrase))
            tokens.append(Token("WENHAO" if wenhao else "PHRASE", phrase, i, wenhao=wenhao))
            i = plain = close + 1
            continue
        if ch in CLOSING_QUOTES:
            raise _error(f"第 {i + 1} 个字符处的引号 {ch} 前面没有对应的开引号")
        i += 1
    _plain(text, plain, n, tokens)
    return tokens


FOUR_DIGITS = re.compile(r"[0-9０-９](?:\s*[0-9０-９]){3}")  # every 文号 has a year: a cheap pre-check


def _plain(text: str, start: int, end: int, tokens: list[Token]) -> None:
    cursor = start
    if FOUR_DIGITS.search(text, start, end):
        # a 文号 typed in traditional characters (興署發〔2022〕6號) is read as printed: the folding maps
        # character to character, so the offsets are the typed text's
        simplified = to_simplified(text)
        stretch = simplified[start:end]
        for match in WENHAO_IN_QUERY.finditer(stretch):
            at = start + match.start()  # a match starts with its 代字
            code = match.group("code") or ""
            if any(c.isspace() for c in code):
                # In text a 代字 may be spaced by PDF damage (兴 署 发); in a query a space ends a word:
                # "谅 兴署办字2022年9号" is the word 谅 and the 文号 兴署办字〔2022〕9号.
                at += len(code.rstrip()) - len(code.rstrip().split()[-1])
            stop = start + match.end()
            wenhao = parse_wenhao(simplified[at:stop])
            if wenhao is None or at < cursor:
                continue
            _words(text, cursor, at, tokens)
            tokens.append(Token("WENHAO", text[at:stop].strip(), at, wenhao=wenhao))
            cursor = stop
    _words(text, cursor, end, tokens)


def _words(text: str, start: int, end: int, tokens: list[Token]) -> None:
    i = start
    while i < end:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in OPEN_PARENS or ch in CLOSE_PARENS:
            tokens.append(Token("LPAREN" if ch in OPEN_PARENS else "RPAREN", ch, i))
            i += 1
        elif ch in "&＆":
            tokens.append(Token("AND", ch, i))
            i += 1
        elif ch in "|｜":
            tokens.append(Token("OR", ch, i))
            i += 1
        elif ch in PLUS:
            after = i + 1
            while after < len(text) and text[after].isspace():
                after += 1
            if after >= len(text) or text[after] in NO_TERM:
                raise _error(f"第 {i + 1} 个字符处的 {ch} 后面缺少检索词：两个词之间的 + 表示“并且”，例如 秸秆+禁烧")
            before = tokens[-1].kind if tokens else None
            if before in ("WORD", "PHRASE", "WENHAO", "RPAREN"):
                tokens.append(Token("AND", ch, i))
            i += 1  # +秸秆 at the start, after an operator or a bracket: the term is required, as it is anyway
        elif ch in STAR:
            after = i + 1  # what follows, past this stretch too (a quoted phrase: 统计*“企业”)
            while after < len(text) and text[after].isspace():
                after += 1
            before = tokens[-1].kind if tokens else None
            if before in ("WORD", "PHRASE", "WENHAO", "RPAREN") and after < len(text) and text[after] not in NO_TERM:
                tokens.append(Token("AND", ch, i))
                i += 1
            else:
                raise _error(
                    f"第 {i + 1} 个字符处的通配符 {ch} 不需要：检索本来就按包含匹配"
                    f"（如 统计 可找到 统计局、统计工作），请去掉它；两个词之间的 * 表示“并且”",
                    "wildcard",
                )
        else:
            word_start = i
            while i < end and not text[i].isspace() and (text[i] not in BREAK or _plus_ends_term(text, i, word_start)):
                i += 1
                if text[i - 1] in ":：" and i - 1 > word_start:
                    break  # a field prefix ends at its colon
            _word(text[word_start:i], word_start, tokens)


# what may follow a + that ends a term with nothing after it (互联网+): the query's end, a closing bracket or quote, OR
PLUS_ENDS = CLOSE_PARENS | CLOSING_QUOTES | {"|", "｜", "&", "＆"}


def _plus_ends_term(text: str, i: int, word_start: int) -> bool:
    """Whether the + at `i`, glued to the end of a term with no term after it, is part of the term as the
    documents print it (互联网+, “互联网+政务服务”: the State Council's 互联网+ 行动), not an AND missing a term."""
    if text[i] not in PLUS or i == word_start:
        return False
    after = i + 1
    while after < len(text) and text[after].isspace():
        after += 1
    return after >= len(text) or text[after] in PLUS_ENDS


# what ends a sentence typed after Chinese (随军家属怎么安置？): punctuation, not a wildcard or a character to find
SENTENCE_END = re.compile(r"(?<=[\u4e00-\u9fff])[？?！!。]+$")


def _word(word: str, at: int, tokens: list[Token]) -> None:
    word = SENTENCE_END.sub("", word)
    if len(word) > 2 and word[0] == "《" and word[-1] == "》" and "《" not in word[1:-1]:
        word, at = word[1:-1], at + 1  # 《兴安盟直属国有企业监督管理办法》: the title typed with its marks
    if not word:
        return
    upper = word.upper()
    if word == "-":
        tokens.append(Token("DASH", word, at))
    elif word.startswith("-"):
        tokens.append(Token("DASH", "-", at))
        _word(word[1:], at + 1, tokens)
    elif upper in AND_WORDS or word in AND_WORDS:
        tokens.append(Token("AND", word, at))
    elif upper in OR_WORDS or word in OR_WORDS:
        tokens.append(Token("OR", word, at))
    elif word in NOT_WORDS:
        tokens.append(Token("NOT", word, at))
    elif near := NEAR.match(word):
        tokens.append(Token("NEAR", word, at, distance=int(near.group(1))))
    elif word == "NEAR" or upper.startswith("NEAR/"):
        raise _error(f"第 {at + 1} 个字符处的 {word} 应写作 NEAR/数字，例如 统计 NEAR/10 企业")
    elif word[-1] in ":：" and len(word) > 1:
        name = word[:-1]
        field = FIELDS.get(normalize(name))  # 標題: and TITLE: are 标题: and title:
        if field is None:
            raise _error(
                f"第 {at + 1} 个字符处的“{name}:”不是可用的字段；可用字段：{FIELD_HELP}"
                f"（若要检索含冒号的文字，请加引号）",
                "unknown_field",
            )
        tokens.append(Token("FIELD", word, at, field=field))
    else:
        wild = next((j for j, c in enumerate(word) if c in "*?？＊"), None)
        if wild is not None:
            raise _error(
                f"第 {at + wild + 1} 个字符处的通配符 {word[wild]} 不需要：检索本来就按包含匹配"
                f"（如 统计 可找到 统计局、统计工作），请去掉它",
                "wildcard",
            )
        mark = LUCENE_MARK.search(word)
        if mark:
            what = "模糊检索（~）" if mark.group(1) == "~" else "权重（^）"
            raise _error(
                f"第 {at + mark.start() + 1} 个字符处的 {mark.group(0)}：不支持{what}；若要检索这些符号本身，请加引号",
                "unsupported_syntax",
            )
        simple = to_simplified(word)
        order = parse_wenhao(simple) if "令" in simple else None  # 国令第706号, 国务院令第706号: no year to find it by
        tokens.append(Token("WENHAO", word, at, wenhao=order) if order else Token("WORD", word, at))


# -- parser ------------------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str, tokens: list[Token]):
        self.text = text
        self.tokens = tokens
        self.i = 0
        self.seen: set[tuple[str, str | None]] = set()

    def peek(self) -> Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def where(self, token: Token | None) -> str:
        return f"第 {token.at + 1} 个字符处" if token else "检索式末尾"

    def parse(self) -> Node | None:
        if not self.tokens:
            return None
        node = self.or_expr()
        token = self.peek()
        if token is not None:
            if token.kind == "RPAREN":
                raise _error(f"{self.where(token)}的括号 {token.text} 前面没有对应的左括号")
            raise _error(f"{self.where(token)}的“{token.text}”无法理解")
        return node

    def or_expr(self) -> Node:
        children = [self.and_expr()]
        while (token := self.peek()) is not None and token.kind == "OR":
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in ("OR", "AND", "RPAREN"):
                raise _error(f"{self.where(token)}的 {token.text} 后面缺少检索词")
            children.append(self.and_expr())
        return _combine(Or, children)

    def and_expr(self) -> Node:
        first = self.peek()
        if first is not None and first.kind in ("AND", "OR"):
            raise _error(f"{self.where(first)}的 {first.text} 前面缺少检索词")
        children = [self.unary()]
        while (token := self.peek()) is not None and token.kind not in ("OR", "RPAREN"):
            if token.kind == "AND":
                self.take()
                nxt = self.peek()
                if nxt is None or nxt.kind in ("OR", "AND", "RPAREN"):
                    raise _error(f"{self.where(token)}的 {token.text} 后面缺少检索词")
            children.append(self.unary())
        return _combine(And, children)

    def unary(self) -> Node:
        token = self.peek()
        if token is not None and token.kind in ("NOT", "DASH"):
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in ("OR", "AND", "RPAREN", "NOT", "DASH"):
                raise _error(f"{self.where(token)}的 {token.text} 后面缺少要排除的检索词")
            return Not(self.near())
        return self.near()

    def near(self) -> Node:
        left = self.primary()
        token = self.peek()
        if token is None or token.kind != "NEAR":
            return left
        self.take()
        distance = token.distance
        if not 1 <= distance <= MAX_NEAR:
            raise _error(f"{self.where(token)}的 NEAR/{distance}：距离应在 1 到 {MAX_NEAR} 个字符之间")
        right = self.primary()
        if not (_plain_term(left) and _plain_term(right)):
            raise _error(f"{self.where(token)}的 NEAR 两边只能各是一个检索词或短语")
        nxt = self.peek()
        if nxt is not None and nxt.kind == "NEAR":
            raise _error(f"{self.where(nxt)}：NEAR 不能连用，请用括号和 AND 组合")
        if left.field != right.field:
            raise _error(f"{self.where(token)}：NEAR 两边的字段不同")
        return Near(left, right, distance)

    def primary(self, field: str | None = None) -> Node:
        token = self.peek()
        if token is None:
            raise _error("检索式末尾缺少检索词")
        if token.kind == "LPAREN":
            self.take()
            inner = self.peek()
            if inner is None:
                raise _error(f"{self.where(token)}的括号 {token.text} 没有闭合")
            if inner.kind == "RPAREN":
                raise _error(f"{self.where(token)}的括号里是空的")
            saved = self.field_context
            self.field_context = field or saved
            node = self.or_expr()
            self.field_context = saved
            close = self.peek()
            if close is None or close.kind != "RPAREN":
                raise _error(f"{self.where(token)}的括号 {token.text} 没有闭合")
            self.take()
            return node
        if token.kind == "FIELD":
            self.take()
            if field or self.field_context:
                raise _error(f"{self.where(token)}的字段 {token.text} 不能写在另一个字段里面")
            nxt = self.peek()
            if nxt is None or nxt.kind not in ("WORD", "PHRASE", "WENHAO", "LPAREN", "FIELD"):
                raise _error(f"{self.where(token)}的字段 {token.text} 后面缺少检索词", "empty_field")
            if nxt.kind == "FIELD":
                raise _error(f"{self.where(nxt)}的字段 {nxt.text} 不能写在另一个字段里面")
            if token.field in ("wenhao", "office", "year"):
                return self.special_field(token, self.take())
            return self.primary(field=token.field)
        if token.kind in ("WORD", "PHRASE", "WENHAO"):
            self.take()
            return self.term(token, field or self.field_context)
        if token.kind == "RPAREN":
            raise _error(f"{self.where(token)}的括号 {token.text} 前面没有对应的左括号")
        raise _error(f"{self.where(token)}的 {token.text} 前面缺少检索词")

    field_context: str | None = None

    def term(self, token: Token, field: str | None) -> Term:
        term = Term(token.text, field, token.wenhao, token.kind == "PHRASE")
        self.seen.add((term.norm, field))  # repeated terms count once, here as in the tree
        if len(self.seen) > MAX_TERMS:
            raise _error(f"检索词太多：一个检索式最多 {MAX_TERMS} 个不同的检索词", "too_many_terms")
        if not WORD_CHAR.search(term.norm):
            raise _error(f"{self.where(token)}的“{token.text}”没有可检索的文字（只有标点或符号）")
        return term

    def special_field(self, field_token: Token, token: Token) -> Node:
        if token.kind == "LPAREN":
            raise _error(f"{self.where(token)}：字段 {field_token.text} 后面只能跟一个值，不能跟括号")
        value = token.text.strip()
        if field_token.field == "year":
            return _years(value, self.where(token))
        if field_token.field == "office":
            if not WORD_CHAR.search(normalize(value)):
                raise _error(f"{self.where(token)}的发文机关“{value}”没有可检索的文字")
            return Office(value)
        if token.wenhao is not None:
            return Term(token.text, None, token.wenhao, False)
        match = SERIES.fullmatch(to_simplified(value))  # 文号:興署辦字 is 兴署办字
        if not match:
            raise _error(
                f"{self.where(token)}的“{value}”不是文号或文号代字，例如 文号:兴署办字 或 文号:兴署办字〔2022〕"
            )
        year = match["year"] or match["year2"]
        return Series(match["code"], int(to_halfwidth_digits(year)) if year else None)


def _years(value: str, where: str) -> Dated:
    """年份:2022 / 年份:2021-2023 → the records dated in those years (documents, their clauses, 大事记 entries)."""
    found = YEAR_VALUE.fullmatch(to_halfwidth_digits(value))
    if found is None:
        raise _error(f"{where}的“{value}”不是年份；应写作四位数的年份或年份范围，例如 年份:2022 或 年份:2021-2023")
    low = int(found["low"])
    high = int(found["high"] or low)
    for year in (low, high):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise _error(f"{where}的年份 {year} 超出范围（{FIRST_YEAR}–{LAST_YEAR}）")
    if high < low:
        raise _error(f"{where}的年份范围 {low}–{high} 起止颠倒，应写作 年份:{high}-{low}")
    label = f"{low}年" if low == high else f"{low}—{high}年"
    return Dated(f"{low:04d}-01-01", f"{high:04d}-12-31", label, clauses=True)


def _plain_term(node: Node) -> TypeGuard[Term]:
    """A term that is not a 文号: what may stand on either side of NEAR."""
    return isinstance(node, Term) and node.wenhao is None


def _combine(kind, children: list[Node]) -> Node:
    """One child stands alone; repeated children count once; nested nodes of the same kind flatten."""
    flat: list[Node] = []
    for child in children:
        for c in child.children if isinstance(child, kind) else (child,):
            if c not in flat:
                flat.append(c)
    return flat[0] if len(flat) == 1 else kind(tuple(flat))


def all_of(nodes) -> Node | None:
    """The AND of several trees (None ones left out): a query and its 在结果中检索 refinements."""
    present = [n for n in nodes if n is not None]
    return _combine(And, present) if present else None


def parse_query(text: str) -> Node | None:
    """The tree for a query, or None for an empty one. Raises SearchError (param "q")."""
    return _Parser(text, tokenize(text)).parse()
