"""Read pages as a browser does: parse the HTML and assert on elements, attributes and text.

Assertions on the parsed DOM keep meaning what they say when markup is reformatted, attributes
are reordered or quoted differently, or text is wrapped in another element; a regex over the
markup breaks on all of those, or passes by matching the wrong place. The parser is selectolax
(the Lexbor HTML5 engine: the tree a browser builds), queried with CSS selectors.

Every helper takes a "page": a Django test response, HTML text (str or bytes), or an already
parsed document or element (so one parse can serve many lookups)::

    doc = parse(client.get(url))
    assert texts(doc, "h2") == ["Salaries", ...]
    link = select_one(doc, "nav.tabs a[aria-current='true']")
    assert query(link.attributes["href"]) == {"kind": ["technical"]}
"""

import json
import re
from urllib.parse import parse_qs, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

Page = object  # HttpResponse | str | bytes | LexborHTMLParser | LexborNode
HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def parse(page: Page) -> LexborHTMLParser | LexborNode:
    """The parsed document (parsed once per response)."""
    if isinstance(page, LexborHTMLParser | LexborNode):
        return page
    if isinstance(page, str | bytes):
        return LexborHTMLParser(page)
    parsed = getattr(page, "_parsed_html", None)
    if parsed is None:
        parsed = page._parsed_html = LexborHTMLParser(page.content)
    return parsed


def select(page: Page, selector: str) -> list[LexborNode]:
    """Every element matching the CSS ``selector``, in document order."""
    return list(parse(page).css(selector))


def select_one(page: Page, selector: str) -> LexborNode:
    """The one element matching ``selector``; fails if there is none or more than one."""
    found = select(page, selector)
    assert len(found) == 1, f"{len(found)} elements match {selector!r}"
    return found[0]


def text(node: LexborNode) -> str:
    """The element's text as a reader sees it: tags dropped, HTML whitespace collapsed. Only
    ASCII whitespace is collapsed, as browsers do: the no-break and thin spaces that Babel puts
    in amounts and dates stay as they are."""
    return HTML_SPACE.sub(" ", node.text(separator=" ")).strip(" ")


def texts(page: Page, selector: str) -> list[str]:
    """The text of every element matching ``selector``."""
    return [text(node) for node in select(page, selector)]


def attrs(page: Page, selector: str, name: str) -> list[str | None]:
    """Attribute ``name`` of every element matching ``selector`` (None where it is absent)."""
    return [node.attributes.get(name) for node in select(page, selector)]


def query(url: str) -> dict[str, list[str]]:
    """The parameters of a URL's query string (``?kind=x&page=2`` → {"kind": ["x"], ...})."""
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def json_ld(page: Page) -> list[dict]:
    """The page's JSON-LD blocks, decoded."""
    return [json.loads(text) for text in raw_texts(page, 'script[type="application/ld+json"]')]


def raw_texts(page: Page, selector: str) -> list[str]:
    """The raw text content of every element matching ``selector`` (for <script> and <style>)."""
    return [node.text() for node in select(page, selector)]
