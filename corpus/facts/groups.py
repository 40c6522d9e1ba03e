"""Leading groups (领导小组, 工作专班, 指挥部 …) and the people in them, read from a document's body.

Rosters are printed three ways, all read line by line from the body (where corpus.tables has
already put a roster set in two columns back into one list):

- a role heading on its own line, then one "name post" line per seat:  组 长： / 苏 和 盟委副书记、盟长
- the role and its first seat on one line:  成 员:马强 盟委政法委副书记,  组长：盟行署分管…副盟长
- prose naming an office:  办公室主任由赵波同志兼任，副主任由张天柱、尹广天…兼任;  由王福顺同志兼任办公室主任;
  办公室主任由民航总局副局长杨国庆担任

Names padded to the width of three with full-width spaces (韩　正) are one name; a line of a roster
without a role (刘金国　　公安部副部长) is a further seat of the role above it; a role's line may hold
names only (成　员：甲　乙、丙丁戊), and a table row may give role, name and post without a colon.

A group takes its name from the nearest line before its roster that names one (a heading or an
attachment title ending in 领导小组/工作组/专班/指挥部…, or a 成立… phrase), or from the title of a
关于成立…的通知. Names are kept as printed and never merged: two people may share one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..elements.numbering import find_marker
from ..elements.paragraphs import join_title
from ..models import Document, Group, Member
from ..people import HAN, LONG_NAME, NAME_PATTERN, glued_entry, is_name, looks_like_post, name_key, tidy_post
from ..text import fold

GROUP_SUFFIX = "(?:领导小组|工作小组|协调小组|专项工作组|工作组|小组|工作专班|专班|指挥部|委员会|联席会议)"
# A heading or title that is a group's name: no sentence punctuation, ends with a group word.
NAMING_LINE = re.compile(rf"^[^。，,；;：:]{{1,60}}{GROUP_SUFFIX}$")
# The verbs that set a group up or change its members: 成立, 组建 (国务院关于同意组建…协调委员会的批复), 设立.
SET_UP = re.compile(rf"(?:成立|组建|设立)(?P<name>[^，,。；;、（()）：:\s]{{2,50}}?{GROUP_SUFFIX})")
TITLE_SET_UP = re.compile(
    rf"关于(?:同意)?(?:成立|组建|设立|调整|建立)(?P<name>[^，。；]{{2,60}}?{GROUP_SUFFIX})"
    r"(?:组成人员|成员)?的(?:通知|决定|批复|函)"
)
# "…领导小组组成人员名单如下", "…委员会组成人员调整如下": the roster that follows is that group's
# (a bare "领导小组" or "调整后的领导小组" names none: no 的 and at least two characters before the suffix)
GENERIC_NAME = re.compile(rf"^(?:领导|工作|协调|专项)?{GROUP_SUFFIX}$")
LISTED = re.compile(
    rf"(?P<name>[^，,。；;、（()）：:\s的将]{{2,50}}?{GROUP_SUFFIX})(?:组成人员|成员)(?:名单)?(?:调整)?如下"
)
SUB_GROUPS = re.compile(rf"下设[^，,。；;]{{0,12}}?{GROUP_SUFFIX}")
LABEL = re.compile(rf"^(?P<label>[{HAN}][{HAN} \u3000]{{0,9}}?)[ \u3000]*[：:][ \u3000]*(?P<rest>.*)$")
# the post in brackets after the name: "丁学东（国务院副秘书长）", "丁学东同志（国务院副秘书长）"
BRACKETED_ENTRY = re.compile(rf"^(?P<name>{NAME_PATTERN})(?:同志)?[ \u3000]*[（(](?P<post>[^（()）]{{2,40}})[)）]$")
ENTRY = re.compile(rf"^(?P<name>{NAME_PATTERN})[ \u3000]+(?P<post>\S.*)$")
OFFICE_AT = re.compile(
    r"(?:下设办公室|办公室)(?:设在|设于)(?P<where>[^，,。；;、]{2,30})|下设办公室在(?P<at>[^，,。；;、]{2,30})"
)
NOTE = re.compile(r"[（(](?P<note>[^（()）]{1,20})[）)]")
CLAUSE_CUT = re.compile(r"[，,；;。]")

# Role headings as printed (spaces squeezed out) → the role recorded.
ROLES = {
    label: label
    for label in (
        "组长",
        "第一组长",
        "执行组长",
        "常务副组长",
        "第一副组长",
        "执行副组长",
        "副组长",
        "成员",
        "组员",
        "成员单位",
        "主任",
        "常务副主任",
        "第一副主任",
        "副主任",
        "委员",
        "秘书长",
        "副秘书长",
        "办公室主任",
        "办公室副主任",
        "总指挥",
        "常务副总指挥",
        "副总指挥",
        "指挥长",
        "常务副指挥长",
        "副指挥长",
        "召集人",
        "副召集人",
        "顾问",
        "联络员",
    )
}
# A role without a colon, then a seat: "组长 韩正 国务院副总理" (a table row read into a line). The role's
# characters may be padded (组　长); the longest role wins (成员单位 before 成员).
BARE_LABEL = re.compile(
    "^(?P<label>"
    + "|".join("[ \u3000]?".join(role) for role in sorted(ROLES, key=len, reverse=True))
    + ")[ \u3000]+(?P<rest>\\S.*)$"
)
# Offices named in prose (办公室主任由…兼任), longest first so 办公室主任 wins over 主任.
PROSE_ROLES = ("办公室副主任", "办公室主任", "常务副主任", "副主任", "主任", "副秘书长", "秘书长", "联络员")


def find_groups(doc: Document) -> list[Group]:
    """The groups a document sets up or lists, in order, with their members."""
    lines = doc.body.split("\n")
    groups: list[Group] = []
    segment_of: list[int] = []  # which attachment (0 = the main text) each line is in
    prose: list[int] = []  # lines that may name an office: read once all rosters are known
    title = TITLE_SET_UP.search(doc.title)
    candidate: str | None = title.group("name") if title else None
    parent: str | None = None  # set after 下设…工作组: the groups that follow belong to the current one
    current: Group | None = None
    roster_role: str | None = None  # while reading a roster: the role its lines are seats of
    segment = 0
    for i, raw in enumerate(lines):
        text = raw.strip()
        marker = find_marker(text)
        if marker and marker.scheme == "attachment":
            segment += 1
            candidate = parent = current = None
            roster_role = None
        segment_of.append(segment)
        if marker and marker.scheme == "attachment":
            continue
        label = _label(text)
        if label is not None:
            if current is None or (candidate is not None and roster_role is None):
                if candidate is None:
                    continue  # a role with no group named anywhere above it: not a roster
                current = Group(
                    id=f"{doc.id}.g{len(groups) + 1}",
                    name=candidate,
                    doc_id=doc.id,
                    wenhao=doc.wenhao_normalized,
                    date=doc.date,
                    parent=parent,
                    office=None,
                    line=i,
                )
                groups.append(current)
                candidate = None
            roster_role, rest = label
            current.members.extend(_seats(roster_role, rest, raw, i))
            continue
        if roster_role is not None and current is not None and (entry := _entry(text)):
            current.members.append(Member(name_key(entry[0]), roster_role, tidy_post(entry[1]), raw.strip(), i))
            continue
        roster_role = None
        heading = text[len(marker.printed) :].strip() if marker else text
        if NAMING_LINE.match(heading):
            candidate = join_title([heading])
            continue
        if current is not None and SUB_GROUPS.search(text):
            parent = current.id if current.parent is None else current.parent
        for pattern in (SET_UP, LISTED):
            for found in pattern.finditer(text):
                if not GENERIC_NAME.match(found.group("name")):
                    candidate = found.group("name")
        if "兼任" in text or "担任" in text or "办公室" in text:
            prose.append(i)
    for i in prose:
        _read_office(lines[i], i, _group_for(lines[i], i, groups, segment_of), groups)
    return groups


def _label(text: str) -> tuple[str, str] | None:
    match = LABEL.match(text)
    if match:
        role = ROLES.get(re.sub(r"[ \u3000]", "", match.group("label")))
        return (role, match.group("rest").strip()) if role else None
    # a table row read into a line, or a roster printed without colons: "组长 韩正 国务院副总理"
    # (its post must read as one: spaced-out prose such as "成 员 单 位 要 按 照…" is no seat)
    bare = BARE_LABEL.match(text)
    if bare and (entry := _entry(bare.group("rest"))) and looks_like_post(entry[1]):
        return ROLES[re.sub(r"[ \u3000]", "", bare.group("label"))], bare.group("rest").strip()
    return None


def _entry(text: str) -> tuple[str, str] | None:
    """(name as printed, post) for a roster line "苏 和 盟委副书记、盟长" or "丁学东（国务院副秘书长）"; None for
    anything else."""
    bracketed = BRACKETED_ENTRY.match(text.strip())
    if bracketed and looks_like_post(bracketed.group("post")):
        name = bracketed.group("name")
        return (name[:-2] if name.endswith("同志") and len(name) > 3 else name), bracketed.group("post")
    match = ENTRY.match(text)
    if not match and not find_marker(text):
        return glued_entry(text)  # 王 曦副省长, 林克庆省委常委、常务副省长
    if not match or find_marker(text) or re.search(r"[。；;]", match.group("post")):
        return None
    name, post = match.group("name"), match.group("post")
    if len(name) >= LONG_NAME and not looks_like_post(post):
        return None
    return name, post


def _seats(role: str, rest: str, printed: str, line: int) -> list[Member]:
    """The seats a role heading's own line holds: none, one person, or posts / units without a person."""
    if not rest:
        return []
    entry = _entry(rest)
    if entry:
        return [Member(name_key(entry[0]), role, tidy_post(entry[1]), printed.strip(), line)]
    names = _names_only(rest)
    if names:
        return [Member(name_key(name), role, None, printed.strip(), line) for name in names]
    # 副组长：盟行署分管生态环境工作副秘书长，盟生态环境局、卫健委主要负责同志，… — posts, not people;
    # units (成员单位) are listed with 、 as well
    cut = r"[，,；;、]" if role == "成员单位" else r"[，,；;]"
    items = [item.strip(" 。.") for item in re.split(cut, rest)]
    return [Member(None, role, tidy_post(item), printed.strip(), line) for item in items if item]


