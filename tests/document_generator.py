"""Documents written from the parts of GB/T 9704, with the variations real pages show, for property tests.

`generate(seed)` draws one document (the same one for the same seed): who issues it (one office, or
two jointly: 国务院办公厅、中央军委办公厅; 中共乌兰察布市委 乌兰察布市人民政府), its kind, its number
(a 文号 above the title under the 发文机关标志, below it, in parentheses, a 令's number — 中华人民共和国
国务院令 / 第707号, 内蒙古自治区人民政府令第262号 — or none printed: only the metadata table states it),
its title (on one to three lines, the issuers' line set above 关于…), 主送机关, body with numbered
clauses, 附件说明 and attachments, 署名 and 成文日期 (Arabic or Chinese numerals: 二〇二三年五月六日,
二OO九年…), （此件公开发布）, 版记 (抄送, 印发机关和印发日期), full-width padding, a 政府信息公开 metadata
table (flattened into text in several layouts, or as an HTML table) and a web page's chrome around.

Each document is written as text (`as_text`), as a web page (`as_html`) and typeset as a PDF
(`typeset`); `Generated` holds what a reader must find in every form: one document, its number,
title, offices, 成文日期, attachments, and every paragraph of its text.
"""

from __future__ import annotations

import datetime
import html
import random
from dataclasses import dataclass, field
from pathlib import Path

from corpus.wenhao import parse_wenhao

# (issuers as the records name them, 代字 of their 文号, signature as printed)
ISSUERS = [
    (["兴安盟行政公署"], "兴署发", None),
    (["兴安盟行政公署办公室"], "兴署办发", None),
    (["内蒙古自治区人民政府"], "内政发", None),
    (["内蒙古自治区人民政府办公厅"], "内政办发", None),
    (["乌兰察布市人民政府"], "乌政发", None),
    (["国务院"], "国发", None),
    (["国务院办公厅"], "国办函", None),
    (["国务院办公厅", "中央军委办公厅"], "国办发", None),
    (["国务院", "中央军委"], "国发", None),
    (["中共乌兰察布市委", "乌兰察布市人民政府"], "乌党发", None),
    (["中共兴安盟委员会", "兴安盟行政公署"], "兴党发", None),
]
ORDERS = [  # a 令: (issuer, its number's lines as printed, the signer's line)
    ("国务院", "中华人民共和国国务院令", "总理　李强"),
    ("内蒙古自治区人民政府", "内蒙古自治区人民政府令", "主席　王莉霞"),
]
SUBJECTS = [
    "做好{year}年春季森林草原防灭火工作",
    "进一步优化营商环境更好服务市场主体",
    "加强农村牧区人居环境整治",
    "推进政务服务“一网通办”",
    "建立健全基层应急管理体系",
    "支持小微企业和个体工商户发展",
    "深化“放管服”改革持续提升审批效率",
    "做好{year}年度统计工作",
    "在全区开展安全生产专项整治",
    "加快推进数字政府建设",
]
ISSUED = ["实施方案", "管理办法", "工作方案", "行动计划", "考核办法"]
KINDS = ["通知", "意见", "实施意见", "决定", "通报", "批复", "函"]
ADDRESSEES = [
    "各旗县市人民政府，盟直各有关部门：",
    "各盟行政公署、市人民政府，自治区各委、办、厅、局，各大企业、事业单位：",
    "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
    "各县、市、区人民政府，市直各有关单位：",
]
SENTENCES = [
    "各地区、各部门要切实提高政治站位，把这项工作摆在突出位置，主要负责同志亲自研究部署",
    "要坚持问题导向，聚焦群众反映强烈的突出问题，逐项建立台账，明确责任单位和完成时限",
    "各有关部门要加强协调配合，形成工作合力，确保各项措施落地见效",
    "要加大资金投入力度，统筹用好各类资金，优先保障重点项目建设",
    "要建立健全长效机制，定期开展督促检查，对工作不力的严肃问责",
    "要充分利用广播、电视、网络等媒体，广泛宣传政策措施，营造良好社会氛围",
    "各地要结合实际制定具体实施办法，细化工作任务，于每季度末报送工作进展情况",
    "对在工作中表现突出的单位和个人，按照有关规定给予表彰",
]
HEADINGS = ["总体要求", "重点任务", "保障措施", "工作要求", "组织实施"]
CHINESE_DIGITS = "〇一二三四五六七八九"


