"""You may also like: stories of other publications close in text to a story, found in the background when an
edition shows (tasks.py) and each night for recent ones, and read by the story page."""

from __future__ import annotations

import datetime
from collections import Counter

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from newsstand.catalog.blocks import blocks_plain_text
from newsstand.catalog.models import Edition, Story
from newsstand.search.backends import DocumentFilter, search_backend
from newsstand.search.models import RelatedStory
from newsstand.search.text import words

RELATED_SHOWN = 4
RELATED_CACHE_SECONDS = 300

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
    transaction.on_commit(lambda: cache.delete(_cache_key(story)))
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


def stories_you_may_also_like(*, story: Story) -> list[Story]:
    """The related stories found in the background (none yet: an empty list, never a wait), still visible.
    The same for every reader, so kept for a few minutes like "More stories from"."""
    related: list[Story] | None = cache.get(_cache_key(story))
    if related is None:
        links = (
            RelatedStory.objects.filter(story=story, related__edition__in=Edition.objects.visible())
            .select_related("related__edition__publication")
            .defer("related__body")
            .order_by("position")
        )
        related = [link.related for link in links]
        cache.set(_cache_key(story), related, RELATED_CACHE_SECONDS)
    return related


def _cache_key(story: Story) -> str:
    return f"search:related:{story.pk}"
