"""Shared by the web tests (tests/web is on sys.path: pytest's default import mode)."""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import urlencode

XSS = "<script>alert(1)</script>"
XSS_FILE = "000_50af7b231d7ea85e.txt"
XSS_AFTER = "印发给你们，请认真抓好"  # a body line of xsbz-2022-9 (秸秆禁烧 整改方案)
XSS_DOC = "xsbz-2022-9"


def html_of(response) -> str:
    return response.get_data(as_text=True)


def refine_state(html: str) -> list[tuple[str, str]]:
    """The hidden fields of the page's refine form (the state its buttons submit)."""
    form = re.search(r'<form class="refine"[^>]*>(.*?)</form>', html, re.S)
    assert form, "no refine form on the page"
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form.group(1))
    return [(name, html_lib.unescape(value)) for name, value in fields]


def submit_toggle(html: str, toggle: str) -> str:
    """The URL a browser requests when a toggle button of the refine form is clicked."""
    return "/search?" + urlencode(refine_state(html) + [("_toggle", toggle)])


def facet_links(html: str, facet: str) -> dict[str, str]:
    """{label: URL the browser requests} for one facet's buttons in a search page."""
    section = re.search(rf'data-facet="{facet}">(.*?)</section>', html, re.S)
    assert section, f"no {facet} facet on the page"
    buttons = re.findall(
        r'<button type="submit" name="_toggle" value="([^"]+)" class="facet-value[^"]*"[^>]*>([^<]+)</button>',
        section.group(1),
    )
    return {html_lib.unescape(label): submit_toggle(html, html_lib.unescape(value)) for value, label in buttons}