@dataclass
class Generated:
    seed: int
    issuers: list[str]  # the offices the records must give
    title: str  # the whole title, issuers included
    number: str | None  # as printed (None: stated only by the metadata table)
    canonical: str | None  # the 文号 the records must give
    date: datetime.date
    attachments: list[str]
    paragraphs: list[str]  # every paragraph of the document's text, attachments' included
    kind: str  # the layout's name, for reports: how the number and title were set
    # how it is laid out
    mark: str | None = None  # 发文机关标志 (…文件) above the number
    number_place: str = "below"  # above | below | parens | order | none
    order_lines: list[str] = field(default_factory=list)  # a 令's number as printed (one line or two)
    title_lines: list[str] = field(default_factory=list)
    addressee: str | None = None
    signature: list[str] = field(default_factory=list)
    date_text: str = ""
    public: bool = False
    attachment_note: list[str] = field(default_factory=list)  # 附件：1.… / 2.…
    attachment_texts: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (附件N, title, paragraphs)
    copy_to: str | None = None
    imprint: str | None = None
    metadata: str = "none"  # none | pairs | lines | next-line | pipes | html
    chrome: bool = False
    lead: list[str] = field(default_factory=list)  # a 令's promulgating sentence, before its text
    padded: bool = False  # labels and 版记 padded with full-width spaces (标　　题：, 抄　送：)
    page_heading: bool = False  # a web page prints the title as its heading above the document too


def _chinese_date(date: datetime.date, zero: str) -> str:
    def number(n: int) -> str:
        if n < 10:
            return CHINESE_DIGITS[n]
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else CHINESE_DIGITS[tens]) + "十" + (CHINESE_DIGITS[ones] if ones else "")

    year = "".join(CHINESE_DIGITS[int(d)] for d in str(date.year)).replace("〇", zero)
    return f"{year}年{number(date.month)}月{number(date.day)}日"


def _split(text: str, parts: int, rng: random.Random, keep: int = 0) -> list[str]:
    """A title over `parts` lines, broken where its author breaks it: not inside the first `keep`
    characters (the issuers' names), 《》, “” or （）, nor inside a number."""
    if parts <= 1 or len(text) < 8 * parts:
        return [text]
    depth, allowed = 0, []
    for i, ch in enumerate(text):
        depth += 1 if ch in "《“（" else -1 if ch in "》”）" else 0
        inside_number = (
            ch.isascii() and ch.isalnum() and text[i + 1 : i + 2].isascii() and text[i + 1 : i + 2].isalnum()
        )
        if depth == 0 and max(4, keep - 1) <= i <= len(text) - 4 and not inside_number:
            allowed.append(i + 1)
    for _ in range(20):  # four Chinese characters a line at least (no line is 关 or 2016 alone)
        cuts = sorted(rng.sample(allowed, min(parts - 1, len(allowed))))
        pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
        if min(sum(not ch.isascii() for ch in p) for p in pieces) >= 4:
            return pieces
    return [text]


