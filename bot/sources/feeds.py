"""RSS and Atom feeds: each entry becomes an Article (the page is fetched for a mere teaser)."""

from __future__ import annotations

import datetime
import io
import logging
import re

import feedparser
import lxml.etree
import lxml.html

from bot.errors import UserError
from bot.settings import Settings
from bot.sources import articles
from bot.sources.fetch import Fetcher
from bot.sources.rawtext import content_kind, decode_text
from bot.sources.redact import shown_url

log = logging.getLogger(__name__)

HTTP_LINK_RE = re.compile(r"^https?://\S+$", re.IGNORECASE)
MAX_TITLE_CHARS = 200
NO_LINK = "the entry has no http(s) link"
# Below this many characters an entry is a teaser, and the linked page is worth fetching.
SHORT_ENTRY_CHARS = 400
BLOCK_TAGS = (
    "p",
    "div",
    "li",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "tr",
    "br",
    "section",
    "article",
)
DROPPED_TAGS = ("script", "style", "noscript", "template")
MAX_REASON_CHARS = 120
# An entry with fewer letters than this is not an article ("x", "—", a lone link).
MIN_ENTRY_LETTERS = 20
# Text decoded with the wrong charset ("Ã©", "â€™"): past this share of the letters, it is garbage.
MOJIBAKE_RE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac|\ufffd")
MAX_MOJIBAKE_SHARE = 0.05
SAX_POSITION_RE = re.compile(r"^<unknown>:(\d+):(\d+):\s*")


def parse_feed(
    content: bytes,
    *,
    source: str,
    fetcher: Fetcher | None = None,
    settings: Settings | None = None,
    only: frozenset[int] | None = None,
) -> list[articles.Article | articles.Rejected]:
    """One Article (or Rejected) per entry of RSS/Atom bytes; no entries at all: one Rejected.

    `settings` is accepted for symmetry with `articles.load_one`; fetching uses the fetcher's own
    settings. With `only`, other entries are left out (polling loads MAX_FEED_ENTRIES a poll).
    """
    parsed = _parse(content, source=source)
    if not parsed.entries:
        if parsed.get("bozo"):
            return [articles.Rejected(source, f"broken feed: {_bozo_reason(parsed)}")]
        return [articles.Rejected(source, "the feed has no entries")]
    if parsed.get("bozo"):
        log.warning(
            "feed %s is not well-formed (%s); using the %d entries found",
            source,
            _bozo_reason(parsed),
            len(parsed.entries),
        )
    return [
        _load_entry(entry, index, feed_source=source, fetcher=fetcher)
        for index, entry in enumerate(parsed.entries)
        if only is None or index in only
    ]


def feed_title(content: bytes) -> str | None:
    """The feed's own title, one line and clipped (it names the feed, never an article's outlet)."""
    title = " ".join((_parse(content, source="").feed.get("title") or "").split())
    return title[:MAX_TITLE_CHARS] or None


