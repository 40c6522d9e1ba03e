"""时效性: statements read from the bundled documents and from small made-up issues.

The bundled issues hold three statements (2022 line 520, 2023 lines 301 and 465) and no repeal, so
repeals, 停止执行 and expired or future documents are checked on made-up issue texts parsed the way a
real file is. Dates are computed here by the reading validity.py states: "N 日后施行" → base + N days,
"有效期 N 年" → through the day before the N-th anniversary of taking effect.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

import corpus
from corpus import BUNDLED_CORPUS
from corpus.facts.validity import resolve_validity, statements_of, statuses, terms_of, validity_facts

CORPUS = BUNDLED_CORPUS
ISSUE_2022 = CORPUS / "000_50af7b231d7ea85e.txt"
ISSUE_2023 = CORPUS / "002_aec23d992a7ebbae.txt"
LINES = {p: p.read_text(encoding="utf-8").splitlines() for p in (ISSUE_2022, ISSUE_2023)}
WORDS = re.compile(r"施行|有效期|试行期|废止|停止执行|不再执行|失效")


@pytest.fixture(scope="module")
def bundled():
    issues = corpus.parse_files([ISSUE_2022, ISSUE_2023])[0]
    return [(issue, d) for issue in issues for d in issue.documents]


@pytest.fixture(scope="module")
def docs(bundled):
    return {d.wenhao_normalized: d for _, d in bundled}


def src(path, number):
    return LINES[path][number - 1]


# --- the bundled documents ---------------------------------------------------------------------


def test_only_three_bundled_documents_state_their_validity(bundled):
    """Each document's source lines (its title line up to the next document's) are searched for the
    words here; only three documents have them outside a title's （试行）."""
    stating = set()
    for n, (issue, doc) in enumerate(bundled):
        path = CORPUS / issue.source
        following = [d.line for i, d in bundled[n + 1 :] if i is issue]
        last = following[0] - 1 if following else len(LINES[path])
        text = "\n".join(LINES[path][doc.line : last])
        if WORDS.search(text.replace("（试行）", "").replace("(试行)", "")):
            stating.add(doc.wenhao_normalized)
        assert bool(statements_of(doc)) == (doc.wenhao_normalized in stating), doc.wenhao_normalized
    assert stating == {"兴署联发〔2022〕1号", "兴署联发〔2023〕3号", "兴署办发〔2023〕14号"}


def test_military_family_measures(docs):
    doc = docs["兴署联发〔2022〕1号"]
    # line 520: (三)本办法自印发之日 30 日后施行。 — inside the issued 办法, it applies to the notice
    assert src(ISSUE_2022, 520) == "(三)本办法自印发之日 30 日后施行。"
    [statement] = statements_of(doc)
    assert (statement.kind, statement.sentence, statement.base, statement.amount, statement.unit) == (
        "施行",
        "本办法自印发之日 30 日后施行。",
        "印发",
        30,
        "日",
    )
    assert doc.body.split("\n")[statement.line] == "(三)本办法自印发之日 30 日后施行。"
    # the 2022 issue prints no 印发 line: counted from the signing date, line 419
    assert src(ISSUE_2022, 419) == "2022 年 2 月 16 日" and doc.printed_date is None
    terms = terms_of(doc)
    assert terms.effective == date(2022, 2, 16) + timedelta(days=30) == date(2022, 3, 18)
    assert terms.expires is None
    assert terms.counted_from == "成文日期（未载印发日期）"


def test_conscription_notice(docs):
    doc = docs["兴署联发〔2023〕3号"]
    # line 301: …具体推动。自发布之日起 30 日后施行,有效期 2 年。 ; signed line 305, no 印发 line
    assert src(ISSUE_2023, 301).endswith("自发布之日起 30 日后施行,有效期 2 年。")
    statements = statements_of(doc)
    assert [(s.kind, s.amount, s.unit) for s in statements] == [("施行", 30, "日"), ("有效期", 2, "年")]
    assert {s.sentence for s in statements} == {"自发布之日起 30 日后施行,有效期 2 年。"}
    terms = terms_of(doc)
    assert terms.effective == date(2023, 7, 28)  # 2023-06-28 + 30 days
    assert terms.expires == date(2025, 7, 27)  # two years from 2023-07-28, last day in force


