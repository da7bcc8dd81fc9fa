"""An article and how its text is read: two text layouts, HTML pages, identity, URL helpers."""

from __future__ import annotations

import datetime
import hashlib
import logging
import re
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import trafilatura

from bot.sources.rawtext import RejectedSource

log = logging.getLogger(__name__)

URL_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
HEADER_DATE_RE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})$")
HEADER_URL_RE = re.compile(r"^https?://\S+$", re.IGNORECASE)
# "LVIV • ", "NEW YORK - ", "KYIV, Ukraine — ": a place in capitals, an optional region, then a
# bullet or dash.
DATELINE_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]*){0,3}"  # LVIV, NEW YORK
    r"(?:, [A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)?)"  # , Ukraine
    r"(?: \([A-Z][A-Za-z ]{0,20}\))? (?:•|-|—|–) "  # (AP) •
)
# An agency credit on its own last line: "AP", "REUTERS, AGENCE FRANCE-PRESSE", "NORTHFIELD WIRE".
CREDIT_RE = re.compile(r"^[A-Z][A-Z ,&\-]{0,58}[A-Z]$")
TRACKING_PARAM_PREFIXES = ("utm_",)
DEFAULT_PORTS = {"http": 80, "https": 443}
# Bytes that do not occur in text; a file with more than this share of them is binary.


@dataclass(frozen=True)
class Article:
    """One news article: the body the extractor reads, and what is known about it."""

    text: str
    source: str
    identity: str
    title: str | None = None
    published: datetime.date | None = None
    url: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    credit: str | None = None
    note: str | None = (
        None  # something the user should know, e.g. "not UTF-8: decoded as Windows-1252"
    )


@dataclass(frozen=True)
class Rejected:
    """A source that gave no article, with a one-line reason in plain words."""

    source: str
    reason: str
    retry: bool = False  # a passing problem (the page answered 404 or timed out): try again later


@dataclass(frozen=True)
class _Body:
    text: str
    dateline: str | None
    credit: str | None


def parse_text(raw: str, *, source: str) -> Article:
    """Read a plain-text article: optional header (title, date, URL), then the body."""
    lines = _normalise_lines(raw)
    title, published, url, lines = _split_header(lines)
    body = _split_body_metadata(_join_body(lines))
    if not _has_words(body.text):
        raise RejectedSource("no article text")
    return Article(
        text=body.text,
        source=source,
        identity=identity_of(body.text, url),
        title=title,
        published=published,
        url=url,
        outlet=outlet_of(url),
        dateline=body.dateline,
        credit=body.credit,
    )


def parse_html(html: str, *, source: str, url: str | None = None) -> Article:
    """Read an HTML page with trafilatura: text, title, date, canonical URL and site name."""
    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    # as_dict is off, so a Document (or None) comes back; a dict would be an API change.
    doc = extracted if not isinstance(extracted, dict) else None
    lines = _normalise_lines(doc.text or "") if doc is not None else []
    if doc is not None and lines and doc.title and lines[0].strip() == doc.title.strip():
        lines = lines[1:]  # trafilatura repeats the headline as the first block
    # Each trafilatura line is one block (paragraph, heading): blank lines mark paragraphs.
    body = _split_body_metadata("\n\n".join(line for line in lines if line))
    if doc is None or not _has_words(body.text):
        raise RejectedSource("no article text found in the HTML")
    page_url = _http_url(doc.url) or url
    return Article(
        text=body.text,
        source=source,
        identity=identity_of(body.text, page_url),
        title=doc.title or None,
        published=_parse_date(doc.date or ""),
        url=page_url,
        outlet=doc.sitename or outlet_of(page_url),
        dateline=body.dateline,
        credit=body.credit,
    )


def identity_of(text: str, url: str | None) -> str:
    """The normalised URL when known, else a hash of the text that ignores case and spacing."""
    if url:
        return normalise_url(url)
    folded = " ".join(text.casefold().split())
    return "sha256:" + hashlib.sha256(folded.encode("utf-8")).hexdigest()


def normalise_url(url: str) -> str:
    """Lowercase scheme and host; drop default port, fragment, utm_* and a trailing slash."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(TRACKING_PARAM_PREFIXES)
    ]
    return urlunsplit((scheme, host, parts.path.rstrip("/"), urlencode(query), ""))


def outlet_of(url: str | None) -> str | None:
    """The outlet named by a URL's host, without 'www.': 'dailymail.co.uk'."""
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.") or None


def is_url(source: str) -> bool:
    """True for 'scheme://...' sources; everything else is a path."""
    return bool(URL_SCHEME_RE.match(source))


def _normalise_lines(raw: str) -> list[str]:
    """Lines without BOM, carriage returns or trailing spaces; leading blank lines dropped."""
    text = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def _split_header(
    lines: list[str],
) -> tuple[str | None, datetime.date | None, str | None, list[str]]:
    """(title, date, url, body lines): a header is there when line 2 is a date."""
    published = _parse_date(lines[1].strip()) if len(lines) > 1 else None
    if published is None or not lines[0].strip():
        return None, None, None, lines
    title, rest = lines[0].strip(), lines[2:]
    url = None
    if rest and HEADER_URL_RE.match(rest[0].strip()):
        url, rest = rest[0].strip(), rest[1:]
    return title, published, url, rest


def _join_body(lines: list[str]) -> str:
    """Join body lines, keeping one blank line between paragraphs and none at the ends."""
    text = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text)


def _split_body_metadata(text: str) -> _Body:
    """Take a leading dateline marker and a trailing credit line out of the body."""
    credit = None
    head, sep, last = text.rpartition("\n")
    if sep and CREDIT_RE.match(last.strip()) and sum(ch.isalpha() for ch in last) >= 2:
        credit, text = last.strip(), head.rstrip("\n").rstrip()
    dateline = None
    match = DATELINE_RE.match(text)
    if match:
        dateline, text = match.group("place"), text[match.end() :]
    return _Body(text=text.strip(), dateline=dateline, credit=credit)


def _parse_date(text: str) -> datetime.date | None:
    """A date from 'YYYYMMDD' or 'YYYY-MM-DD', also at the start of an ISO timestamp."""
    text = text.strip()
    match = HEADER_DATE_RE.match(text) or (
        HEADER_DATE_RE.match(text[:10]) if text[10:11] in ("T", " ") else None
    )
    if not match:
        return None
    try:
        return datetime.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _http_url(url: str | None) -> str | None:
    return url if url and HEADER_URL_RE.match(url) else None


def _has_words(text: str) -> bool:
    """True when the text has at least one letter: stray markup such as '<<' is not an article."""
    return any(ch.isalpha() for ch in text)


def with_url(article: Article, url: str) -> Article:
    return replace(
        article,
        url=url,
        identity=identity_of(article.text, url),
        outlet=article.outlet or outlet_of(url),
    )


def with_note(article: Article, note: str | None) -> Article:
    return replace(article, note=note) if note else article
