"""Reads of search: a reader's query answered (stories, with snippets this reader may see, and titles), and the
editions a reading app's search lists."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import SafeString

from newsstand.access.models import AccessPolicy
from newsstand.access.rules import Access, Reader, edition_entitlement, story_blocks_split, story_entitlement
from newsstand.catalog.blocks import blocks_plain_text
from newsstand.catalog.models import Category, Publication, Story
from newsstand.catalog.selectors import CatalogFilters, publications_filtered
from newsstand.search.backends import DocumentFilter, search_backend
from newsstand.search.snippets import text_highlighted, text_snippet
from newsstand.search.text import ParsedQuery, stems

# Results are counted up to this many, and paged through up to it: nobody reads page 60, and counting every
# match of a common word would cost more than finding the first page.
MAX_RESULTS = 1000
PER_PAGE = 20
PUBLICATIONS_SHOWN = 6
LANGUAGES_CACHE_SECONDS = 300


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
    """Titles whose name or description holds every word, within the catalog's filters: shown above the stories."""
    if query.publication is not None or not query.parsed.terms:
        return []
    filters = CatalogFilters(
        category=query.category.slug if query.category else "", language=query.language, kind=query.kind, sort="title"
    )
    found = publications_filtered(filters)
    for word in query.parsed.all_words():
        found = found.filter(Q(title__icontains=word) | Q(description__icontains=word))
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
    opening, premium = story_blocks_split(story, allowed=readable, default_paragraphs=default_paragraphs)
    text = "\n".join(part for part in (story.standfirst, blocks_plain_text(opening + premium)) if part)
    return StoryHit(
        story=story,
        headline_html=text_highlighted(story.headline, wanted, story.language),
        snippet=text_snippet(text, wanted, story.language),
        locked=not readable,
    )
