"""Reads of search that other pages show: the stories a story's page suggests."""

from __future__ import annotations

from django.core.cache import cache

from newsstand.catalog.models import Edition, Story
from newsstand.search.models import RelatedStory

RELATED_CACHE_SECONDS = 300


def stories_you_may_also_like(*, story: Story) -> list[Story]:
    """The related stories found in the background (none yet: an empty list, never a wait), still visible.
    The same for every reader, so kept for a few minutes like "More stories from"."""
    key = f"search:related:{story.pk}"
    related: list[Story] | None = cache.get(key)
    if related is None:
        links = (
            RelatedStory.objects.filter(story=story, related__edition__in=Edition.objects.visible())
            .select_related("related__edition__publication")
            .defer("related__body")
            .order_by("position")
        )
        related = [link.related for link in links]
        cache.set(key, related, RELATED_CACHE_SECONDS)
    return related
