"""/advanced (高级检索) and /help (检索帮助).

The advanced form builds the very URL a user could type: its fields become a query in the query
language (标题:…, 文号:…, 发文机关:…, NEAR/N) plus the usual parameters, checked by the same parser,
and the browser is sent to /search with it. A field that cannot be turned into a query is shown by
that field, in Chinese."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, redirect, render_template, request, url_for

from indexer.api import NEAR_SCOPES, SearchError, parse_request
from indexer.facets import KIND_LABELS
from indexer.querylang import QUOTES, Term, parse_query

bp = Blueprint("guide", __name__)

FIELDS = (
    "all",
    "phrase",
    "any",
    "none",
    "title",
    "wenhao",
    "office",
    "type",
    "kind",
    "from",
    "to",
    "scope",
    "distance",
)
SCOPES = {**NEAR_SCOPES, "chars": "N 字以内"}


class FormError(Exception):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def quoted(word: str, field: str = "all") -> str:
    """A word as the query language reads it: bare when it parses as itself, else in quotes it does not
    contain (so an operator word, a colon or a bracket inside it is text)."""
    try:
        if parse_query(word) == Term(word):
            return word
    except SearchError:
        pass
    for open_, close in QUOTES.items():
        if open_ not in word and close not in word:
            return f"{open_}{word}{close}"
    raise FormError(field, f"“{word[:20]}”里的各种引号都用到了，无法作为短语检索")


def compose(form) -> list[tuple[str, str]]:
    """URL parameters for /search from the advanced form's fields."""
    value = {name: (form.get(name) or "").strip() for name in FIELDS}
    q = " ".join(_query_parts(value))
    try:
        parse_query(q)
    except SearchError as exc:
        raise FormError("all", exc.message) from None
    params = [("q", q)] if q else []
    for name in ("type", "kind", "from", "to"):
        if value[name]:
            params.append((name, value[name]))
    if value["scope"] in NEAR_SCOPES:
        params.append(("near", value["scope"]))
    try:
        parse_request(dict(params))
    except SearchError as exc:
        raise FormError(exc.param or "all", exc.message) from None
    if not params:
        raise FormError("all", "请至少填写一项")
    return params


def _query_parts(value: dict[str, str]) -> list[str]:
    """The query's pieces, field by field: all words (or two within N characters), the phrase, any of,
    in the title, the 文号, the office, none of."""
    words = value["all"].split()
    parts: list[str] = []
    if value["scope"] == "chars":
        if len(words) != 2:
            raise FormError("all", "“N 字以内”需要在“全部词”里恰好填两个词")
        if not value["distance"].isdigit() or not 1 <= int(value["distance"]) <= 500:
            raise FormError("distance", "字数应为 1 到 500 之间的整数")
        parts.append(f"{quoted(words[0])} NEAR/{int(value['distance'])} {quoted(words[1])}")
    else:
        parts += [quoted(w) for w in words]
    if value["phrase"]:
        parts.append(quoted(value["phrase"], "phrase"))
    if value["any"]:
        parts.append("(" + " OR ".join(quoted(w, "any") for w in value["any"].split()) + ")")
    if value["title"]:
        parts.append("标题:(" + " ".join(quoted(w, "title") for w in value["title"].split()) + ")")
    if value["wenhao"]:
        parts.append(value["wenhao"] if _is_wenhao(value["wenhao"]) else f"文号:{value['wenhao']}")
    if value["office"]:
        parts.append(f"发文机关:{quoted(value['office'], 'office')}")
    parts += ["-" + quoted(word, "none") for word in value["none"].split()]
    return parts


def _is_wenhao(text: str) -> bool:
    try:
        node = parse_query(text)
    except SearchError:
        return False
    return isinstance(node, Term) and node.wenhao is not None


@bp.get("/advanced")
def advanced_page():
    if request.args.get("go"):
        try:
            params = compose(request.args)
        except FormError as exc:
            return render_template("advanced.html", form=request.args, error=exc, scopes=SCOPES, kinds=KIND_LABELS), 400
        return redirect(url_for("search.search_page") + "?" + urlencode(params), 303)
    return render_template("advanced.html", form={}, error=None, scopes=SCOPES, kinds=KIND_LABELS)


@bp.get("/help")
def help_page():
    return render_template("help.html")
