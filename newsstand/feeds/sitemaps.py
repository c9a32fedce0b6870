"""sitemap.xml for search engines: publications, editions and stories that readers can see."""

from __future__ import annotations

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from newsstand.catalog.models import Edition, Publication, Story
from newsstand.catalog.selectors import editions_visible, publications_visible
from newsstand.feeds.selectors import stories_released


class PublicationSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "daily"
    priority = 0.8

    def items(self) -> QuerySet[Publication]:
        return publications_visible().order_by("pk")

    def lastmod(self, item: Publication) -> datetime.date | None:
        return getattr(item, "latest_issue_date", None)


class EditionSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "weekly"
    priority = 0.6

    def items(self) -> QuerySet[Edition]:
        return editions_visible().select_related("publication").order_by("pk")

    def lastmod(self, item: Edition) -> datetime.datetime:
        return item.updated_at


class StorySitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "monthly"
    priority = 0.5

    def items(self) -> QuerySet[Story]:
        return stories_released().order_by("pk")

    def lastmod(self, item: Story) -> datetime.datetime:
        return item.updated_at


SITEMAPS = {"publications": PublicationSitemap, "editions": EditionSitemap, "stories": StorySitemap}