# What a unit's name ends with, never a person's: 盟发改委, 财政局, 北京市 …
UNIT_END = re.compile(r"[局委办厅部院会所处室府区县市旗盟省队司社站馆中心行]$")


def _names_only(text: str) -> list[str] | None:
    """The names of a seat list that gives no posts ("甲　乙、丙丁戊", "甲乙丙　丁戊己"), else None.

    Each item is a name of 2-4 characters or a padded one, and none reads as a unit (盟发改委, 财政局):
    a list of units is a list of posts, read by the caller."""
    items = [item for item in re.split(r"[、，,；;]|[ \u3000]{2,}", text.strip(" 。.")) if item.strip()]
    if not items:
        return None
    for item in items:
        item = item.strip()
        if not re.fullmatch(rf"[{HAN}]{{2,4}}|[{HAN}][ \u3000]+[{HAN}]", item) or UNIT_END.search(item):
            return None
    return [item.strip() for item in items]


def _group_for(text: str, line: int, groups: list[Group], segment_of: list[int]) -> Group | None:
    """The group an office sentence is about: the one it names, else the last one above it in the same part."""
    folded = fold(text)
    named = [g for g in groups if fold(g.name) in folded]
    if named:
        return max(named, key=lambda g: len(g.name))
    above = [g for g in groups if g.line < line and segment_of[g.line] == segment_of[line]]
    return above[-1] if above else None