def test_state_enterprise_measures_counted_from_the_printed_date(docs):
    doc = docs["兴署办发〔2023〕14号"]
    # line 465: 第四十条 本办法试行期 2 年，自公布之日起 30 日后施行。 ; line 468: 2023 年 4 月 3 日印发
    assert src(ISSUE_2023, 465) == "第四十条 本办法试行期 2 年，自公布之日起 30 日后施行。"
    assert src(ISSUE_2023, 468) == "2023 年 4 月 3 日印发"
    statements = statements_of(doc)
    assert [(s.kind, s.base, s.amount, s.unit) for s in statements] == [
        ("试行期", None, 2, "年"),
        ("施行", "公布", 30, "日"),
    ]
    assert statements[0].sentence == "本办法试行期 2 年，自公布之日起 30 日后施行。"  # the article number left off
    terms = terms_of(doc)
    assert (terms.effective, terms.expires, terms.counted_from) == (date(2023, 5, 3), date(2025, 5, 2), "印发日期")


@pytest.mark.parametrize(
    "today, statuses",
    [
        (date(2022, 3, 17), {"xslf-2022-1": "尚未施行", "xslf-2023-3": "尚未施行", "xsbf-2023-14": "尚未施行"}),
        (date(2022, 3, 18), {"xslf-2022-1": "现行有效", "xslf-2023-3": "尚未施行", "xsbf-2023-14": "尚未施行"}),
        (date(2023, 7, 28), {"xslf-2022-1": "现行有效", "xslf-2023-3": "现行有效", "xsbf-2023-14": "现行有效"}),
        (date(2025, 5, 3), {"xslf-2022-1": "现行有效", "xslf-2023-3": "现行有效", "xsbf-2023-14": "已失效"}),
        (date(2025, 7, 28), {"xslf-2022-1": "现行有效", "xslf-2023-3": "已失效", "xsbf-2023-14": "已失效"}),
    ],
)
def test_bundled_statuses_over_time(bundled, today, statuses):
    validity = resolve_validity([d for _, d in bundled], today)
    assert {k: v.status for k, v in validity.items() if v.status != "未注明"} == statuses
    assert sum(v.status == "未注明" for v in validity.values()) == 9


def test_validity_json_shape(bundled):
    validity = resolve_validity([d for _, d in bundled], date(2024, 1, 1))
    assert validity["xslf-2023-3"].to_dict() == {
        "status": "现行有效",
        "effective": "2023-07-28",
        "expires": "2025-07-27",
        "by": None,
        "by_doc_id": None,
        "sentence": "自发布之日起 30 日后施行,有效期 2 年。",
    }
    assert validity["xsf-2022-6"].to_dict() == {
        "status": "未注明",
        "effective": None,
        "expires": None,
        "by": None,
        "by_doc_id": None,
        "sentence": None,
    }


# --- made-up issues ----------------------------------------------------------------------------


def notice(title: str, wenhao: str, signed: str, *body: str) -> str:
    return "\n\n".join([title, wenhao, "各旗县市人民政府，盟直有关部门：", *body, signed]) + "\n"


OLD_MEASURES = notice(
    "兴安盟行政公署关于印发《兴安盟农村牧区人居环境整治办法》的通知",
    "兴署发〔2018〕12号",
    "2018年3月1日",
    "现将《兴安盟农村牧区人居环境整治办法》印发给你们，请认真贯彻执行。",
)
FIRE_RULES = notice(
    "兴安盟行政公署办公室关于印发《兴安盟草原防火办法（试行）》的通知",
    "兴署办发〔2019〕7号",
    "2019年4月2日",
    "现将《兴安盟草原防火办法（试行）》印发给你们，请认真贯彻执行。",
    "第一条 本办法自印发之日起施行。",
)
SUBSIDY = notice(
    "兴安盟行政公署办公室关于调整农机购置补贴标准的通知",
    "兴署办字〔2020〕3号",
    "2020年5月6日",
    "一、补贴标准按本通知执行。",
)
NEW_MEASURES = notice(
    "兴安盟行政公署关于印发《兴安盟农村牧区人居环境整治办法（修订）》的通知",
    "兴署发〔2024〕5号",
    "2024年1月10日",
    "现将《兴安盟农村牧区人居环境整治办法（修订）》印发给你们，请认真贯彻执行。",
    "第一条 本办法自2024年3月1日起施行，《兴安盟农村牧区人居环境整治办法》（兴署发〔2018〕12号）同时废止。",
    "第二条 《兴安盟草原防火办法(试行)》同时废止。",
    "第三条 自本办法施行之日起，兴署办字〔2020〕3号文件停止执行。",
)


