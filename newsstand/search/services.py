"""Search: keeping the index in step with the catalog, answering a reader's query, and related stories."""

from __future__ import annotations

import datetime
import math
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import SafeString

from newsstand.access.models import AccessPolicy
from newsstand.access.rules import Access, Reader, edition_entitlement, story_entitlement, story_preview_split
from newsstand.catalog.blocks import blocks_plain_text
from newsstand.catalog.models import Category, Edition, Publication, Story
from newsstand.catalog.selectors import publications_visible
from newsstand.search.backends import DocumentFilter, search_backend
from newsstand.search.models import RelatedStory, SearchDocument
from newsstand.search.snippets import text_highlighted, text_snippet
from newsstand.search.text import ParsedQuery, snowball_name, stems, words

# Results are counted up to this many, and paged through up to it: nobody reads page 60, and counting every
# match of a common word would cost more than finding the first page.
MAX_RESULTS = 1000
PER_PAGE = 20
PUBLICATIONS_SHOWN = 6
RELATED_SHOWN = 4
LANGUAGES_CACHE_SECONDS = 300


# --- the index follows the catalog ---------------------------------------------------------------------------


def _visible_from(edition: Edition) -> datetime.datetime | None:
    """When readers may find the edition's stories; the same rule as EditionQuerySet.visible."""
    if edition.status in (Edition.Status.PUBLISHED, Edition.Status.SCHEDULED):
        return edition.release_at
    return None


def story_index(*, story: Story) -> None:
    """Write the story's search document (its words, and the fields filters need)."""
    edition = story.edition
    backend = search_backend()
    language = story.language or edition.publication.language
    body = blocks_plain_text(story.body)
    SearchDocument.objects.update_or_create(
        story=story,
        defaults={
            "publication_id": edition.publication_id,
            "language": language,
            "text_config": snowball_name(language),
            "kind": edition.publication.kind,
            "issue_date": edition.issue_date,
            "visible_from": _visible_from(edition),
            "headline_index": backend.index_column(story.headline, language),
            "standfirst_index": backend.index_column(story.standfirst, language),
            "body_index": backend.index_column(body, language),
        },
    )


def edition_index_visibility(*, edition: Edition) -> None:
    """Publishing, scheduling or withdrawing an edition shows or hides its stories in search at once; once they
    show, the worker finds their related stories."""
    visible_from = _visible_from(edition)
    documents = SearchDocument.objects.filter(story__edition=edition)
    documents.exclude(issue_date=edition.issue_date).update(issue_date=edition.issue_date)
    changed = documents.exclude(visible_from=visible_from).update(visible_from=visible_from)
    if changed and visible_from is not None:
        from newsstand.search.tasks import edition_related_compute_task

        edition_id = edition.pk
        transaction.on_commit(lambda: edition_related_compute_task.enqueue(edition_id))


def publication_index_kind(*, publication: Publication) -> None:
    SearchDocument.objects.filter(publication=publication).exclude(kind=publication.kind).update(kind=publication.kind)


def stories_reindex(*, batch_size: int = 500) -> int:
    """Rewrite every story's document (after changing how text is indexed). Returns the number of stories."""
    done = 0
    stories = Story.objects.select_related("edition__publication").order_by("pk")
    last_pk = 0
    while chunk := list(stories.filter(pk__gt=last_pk)[:batch_size]):
        with transaction.atomic():
            for story in chunk:
                story_index(story=story)
        done += len(chunk)
        last_pk = chunk[-1].pk
    return done


# --- answering a query ---------------------------------------------------------------------------------------