def generate(seed: int) -> Generated:
    rng = random.Random(seed)
    year = rng.randint(2005, 2024)
    date = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
    body = [
        "。".join(rng.sample(SENTENCES, rng.randint(1, 3))) + "。",
    ]
    for k, heading in enumerate(rng.sample(HEADINGS, rng.randint(0, 3))):
        body.append(f"{'一二三四五'[k]}、{heading}")
        body.append("。".join(rng.sample(SENTENCES, rng.randint(1, 2))) + "。")
    if rng.random() < 0.5:
        body.append("特此通知。")
    date_style = rng.choice(["arabic", "arabic", "chinese", "chinese-O", "chinese-0"])
    date_text = (
        f"{date.year}年{date.month}月{date.day}日"
        if date_style == "arabic"
        else _chinese_date(date, {"chinese": "〇", "chinese-O": "O", "chinese-0": "0"}[date_style])
    )
    metadata = rng.choice(["none", "none", "pairs", "lines", "next-line", "pipes", "html"])
    if rng.random() < 0.15:  # a 令
        issuer, order_name, signer = rng.choice(ORDERS)
        n = rng.randint(100, 800)
        one_line = rng.random() < 0.5
        order_lines = [f"{order_name}第{n}号"] if one_line else [order_name, f"第{n}号"]
        number = f"{order_name}第{n}号"
        name = (
            rng.choice(["内蒙古自治区", "兴安盟", ""])
            + rng.choice(["森林草原防火", "政务数据共享", "农村牧区饮水工程管理", "安全生产监督"])
            + rng.choice(["条例", "办法", "规定"])
        )
        lead = (
            f"《{name}》已经{date.year}年{date.month}月{date.day}日{issuer}第{rng.randint(2, 40)}次常务会议"
            f"通过，现予公布，自{date.year + 1}年1月1日起施行。"
        )
        articles = [f"第{'一二三四五六'[k]}条　" + rng.choice(SENTENCES) + "。" for k in range(rng.randint(2, 5))]
        return Generated(
            seed=seed,
            issuers=[issuer],
            title=name,
            number=number,
            canonical=parse_wenhao(number).canonical if parse_wenhao(number) else None,
            date=date,
            attachments=[],
            paragraphs=[lead, *articles],
            kind="令" + ("（一行）" if one_line else "（两行）"),
            number_place="order",
            order_lines=order_lines,
            title_lines=[name],
            signature=[signer],
            date_text=date_text,
            metadata=metadata,
            chrome=rng.random() < 0.5,
            lead=[lead],
        )
    issuers, prefix, _ = rng.choice(ISSUERS)
    kind = rng.choice(KINDS)
    subject = rng.choice(SUBJECTS).format(year=year)
    if rng.random() < 0.3:
        issued = rng.choice(ISSUED)
        subject = f"印发《{subject.replace('做好', '').replace('进一步', '')}{issued}》"
        kind = "通知"
    about = f"关于{subject}的{kind}"
    joint = "、".join(issuers)
    issuer_line = rng.random() < 0.3
    title = joint + about
    lines = rng.choice([1, 1, 2, 2, 3])
    if issuer_line:
        shown = " ".join(issuers) if len(issuers) > 1 and rng.random() < 0.5 else joint
        title_lines = [shown, *_split(about, lines - 1 or 1, rng)]
    else:
        # a break inside the issuers' names too (中共兴安盟委员会、兴 / 安盟行政公署关于…), as printers break them
        title_lines = _split(title, lines, rng, keep=len(joint) if rng.random() < 0.7 else 0)
    place = rng.choice(["above", "below", "below", "parens", "none"])
    if place == "none" and metadata == "none":
        metadata = "pairs"  # the number has to be stated somewhere
    number = f"{prefix}〔{year}〕{rng.randint(1, 200)}号"
    attachments = []
    texts = []
    note: list[str] = []
    count = rng.choice([0, 0, 1, 2, 3])
    for k in range(count):
        name = rng.choice(["兴安盟", "全区", ""]) + rng.choice(
            ["重点工作任务分解表", "工作领导小组成员名单", "项目资金管理办法", "考核评分细则", "联络员名单"]
        )
        name = f"{name}（{k + 1}）" if name in attachments else name
        attachments.append(name)
        texts.append((f"附件{k + 1}" if count > 1 else "附件", name, [rng.choice(SENTENCES) + "。"]))
    if count == 1:
        note = [f"附件：{attachments[0]}"]
    elif count:
        note = [f"附件：1.{attachments[0]}"] + [f"　　　{k + 1}.{a}" for k, a in enumerate(attachments) if k]
    pad = rng.random() < 0.4
    signature = ["　".join(issuers) if pad and len(issuers) > 1 else s for s in issuers]
    if len(issuers) > 1 and rng.random() < 0.5:
        signature = ["　　".join(issuers)]
    office_of = "兴安盟行政公署办公室" if prefix.startswith("兴") else f"{issuers[0].removesuffix('办公厅')}办公厅"
    printed = date + datetime.timedelta(days=rng.randint(0, 6))
    paragraphs = list(body)
    for _, _name, text in texts:
        paragraphs += text
    return Generated(
        seed=seed,
        issuers=list(issuers),
        title=title,
        number=None if place == "none" else number,
        canonical=parse_wenhao(number).canonical,
        date=date,
        attachments=attachments,
        paragraphs=paragraphs,
        kind=f"文号{ {'above': '在标题上', 'below': '在标题下', 'parens': '括注', 'none': '只在元数据'}[place] }"
        + f"，标题{len(title_lines)}行"
        + ("，发文机关另起一行" if issuer_line else "")
        + ("，联合发文" if len(issuers) > 1 else ""),
        mark=f"{joint}文件" if place == "above" and rng.random() < 0.7 else None,
        number_place=place,
        title_lines=title_lines,
        addressee=rng.choice(ADDRESSEES) if kind not in ("批复", "函") else "内蒙古自治区人民政府：",
        signature=signature,
        date_text=date_text,
        public=rng.random() < 0.5,
        attachment_note=note,
        attachment_texts=texts,
        copy_to=f"抄{'　' if pad else ''}送：盟委各部门，盟人大工委办公室，盟政协办公室。"
        if rng.random() < 0.4
        else None,
        padded=pad,
        page_heading=rng.random() < 0.5,
        imprint=(f"{office_of}{'　　' if pad else ' '}{printed.year}年{printed.month}月{printed.day}日印发")
        if rng.random() < 0.5
        else None,
        metadata=metadata,
        chrome=rng.random() < 0.5,
    )


