"""Golden tests in the style of Whoosh's parser tests: query text → the tree the parser builds."""

import pytest

from indexer.querylang import And, Or, Term, parse_query, positive_terms

GOLDEN = [
    ("秸秆 禁烧", "And(Term('秸秆'), Term('禁烧'))"),
    ("秸秆 AND 禁烧", "And(Term('秸秆'), Term('禁烧'))"),
    ("秸秆 and 禁烧", "And(Term('秸秆'), Term('禁烧'))"),
    ("秸秆 并且 禁烧", "And(Term('秸秆'), Term('禁烧'))"),
    ("秸秆&禁烧", "And(Term('秸秆'), Term('禁烧'))"),
    ("医疗 OR 卫生", "Or(Term('医疗'), Term('卫生'))"),
    ("医疗 or 卫生", "Or(Term('医疗'), Term('卫生'))"),
    ("医疗 或者 卫生", "Or(Term('医疗'), Term('卫生'))"),
    ("医疗|卫生", "Or(Term('医疗'), Term('卫生'))"),
    ("统计 -法治", "And(Term('统计'), Not(Term('法治')))"),
    ("统计 NOT 法治", "And(Term('统计'), Not(Term('法治')))"),
    ("统计 不含 法治", "And(Term('统计'), Not(Term('法治')))"),
    ("统计 not 法治", "And(Term('统计'), Term('not'), Term('法治'))"),  # NOT only in capitals
    ("(医疗 OR 卫生) 统计", "And(Or(Term('医疗'), Term('卫生')), Term('统计'))"),
    ("（医疗 OR 卫生）统计", "And(Or(Term('医疗'), Term('卫生')), Term('统计'))"),
    ("((医疗 OR 卫生) 统计) OR 法治", "Or(And(Or(Term('医疗'), Term('卫生')), Term('统计')), Term('法治'))"),
    ("统计 and 法治 or 医疗", "Or(And(Term('统计'), Term('法治')), Term('医疗'))"),  # AND binds tighter
    ("a AND (b OR c) -d", "And(Term('a'), Or(Term('b'), Term('c')), Not(Term('d')))"),
    ('"应急响应"', "Term('应急响应')"),
    ("“应急响应”", "Term('应急响应')"),
    ("'应急响应'", "Term('应急响应')"),
    ("‘应急响应’", "Term('应急响应')"),
    ("「应急响应」", "Term('应急响应')"),
    ('统计 -"法治 建设"', "And(Term('统计'), Not(Term('法治 建设')))"),
    ('"OR"', "Term('OR')"),  # quoted, an operator word is text
    ("标题:统计", "Term(title:'统计')"),
    ("标题：统计", "Term(title:'统计')"),
    ("title:统计", "Term(title:'统计')"),
    ("正文:统计", "Term(text:'统计')"),
    ("text:统计", "Term(text:'统计')"),
    ('标题:"应急 响应"', "Term(title:'应急 响应')"),
    ("标题:(统计 OR 法治)", "Or(Term(title:'统计'), Term(title:'法治'))"),
    ("文号:兴署办字", "Series('兴署办字')"),
    ("文号:兴署办字〔2022〕", "Series('兴署办字', 2022)"),
    ("文号:兴署发〔2022〕6号", "Wenhao('兴署发〔2022〕6号')"),
    ("发文机关:军分区", "Office('军分区')"),
    ("office:军分区 统计", "And(Office('军分区'), Term('统计'))"),
    ("统计 NEAR/10 企业", "Near(Term('统计'), Term('企业'), 10)"),
    ("统计 near/3 企业", "Near(Term('统计'), Term('企业'), 3)"),
    ("统计 NEAR/10 企业 法治", "And(Near(Term('统计'), Term('企业'), 10), Term('法治'))"),
    ("兴署发[2022]6号", "Wenhao('兴署发〔2022〕6号')"),
    ("兴署发(2022)6号", "Wenhao('兴署发〔2022〕6号')"),
    ("兴署发〔2022〕6号 统计", "And(Wenhao('兴署发〔2022〕6号'), Term('统计'))"),
    ("-兴署发(2022)6号 统计", "And(Not(Wenhao('兴署发〔2022〕6号')), Term('统计'))"),
    ("统计 统计", "Term('统计')"),  # repeated terms count once
    ("统计 OR 统计", "Term('统计')"),
    ("统计 法治 统计", "And(Term('统计'), Term('法治'))"),
    ("", "None"),
    ("   ", "None"),
]


@pytest.mark.parametrize("query, tree", GOLDEN)
def test_query_parses_to_tree(query, tree):
    assert repr(parse_query(query)) == tree


def test_positive_terms_leave_out_the_excluded():
    tree = parse_query("(医疗 OR 卫生) 统计 -法治 NOT 企业")
    assert [t.text for t in positive_terms(tree)] == ["医疗", "卫生", "统计"]


@pytest.mark.parametrize(
    ("typed", "same_as"),
    [
        ("随军家属怎么安置？", "随军家属怎么安置"),  # a question ends with its mark: punctuation, not a wildcard
        ("随军家属怎么安置?", "随军家属怎么安置"),
        ("秸秆禁烧 责任追究！", "秸秆禁烧 责任追究"),
        ("《兴安盟直属国有企业监督管理办法》", "兴安盟直属国有企业监督管理办法"),  # a title typed with its marks
        ("《医疗废物管理条例》 应急", "医疗废物管理条例 应急"),
    ],
)
def test_what_ends_a_question_or_marks_a_title_is_no_part_of_the_term(typed, same_as):
    assert parse_query(typed) == parse_query(same_as)


