"""A reader without access never receives the locked part of a story, in any response they can get."""

import html

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from newsstand.access.models import AccessPolicy
from newsstand.access.tests.factories import ReaderFactory
from newsstand.catalog.models import StoryImage
from newsstand.catalog.tests.factories import EditionFactory, PageFactory, StoryFactory

pytestmark = pytest.mark.django_db

LOCKED = [
    "Nobody outside the board knew the ferry contract had already been signed in March.",
    "The harbour master resigned on Tuesday evening, three hours after the vote.",
    "A second report, kept from the council, puts the cost at twice the figure.",
    "The mayor's office declined to say who had ordered the report withheld.",
    "In the end the town paid for the bridge it had voted against.",
]
OPEN = [f"Open paragraph {n} sets the scene for every reader." for n in range(1, 6)]


def body_of(response) -> str:
    """The response as text with HTML entities resolved, so that an escaped sentence still counts."""
    raw = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    return html.unescape(raw.decode("utf-8", "replace"))


@pytest.fixture
def locked_story():
    edition = EditionFactory()
    story = StoryFactory(
        edition=edition,
        position=0,
        is_free=False,
        body=[
            *({"type": "paragraph", "text": text} for text in OPEN),
            {"type": "image", "image": 0},
            {"type": "quote", "text": LOCKED[1], "attribution": "A councillor"},
            *({"type": "paragraph", "text": text} for text in LOCKED),
        ],
    )
    picture = StoryImage(story=story, position=0, caption=LOCKED[3], credit="Photo")
    picture.image.save("locked.webp", ContentFile(b"img"), save=False)
    picture.width, picture.height = 10, 10
    picture.save()
    StoryFactory(edition=edition, position=1, headline="A sibling story")
    for number in (1, 2, 3):
        name = default_storage.save(f"pages/leak/{number}.webp", ContentFile(f"page {number}".encode()))
        PageFactory(edition=edition, number=number, renditions={"800": name}, thumbnail=name, text=" ".join(LOCKED))
    return story


def api_urls(story) -> list[str]:
    """The REST API's addresses for the story, its edition and its pages."""
    edition = story.edition
    publication = f"/api/v1/publications/{edition.publication.slug}/"
    issue = f"{publication}editions/{edition.issue_date.isoformat()}/"
    return [
        "/api/v1/publications/",
        publication,
        f"{publication}editions/",
        issue,
        f"{issue}stories/",
        f"{issue}stories/{story.slug}/",
        *(f"{issue}pages/{n}/{rendition}/" for n in (1, 2, 3) for rendition in ("800", "thumb")),
        "/api/v1/search/?q=ferry",  # words of the locked part: the story is found, its snippet is of the preview
        "/api/v1/search/?q=harbour+master+resigned",
    ]


def responses_for(client: Client, story) -> dict[str, str]:
    edition = story.edition
    urls = [
        "/",
        "/catalog/",
        edition.publication.get_absolute_url(),
        edition.get_absolute_url(),
        edition.get_replica_url(),
        story.get_absolute_url(),
        story.edition.stories.get(position=1).get_absolute_url(),
        *(f"{edition.get_replica_url()}{n}-800.webp" for n in (1, 2, 3)),
        *(f"{edition.get_replica_url()}{n}-thumb.webp" for n in (1, 2, 3)),
        f"/feeds/{edition.publication.slug}/rss/",
        f"/feeds/{edition.publication.slug}/atom/",
        "/news-sitemap.xml",
        "/sitemap-stories.xml",
        f"/opds/publications/{edition.publication.slug}/",
        "/opds/newest/",
        f"{edition.get_absolute_url()}pdf/",
        *api_urls(story),
    ]
    return {url: body_of(client.get(url)) for url in urls}


def assert_nothing_locked_in(pages: dict[str, str]) -> None:
    for url, body in pages.items():
        for sentence in LOCKED:
            assert sentence not in body, f"{url} leaks: {sentence}"


def test_anonymous_reader_gets_no_locked_sentence_anywhere(client, locked_story):
    pages = responses_for(client, locked_story)
    assert OPEN[0] in pages[locked_story.get_absolute_url()]  # the preview itself is there
    assert_nothing_locked_in(pages)


def test_signed_in_reader_without_a_plan_gets_none_either(client, locked_story):
    client.force_login(ReaderFactory())
    assert_nothing_locked_in(responses_for(client, locked_story))


def test_reader_whose_meter_is_used_up_gets_none_either(client, locked_story):
    AccessPolicy.objects.update_or_create(pk=1, defaults={"meter_stories_per_month": 1})
    client.force_login(ReaderFactory())
    client.get(StoryFactory(is_free=False).get_absolute_url())  # spends the allowance elsewhere
    assert_nothing_locked_in(responses_for(client, locked_story))


def test_the_sentences_do_reach_a_subscriber(subscriber_client, locked_story):
    page = body_of(subscriber_client.get(locked_story.get_absolute_url()))
    assert all(sentence in page for sentence in LOCKED)
    story_api = body_of(subscriber_client.get(api_urls(locked_story)[5]))
    assert all(sentence in story_api for sentence in LOCKED)
