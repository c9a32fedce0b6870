"""Feeds, sitemaps, robots.txt and social cards, read back the way feed readers and crawlers read them."""

import datetime
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.utils import timezone

from newsstand.catalog.models import Edition
from newsstand.catalog.tests.factories import CategoryFactory, EditionFactory, PublicationFactory, StoryFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def stories():
    culture = CategoryFactory(slug="culture", name="Culture")
    publication = PublicationFactory(slug="valley-post", title="Valley Post", language="fr", categories=[culture])
    edition = EditionFactory(publication=publication, release_at=timezone.now() - datetime.timedelta(hours=3))
    draft = EditionFactory(publication=publication, status=Edition.Status.DRAFT)
    return {
        "first": StoryFactory(edition=edition, position=0, headline="Le pont rouvre", standfirst="Après deux ans.",
                              byline="Par Anne Martin", section="Actualité", language="fr"),
        "second": StoryFactory(edition=edition, position=1, headline="Marché de Noël"),
        "draft": StoryFactory(edition=draft, headline="Pas encore publié"),
    }  # fmt: skip


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_publication_feed_lists_released_stories_with_headline_standfirst_and_link(client, stories, kind):
    feed = feedparser.parse(client.get(f"/feeds/valley-post/{kind}/").content)

    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Valley Post"
    if kind == "rss":
        assert feed.feed.language == "fr"
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Le pont rouvre", "Marché de Noël"]
    first = feed.entries[0]
    assert first.summary == "Après deux ans."
    assert first.link.endswith(stories["first"].get_absolute_url())
    assert first.author == "Par Anne Martin"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_category_feed(client, stories, kind):
    feed = feedparser.parse(client.get(f"/feeds/categories/culture/{kind}/").content)
    assert not feed.bozo
    assert "Le pont rouvre" in [entry.title for entry in feed.entries]
    assert "Pas encore publié" not in [entry.title for entry in feed.entries]


def test_unknown_feeds_are_404(client, stories):
    assert client.get("/feeds/no-such-title/rss/").status_code == 404
    assert client.get("/feeds/categories/no-such/atom/").status_code == 404


def test_sitemaps_list_what_readers_can_see(client, stories):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert len(sections) == 3
    urls = set()
    for section in sections:
        urls |= {loc.text for loc in ET.fromstring(client.get(section).content).iter(f"{SITEMAP}loc")}

    assert any(url.endswith(stories["first"].get_absolute_url()) for url in urls)
    assert any(url.endswith("/valley-post/") for url in urls)
    assert not any(url.endswith(stories["draft"].get_absolute_url()) for url in urls)


def test_news_sitemap_has_the_stories_of_the_last_two_days(client, stories):
    old = EditionFactory(release_at=timezone.now() - datetime.timedelta(days=5))
    StoryFactory(edition=old, headline="Last week's news")
    root = ET.fromstring(client.get("/news-sitemap.xml").content)
    news = "{http://www.google.com/schemas/sitemap-news/0.9}"
    titles = [node.text for node in root.iter(f"{news}title")]
    assert "Le pont rouvre" in titles
    assert "Last week's news" not in titles
    assert "fr" in [node.text for node in root.iter(f"{news}language")]


def test_robots_points_to_the_sitemaps(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /account/" in body


def test_social_cards_on_story_edition_and_publication_pages(client, stories):
    story = stories["first"]
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Le pont rouvre">' in html
    assert '<meta property="og:description" content="Après deux ans.">' in html
    assert '<meta name="twitter:card"' in html
    assert 'og:title" content="Valley Post' in client.get(story.edition.get_absolute_url()).content.decode()
    publication_page = client.get("/valley-post/").content.decode()
    assert 'type="application/rss+xml"' in publication_page
