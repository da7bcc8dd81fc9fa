"""Load articles from files, folders, URLs and feeds, one source at a time; never raises."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from bot.errors import UserError
from bot.settings import Settings
from bot.sources import feeds
from bot.sources.articles import (
    Article,
    Rejected,
    is_url,
    parse_html,
    parse_text,
    with_note,
    with_url,
)
from bot.sources.fetch import Fetcher
from bot.sources.rawtext import (
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    ContentKind,
    RejectedSource,
    check_content,
    content_kind,
    decode_text,
    read_capped,
)
from bot.sources.redact import shown_url

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
SOURCE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
# A folder of articles often carries a README; it is documentation, not news.
SKIPPED_STEMS = frozenset({"readme", "license", "licence", "changelog", "contributing"})


def load_sources(
    sources: Iterable[str], *, settings: Settings, fetcher: Fetcher | None = None
) -> Iterator[Article | Rejected]:
    """Yield every article (or rejection) from files, folders and URLs, one source at a time."""
    own_fetcher = None
    try:
        for source in expand_sources(sources):
            if fetcher is None and is_url(source):
                fetcher = own_fetcher = Fetcher(settings)
            yield from load_one(source, settings=settings, fetcher=fetcher)
    finally:
        if own_fetcher is not None:
            own_fetcher.close()


def expand_sources(sources: Iterable[str]) -> list[str]:
    """Each folder replaced by its article files (recursive, sorted); files and URLs as given."""
    expanded: list[str] = []
    for source in sources:
        path = Path(source)
        if not is_url(source) and path.is_dir():
            expanded.extend(
                str(p) for p in sorted(path.rglob("*")) if _is_article_file(p, root=path)
            )
        else:
            expanded.append(source)
    return expanded


def load_one(
    source: str, *, settings: Settings, fetcher: Fetcher | None = None
) -> list[Article | Rejected]:
    """Load one file or URL into its article(s): a feed gives many. Never raises."""
    try:
        if is_url(source):
            items = _load_url(source, settings=settings, fetcher=fetcher)
        else:
            items = _load_file(Path(source), settings=settings, fetcher=fetcher)
        return [within_length(item, settings.max_article_chars) for item in items]
    except RejectedSource as exc:
        log.info("rejected %s: %s", shown_url(source), exc.reason)
        return [Rejected(source, exc.reason)]
    except UserError as exc:
        log.info("rejected %s: %s", shown_url(source), exc)
        return [Rejected(source, _one_line(str(exc)))]
    except Exception:
        log.exception("unexpected error loading %s", shown_url(source))
        return [Rejected(source, "unexpected error while loading it (details are in the log)")]


def within_length(item: Article | Rejected, limit: int) -> Article | Rejected:
    """`item`, or a one-line Rejected when its text is longer than MAX_ARTICLE_CHARS."""
    if isinstance(item, Article) and len(item.text) > limit:
        return Rejected(
            item.source,
            f"too long: {len(item.text):,} characters, the limit is {limit:,} (MAX_ARTICLE_CHARS)",
        )
    return item


def _load_file(
    path: Path, *, settings: Settings, fetcher: Fetcher | None
) -> list[Article | Rejected]:
    data = read_capped(path, settings.max_article_bytes)
    kind = content_kind(data, suffix=path.suffix.lower())
    return _parse_bytes(data, kind, source=str(path), url=None, settings=settings, fetcher=fetcher)


def _load_url(url: str, *, settings: Settings, fetcher: Fetcher | None) -> list[Article | Rejected]:
    if fetcher is None:
        with Fetcher(settings) as own:
            return _load_url(url, settings=settings, fetcher=own)
    fetched = fetcher.get(url)
    kind = content_kind(fetched.content, content_type=fetched.content_type)
    # The URL after redirects: two short links to one story then share one identity.
    return _parse_bytes(
        fetched.content, kind, source=url, url=fetched.url, settings=settings, fetcher=fetcher
    )


def _parse_bytes(
    data: bytes,
    kind: ContentKind,
    *,
    source: str,
    url: str | None,
    settings: Settings,
    fetcher: Fetcher | None,
) -> list[Article | Rejected]:
    check_content(data)
    if kind == "feed":
        return feeds.parse_feed(data, source=source, fetcher=fetcher, settings=settings)
    text, note = decode_text(data)
    if note:
        log.warning("%s: %s", source, note)
    article = (
        parse_html(text, source=source, url=url)
        if kind == "html"
        else parse_text(text, source=source)
    )
    if url and kind == "text" and article.url is None:
        article = with_url(article, url)
    return [with_note(article, note)]


def _is_article_file(path: Path, *, root: Path) -> bool:
    hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
    wanted = path.suffix.lower() in SOURCE_SUFFIXES and path.stem.lower() not in SKIPPED_STEMS
    return wanted and not hidden and path.is_file()


def _one_line(text: str) -> str:
    return " ".join(text.split())