def parse(tmp_path: Path, *texts: str):
    docs = []
    for n, text in enumerate(texts):
        path = tmp_path / f"issue{n}.txt"
        path.write_text(text, encoding="utf-8")
        docs.extend(corpus.parse_file(path).documents)
    return docs


def test_repeal_by_wenhao_by_title_and_stop(tmp_path):
    docs = parse(tmp_path, OLD_MEASURES + FIRE_RULES + SUBSIDY, NEW_MEASURES)
    assert [d.id for d in docs] == ["xsf-2018-12", "xsbf-2019-7", "xsbz-2020-3", "xsf-2024-5"]
    statements = statements_of(docs[3])
    assert [(s.kind, [(t.title, t.wenhao) for t in s.targets]) for s in statements] == [
        ("施行", []),
        ("废止", [("兴安盟农村牧区人居环境整治办法", "兴署发〔2018〕12号")]),
        ("废止", [("兴安盟草原防火办法(试行)", None)]),
        ("停止执行", [(None, "兴署办字〔2020〕3号")]),
    ]
    validity = resolve_validity(docs, date(2024, 6, 1))
    old, fire, subsidy, new = (validity[d.id] for d in docs)
    assert new.status == "现行有效" and new.effective == date(2024, 3, 1)
    assert old.to_dict() == {
        "status": "已废止",
        "effective": None,
        "expires": "2024-02-29",
        "by": "兴署发〔2024〕5号",
        "by_doc_id": "xsf-2024-5",
        "sentence": "本办法自2024年3月1日起施行，《兴安盟农村牧区人居环境整治办法》（兴署发〔2018〕12号）同时废止。",
    }
    # by title: the 《…(试行)》 printed half-width names the notice that issued 《…（试行）》
    assert (fire.status, fire.by, fire.effective) == ("已废止", "兴署发〔2024〕5号", date(2019, 4, 2))
    assert fire.sentence == "《兴安盟草原防火办法(试行)》同时废止。"
    assert (subsidy.status, subsidy.by_doc_id) == ("已废止", "xsf-2024-5")
    assert subsidy.sentence == "自本办法施行之日起，兴署办字〔2020〕3号文件停止执行。"


def test_a_repeal_waits_for_the_repealing_document_to_take_effect(tmp_path):
    docs = parse(tmp_path, OLD_MEASURES + FIRE_RULES, NEW_MEASURES)
    validity = resolve_validity(docs, date(2024, 2, 1))  # issued 2024-01-10, in force from 2024-03-01
    assert validity["xsf-2024-5"].status == "尚未施行"
    assert validity["xsbf-2019-7"].status == "现行有效"  # its own 自印发之日起施行
    assert validity["xsf-2018-12"].status == "未注明"


def test_an_earlier_document_does_not_repeal_a_later_one(tmp_path):
    backwards = notice(
        "兴安盟行政公署关于废止有关文件的通知",
        "兴署发〔2017〕1号",
        "2017年1月5日",
        "《兴安盟农村牧区人居环境整治办法》（兴署发〔2018〕12号）同时废止。",
    )
    docs = parse(tmp_path, OLD_MEASURES, backwards)
    assert resolve_validity(docs, date(2024, 1, 1))["xsf-2018-12"].status == "未注明"


def test_some_articles_stopped_is_no_repeal(tmp_path):
    partial = notice(
        "兴安盟行政公署关于调整有关条款的通知",
        "兴署发〔2021〕9号",
        "2021年6月1日",
        "《兴安盟农村牧区人居环境整治办法》第三条停止执行。",
    )
    docs = parse(tmp_path, OLD_MEASURES, partial)
    [statement] = statements_of(docs[1])
    assert statement.kind == "停止执行" and statement.partial
    assert resolve_validity(docs, date(2024, 1, 1))["xsf-2018-12"].status == "未注明"


def test_a_period_that_has_run_out(tmp_path):
    plan = notice(
        "兴安盟行政公署办公室关于印发《兴安盟冬春季防火工作方案》的通知",
        "兴署办发〔2022〕20号",
        "2022年10月8日",
        "现将《兴安盟冬春季防火工作方案》印发给你们，请认真贯彻执行。",
        "本方案自印发之日起施行，有效期至2023年12月31日。",
        "兴安盟行政公署办公室文电科",
        "2022年10月9日印发",
    )
    [doc] = parse(tmp_path, plan)
    terms = terms_of(doc)
    assert (terms.effective, terms.expires, terms.counted_from) == (date(2022, 10, 9), date(2023, 12, 31), "印发日期")
    assert resolve_validity([doc], date(2023, 12, 31))[doc.id].status == "现行有效"
    expired = resolve_validity([doc], date(2024, 1, 1))[doc.id]
    assert expired.to_dict() == {
        "status": "已失效",
        "effective": "2022-10-09",
        "expires": "2023-12-31",
        "by": None,
        "by_doc_id": None,
        "sentence": "本方案自印发之日起施行，有效期至2023年12月31日。",
    }


