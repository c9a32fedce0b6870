"""Publications, editions, pages and stories through the API, as a reading app meets them."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsstand.access.models import AccessPolicy, MeteredRead
from newsstand.access.rules import Reason
from newsstand.access.tests.factories import ReaderFactory
from newsstand.api.tests.conftest import token_client
from newsstand.catalog.models import Edition, Publication
from newsstand.catalog.tests.factories import (
    CategoryFactory,
    EditionFactory,
    PageFactory,
    PublicationFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db

LOCKED = "The locked sentence number {n} reveals the ending."


def premium_story(**kwargs):
    body = [{"type": "paragraph", "text": f"Open paragraph {n} for everyone."} for n in range(1, 5)]
    body += [{"type": "heading", "text": "A crosshead"}]
    body += [{"type": "paragraph", "text": LOCKED.format(n=n)} for n in range(5, 11)]
    return StoryFactory(body=body, **{"is_free": False, **kwargs})


def texts(story_json) -> list[str]:
    return [block["text"] for block in story_json["body"] if "text" in block]


def story_url(story) -> str:
    edition = story.edition
    return f"/api/v1/publications/{edition.publication.slug}/editions/{edition.issue_date}/stories/{story.slug}/"


# --- publications --------------------------------------------------------------------------------------------


def test_publications_lists_only_titles_with_a_released_edition(client):
    EditionFactory(publication=PublicationFactory(slug="out-now", title="Out Now"))
    EditionFactory(publication=PublicationFactory(slug="draft-only"), status=Edition.Status.DRAFT)
    EditionFactory(
        publication=PublicationFactory(slug="tomorrow"),
        status=Edition.Status.SCHEDULED,
        release_at=timezone.now() + datetime.timedelta(days=1),
    )

    data = client.get("/api/v1/publications/").json()

    assert data["count"] == 1
    [publication] = data["results"]
    assert publication["slug"] == "out-now"
    assert publication["title"] == "Out Now"
    assert publication["url"] == "http://testserver/out-now/"
    assert publication["editions_url"] == "http://testserver/api/v1/publications/out-now/editions/"
    assert client.get("/api/v1/publications/draft-only/").status_code == 404


def test_publications_filter_like_the_catalog(client):
    culture = CategoryFactory(slug="culture", name="Culture")
    EditionFactory(publication=PublicationFactory(slug="kultur", language="nb", country="NO", categories=[culture]))
    EditionFactory(
        publication=PublicationFactory(slug="monthly", language="en", country="GB", kind=Publication.Kind.MAGAZINE)
    )

    def slugs(query: str) -> list[str]:
        return [p["slug"] for p in client.get(f"/api/v1/publications/?{query}").json()["results"]]

    assert slugs("category=culture") == ["kultur"]
    assert slugs("language=nb") == ["kultur"]
    assert slugs("country=GB") == ["monthly"]
    assert slugs("kind=magazine") == ["monthly"]
    assert slugs("sort=title") == ["kultur", "monthly"]
    assert slugs("category=no-such-category") == []


def test_publication_detail_has_publisher_categories_and_latest_edition(client):
    culture = CategoryFactory(slug="culture", name="Culture")
    publication = PublicationFactory(slug="kultur", issn="2049-3630", categories=[culture])
    EditionFactory(publication=publication, issue_date=datetime.date(2026, 3, 1))
    EditionFactory(publication=publication, issue_date=datetime.date(2026, 3, 8))

    data = client.get("/api/v1/publications/kultur/").json()

    assert data["publisher"]["name"] == publication.publisher.name
    assert data["categories"] == [{"slug": "culture", "name": "Culture"}]
    assert data["latest_issue_date"] == "2026-03-08"
    assert data["issn"] == "2049-3630"
    assert data["country"] == "GB"
    assert data["cover_url"] is None


def test_bad_filters_are_a_400_that_names_the_parameter(client):
    for query in ("language=xx", "kind=pamphlet", "sort=random", "country=ZZ", "category=not a slug"):
        response = client.get(f"/api/v1/publications/?{query}")
        assert response.status_code == 400, query
        name = query.split("=")[0]
        assert response.json()["code"] == "invalid"
        assert list(response.json()["errors"]) == [name]


def test_empty_parameters_count_as_not_given(client):
    EditionFactory()
    everything = client.get("/api/v1/publications/").json()
    assert client.get("/api/v1/publications/?language=&kind=&category=&sort=&page=&page_size=").json() == everything


def test_errors_are_in_the_callers_language(client):
    response = client.get("/api/v1/publications/?page=0", headers={"accept-language": "de"})
    assert response.status_code == 400
    assert response.json()["errors"]["page"] == ["Geben Sie eine ganze Zahl von 1 bis 1000000 an."]


# --- pagination ----------------------------------------------------------------------------------------------


def test_lists_come_in_pages(client):
    for n in range(5):
        EditionFactory(publication=PublicationFactory(title=f"Title {n}"))

    first = client.get("/api/v1/publications/?sort=title&page_size=2").json()
    second = client.get(first["next"]).json()
    last = client.get("/api/v1/publications/?sort=title&page_size=2&page=3").json()

    assert first["count"] == 5
    assert [p["title"] for p in first["results"]] == ["Title 0", "Title 1"]
    assert first["previous"] is None
    assert [p["title"] for p in second["results"]] == ["Title 2", "Title 3"]
    assert second["previous"] == "http://testserver/api/v1/publications/?page_size=2&sort=title"
    assert [p["title"] for p in last["results"]] == ["Title 4"]
    assert last["next"] is None


@pytest.mark.parametrize(
    ("query", "status"),
    [("page=abc", 400), ("page=0", 400), ("page=-1", 400), ("page_size=0", 400), ("page_size=101", 400),
     ("page_size=1.5", 400), ("page=2", 404)],
)  # fmt: skip
def test_page_numbers_and_sizes_out_of_range(client, query, status):
    EditionFactory()
    response = client.get(f"/api/v1/publications/?{query}")
    assert response.status_code == status
    assert response.json()["detail"]


def test_an_empty_list_still_has_its_first_page(client):
    assert client.get("/api/v1/publications/").json() == {"count": 0, "next": None, "previous": None, "results": []}


# --- editions and pages --------------------------------------------------------------------------------------


def test_editions_newest_first_and_only_released(client):
    publication = PublicationFactory(slug="daily")
    EditionFactory(publication=publication, issue_date=datetime.date(2026, 1, 1))
    EditionFactory(publication=publication, issue_date=datetime.date(2026, 1, 2))
    EditionFactory(publication=publication, issue_date=datetime.date(2026, 1, 3), status=Edition.Status.DRAFT)

    data = client.get("/api/v1/publications/daily/editions/").json()

    assert [e["issue_date"] for e in data["results"]] == ["2026-01-02", "2026-01-01"]
    assert client.get("/api/v1/publications/daily/editions/2026-01-03/").status_code == 404
    assert client.get("/api/v1/publications/no-such/editions/").status_code == 404


@pytest.fixture
def edition_with_pages():
    edition = EditionFactory(publication=PublicationFactory(slug="daily"), issue_date=datetime.date(2026, 2, 1))
    for number in (1, 2, 3):
        name = default_storage.save(f"pages/api/{number}.webp", ContentFile(f"page {number}".encode()))
        PageFactory(edition=edition, number=number, renditions={"800": name, "320": name}, thumbnail=name)
    return edition


def test_anonymous_callers_get_images_of_the_free_pages_only(client, edition_with_pages):
    data = client.get("/api/v1/publications/daily/editions/2026-02-01/").json()

    assert data["access"] == {"allowed": False, "reason": "not_signed_in"}
    first, second, _third = data["pages"]
    assert first["locked"] is False
    assert [image["width"] for image in first["images"]] == [320, 800]
    image = client.get(first["images"][1]["url"])
    assert image.status_code == 200
    assert image["Content-Type"] == "image/webp"
    assert b"".join(image.streaming_content) == b"page 1"
    assert client.get(first["thumbnail_url"]).status_code == 200
    assert second == {"number": 2, "width": 595.0, "height": 842.0, "locked": True, "thumbnail_url": None,
                      "images": []}  # fmt: skip
    locked = client.get("/api/v1/publications/daily/editions/2026-02-01/pages/2/800/")
    assert locked.status_code == 403
    assert locked["Content-Type"] == "application/json"
    assert locked.json()["code"] == "permission_denied"


def test_subscribers_get_every_page_by_token(subscriber_api, edition_with_pages):
    data = subscriber_api.get("/api/v1/publications/daily/editions/2026-02-01/").json()

    assert data["access"] == {"allowed": True, "reason": "subscription"}
    assert not any(page["locked"] for page in data["pages"])
    assert subscriber_api.get(data["pages"][2]["images"][0]["url"]).status_code == 200
    assert subscriber_api.get("/api/v1/publications/daily/editions/2026-02-01/pages/3/1600/").status_code == 404
    assert subscriber_api.get("/api/v1/publications/daily/editions/2026-02-01/pages/9/800/").status_code == 404


# --- stories -------------------------------------------------------------------------------------------------


def test_story_lists_never_carry_the_text(client):
    story = premium_story(headline="Bridge reopens", standfirst="After two years.")
    edition = story.edition
    response = client.get(f"/api/v1/publications/{edition.publication.slug}/editions/{edition.issue_date}/stories/")

    [item] = response.json()["results"]
    assert item["headline"] == "Bridge reopens"
    assert item["standfirst"] == "After two years."
    assert item["is_free"] is False
    assert item["url"] == f"http://testserver{story.get_absolute_url()}"
    assert "body" not in item
    assert "Open paragraph" not in response.content.decode()


def test_anonymous_callers_get_the_preview_only(client):
    story = premium_story()

    response = client.get(story_url(story))
    data = response.json()

    assert data["access"] == {"allowed": False, "reason": "not_signed_in"}
    assert texts(data) == [f"Open paragraph {n} for everyone." for n in range(1, 5)]
    for n in range(5, 11):
        assert LOCKED.format(n=n) not in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_a_subscriber_signed_in_by_token_gets_the_whole_story(subscriber_api):
    story = premium_story()

    data = subscriber_api.get(story_url(story)).json()

    assert data["access"] == {"allowed": True, "reason": Reason.SUBSCRIPTION.value}
    assert texts(data) == [block["text"] for block in story.body]
    assert {"type": "heading", "text": "A crosshead"} in data["body"]


def test_a_session_works_as_well_as_a_token(subscriber_client):
    data = subscriber_client.get(story_url(premium_story())).json()
    assert data["access"]["allowed"] is True


def test_an_unknown_token_is_refused_not_ignored(client):
    response = client.get("/api/v1/publications/", headers={"authorization": "Token not-a-token"})
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_free_stories_are_whole_for_everyone(client):
    story = premium_story(is_free=True)
    data = client.get(story_url(story)).json()
    assert data["access"] == {"allowed": True, "reason": "free"}
    assert len(texts(data)) == len(story.body)


def test_reading_by_api_spends_the_monthly_allowance_like_the_page(reader_api):
    AccessPolicy.objects.update_or_create(pk=1, defaults={"meter_stories_per_month": 1})
    first, second = premium_story(), premium_story()

    assert reader_api.get(story_url(first)).json()["access"] == {"allowed": True, "reason": "meter"}
    assert reader_api.head(story_url(second)).status_code == 200  # a HEAD reads nothing
    assert reader_api.get(story_url(second)).json()["access"] == {"allowed": False, "reason": "meter_used_up"}
    assert MeteredRead.objects.count() == 1


def test_images_in_a_story_carry_their_caption_and_address(subscriber_api):
    from newsstand.catalog.models import StoryImage

    story = premium_story(is_free=True)
    story.body = [*story.body[:2], {"type": "image", "image": 0}, {"type": "image", "image": 7}, *story.body[2:]]
    story.save()
    picture = StoryImage(story=story, position=0, caption="The bridge at dawn", credit="Photo: Ann")
    picture.image.save("bridge.webp", ContentFile(b"img"), save=False)
    picture.width, picture.height = 40, 30
    picture.save()

    body = subscriber_api.get(story_url(story)).json()["body"]

    assert body[2] == {"type": "image", "image": 0, "url": f"http://testserver{picture.image.url}", "width": 40,
                       "height": 30, "caption": "The bridge at dawn", "credit": "Photo: Ann"}  # fmt: skip
    assert body[3]["url"] is None  # its image was removed


def test_unknown_addresses_are_json_404s(client):
    story = premium_story()
    edition = story.edition
    base = f"/api/v1/publications/{edition.publication.slug}/editions"
    for url in (
        f"{base}/2026-02-30/",  # no such day
        f"{base}/{edition.issue_date}/stories/no-such-story/",
        f"{base}/not-a-date/stories/",
        "/api/v1/nothing-here/",
        "/api/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json()["code"] == "not_found", url


def test_staff_who_are_not_members_get_no_special_access(client):
    staff = ReaderFactory(is_staff=True)
    data = token_client(staff).get(story_url(premium_story())).json()
    assert data["access"] == {"allowed": False, "reason": "not_entitled"}


@pytest.mark.parametrize(
    "path", ["publications/", "publications/daily/editions/", "publications/daily/editions/2026-01-01/stories/"]
)
def test_a_longer_list_costs_no_more_queries(client, django_assert_num_queries, path):
    publication = PublicationFactory(slug="daily", categories=[CategoryFactory()])
    edition = EditionFactory(publication=publication, issue_date=datetime.date(2026, 1, 1))
    StoryFactory(edition=edition)
    client.get(f"/api/v1/{path}")  # warms what is cached
    with CaptureQueriesContext(connection) as one:
        client.get(f"/api/v1/{path}")
    for n in range(5):
        EditionFactory(publication=PublicationFactory(categories=[CategoryFactory()]))
        EditionFactory(publication=publication, issue_date=datetime.date(2026, 1, 2 + n))
        StoryFactory(edition=edition)
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(client.get(f"/api/v1/{path}").json()["results"]) == 6