def _read_office(text: str, line: int, group: Group | None, groups: list[Group]) -> None:
    """Where the group's office sits and who holds its posts, from a prose sentence."""
    if group is None:
        return
    if group.office is None and (at := OFFICE_AT.search(text)):
        group.office = at.group("where") or at.group("at")
    office_named = False
    for clause in CLAUSE_CUT.split(text):
        clause = clause.strip()
        office_named = office_named or "办公室" in clause
        if "兼任" not in clause and "担任" not in clause:
            continue
        found = _holders(clause)
        if found is None:
            continue
        role, who = found
        if office_named and role in ("主任", "副主任"):
            role = "办公室" + role
        for part in re.split(r"[、]", who):
            member = _holder(part.strip(), role, line, group, groups)
            if member and not any(m.name == member.name and m.role == role for m in group.members):
                group.members.append(member)


def _holders(clause: str) -> tuple[str, str] | None:
    """(role, who) from "办公室主任由赵波同志兼任" (or 担任) or "由王福顺同志兼任办公室主任"."""
    verb = "兼任" if "兼任" in clause else "担任"
    if clause.endswith(verb) and "由" in clause:
        head, _, who = clause[: -len(verb)].partition("由")
        role = next((r for r in PROSE_ROLES if head.endswith(r)), None)
        return (role, who) if role else None
    who, _, tail = clause.partition(verb)
    role = tail.strip()
    if role in PROSE_ROLES:
        return role, who.removeprefix("由")
    return None