def test_a_period_printed_as_two_dates(tmp_path):
    [doc] = parse(
        tmp_path,
        notice(
            "兴安盟行政公署关于某事的通知",
            "兴署发〔2024〕41号",
            "2024年2月1日",
            "有效期为2024年3月1日至2026年2月28日。",
        ),
    )
    terms = terms_of(doc)
    assert (terms.effective, terms.expires, terms.counted_from) == (date(2024, 3, 1), date(2026, 2, 28), "写明的日期")
    assert resolve_validity([doc], date(2024, 2, 15))[doc.id].status == "尚未施行"
    assert resolve_validity([doc], date(2026, 3, 1))[doc.id].status == "已失效"


def test_not_yet_in_force_and_a_period_in_chinese_numerals(tmp_path):
    rules = notice(
        "兴安盟行政公署关于印发《兴安盟城市供热管理办法》的通知",
        "兴署发〔2024〕30号",
        "2024年9月1日",
        "第三十条 本办法自2025年1月1日起施行，有效期五年。",
    )
    [doc] = parse(tmp_path, rules)
    validity = resolve_validity([doc], date(2024, 10, 1))[doc.id]
    assert (validity.status, validity.effective, validity.expires) == ("尚未施行", date(2025, 1, 1), date(2029, 12, 31))
    assert validity.sentence == "本办法自2025年1月1日起施行，有效期五年。"


@pytest.mark.parametrize(
    "sentence, kinds",
    [
        ("本通知自即日起施行。", [("施行", "即日", None, None)]),
        ("本细则试行2年。", [("试行期", None, 2, "年")]),
        ("本规定自发布之日起三十日后施行。", [("施行", "发布", 30, "日")]),
        ("有效期3个月。", [("有效期", None, 3, "月")]),
        ("有效期两年。", [("有效期", None, 2, "年")]),
        ("本办法自印发之日起一百二十日后施行。", [("施行", "印发", 120, "日")]),
        # a malformed numeral is not read as a number: no statement rather than a guess
        ("本办法自印发之日起十十日后施行。", []),
        ("有效期十十年。", []),
        ("有效期为2024年3月1日至2026年2月28日。", [("有效期", None, None, None)]),
        # about another document: no statement
        ("《中华人民共和国统计法实施条例》自2017年8月1日起施行。", []),
        ("各地要自印发之日起执行新标准。", []),  # 执行 takes an object: not a statement about the document
        ("对该废止的规范性文件予以废止。", []),  # no document named
    ],
)
def test_phrasings(tmp_path, sentence, kinds):
    [doc] = parse(tmp_path, notice("兴安盟行政公署关于某事的通知", "兴署发〔2024〕40号", "2024年2月1日", sentence))
    got = [(s.kind, s.base, s.amount, s.unit) for s in statements_of(doc)]
    assert got == kinds


def test_sentences_without_a_statement_word_are_skipped_safely(bundled):
    """statements_of skips a sentence holding none of the words every pattern needs (_ANY_STATEMENT):
    no sentence of the bundled documents without one states anything, and each made-up phrasing
    below, which has one, does."""
    from corpus.facts.validity import _ANY_STATEMENT, SENTENCE, _read_sentence

    sentences = [m.group(0) for _, doc in bundled for line in doc.body.split("\n") for m in SENTENCE.finditer(line)]
    skipped = [s for s in sentences if not _ANY_STATEMENT.search(s)]
    assert len(skipped) > 1000
    assert all(_read_sentence(s, 0) == [] for s in skipped)
    for sentence in [
        "本通知自即日起施行。",
        "本细则试行2年。",
        "本规定自发布之日起三十日后生效。",
        "有效期3个月。",
        "本办法自2025年1月1日起实施。",
        "有效期为2025年1月1日至2026年12月31日。",
        "《兴安盟某办法》（兴署发〔2020〕1号）同时废止。",
        "试行期限为一年。",
        "自2024年1月1日起执行。",
        "《兴安盟某办法》（兴署发〔2020〕1号）同时失效。",
    ]:
        assert _read_sentence(sentence, 0) and _ANY_STATEMENT.search(sentence), sentence