# --- what is printed, in order ---------------------------------------------------------------------


def metadata_values(doc: Generated) -> dict[str, str]:
    return {
        "索引号": f"11152200011630XXXX/{doc.date.year}-{doc.seed % 1000:05d}",
        "主题分类": "综合政务\\其他",
        "发文机关": "、".join(doc.issuers),
        "成文日期": f"{doc.date.year}年{doc.date.month:02d}月{doc.date.day:02d}日",
        "标题": doc.title,
        "发文字号": doc.canonical or "",
        "发布日期": f"{doc.date.year}-{doc.date.month:02d}-{min(28, doc.date.day + 3):02d}",
    }


def metadata_lines(doc: Generated, layout: str) -> list[str]:
    """The metadata table flattened into text lines, as pages and their extracts print it."""
    values = metadata_values(doc)
    pairs = [(_padded(label) if doc.padded else label, value) for label, value in values.items()]
    if layout == "pairs":  # two a line
        out = []
        for k in range(0, len(pairs), 2):
            out.append("　　".join(f"{label}：{value}" for label, value in pairs[k : k + 2]))
        return out
    if layout == "lines":
        return [f"{label}：{value}" for label, value in pairs]
    if layout == "next-line":
        return [line for label, value in pairs for line in (f"{label}：", value)]
    if layout == "pipes":
        out = []
        for k in range(0, len(pairs), 2):
            out.append("| " + " | ".join(f"{label}: | {value}" for label, value in pairs[k : k + 2]) + " |")
        return out
    return []


def _padded(label: str) -> str:
    """A label spread to four characters' width, as pages align them (标　　题, 索 引 号)."""
    if len(label) == 2:
        return f"{label[0]}　　{label[1]}"
    return " ".join(label) if len(label) == 3 else label


CHROME_ABOVE = ["首页 > 政务公开 > 政策文件", "发布时间：{published}　来源：{office}", "【字体：大 中 小】 打印本页"]
CHROME_BELOW = ["扫一扫在手机打开当前页", "打印本页 关闭窗口"]


def head_lines(doc: Generated) -> list[tuple[str, str]]:
    """(role, text) of the document's head: mark, number, title, number, addressee."""
    out: list[tuple[str, str]] = []
    if doc.mark:
        out.append(("mark", doc.mark))
    if doc.number_place == "above":
        out.append(("number", doc.number or ""))
    if doc.number_place == "order":
        out += [("order", line) for line in doc.order_lines]
        return out
    out += [("title", line) for line in doc.title_lines]
    if doc.number_place == "below":
        out.append(("number", doc.number or ""))
    elif doc.number_place == "parens":
        out.append(("number", f"（{doc.number}）"))
    if doc.addressee:
        out.append(("flush", doc.addressee))
    return out