class Sort(StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"


@dataclass(frozen=True)
class SearchQuery:
    parsed: ParsedQuery
    text: str = ""
    publication: Publication | None = None
    category: Category | None = None
    language: str = ""
    kind: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    sort: Sort = Sort.RELEVANCE
    page: int = 1
    per_page: int = PER_PAGE

    def document_filter(self, now: datetime.datetime) -> DocumentFilter:
        return DocumentFilter(
            now=now,
            publication_id=self.publication.pk if self.publication else None,
            category_id=self.category.pk if self.category else None,
            language=self.language,
            kind=self.kind,
            date_from=self.date_from,
            date_to=self.date_to,
        )


@dataclass(frozen=True)
class StoryHit:
    story: Story
    headline_html: SafeString
    snippet: SafeString
    locked: bool  # the reader may not read it all: the snippet came from the preview


@dataclass(frozen=True)
class SearchResults:
    query: SearchQuery
    hits: list[StoryHit] = field(default_factory=list)
    total: int = 0
    total_is_capped: bool = False  # there are more than `total` matches; only the first `total` are paged
    page: int = 1
    pages: int = 0
    publications: list[Publication] = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def story_search(*, query: SearchQuery, reader: Reader, now: datetime.datetime | None = None) -> SearchResults:
    """Stories matching the query that readers can see, a page of them, with snippets this reader may see.
    Past the last page, the last page."""
    if query.parsed.is_empty:
        return SearchResults(query=query)
    now = now or timezone.now()
    backend = search_backend()
    languages = [query.language] if query.language else search_languages()
    where = query.document_filter(now)
    matches = backend.count(query=query.parsed, languages=languages, where=where, cap=MAX_RESULTS + 1)
    total = min(matches, MAX_RESULTS)
    pages = math.ceil(total / query.per_page)
    page = min(max(query.page, 1), max(pages, 1))
    ids = backend.story_ids(
        query=query.parsed,
        languages=languages,
        where=where,
        newest_first=query.sort == Sort.NEWEST,
        offset=(page - 1) * query.per_page,
        limit=query.per_page,
    )
    return SearchResults(
        query=query,
        hits=_hits(ids, query.parsed, reader, now),
        total=total,
        total_is_capped=matches > MAX_RESULTS,
        page=page,
        pages=pages,
        publications=publications_matching(query) if page == 1 else [],
    )


def editions_matching(*, parsed: ParsedQuery, now: datetime.datetime | None = None) -> list[int]:
    """Ids of visible editions with a story matching the query (from its newest MAX_RESULTS matching stories):
    what a reading app's search lists, as it offers editions, not stories."""
    if parsed.is_empty:
        return []
    story_ids = search_backend().story_ids(
        query=parsed,
        languages=search_languages(),
        where=DocumentFilter(now=now or timezone.now()),
        newest_first=True,
        offset=0,
        limit=MAX_RESULTS,
    )
    return list(Story.objects.filter(pk__in=story_ids).values_list("edition_id", flat=True).distinct())


def search_languages() -> list[str]:
    """The catalog's languages: a query is read in each of them, since a reader may search any title."""
    languages: list[str] | None = cache.get("search:languages")
    if languages is None:
        languages = sorted(set(Publication.objects.values_list("language", flat=True))) or ["en"]
        cache.set("search:languages", languages, LANGUAGES_CACHE_SECONDS)
    return languages


def publications_matching(query: SearchQuery) -> list[Publication]:
    """Titles whose name or description holds every word: shown above the stories."""
    if query.publication is not None or not query.parsed.terms:
        return []
    found = publications_visible()
    for word in query.parsed.all_words():
        found = found.filter(Q(title__icontains=word) | Q(description__icontains=word))
    if query.category:
        found = found.filter(categories=query.category)
    if query.language:
        found = found.filter(language=query.language)
    if query.kind:
        found = found.filter(kind=query.kind)
    return list(found[:PUBLICATIONS_SHOWN])


def _hits(ids: list[int], parsed: ParsedQuery, reader: Reader, now: datetime.datetime) -> list[StoryHit]:
    stories = Story.objects.select_related("edition__publication").in_bulk(ids)
    editions: dict[int, Access] = {}  # one answer per edition, whatever the number of its stories
    default_paragraphs = AccessPolicy.current().preview_paragraphs
    hits = []
    for story_id in ids:
        story = stories.get(story_id)
        if story is None:  # deleted between the two queries
            continue
        if story.edition_id not in editions:
            editions[story.edition_id] = edition_entitlement(reader=reader, edition=story.edition, now=now)
        access = story_entitlement(reader=reader, story=story, now=now, edition_access=editions[story.edition_id])
        hits.append(_hit(story, parsed, readable=access.allowed, default_paragraphs=default_paragraphs))
    return hits


def _hit(story: Story, parsed: ParsedQuery, *, readable: bool, default_paragraphs: int) -> StoryHit:
    """A result line. For a story the reader may not read, the snippet is cut from its preview alone: the search
    page must not become a way round the paywall."""
    wanted = set(stems(parsed.all_words(), story.language))
    blocks = story.body if readable else story_preview_split(story, default_paragraphs=default_paragraphs)[0]
    text = "\n".join(part for part in (story.standfirst, blocks_plain_text(blocks)) if part)
    return StoryHit(
        story=story,
        headline_html=text_highlighted(story.headline, wanted, story.language),
        snippet=text_snippet(text, wanted, story.language),
        locked=not readable,
    )


# --- you may also like ---------------------------------------------------------------------------------------

# Words that say what a story is about: its headline's, and the body's most frequent long words.
SIMILAR_BODY_WORDS = 12
SIMILAR_MIN_LENGTH = 5


def story_similar_words(story: Story) -> list[str]:
    headline = [word for word in words(story.headline) if len(word) > 3]
    body = [word.casefold() for word in words(blocks_plain_text(story.body)) if len(word) >= SIMILAR_MIN_LENGTH]
    frequent = [word for word, _count in Counter(body).most_common(SIMILAR_BODY_WORDS)]
    return list(dict.fromkeys([word.casefold() for word in headline] + frequent))


def story_related_compute(*, story: Story, now: datetime.datetime | None = None) -> list[int]:
    """Find and keep the stories of other publications closest in text to this one."""
    where = DocumentFilter(now=now or timezone.now(), exclude_publication_id=story.edition.publication_id)
    ids = search_backend().similar_ids(
        words=story_similar_words(story),
        language=story.language,
        where=where,
        exclude_story_id=story.pk,
        limit=RELATED_SHOWN,
    )
    with transaction.atomic():
        RelatedStory.objects.filter(story=story).delete()
        RelatedStory.objects.bulk_create(
            RelatedStory(story=story, related_id=related_id, position=position)
            for position, related_id in enumerate(ids)
        )
    transaction.on_commit(lambda: cache.delete(f"search:related:{story.pk}"))
    return ids


# Stories this young get their related ones found again each night, so that they also point to what came out
# after them.
RELATED_REFRESH_DAYS = 7


def recent_related_refresh(*, now: datetime.datetime | None = None) -> int:
    """Find related stories again for the editions released in the last RELATED_REFRESH_DAYS days."""
    now = now or timezone.now()
    recent = Edition.objects.visible(now).filter(release_at__gte=now - datetime.timedelta(days=RELATED_REFRESH_DAYS))
    return sum(edition_related_compute(edition_id=edition_id) for edition_id in recent.values_list("pk", flat=True))


def edition_related_compute(*, edition_id: int) -> int:
    stories = Story.objects.filter(edition_id=edition_id).select_related("edition")
    for story in stories:
        story_related_compute(story=story)
    return len(stories)