# --- repeals and revisions in the forms real decisions use (issue 18) ---------------------------
# Wordings follow published decisions: 常州市人民政府 "决定对以下2件市政府规章予以废止：一、《…》…", 上海市人民
# 政府 "市人民政府决定废止《上海市一次性塑料饭盒管理暂行办法》", 国务院 "关于宣布失效一批国务院文件的决定", 石家庄
# 市人民政府 "关于修改《石家庄市行政村档案管理办法》的决定".
MILITARY = notice(
    "内蒙古兴安盟行政公署中国人民解放军内蒙古兴安军分区关于印发《兴安盟军人随军家属就业安置办法》的通知",
    "兴署联发〔2022〕1号",
    "2022年2月16日",
    "现将《兴安盟军人随军家属就业安置办法》印发给你们，请认真贯彻执行。",
)


@pytest.mark.parametrize(
    "title, body, status",
    [
        (  # the verb before what it repeals
            "兴安盟行政公署关于废止部分行政规范性文件的决定",
            [
                "经2024年行署第5次常务会议研究，行署决定废止《兴安盟军人随军家属就业安置办法》（兴署联发〔2022〕1号）。",
                "本决定自印发之日起施行。",
            ],
            "已废止",
        ),
        (  # a numbered list announced by its sentence
            "兴安盟行政公署关于废止和宣布失效部分行政规范性文件的决定",
            [
                "为维护法制统一，行署决定对以下文件予以废止：",
                "一、《兴安盟农村牧区人居环境整治办法》（兴署发〔2018〕12号）",
                "二、《兴安盟军人随军家属就业安置办法》（兴署联发〔2022〕1号）",
                "本决定自公布之日起施行。",
            ],
            "已废止",
        ),
        (  # the number alone after the verb: the 代字 does not take the verb into it
            "兴安盟行政公署关于废止部分文件的决定",
            ["行署决定废止兴署联发〔2022〕1号。"],
            "已废止",
        ),
        (  # 现予废止
            "兴安盟行政公署关于清理行政规范性文件的通知",
            ["《兴安盟军人随军家属就业安置办法》（兴署联发〔2022〕1号）现予废止。"],
            "已废止",
        ),
        (  # a list of numbers that stop
            "兴安盟行政公署关于停止执行部分文件的通知",
            ["经研究，下列文件停止执行：", "1.兴署联发〔2022〕1号", "2.兴署发〔2018〕12号"],
            "已废止",
        ),
        (  # a numbered list naming its documents without 《》, each with its number in parentheses
            "兴安盟行政公署关于废止部分政府规章的决定",
            [
                "经过清理，行署决定废止以下规章：",
                "一、兴安盟农村牧区人居环境整治办法(兴署发〔2018〕12号)。",
                "二、兴安盟军人随军家属就业安置办法(兴署联发〔2022〕1号)。",
                "本决定自公布之日起施行。",
            ],
            "已废止",
        ),
        (  # a decision revising a list of documents, each named at the start of its item
            "兴安盟行政公署关于修改部分行政规范性文件的决定",
            [
                "行署决定修改下列行政规范性文件：",
                "一、对下列不适应改革要求的文件进行修改",
                "1.在《兴安盟农村牧区人居环境整治办法》第七条中增加一项。",
                "第九条修改为：“各旗县市人民政府应当因地制宜。”",
                "2.将《兴安盟军人随军家属就业安置办法》第三条修改为：“……”",
            ],
            "已修订",
        ),
        (  # the title says what the decision revises
            "兴安盟行政公署关于修改《兴安盟军人随军家属就业安置办法》的决定",
            ["行署决定对《兴安盟军人随军家属就业安置办法》作如下修改：", "一、将第三条修改为：……"],
            "已修订",
        ),
    ],
)
def test_repeal_and_revision_forms(tmp_path, title, body, status):
    later = notice(title, "兴署发〔2024〕9号", "2024年5月6日", *body)
    docs = parse(tmp_path, OLD_MEASURES + MILITARY, later)
    validity = resolve_validity(docs, date(2024, 6, 1))
    military = validity["xslf-2022-1"]
    assert (military.status, military.by, military.by_doc_id) == (status, "兴署发〔2024〕9号", "xsf-2024-9")
    assert military.expires == date(2024, 5, 5)  # the repealing document takes effect on its printing


