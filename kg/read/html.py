"""HTML pages saved from government sites: the report's text without the site around it.

trafilatura finds the main text (navigation, share buttons, related links and the ICP footer are
dropped); its title metadata is put back on top when the body does not start with it, because
the heading parser reads the title line for the place and year. If trafilatura cannot import (it
needs ``lxml_html_clean`` beside it) or finds nothing, the page's visible text is used instead.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from kg.read.text import ReadError

_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.I | re.S)
_TAG = re.compile(r"<(?:html|head|body|div|p|meta|title|table|span|br)\b[^>]*>", re.I)
MIN_CHARS = 50  # a report page has thousands; fewer is navigation left after the chrome is gone
_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "template")


def looks_like_html(text: str) -> bool:
    """A page, not a report that happens to quote a tag: starts like HTML or is full of tags."""
    head = text[:4096]
    return bool(_HTML_START.match(head)) or len(_TAG.findall(head)) >= 5


def html_to_text(html: str, path: Path | str) -> str:
    """Main text of a page, one paragraph a line."""
    title, body = _trafilatura(html)
    if not body or len(body) < 50:
        title2, body2 = _visible_text(html)
        title = title or title2
        if len(body2) > len(body or ""):
            body = body2
    size = len("".join((body or "").split()))
    if size < MIN_CHARS:
        raise ReadError(f"{path}: HTML page with no main text ({size} characters: an index, a redirect "
                        "or a page built by JavaScript?)")
    title = (title or "").strip()
    if title and title not in body[: 300 + len(title)]:
        body = f"{title}\n{body}"
    return body


def _trafilatura(html: str) -> tuple[str | None, str | None]:
    try:
        import trafilatura
    except ImportError:  # trafilatura 2.3 needs lxml_html_clean; fall back rather than fail
        return None, None
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        doc = trafilatura.bare_extraction(html, include_comments=False, include_tables=True,
                                          with_metadata=True)
    except Exception:  # noqa: BLE001 - a page trafilatura chokes on still has visible text
        return None, None
    if doc is None:
        return None, None
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    return get("title"), get("text")


def _visible_text(html: str) -> tuple[str | None, str]:
    """Fallback without trafilatura: the block holding the most paragraph text, one block a line.

    Paragraph text is credited to its parent element; the parent with the most wins, so menus,
    breadcrumbs and footers (short texts spread over many parents) are left out.
    """
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # noqa: BLE001 - lxml raises several types on broken markup
        return None, ""
    heads = root.xpath("//h1//text()") or root.xpath("//title/text()")
    title = re.sub(r"\s+", " ", "".join(heads)).strip() or None
    for el in root.xpath("//" + " | //".join(_DROP)):
        el.drop_tree()
    for br in root.xpath("//br"):
        br.tail = "\n" + (br.tail or "")
    score: dict = {}
    for p in root.xpath("//p | //div[not(.//div) and not(.//p)] | //td[not(.//p)]"):
        parent = p.getparent() if p.tag == "p" and p.getparent() is not None else p
        score[parent] = score.get(parent, 0) + len("".join(p.text_content().split()))
    if not score:
        body = root.find("body")
        return title, (body.text_content().strip() if body is not None else "")
    best = max(score, key=score.get)
    blocks = best.xpath("./p | ./h2 | ./h3 | ./h4 | ./li | ./div") or [best]
    lines = [re.sub(r"[ \t\r]+", " ", b.text_content()).strip() for b in blocks]
    return title, "\n".join(ln for ln in lines if ln)