def document_lines(doc: Generated) -> list[tuple[str, str]]:
    """(role, text) of the whole document as printed: head, text, signature, notes, 版记, attachments."""
    out = head_lines(doc)
    if doc.number_place == "order":
        out += [("body", p) for p in doc.lead]
        out += [("right", s) for s in doc.signature] + [("right", doc.date_text)]
        out += [("title", doc.title)]
        out += [("body", p) for p in doc.paragraphs[len(doc.lead) :]]
        return out
    text_paragraphs = doc.paragraphs[: len(doc.paragraphs) - sum(len(t[2]) for t in doc.attachment_texts)]
    out += [("heading" if _is_heading(p) else "body", p) for p in text_paragraphs]
    out += [("body", line) if k == 0 else ("hanging", line) for k, line in enumerate(doc.attachment_note)]
    out += [("right", s) for s in doc.signature] + [("right", doc.date_text)]
    if doc.public:
        out.append(("body", "（此件公开发布）"))
    for label, name, text in doc.attachment_texts:
        out += [("flush", label), ("title", name)] + [("body", p) for p in text]
    if doc.copy_to:
        out.append(("flush", doc.copy_to))
    if doc.imprint:
        out.append(("flush", doc.imprint))
    return out


def _is_heading(text: str) -> bool:
    return len(text) < 12 and text[:2] in {f"{n}、" for n in "一二三四五"}


def as_text(doc: Generated) -> str:
    """The document as a text file: metadata and chrome around it as chosen, a blank line between paragraphs."""
    lines: list[str] = []
    if doc.chrome:
        values = metadata_values(doc)
        lines += [c.format(published=values["发布日期"], office=values["发文机关"]) for c in CHROME_ABOVE]
    lines += metadata_lines(doc, "pairs" if doc.metadata == "html" else doc.metadata)
    for role, text in document_lines(doc):
        lines.append(("　　" + text) if role == "body" else text)
    if doc.chrome:
        lines += CHROME_BELOW
    return "\n\n".join(lines) + "\n"


def as_html(doc: Generated) -> str:
    """The document as a 政府信息公开 web page: navigation, the metadata table (a real table, or the
    flattened lines inside the article), the article's paragraphs, the page's tools and footer."""
    esc = html.escape
    values = metadata_values(doc)
    table = ""
    inside: list[str] = []
    if doc.metadata == "html":
        cells = [
            f"<td class='label'>{esc(_padded(label) if doc.padded else label)}：</td><td>{esc(value)}</td>"
            for label, value in values.items()
        ]
        rows = "".join(f"<tr>{''.join(cells[k : k + 2])}</tr>" for k in range(0, len(cells), 2))
        table = f"<table class='xxgk'>{rows}</table>"
    elif doc.metadata != "none":
        inside = [f"<p>{esc(line)}</p>" for line in metadata_lines(doc, doc.metadata)]
    paragraphs = []
    for role, text in document_lines(doc):
        style = {
            "title": "text-align:center;font-size:22px",
            "mark": "text-align:center;color:red;font-size:28px",
            "number": "text-align:center",
            "order": "text-align:center",
            "right": "text-align:right",
            "body": "text-indent:2em",
        }.get(role, "")
        paragraphs.append(f"<p style='{style}'>{esc(text)}</p>")
    chrome_above = chrome_below = ""
    heading = f"<h1>{esc(doc.title)}</h1>" if doc.page_heading else ""
    if doc.chrome:
        chrome_above = "".join(
            f"<div class='info'>{esc(c.format(published=values['发布日期'], office=values['发文机关']))}</div>"
            for c in CHROME_ABOVE[1:]
        )
        chrome_below = "".join(f"<div class='tools'>{esc(c)}</div>" for c in CHROME_BELOW)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{esc(doc.title)}_政府信息公开</title></head><body>"
        "<div class='nav'><a href='/'>首页</a> &gt; <a href='/zwgk'>政务公开</a> &gt; <a href='/zcwj'>政策文件</a></div>"
        f"{table}<div class='article'>{heading}{chrome_above}<div id='zoom'>{''.join(inside)}{''.join(paragraphs)}</div>"
        f"{chrome_below}</div><div class='foot'>主办：兴安盟行政公署办公室 <a href='/map'>网站地图</a></div>"
        "</body></html>"
    )