def test_a_repeal_on_a_day_of_its_own(tmp_path):
    later = notice(
        "兴安盟行政公署关于印发《兴安盟军人随军家属就业安置办法（修订）》的通知",
        "兴署发〔2024〕9号",
        "2024年5月6日",
        "本办法自印发之日起施行。自2024年7月1日起《兴安盟军人随军家属就业安置办法》（兴署联发〔2022〕1号）废止。",
    )
    docs = parse(tmp_path, MILITARY, later)
    assert resolve_validity(docs, date(2024, 6, 1))["xslf-2022-1"].status != "已废止"
    repealed = resolve_validity(docs, date(2024, 7, 1))["xslf-2022-1"]
    assert (repealed.status, repealed.expires) == ("已废止", date(2024, 6, 30))


@pytest.mark.parametrize(
    "sentence",
    [
        "各地要按照《兴安盟军人随军家属就业安置办法》修改完善本地实施细则。",
        "目前，盟民政局正在对《兴安盟军人随军家属就业安置办法》进行修订。",  # work in progress (a gov.cn 规划)
        "盟民政局拟修订《兴安盟军人随军家属就业安置办法》，报行署审定。",
        "明年将对《兴安盟军人随军家属就业安置办法》进行修改。",
    ],
)
def test_a_word_about_revising_is_no_revision(tmp_path, sentence):
    later = notice("兴安盟行政公署关于做好行政规范性文件清理工作的通知", "兴署发〔2024〕9号", "2024年5月6日", sentence)
    docs = parse(tmp_path, MILITARY, later)
    assert resolve_validity(docs, date(2024, 6, 1))["xslf-2022-1"].status == "未注明"


def test_what_a_document_declares_of_others_is_kept_whether_the_corpus_holds_them_or_not(tmp_path):
    """validity_facts' `declared`: every repeal, stop or revision a document states — of a document the
    corpus holds (a repeal, also in `repeals`) or not (兴署办字〔2015〕9号, not in the corpus) — with its
    sentence: what a researcher asking 哪些文件已停止执行 reads."""
    stops_one_elsewhere = notice(
        "兴安盟行政公署办公室关于调整草原防火补贴的通知",
        "兴署办字〔2021〕4号",
        "2021年6月1日",
        "一、补贴标准按本通知执行。",
        "二、兴署办字〔2015〕9号文件同时停止执行。",
        "三、《兴安盟草原防火办法(试行)》第三条停止执行。",
    )
    docs = parse(tmp_path, FIRE_RULES, stops_one_elsewhere, NEW_MEASURES)
    facts = validity_facts(docs)
    assert facts["declared"] == {
        "xsbz-2021-4": [
            {"kind": "停止执行", "sentence": "兴署办字〔2015〕9号文件同时停止执行。", "partial": False},
            {"kind": "停止执行", "sentence": "《兴安盟草原防火办法(试行)》第三条停止执行。", "partial": True},
        ],
        "xsf-2024-5": [
            {"kind": kind, "sentence": s.sentence, "partial": False}
            for kind, s in zip(("废止", "废止", "停止执行"), statements_of(docs[2])[1:])
        ],
    }
    # the repeals of corpus documents are as before (a partial stop is none); the statuses unchanged
    assert [(r["target"], r["by_doc_id"]) for r in facts["repeals"]] == [("xsbf-2019-7", "xsf-2024-5")]
    assert statuses(facts, date(2024, 6, 1))["xsbf-2019-7"].status == "已废止"
    assert "declared" not in statuses(facts, date(2024, 6, 1))


def test_a_law_cited_under_a_repealing_decision_s_title_is_not_repealed(tmp_path):
    """A 令's page prints the promulgation, then the decision under its title, then its text: the title
    stands alone — joined to the sentence under it, 依照《X》 was read as what the title repeals."""
    page = (
        "《兴安盟行政公署关于废止〈兴安盟军人随军家属就业安置办法〉的决定》已经行署常务会议通过，现予公布。\n\n"
        "盟长 某某\n\n2024年4月15日\n\n"
        "兴安盟行政公署关于废止《兴安盟军人随军家属就业安置办法》的决定\n\n"
        "依照《兴安盟农村牧区人居环境整治办法》等有关规定，行署对现行有效的规章进行了清理\n\n"
        "本决定自公布之日起施行。\n"
    )
    (path := tmp_path / "page.txt").write_text(page, encoding="utf-8")
    (doc,) = corpus.parse_file(path).documents
    named = {t.title for st in statements_of(doc) if st.kind == "废止" for t in st.targets}
    assert named == {"兴安盟军人随军家属就业安置办法"}
