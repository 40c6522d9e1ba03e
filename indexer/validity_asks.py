"""Questions about validity (时效性), read as what they ask of the documents' validity facts.

Researchers ask what is still in force, what was repealed or stopped, which documents have a term of
validity, when one takes effect: 现行有效, 已废止, 停止执行, 已失效, 尚未施行, 已修订, 有效期, 施行时间 —
typed alone (哪些文件已停止执行), after a topic (秸秆禁烧 现行有效) or at the end of one unspaced phrase
(大学毕业生征兵通知有效期). Such words seldom stand in the text: a document in force does not say 现行有效,
and the sentence that stops one says “…停止执行” of another document. So each is also read (an OR: the
literal reading stays) as the records the build's validity facts name (corpus.facts.validity):

* a status (现行有效, 已废止, 已失效, 尚未施行, 已修订): every record of the documents that have it today,
  as the 时效性 facet selects them — with a topic, the facet filter plus the topic;
* a statement (有效期/试行期, 施行时间): the documents whose own text states it;
* a repeal, stop or revision (废止, 停止执行, 不再执行, 失效, 修订): also the documents that declare one,
  of any document, held by the corpus or not (the facts' `declared`).

The records holding the sentence a status or statement rests on (the document and its clause:
“本办法试行期2年，自公布之日起30日后施行”) are `stated`: they rank first, and their snippets show the
sentence. A topic typed in the same phrase (大学毕业生征兵通知有效期) is kept as a term beside the reading,
question words and generic words (哪些, 文件) dropped. exact=1 reads none of this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzers.normalize import normalize
from corpus.facts.validity import EXPIRED, IN_FORCE, NOT_YET, REPEALED, REVISED

REPEAL_DECLARED = ("废止", "停止执行", "不再执行", "失效")


@dataclass(frozen=True)
class Ask:
    """What one validity question asks for (see the module's docstring)."""

    label: str  # the chip, after 时效性
    statuses: tuple[str, ...] = ()  # every record of the documents with one of these statuses today
    own: str | None = None  # documents whose own terms state this: "opening" (施行) or "closing" (有效期)
    declared: tuple[str, ...] = ()  # documents declaring this of another (statement kinds)


IN_FORCE_ASK = Ask(IN_FORCE, statuses=(IN_FORCE,))
# a document another stops (…同时停止执行, 不再执行) has the status 已废止 too: asked for what was repealed, the
# sentences stopping one are what there is to read of a stopped document the corpus does not hold
REPEALED_ASK = Ask(REPEALED, statuses=(REPEALED,), declared=("废止", "停止执行", "不再执行"))
STOPPED_ASK = Ask("已废止、停止执行", statuses=(REPEALED,), declared=REPEAL_DECLARED)
EXPIRED_ASK = Ask("已失效、已废止", statuses=(EXPIRED, REPEALED), declared=REPEAL_DECLARED)
NOT_YET_ASK = Ask(NOT_YET, statuses=(NOT_YET,))
REVISED_ASK = Ask(REVISED, statuses=(REVISED,), declared=("修订",))
PERIOD_ASK = Ask("规定有效期或试行期", own="closing")
EFFECTIVE_ASK = Ask("施行日期", own="opening")
ANY_ASK = Ask(
    "写明时效",
    statuses=(IN_FORCE, EXPIRED, REPEALED, NOT_YET, REVISED),
    declared=(*REPEAL_DECLARED, "修订"),
)

# The words of each question, as typed (normalized before matching). Bare 施行, 实施, 有效 and 现行 are
# not among them: the text says them of everything (实施方案, 有效措施, 现行标准).
ASK_WORDS: dict[str, Ask] = {
    **dict.fromkeys("现行有效 仍然有效 仍有效 依然有效 继续有效 还有效 现行文件 有效文件".split(), IN_FORCE_ASK),
    **dict.fromkeys("已废止 已被废止 被废止 已经废止 废止 宣布废止 予以废止".split(), REPEALED_ASK),
    **dict.fromkeys("停止执行 已停止执行 不再执行 已不再执行 停止施行".split(), STOPPED_ASK),
    **dict.fromkeys("已失效 失效 已经失效 过期 已过期 失去效力 不再有效 已到期 到期".split(), EXPIRED_ASK),
    **dict.fromkeys("尚未施行 未施行 还未施行 尚未生效 未生效 尚未实施 即将施行".split(), NOT_YET_ASK),
    **dict.fromkeys("已修订 被修订 已被修订 修订 已修改 被修改 已修正".split(), REVISED_ASK),
    **dict.fromkeys("有效期 有效期限 试行期 试行期限 有效期至 有效期限至".split(), PERIOD_ASK),
    **dict.fromkeys(
        "施行时间 施行日期 实施时间 实施日期 生效时间 生效日期 起施行时间 开始施行 何时施行 何时生效 何时实施 "
        "什么时候施行 什么时候生效 什么时候实施 从何时起施行 自何时起施行 施行日".split(),
        EFFECTIVE_ASK,
    ),
    **dict.fromkeys("是否有效 是否还有效 是否失效 是否废止 是否仍有效 时效性 时效".split(), ANY_ASK),
}

# what may follow the question's words (有效期多久, 施行时间是什么时候, 现行有效的文件, 是否有效？)
TAIL = r"(?:是|为)?(?:多久|多长时间|多长|几年|多少年|什么时候|何时|哪天|哪一天)?(?:的文件|的规定|的政策|的)?(?:吗|呢|了)?[?？]*"
ASK = re.compile(
    r"(?P<stem>.*?)(?P<ask>" + "|".join(sorted(map(re.escape, ASK_WORDS), key=len, reverse=True)) + ")" + TAIL
)
# what is left of a stem that asks nothing of its own (哪些文件有, 目前哪些政策, 请问): cut word by word from
# each end (a loop, not a regex anchored at $, which would try every start: quadratic on a long run)
STEM_HEADS = ("请问", "目前", "现在", "当前", "有哪些", "有什么", "哪些", "哪个", "哪份", "什么")
STEM_TAILS = ("有没有", "是否", "已经", "仍然", "的", "有", "已", "还", "仍", "被", "是")
GENERIC = (
    "规范性文件",
    *STEM_HEADS,
    "现行",
    "文件",
    "政策",
    "规定",
    "公文",
    "规章",
    "有",
    "的",
    "是否",
    "还",
    "已",
    "仍",
)


@dataclass(frozen=True)
class Asked:
    """A term read as a validity question: what it asks, and the topic typed before it ("" if none)."""

    ask: Ask
    stem: str
    typed: str  # the question's words as typed (normalized)


def question_of(text: str) -> Asked | None:
    """The validity question a plain term asks (see ASK_WORDS), or None."""
    norm = normalize(text)
    found = ASK.fullmatch(norm)
    if found is None:
        return None
    stem = _strip(found["stem"])
    if not _strip(stem, GENERIC, GENERIC):  # 哪些文件, 现行政策: nothing asked of a topic
        stem = ""
    return Asked(ASK_WORDS[found["ask"]], stem, found["ask"])


def _strip(text: str, heads: tuple[str, ...] = STEM_HEADS, tails: tuple[str, ...] = STEM_TAILS) -> str:
    """`text` without the words of `heads` at its start and of `tails` at its end, each cut as often as
    it repeats (哪些文件有 → 文件; 目前哪些政策 → 政策). Linear: each step removes a word."""
    start, end = 0, len(text)
    while (head := next((h for h in heads if text.startswith(h, start, end)), None)) is not None:
        start += len(head)
    while (tail := next((t for t in tails if text.endswith(t, start, end)), None)) is not None:
        end -= len(tail)
    return text[start:end]


# the word of a statement marked in its sentence (the snippet shows the sentence around it)
STATEMENT_WORD = re.compile(r"有效期限?|试行期限?|停止执行|不再执行|废止|失效|修订|修改|施行|实施|生效|执行|试行")
MARK_MAX = 40  # a sentence this long (normalized) is marked whole; a longer one, its piece holding the word
PIECE = re.compile(r"[^，,：:]+")


def mark_of(sentence: str) -> str:
    """What to mark of a statement's sentence in a snippet (normalized): the sentence, or when it is long
    the piece of it between commas holding the statement's word (本办法试行期2年)."""
    norm = normalize(sentence).rstrip("。；;")
    if len(norm) <= MARK_MAX:
        return norm
    word = STATEMENT_WORD.search(norm)
    if word is None:
        return norm[:MARK_MAX]
    for piece in PIECE.finditer(norm):
        if piece.start() <= word.start() < piece.end() and piece.end() - piece.start() <= MARK_MAX:
            return piece.group(0)
    return word.group(0)


__all__ = ["ASK_WORDS", "Ask", "Asked", "mark_of", "question_of"]