def feed_entries_links(content: bytes) -> list[str]:
    """The link of every entry, in feed order (entries without a link are skipped)."""
    return [entry.link for entry in _parse(content, source="").entries if entry.get("link")]


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one blank line between blocks, spaces collapsed."""
    if "<" not in fragment and "&" not in fragment:
        return _join_paragraphs(re.split(r"\n\s*\n", fragment))
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        log.warning("could not parse an HTML fragment; using it as plain text")
        return _join_paragraphs(re.split(r"\n\s*\n", fragment))
    for element in list(root.iter(*DROPPED_TAGS)):
        element.drop_tree()
    for element in root.iter(*BLOCK_TAGS):
        element.tail = "\n\n" + (element.tail or "")
    return _join_paragraphs(re.split(r"\n\s*\n", root.text_content()))


def _parse(content: bytes, *, source: str) -> feedparser.FeedParserDict:
    # A BytesIO, never the bytes themselves: feedparser treats a str or bytes argument as a URL
    # or file name it would open: that is how a feed could make us read a local file or reach a
    # private address.
    # Without a content type feedparser flags every well-formed feed as suspect ("bozo").
    headers = {"content-type": "application/xml"}
    if articles.is_url(source):
        headers["content-location"] = source
    return feedparser.parse(io.BytesIO(content), response_headers=headers)


def _load_entry(
    entry: feedparser.FeedParserDict,
    index: int,
    *,
    feed_source: str,
    fetcher: Fetcher | None,
) -> articles.Article | articles.Rejected:
    link = (entry.get("link") or "").strip()
    if not HTTP_LINK_RE.match(link):
        shown = f" ({link[:60]})" if link else ""
        return articles.Rejected(f"{feed_source}#entry-{index + 1}", f"{NO_LINK}{shown}")
    text = _entry_text(entry)
    # A teaser's page is read: its canonical URL becomes the article's identity (the page ingested
    # alone and the feed entry are one article) and its site name the outlet. A full-text entry
    # costs no fetch: its link (tracking parameters dropped) is the identity, its host the outlet.
    page: articles.Article | None = None
    if fetcher is not None and len(text) < SHORT_ENTRY_CHARS:
        try:
            page = _fetch_page(link, fetcher)
        except UserError as exc:
            # Only a teaser and no page (404, timeout): not an article yet; the next poll retries.
            return articles.Rejected(link, f"its page could not be read: {exc}", retry=True)
    url = page.url if page is not None and page.url else link
    if page is not None and len(page.text) > len(text):
        text = page.text
    problem = text_problem(text)
    if problem:
        return articles.Rejected(link, problem)
    return articles.Article(
        text=text,
        source=link,
        identity=articles.identity_of(text, url),
        title=entry.get("title") or (page.title if page else None),
        published=_entry_date(entry) or (page.published if page else None),
        url=url,
        outlet=page.outlet if page is not None else articles.outlet_of(url),
    )


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    """The fullest text the entry carries: content:encoded / Atom content, else the summary."""
    candidates = [item.get("value", "") for item in entry.get("content", [])]
    candidates.append(entry.get("summary", ""))
    texts = [html_to_text(value) for value in candidates if value]
    return max(texts, key=len, default="")


def text_problem(text: str) -> str | None:
    """Why `text` is no article (too short, garbled), or None when it may be one."""
    letters = sum(ch.isalpha() for ch in text)
    if not letters:
        return "no article text"
    if letters < MIN_ENTRY_LETTERS:
        return f"too short to be an article ({letters} letters)"
    garbled = len(MOJIBAKE_RE.findall(text))
    if garbled > MAX_MOJIBAKE_SHARE * letters:
        return "garbled text (decoded with the wrong character set)"
    return None


def _fetch_page(link: str, fetcher: Fetcher) -> articles.Article | None:
    """The linked page as an Article; None when it is no HTML page; UserError if unreachable."""
    fetched = fetcher.get(link)
    if content_kind(fetched.content, content_type=fetched.content_type) != "html":
        log.info("entry link %s is not an HTML page; keeping the feed text", shown_url(link))
        return None
    html, _note = decode_text(fetched.content)
    try:
        return articles.parse_html(html, source=link, url=fetched.url or link)
    except UserError as exc:
        log.warning(
            "could not read the page of feed entry %s: %s; keeping the feed text",
            shown_url(link),
            exc,
        )
        return None


def _entry_date(entry: feedparser.FeedParserDict) -> datetime.date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime.date(*parsed[:3]) if parsed else None


def _bozo_reason(parsed: feedparser.FeedParserDict) -> str:
    exc = parsed.get("bozo_exception")
    reason = " ".join(str(exc).split()) if exc else "not a valid RSS or Atom document"
    # The XML parser names the document "<unknown>"; a position in words reads better in chat.
    reason = SAX_POSITION_RE.sub(r"line \1, column \2: ", reason)
    if len(reason) > MAX_REASON_CHARS:
        reason = reason[: MAX_REASON_CHARS - 1] + "…"
    return reason or type(exc).__name__


def _join_paragraphs(paragraphs: list[str]) -> str:
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
