"""Secrets in URLs (user:password@, token-like query values) masked wherever a URL is shown."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

MASK = "***"
# Query parameter names whose values are credentials: ?token=, ?api_key=, ?sig=, ?X-Amz-Signature=
SECRET_PARAM_RE = re.compile(
    r"(token|key|secret|password|passwd|pwd|auth|sig|signature|session|credential)",
    re.IGNORECASE,
)
# Any http(s) URL inside a longer text (an error message, a log line).
URL_IN_TEXT_RE = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
MAX_SHOWN_CHARS = 200  # a 70,000-character URL is not repeated whole in a one-line message
ELLIPSIS = "…"


def redact_url(url: str) -> str:
    """`url` with its user info and token-like query values replaced by ***; the rest unchanged."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.split("@", 1)[-1] if "@" in url else url
    netloc = parts.netloc
    if "@" in netloc:
        netloc = MASK + "@" + netloc.rsplit("@", 1)[1]
    query = "&".join(_redact_param(p) for p in parts.query.split("&")) if parts.query else ""
    if netloc == parts.netloc and query == parts.query:
        return url
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def shown_url(url: str) -> str:
    """`url` as messages show it: redacted, and clipped to MAX_SHOWN_CHARS."""
    safe = redact_url(url)
    return safe if len(safe) <= MAX_SHOWN_CHARS else safe[: MAX_SHOWN_CHARS - 1] + ELLIPSIS


def redact_text(text: str) -> str:
    """Every http(s) URL inside `text` redacted (for error messages and log lines)."""
    return URL_IN_TEXT_RE.sub(lambda m: redact_url(m.group(0)), text)


def _redact_param(pair: str) -> str:
    name, sep, value = pair.partition("=")
    if sep and value and SECRET_PARAM_RE.search(name):
        return f"{name}={MASK}"
    return pair