def typeset(doc: Generated, path: Path) -> Path:
    """The document typeset as its issuer prints it (tests/pdf_typeset.py): the 发文机关标志 large and
    centred, the number centred under it, the title centred, the text indented, signature and date to
    the right, the attachments after; no metadata table or page chrome (those belong to a web page)."""
    from pdf_typeset import Style, Typesetter

    t = Typesetter(path, heads=None, footers=True, cover=False)
    styles = {
        "mark": Style(size=26, align="center", indent=0, before=1),
        "number": Style(size=12, align="center", indent=0, before=0.8),
        "order": Style(size=13, align="center", indent=0, before=0.6),
        "title": Style(size=16, align="center", indent=0, before=1.0, leading=1.5),
        "flush": Style(indent=0, before=0.4),
        "hanging": Style(indent=3, before=0),
        "right": Style(align="right", indent=0),
        "heading": Style(before=0.3),
        "body": Style(),
    }
    previous = None
    for role, text in document_lines(doc):
        if role == "title" and previous == "title":
            t.paragraph(text, Style(size=16, align="center", indent=0, leading=1.5))
        else:
            t.paragraph(text, styles[role])
        previous = role
    t.save()
    return path


# --- what a reader must find ------------------------------------------------------------------------


def _loose(title: str) -> str:
    """A title compared without white space and the 、 between issuers (printed apart on their line)."""
    return "".join(ch for ch in title if not ch.isspace() and ch != "、")


def differences(doc: Generated, documents: list, with_metadata: bool = True) -> list[str]:
    """What the document records read from `doc`'s file get wrong about it (empty: every element came back).
    `with_metadata`: the form carries the metadata table (a typeset PDF does not: a number printed
    nowhere else is then no number)."""
    import re
    from collections import Counter

    if len(documents) != 1:
        return [f"{len(documents)} 件公文：{[d.title for d in documents]}"]
    (found,) = documents
    out = []
    canonical = doc.canonical if with_metadata or doc.number else None
    if found.wenhao_normalized != canonical:
        out.append(f"文号 {found.wenhao_normalized!r} ≠ {canonical!r}")
    if _loose(found.title) != _loose(doc.title):
        out.append(f"标题 {found.title!r} ≠ {doc.title!r}")
    if found.offices != doc.issuers:
        out.append(f"发文机关 {found.offices} ≠ {doc.issuers}")
    if found.date != doc.date:
        out.append(f"成文日期 {found.date} ≠ {doc.date}")
    if [_loose(a) for a in found.attachments] != [_loose(a) for a in doc.attachments]:
        out.append(f"附件 {found.attachments} ≠ {doc.attachments}")
    han = re.compile(r"[\u4e00-\u9fff]")
    lost = Counter(han.findall("".join(doc.paragraphs))) - Counter(han.findall(found.title + found.body))
    if lost:
        out.append(f"正文少了 {sum(lost.values())} 个字：{''.join(sorted(lost.elements()))[:40]}")
    return out


def as_issue_text(docs: list[Generated]) -> str:
    """Several documents one after the other, as a gazette issue prints them (no metadata, no chrome)."""
    lines = []
    for doc in docs:
        lines += [("　　" + text) if role == "body" else text for role, text in document_lines(doc)]
    return "\n\n".join(lines) + "\n"


def variations(doc: Generated) -> list[str]:
    """The variations `doc` was drawn with, by name (for the coverage check and the report)."""
    issuer_line = len(doc.title_lines) > 1 and doc.title_lines[0].replace(" ", "、") == "、".join(doc.issuers)
    zero = next((ch for ch in "〇O0" if ch in doc.date_text[:4]), "")
    date = "阿拉伯数字日期" if doc.date_text[:1].isdigit() else f"汉字日期（{zero}）"
    place = {"above": "文号在标题上", "below": "文号在标题下", "parens": "文号括注", "none": "文号只在元数据"}
    out = [
        f"令号{len(doc.order_lines)}行" if doc.number_place == "order" else place[doc.number_place],
        f"标题{len(doc.title_lines)}行",
        f"附件{len(doc.attachments)}个",
        f"元数据：{doc.metadata}",
        date,
    ]
    out += (
        ["发文机关另起一行"] * issuer_line + ["联合发文"] * (len(doc.issuers) > 1) + ["发文机关标志"] * bool(doc.mark)
    )
    out += ["网页框架文字"] * doc.chrome + ["抄送"] * bool(doc.copy_to) + ["印发"] * bool(doc.imprint)
    out += ["（此件公开发布）"] * doc.public + ["全角空格对齐"] * doc.padded + ["网页标题栏"] * doc.page_heading
    return out
