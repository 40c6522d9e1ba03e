"""Shared by the web tests (tests/web is on sys.path: pytest's default import mode)."""
from __future__ import annotations

import re

XSS = "<script>alert(1)</script>"
XSS_FILE = "000_50af7b231d7ea85e.txt"
XSS_AFTER = "印发给你们，请认真抓好"  # a body line of xsbz-2022-9 (秸秆禁烧 整改方案)
XSS_DOC = "xsbz-2022-9"


def html_of(response) -> str:
    return response.get_data(as_text=True)


def facet_links(html: str, facet: str) -> dict[str, str]:
    """{label: toggle href} of one facet's values in a search page."""
    section = re.search(rf'data-facet="{facet}">(.*?)</section>', html, re.S)
    assert section, f"no {facet} facet on the page"
    links = re.findall(r'<a href="([^"]+)" class="facet-value[^"]*"[^>]*>([^<]+)</a>', section.group(1))
    return {label: href.replace("&amp;", "&") for href, label in links}
