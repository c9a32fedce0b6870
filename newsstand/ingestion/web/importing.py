"""Writes of web and feed import: a page or a feed item becomes a story in the edition of its date, once.

Each item is its own transaction: its edition (created as a draft when missing), its story, its images and the
ImportedItem that records it land together or not at all. A failure in one item leaves the others, and is
recorded as a failed ImportedItem that the next poll tries again, whether or not the item is still in the feed.
"""

from __future__ import annotations

import datetime
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, UnidentifiedImageError

from newsstand.catalog.blocks import Block
from newsstand.catalog.models import Edition, Publication, Story
from newsstand.catalog.services import StoryImageInput, edition_create, story_create
from newsstand.ingestion.models import FeedSource, ImportedItem
from newsstand.ingestion.web import feeds, fetch
from newsstand.ingestion.web.errors import FetchError, ImportFailure, UnreadablePageError
from newsstand.ingestion.web.feeds import FeedEntry
from newsstand.ingestion.web.fetch import IMAGE_TYPES, PAGE_TYPES, fetch_max_bytes
from newsstand.ingestion.web.markup import ImageRef
from newsstand.ingestion.web.story import WebStory, html_fragment_blocks, html_story_extract

logger = logging.getLogger(__name__)

# Images smaller than this on either side are icons, avatars or tracking pixels, not the story's pictures.
_IMAGE_MIN_SIDE = 150
# A gallery page's hundredth picture is not worth a hundred requests; the first ones tell the story.
_IMAGES_MAX = 20

# A failed feed item is tried at this many polls; after that it stays failed, with its reason, in the admin.
FEED_ITEM_MAX_ATTEMPTS = 10

# A feed item's summary longer than this is the story's opening cut short, not a standfirst.
_STANDFIRST_MAX_WORDS = 60

_IMAGE_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}


@dataclass(frozen=True)
class PageImport:
    """The outcome of importing one page: `created` is False when it was imported before (item.story is that
    earlier story)."""

    item: ImportedItem
    created: bool


@dataclass
class FeedPoll:
    imported: int = 0
    known: int = 0
    duplicates: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {"imported": self.imported, "known": self.known, "duplicates": self.duplicates, "failed": self.failed}


# ---------------------------------------------------------------------------------------------------------------
# Pages


def html_story_import(*, publication: Publication, source: str, issue_date: datetime.date | None = None) -> PageImport:
    """Import the story of one web page, given as an http(s) address or as a saved HTML file, into the edition of
    `issue_date` (default: the story's own date, else today). Raise ImportFailure with the reason when it cannot."""
    path = Path(source)
    if "://" not in source and path.is_file():
        content, url = _file_read(path), ""
    elif "://" not in source:
        raise FetchError(_("There is no file “%(source)s”, nor is it an http(s) address.") % {"source": source})
    else:
        if earlier := _imported_item(publication=publication, url=source):
            return PageImport(item=earlier, created=False)
        fetched = fetch.url_fetch(source, accept=PAGE_TYPES)
        content, url = fetched.content, fetched.url
    found = html_story_extract(content, url=url)
    return _story_store(publication=publication, found=found, issue_date=issue_date)