@pytest.mark.parametrize("typed", ["统?计", "统计*", "tax?", "？"])
def test_a_question_mark_elsewhere_is_still_a_wildcard(typed):
    from indexer.api import SearchError

    with pytest.raises(SearchError) as raised:
        parse_query(typed)
    assert raised.value.code == "wildcard"


@pytest.mark.parametrize(
    ("typed", "same_as"),
    [
        ("秸秆*禁烧", "秸秆 禁烧"),
        ("秸秆 * 禁烧", "秸秆 禁烧"),
        ("统计＊企业", "统计 企业"),
        ("(医疗 OR 卫生)*应急", "(医疗 OR 卫生) 应急"),
        ("统计*“企业”", "统计 “企业”"),
        ("“统计”*企业", "“统计” 企业"),
    ],
)
def test_a_star_between_two_terms_is_and_as_cnki_users_type_it(typed, same_as):
    """CNKI's * (秸秆*禁烧) is AND between two terms; at an end or doubled it is still a wildcard error."""
    assert parse_query(typed) == parse_query(same_as)


@pytest.mark.parametrize("typed", ["统计*", "*统计", "统计 *", "统计**企业", "统计*)"])
def test_a_star_not_between_two_terms_is_still_a_wildcard(typed):
    from indexer.api import SearchError

    with pytest.raises(SearchError) as raised:
        parse_query(typed)
    assert raised.value.code == "wildcard" and "两个词之间的 * 表示“并且”" in raised.value.message


def test_a_decree_number_typed_plainly_is_read_as_a_wenhao():
    for typed in ("国令第706号", "国务院令第706号", "中华人民共和国国务院令第706号"):
        (term,) = positive_terms(parse_query(typed))
        assert term.wenhao is not None and term.wenhao.canonical == "国令第706号", typed
    (term,) = positive_terms(parse_query("国务院令"))  # no number: the words
    assert term.wenhao is None


@pytest.mark.parametrize(
    ("typed", "same_as"),
    [
        ("秸秆+禁烧", "秸秆 禁烧"),
        ("秸秆 + 禁烧", "秸秆 禁烧"),
        ("统计＋企业", "统计 企业"),
        ("+秸秆 +禁烧", "秸秆 禁烧"),
        ("(医疗 OR 卫生)+应急", "(医疗 OR 卫生) 应急"),
        ("统计+“企业”", "统计 “企业”"),
        ("医疗 OR +卫生", "医疗 OR 卫生"),
    ],
)
def test_a_plus_is_and_as_search_engines_taught_it(typed, same_as):
    """+ between two terms is AND (秸秆+禁烧); before a term it marks it required, as an AND's terms are."""
    assert parse_query(typed) == parse_query(same_as)


@pytest.mark.parametrize(
    ("typed", "tree"),
    [
        ("互联网+", Term("互联网+")),
        ("互联网＋ ", Term("互联网＋")),
        ("(互联网+) 政务", And((Term("互联网+"), Term("政务")))),
        ("互联网+|数字政府", Or((Term("互联网+"), Term("数字政府")))),
        ("互联网+政务服务", And((Term("互联网"), Term("政务服务")))),
    ],
)
def test_a_plus_glued_to_the_end_of_a_term_is_part_of_it(typed, tree):
    """互联网+ is a word the documents print (the State Council's 互联网+ 行动): a + ending a term with no term
    after it is the term's, as typed — it was a 400 saying a term was missing."""
    assert parse_query(typed) == tree


@pytest.mark.parametrize("typed", ["统计 +", "统计++企业", "统计 +)", "+", "统计 +|企业"])
def test_a_plus_with_no_term_after_it_is_an_error_that_says_so(typed):
    from indexer.api import SearchError

    with pytest.raises(SearchError) as raised:
        parse_query(typed)
    assert raised.value.code == "query_syntax" and "+ 后面缺少检索词" in raised.value.message.replace("＋", "+")


@pytest.mark.parametrize(
    ("typed", "low", "high"),
    [
        ("年份:2022", "2022-01-01", "2022-12-31"),
        ("年份:2022年", "2022-01-01", "2022-12-31"),
        ("年份：２０２３", "2023-01-01", "2023-12-31"),
        ("year:2021-2023", "2021-01-01", "2023-12-31"),
        ("年度:2021至2022", "2021-01-01", "2022-12-31"),
        ("发布年份:2021—2023年", "2021-01-01", "2023-12-31"),
    ],
)
def test_a_year_field_is_the_records_dated_in_those_years(typed, low, high):
    from indexer.querylang import Dated

    node = parse_query(typed)
    assert isinstance(node, Dated) and (node.low, node.high) == (low, high) and node.clauses


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("年份:去年", "“去年”不是年份"),
        ("年份:22", "“22”不是年份"),
        ("年份:1800", "年份 1800 超出范围"),
        ("年份:2023-2021", "起止颠倒"),
        ("年份:", "年份: 后面缺少检索词"),
        ("年份:(2022 OR 2023)", "后面只能跟一个值"),
    ],
)
def test_a_year_field_that_names_no_year_is_an_error_that_says_so(typed, message):
    from indexer.api import SearchError

    with pytest.raises(SearchError) as raised:
        parse_query(typed)
    assert message in raised.value.message and raised.value.param == "q"
