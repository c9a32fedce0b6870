"""What feeds, sitemaps and catalogs for machines list: released editions and their stories, never a locked text."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from newsstand.catalog.models import Story
from newsstand.catalog.selectors import editions_visible

FEED_ITEMS = 50


def stories_released(*, publication_slug: str | None = None, category_slug: str | None = None) -> QuerySet[Story]:
    """Stories of released editions, newest first, without their bodies (feeds carry headline and standfirst)."""
    stories = Story.objects.filter(edition__in=editions_visible())
    if publication_slug:
        stories = stories.filter(edition__publication__slug=publication_slug)
    if category_slug:
        stories = stories.filter(edition__publication__categories__slug=category_slug)
    return (
        stories.select_related("edition__publication")
        .defer("body")
        .order_by("-edition__release_at", "-edition__issue_date", "position")
    )


def stories_for_news_sitemap(*, now: datetime.datetime | None = None) -> QuerySet[Story]:
    """Google News wants the stories of the last two days only."""
    now = now or timezone.now()
    return stories_released().filter(edition__release_at__gte=now - datetime.timedelta(days=2))[:1000]
