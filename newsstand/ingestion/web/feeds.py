"""RSS and Atom feeds: fetching one conditionally and reading its entries with feedparser, with a clear error for a
feed that is not one. importing.py turns the entries into stories (through story.py when they link to a page)."""

from __future__ import annotations

import datetime
import time
from dataclasses import asdict, dataclass
from typing import Any

import feedparser
import lxml.html
from django.utils.translation import gettext as _

from newsstand.ingestion.web import fetch
from newsstand.ingestion.web.errors import ImportFailure
from newsstand.ingestion.web.fetch import Fetched
from newsstand.ingestion.web.story import language_code
from newsstand.ingestion.web.text import text_clean

# Feed servers label feeds in many ways; text/html is accepted so that a page given instead of a feed gets a
# message saying so rather than a bare "wrong type".
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml",
     "application/feed+json", "application/json", "text/html"}
)  # fmt: skip

# An entry whose content has at least this many words is the whole story; a shorter one is a teaser, and the
# story is read from the page it links to.
FULL_TEXT_WORDS = 150

# Problems feedparser reports that it has fully recovered from: the feed is read as its publisher meant it.
_HARMLESS = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


class MalformedFeedError(ImportFailure):
    """The document is not a feed we can read at all."""


@dataclass(frozen=True)
class FeedEntry:
    guid: str
    link: str
    title: str
    author: str = ""
    summary: str = ""
    content: str = ""
    published: datetime.datetime | None = None

    def as_json(self) -> dict[str, Any]:
        """What ImportedItem.entry keeps, so that a failed item can be retried after it left the feed."""
        data = asdict(self)
        data["published"] = self.published.isoformat() if self.published else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FeedEntry:
        published = data.get("published")
        return cls(
            guid=str(data.get("guid", "")),
            link=str(data.get("link", "")),
            title=str(data.get("title", "")),
            author=str(data.get("author", "")),
            summary=str(data.get("summary", "")),
            content=str(data.get("content", "")),
            published=datetime.datetime.fromisoformat(published) if published else None,
        )

    @property
    def has_full_text(self) -> bool:
        return len(lxml.html.fromstring(f"<div>{self.content}</div>").text_content().split()) >= FULL_TEXT_WORDS


@dataclass(frozen=True)
class Feed:
    title: str
    entries: list[FeedEntry]
    language: str = ""
    problem: str = ""  # what is wrong with a malformed feed whose readable entries are still used
    unusable: int = 0  # entries with nothing to know them by (no id, no link), left out


def feed_fetch(url: str, *, etag: str = "", modified: str = "") -> Fetched:
    return fetch.url_fetch(url, accept=FEED_TYPES, etag=etag, modified=modified)


def feed_parse(content: bytes, *, url: str = "") -> Feed:
    """The feed's entries. A feed that is not well-formed still gives those entries that can be known by an id
    and fetched from their link, without their content (which may be cut off where the feed breaks): `problem`
    then says what is wrong. Raise MalformedFeedError when nothing in the document is a feed."""
    # Bytes, never a str: feedparser would take a str that looks like an address or a path and fetch or open it.
    parsed = feedparser.parse(bytes(content), response_headers={"content-location": url} if url else {})
    broken = bool(parsed.get("bozo")) and not isinstance(parsed.get("bozo_exception"), _HARMLESS)
    if not parsed.get("version"):
        raise MalformedFeedError(_feed_unreadable_reason(content, parsed.get("bozo_exception")))
    problem = ""
    if broken:
        problem = _("The feed is not well-formed (%(reason)s); ask its publisher to fix it.") % {
            "reason": _reason(parsed.get("bozo_exception"))
        }
    entries: list[FeedEntry] = []
    unusable = 0
    for raw in parsed.entries:
        entry = _entry(raw)
        if not entry.guid or (broken and not entry.link):
            unusable += 1
            continue
        entries.append(_entry_without_content(entry) if broken else entry)
    if broken and not entries:
        raise MalformedFeedError(problem)
    return Feed(
        title=text_clean(parsed.feed.get("title", "")),
        entries=entries,
        language=language_code(parsed.feed.get("language", "") or ""),
        problem=problem,
        unusable=unusable,
    )


def _feed_unreadable_reason(content: bytes, error: Any) -> str:
    if b"<html" in content[:2000].lower():
        return _("This address gives a web page, not a feed. Use the address of its RSS or Atom feed.")
    return _("This is not an RSS or Atom feed we can read (%(reason)s). Check the address.") % {
        "reason": _reason(error)
    }


def _reason(error: Any) -> str:
    if error is None:
        return _("no feed elements found")
    line = getattr(error, "getLineNumber", lambda: None)()
    message = getattr(error, "getMessage", lambda: str(error))()
    return _("%(message)s at line %(line)s") % {"message": message, "line": line} if line else str(message)


def _entry(raw: Any) -> FeedEntry:
    link = str(raw.get("link", "") or "").strip()
    return FeedEntry(
        guid=str(raw.get("id", "") or link).strip()[:1000],
        link=link,
        title=text_clean(raw.get("title", "") or ""),
        author=text_clean(raw.get("author", "") or ""),
        summary=_plain(raw.get("summary", "") or ""),
        content=_content_html(raw),
        published=_published(raw),
    )


def _entry_without_content(entry: FeedEntry) -> FeedEntry:
    return FeedEntry(
        guid=entry.guid, link=entry.link, title=entry.title, author=entry.author, published=entry.published
    )


def _content_html(raw: Any) -> str:
    for content in raw.get("content", []) or []:
        kind = content.get("type", "")
        value = content.get("value", "") or ""
        if kind in {"text/html", "application/xhtml+xml"}:
            return str(value)
        if kind == "text/plain" and value:
            paragraphs = [text_clean(part) for part in str(value).split("\n\n")]
            return "".join(f"<p>{_escape(part)}</p>" for part in paragraphs if part)
    return ""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _plain(markup: str) -> str:
    if not markup.strip():
        return ""
    return text_clean(lxml.html.fromstring(f"<div>{markup}</div>").text_content())


def _published(raw: Any) -> datetime.datetime | None:
    parsed: time.struct_time | None = raw.get("published_parsed") or raw.get("updated_parsed")
    if not parsed:
        return None
    try:
        return datetime.datetime(*parsed[:6], tzinfo=datetime.UTC)
    except (TypeError, ValueError):
        return None