def _file_read(path: Path) -> bytes:
    if path.stat().st_size > fetch_max_bytes():
        raise FetchError(
            _("%(path)s is larger than the limit of %(limit)d MB.")
            % {"path": path, "limit": fetch_max_bytes() // 1_000_000}
        )
    return path.read_bytes()


def _imported_item(*, publication: Publication, url: str = "", content_hash: str = "") -> ImportedItem | None:
    """The item that already brought this address or this story text into the publication, if any."""
    match = Q()
    if url:
        match |= Q(url=url)
    if content_hash:
        match |= Q(content_hash=content_hash)
    if not match:
        return None
    items = ImportedItem.objects.filter(publication=publication).exclude(status=ImportedItem.Status.FAILED)
    return items.filter(match).select_related("story").first()


def _story_store(
    *,
    publication: Publication,
    found: WebStory,
    issue_date: datetime.date | None = None,
    source: FeedSource | None = None,
    entry: FeedEntry | None = None,
) -> PageImport:
    """Create the story with its edition and its ImportedItem in one transaction, unless the same address or
    text came in before. Images are fetched first: no network inside the transaction."""
    guid = entry.guid if entry else ""
    if earlier := _imported_item(publication=publication, url=found.url, content_hash=found.content_hash):
        if source is None:
            return PageImport(item=earlier, created=False)
        return PageImport(item=_duplicate_record(source=source, entry=entry, earlier=earlier), created=False)
    body, images = _images_fetch(found.body, found.images)
    day = issue_date or found.published or timezone.localdate()
    try:
        with transaction.atomic():
            edition = _edition_for(publication=publication, issue_date=day)
            story = story_create(
                edition=edition, headline=found.headline, body=body, standfirst=found.standfirst,
                byline=found.byline, images=images, language=found.language or publication.language,
                origin=Story.Origin.WEB,
            )  # fmt: skip
            item = _item_for(publication=publication, source=source, guid=guid)
            item.url, item.content_hash, item.story = found.url, found.content_hash, story
            item.status, item.error, item.entry = ImportedItem.Status.IMPORTED, "", {}
            item.imported_at = timezone.now()
            item.save()
    except IntegrityError:
        # Another poll or import brought the same item in meanwhile: the constraints kept it single.
        if earlier := _imported_item(publication=publication, url=found.url, content_hash=found.content_hash):
            return PageImport(item=earlier, created=False)
        raise
    logger.info("imported %s into edition %s as story %s", found.url or found.headline, edition.pk, story.pk)
    return PageImport(item=item, created=True)


def _item_for(*, publication: Publication, source: FeedSource | None, guid: str) -> ImportedItem:
    """The failed feed item this import completes, or a new one."""
    if source is not None and guid:
        item = ImportedItem.objects.filter(source=source, guid=guid, status=ImportedItem.Status.FAILED).first()
        if item is not None:
            item.attempts += 1
            return item
    return ImportedItem(publication=publication, source=source, guid=guid)


def _duplicate_record(*, source: FeedSource, entry: FeedEntry | None, earlier: ImportedItem) -> ImportedItem:
    """A feed item whose story came in before under another address: remember it, so it is not fetched again."""
    guid = entry.guid if entry else ""
    item, _created = ImportedItem.objects.update_or_create(
        source=source,
        guid=guid,
        defaults={"publication": source.publication, "story": earlier.story, "url": "", "content_hash": "",
                  "status": ImportedItem.Status.DUPLICATE, "error": "", "entry": {}},
    )  # fmt: skip
    return item


def _edition_for(*, publication: Publication, issue_date: datetime.date) -> Edition:
    """The publication's edition of that day; a new one is a draft, which readers see once it is published."""
    edition = Edition.objects.filter(publication=publication, issue_date=issue_date).first()
    if edition is not None:
        return edition
    try:
        with transaction.atomic():
            return edition_create(publication=publication, issue_date=issue_date)
    except (IntegrityError, ValidationError):
        return Edition.objects.get(publication=publication, issue_date=issue_date)


def _images_fetch(body: list[Block], refs: Sequence[ImageRef]) -> tuple[list[Block], list[StoryImageInput]]:
    """The story's pictures as files; one that cannot be fetched or read, or that is an icon, is left out with its
    block. The story itself never fails for an image."""
    fetched: dict[int, StoryImageInput] = {}
    for index, ref in enumerate(refs[:_IMAGES_MAX]):
        try:
            answer = fetch.url_fetch(ref.url, accept=IMAGE_TYPES)
            with Image.open(io.BytesIO(answer.content)) as image:
                image.verify()
                size = image.size
        except (ImportFailure, UnidentifiedImageError, OSError, SyntaxError) as error:
            logger.warning("image %s left out: %s", ref.url, error)
            continue
        if min(size) < _IMAGE_MIN_SIDE:
            continue
        extension = _IMAGE_EXTENSIONS.get(answer.content_type, ".jpg")
        fetched[index] = StoryImageInput(
            content=answer.content, filename=f"web{extension}", caption=ref.caption, credit=ref.credit
        )
    kept: list[StoryImageInput] = []
    blocks: list[Block] = []
    for block in body:
        if block["type"] == "image":
            if block["image"] not in fetched:
                continue
            kept.append(fetched[block["image"]])
            block = {"type": "image", "image": len(kept) - 1}
        blocks.append(block)
    return blocks, kept


# ---------------------------------------------------------------------------------------------------------------
# Feeds


def feed_poll(*, source: FeedSource, content: bytes | None = None) -> FeedPoll:
    """Fetch the feed (conditionally, with the validators of the last poll) and import its new items, then try
    again the items that failed before. `content` reads the feed from there instead of fetching it.

    The outcome, problems included, is kept on the source (`last_error`), never raised: one bad feed or item must
    not stop the others."""
    poll = FeedPoll()
    etag, modified = source.etag, source.modified
    feed: feeds.Feed | None = None
    answered = content is not None
    try:
        if content is None:
            fetched = feeds.feed_fetch(source.url, etag=source.etag, modified=source.modified)
            answered = True
            if not fetched.not_modified:
                content, etag, modified = fetched.content, fetched.etag, fetched.modified
        if content is not None:
            feed = feeds.feed_parse(content, url=source.url)
    except ImportFailure as error:
        poll.errors.append(str(error))
        etag, modified = "", ""  # whatever the server sends next time, read it whole
    seen: set[str] = set()
    if feed is not None:
        if feed.problem:
            poll.errors.append(feed.problem)
            etag, modified = "", ""
        if feed.unusable:
            poll.errors.append(
                ngettext(
                    "%d item had neither an id nor a link and was left out.",
                    "%d items had neither an id nor a link and were left out.",
                    feed.unusable,
                )
                % feed.unusable
            )
        for entry in feed.entries:
            seen.add(entry.guid)
            _entry_import(source=source, entry=entry, language=feed.language, poll=poll)
    # Failed items are tried again only when the feed's server answered: when it cannot be reached, the pages
    # most likely cannot either, and an outage must not use up the items' attempts.
    if answered:
        for item in _items_to_retry(source=source, exclude=seen):
            _entry_import(source=source, entry=FeedEntry.from_json(item.entry), language="", poll=poll)
    if poll.failed:
        poll.errors.append(
            ngettext(
                "%d item could not be imported; it will be tried again at the next poll (see Imported items).",
                "%d items could not be imported; they will be tried again at the next poll (see Imported items).",
                poll.failed,
            )
            % poll.failed
        )
    source.last_polled_at = timezone.now()
    source.last_error = "\n".join(poll.errors)
    source.etag, source.modified = etag[:500], modified[:100]
    if feed is not None and not source.title:
        source.title = feed.title[:300]
    source.save(update_fields=["last_polled_at", "last_error", "etag", "modified", "title"])
    logger.info("feed %s polled: %s", source.pk, poll.as_dict())
    return poll


def _items_to_retry(*, source: FeedSource, exclude: set[str]) -> list[ImportedItem]:
    failed = source.items.filter(status=ImportedItem.Status.FAILED, attempts__lt=FEED_ITEM_MAX_ATTEMPTS)
    return [item for item in failed.exclude(guid__in=exclude) if item.entry]


def _entry_import(*, source: FeedSource, entry: FeedEntry, language: str, poll: FeedPoll) -> None:
    """Import one feed item unless it came in before; record a failure for the next poll to try again."""
    publication = source.publication
    known = ImportedItem.objects.filter(source=source, guid=entry.guid).first()
    given_up = known is not None and known.attempts >= FEED_ITEM_MAX_ATTEMPTS
    if known is not None and (known.status != ImportedItem.Status.FAILED or given_up):
        poll.known += 1
        return
    if known is None and _imported_item(publication=publication, url=entry.link):
        poll.known += 1  # brought in by hand or through another feed
        return
    try:
        found = _entry_story(entry=entry, language=language or publication.language)
        outcome = _story_store(publication=publication, found=found, source=source, entry=entry)
    except ImportFailure as error:
        _item_failed(source=source, entry=entry, known=known, reason=str(error))
        poll.failed += 1
        return
    except Exception:  # a page nobody foresaw must not stop the feed's other items
        logger.exception("feed %s: item %s failed", source.pk, entry.guid)
        _item_failed(source=source, entry=entry, known=known, reason=_("Unexpected error; the server log has it."))
        poll.failed += 1
        return
    if outcome.created:
        poll.imported += 1
    else:
        poll.duplicates += 1


def _entry_story(*, entry: FeedEntry, language: str) -> WebStory:
    """The story of a feed item: its own content when that is the full text, else the page it links to."""
    published = timezone.localtime(entry.published).date() if entry.published else None
    if entry.content and entry.has_full_text:
        body, images = html_fragment_blocks(
            entry.content, base_url=entry.link, headline=entry.title, standfirst=entry.summary, byline=entry.author
        )
        if not entry.title:
            raise UnreadablePageError(_("The feed item has no title to use as the story's headline."))
        summary_fits = len(entry.summary.split()) <= _STANDFIRST_MAX_WORDS
        standfirst = entry.summary if summary_fits and not _body_starts_with(body, entry.summary) else ""
        return WebStory(
            headline=entry.title[:300], body=body, images=images, byline=entry.author[:300],
            standfirst=standfirst, published=published, language=language, url=entry.link,
        )  # fmt: skip
    if not entry.link:
        raise UnreadablePageError(_("The feed item has neither its full text nor a link to its page."))
    fetched = fetch.url_fetch(entry.link, accept=PAGE_TYPES)
    found = html_story_extract(fetched.content, url=fetched.url)
    return replace(
        found,
        headline=(entry.title or found.headline)[:300],
        byline=found.byline or entry.author[:300],
        published=published or found.published,
        language=found.language or language,
    )


def _body_starts_with(body: list[Block], text: str) -> bool:
    first = next((block["text"] for block in body if block["type"] == "paragraph"), "")
    return bool(text) and first.startswith(text.rstrip(".… "))


def _item_failed(*, source: FeedSource, entry: FeedEntry, known: ImportedItem | None, reason: str) -> None:
    logger.warning("feed %s: item %s failed: %s", source.pk, entry.guid, reason)
    if known is not None:
        known.attempts += 1
        known.error, known.entry = reason, entry.as_json()
        known.save(update_fields=["attempts", "error", "entry"])
        return
    ImportedItem.objects.create(
        publication=source.publication, source=source, guid=entry.guid, status=ImportedItem.Status.FAILED,
        error=reason, entry=entry.as_json(),
    )  # fmt: skip


def feeds_poll() -> dict[str, int]:
    """Poll every active feed; what went wrong with one is kept on it and does not stop the others."""
    totals = FeedPoll()
    for source in FeedSource.objects.filter(is_active=True).select_related("publication"):
        try:
            poll = feed_poll(source=source)
        except Exception:
            logger.exception("feed %s: poll failed", source.pk)
            FeedSource.objects.filter(pk=source.pk).update(
                last_polled_at=timezone.now(), last_error=_("The poll failed unexpectedly; the server log has it.")
            )
            totals.failed += 1
            continue
        totals.imported += poll.imported
        totals.known += poll.known
        totals.duplicates += poll.duplicates
        totals.failed += poll.failed
    return totals.as_dict()
