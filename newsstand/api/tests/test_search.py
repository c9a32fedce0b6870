"""Search through the API: the site's search, its filters and its paywall, as JSON."""

import pytest

from newsstand.access.tests.factories import PlanFactory
from newsstand.catalog.tests.factories import EditionFactory, PublicationFactory, StoryFactory, paragraphs

pytestmark = pytest.mark.django_db

SECRET = "zanzibarian"


@pytest.fixture
def locked_story():
    PlanFactory()
    body = [*paragraphs(6), {"type": "paragraph", "text": f"The {SECRET} ledger was found in the vault."}]
    return StoryFactory(headline="Vault discovery", body=body, is_free=False)


def test_hits_carry_the_story_and_a_marked_passage(client):
    story = StoryFactory(headline="Ferry route changes", body=[{"type": "paragraph", "text": "The ferry sails later."}],
                         is_free=True)  # fmt: skip

    data = client.get("/api/v1/search/", {"q": "ferry"}).json()

    assert data["count"] == 1
    assert data["total_is_capped"] is False
    assert (data["page"], data["pages"], data["next"], data["previous"]) == (1, 1, None, None)
    [hit] = data["results"]
    assert hit["story"]["id"] == story.pk
    assert hit["story"]["api_url"].endswith(f"/stories/{story.slug}/")
    assert hit["headline_html"] == "<mark>Ferry</mark> route changes"
    assert "<mark>ferry</mark>" in hit["snippet"]
    assert hit["locked"] is False


def test_a_locked_story_gives_only_a_passage_of_its_opening(client, locked_story):
    response = client.get("/api/v1/search/", {"q": f"vault {SECRET}"})

    [hit] = response.json()["results"]
    assert hit["locked"] is True
    assert "ledger" not in response.content.decode()


def test_a_subscriber_by_token_gets_the_passage_that_matched(subscriber_api, locked_story):
    [hit] = subscriber_api.get("/api/v1/search/", {"q": SECRET}).json()["results"]
    assert hit["locked"] is False
    assert f"<mark>{SECRET}</mark> ledger was found" in hit["snippet"]


def test_filters_and_pages(client):
    valley = PublicationFactory(slug="valley-post", title="Valley Post")
    for n in range(25):
        StoryFactory(edition=EditionFactory(publication=valley), headline=f"Harbour news {n}")
    StoryFactory(headline="Harbour elsewhere")

    first = client.get("/api/v1/search/", {"q": "harbour", "publication": "valley-post", "sort": "newest"}).json()
    second = client.get(first["next"]).json()

    assert (first["count"], first["pages"], len(first["results"])) == (25, 2, 20)
    assert {hit["story"]["publication"] for hit in first["results"]} == {"valley-post"}
    assert len(second["results"]) == 5
    assert second["previous"] is not None
    assert second["publications"] == []  # titles are listed on the first page only


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"publication": "no-such-title"}, "publication"),
        ({"category": "no-such-category"}, "category"),
        ({"language": "xx"}, "language"),
        ({"from": "2026-13-45"}, "from"),
        ({"from": "2026-05-01", "to": "2026-04-01"}, "non_field_errors"),
        ({"page": "0"}, "page"),
        ({"sort": "random"}, "sort"),
        ({"q": "word " * 100}, "q"),
    ],
)
def test_bad_parameters_are_a_400_that_names_them(client, params, field):
    response = client.get("/api/v1/search/", {"q": "tax", **params})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_no_words_no_hits(client):
    StoryFactory(headline="Anything")
    assert client.get("/api/v1/search/?q=").json()["results"] == []