def _holder(part: str, role: str, line: int, group: Group, groups: list[Group]) -> Member | None:
    """One office holder: "赵波同志", "刘海涛（科右前旗）", "刘海涛同志（商务口岸局）", "盟统计局副局长岳大鹏"."""
    printed = part
    note_match = NOTE.search(part)
    note = note_match.group("note") if note_match else None
    bare = NOTE.sub("", part).replace("同志", "").strip()
    bare = bare.removesuffix("等").strip()
    position = None
    if not is_name(bare):
        # a post printed before the name: split it off at a name this document's rosters hold
        known = sorted({m.name for g in groups for m in g.members if m.name}, key=len, reverse=True)
        name = next((n for n in known if bare.endswith(n) and len(bare) > len(n)), None)
        if name is None:
            return None
        position, bare = tidy_post(bare[: -len(name)]), name
    name = name_key(bare)
    if position is None:
        position = _post_of(name, note, group, groups)
    return Member(name, role, position, printed, line, note)


def _post_of(name: str, note: str | None, group: Group, groups: list[Group]) -> str | None:
    """A prose-named holder's post, from the roster entry with that name in this group, else in the
    same document; a printed qualifier (科右前旗) picks among namesakes. None when nothing fits."""
    for pool in (group.members, [m for g in groups for m in g.members]):
        posts = [m.position for m in pool if m.name == name and m.position]
        if note:
            posts = [p for p in posts if fold(note) in fold(p)]
        if posts:
            return posts[0]
    return None


# --- across the corpus ---------------------------------------------------------------------------


def people_index(groups: Iterable[Group]) -> dict[str, list[dict]]:
    """name → every seat held under that name, oldest document first.

    Seats are listed, never merged into one person: the same name can be two people (兴署发〔2022〕6号
    lists a 刘海涛 who heads the 商务口岸局 and one who is a 科右前旗 deputy head). Each seat keeps
    its post so a reader can tell them apart; see `namesakes`.
    """
    index: dict[str, list[dict]] = {}
    for order, group in enumerate(groups):
        for member in group.members:
            if not member.name:
                continue
            index.setdefault(member.name, []).append(
                {
                    "group": group.name,
                    "group_id": group.id,
                    "role": member.role,
                    "position": member.position,
                    "note": member.note,
                    "doc_id": group.doc_id,
                    "wenhao": group.wenhao,
                    "date": group.date.isoformat() if group.date else None,
                    "_order": order,
                }
            )
    out = {}
    for name in sorted(index):
        seats = sorted(index[name], key=lambda s: (s["date"] is None, s["date"] or "", s["_order"]))
        out[name] = [{k: v for k, v in seat.items() if k != "_order"} for seat in seats]
    return out


def namesakes(index: dict[str, list[dict]]) -> dict[str, list[str]]:
    """Names held with more than one post: perhaps two people, perhaps one who changed posts.

    Returns name → the distinct posts in the order first seen, for the people page to show
    "同名或职务不同" rather than present one person.
    """
    out: dict[str, list[str]] = {}
    for name, seats in index.items():
        posts: list[str] = []
        for seat in seats:
            post = seat["position"]
            if post and fold(post) not in [fold(p) for p in posts]:
                posts.append(post)
        if len(posts) > 1:
            out[name] = posts
    return out
