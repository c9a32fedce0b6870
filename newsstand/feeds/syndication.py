"""RSS and Atom feeds per publication and per category: headline, standfirst and link of each story; never the
body, which may be locked."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, SyndicationFeed
from django.utils.translation import gettext as _

from newsstand.catalog.models import Category, Publication, Story
from newsstand.catalog.selectors import publications_visible
from newsstand.feeds.selectors import FEED_ITEMS, stories_released


class StoryFeedItems:
    """The item half of a story feed, shared by the publication and category feeds."""

    def item_title(self, item: Story) -> str:
        return item.headline

    def item_description(self, item: Story) -> str:
        return item.standfirst

    def item_link(self, item: Story) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Story) -> datetime.datetime | None:
        return item.edition.release_at

    def item_updateddate(self, item: Story) -> datetime.datetime:
        return item.updated_at

    def item_author_name(self, item: Story) -> str:
        return item.byline

    def item_categories(self, item: Story) -> list[str]:
        return [item.section] if item.section else []


class PublicationRssFeed(StoryFeedItems, Feed[Story, Publication]):
    def get_object(self, request: HttpRequest, publication: str) -> Publication:
        return get_object_or_404(publications_visible(), slug=publication)

    def title(self, obj: Publication) -> str:
        return obj.title

    def link(self, obj: Publication) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Publication) -> str:
        return obj.description

    def get_feed(self, obj: Publication, request: HttpRequest) -> SyndicationFeed:
        feed = super().get_feed(obj, request)
        feed.feed["language"] = obj.language  # the publication's, not the interface's
        return feed

    def items(self, obj: Publication) -> list[Story]:
        return list(stories_released(publication_slug=obj.slug)[:FEED_ITEMS])


class PublicationAtomFeed(PublicationRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Publication) -> str:
        return obj.description


class CategoryRssFeed(StoryFeedItems, Feed[Story, Category]):
    def get_object(self, request: HttpRequest, category: str) -> Category:
        return get_object_or_404(Category, slug=category)

    def title(self, obj: Category) -> str:
        return _("%(category)s: the newest stories") % {"category": _(obj.name)}

    def link(self, obj: Category) -> str:
        return f"/catalog/?category={obj.slug}"

    def description(self, obj: Category) -> str:
        return self.title(obj)

    def items(self, obj: Category) -> list[Story]:
        return list(stories_released(category_slug=obj.slug)[:FEED_ITEMS])


class CategoryAtomFeed(CategoryRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Category) -> str:
        return self.description(obj)
