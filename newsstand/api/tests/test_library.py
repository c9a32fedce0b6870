"""A reader's bookmarks and follows through the API: their own, and nobody else's."""

import json

import pytest
from django.test import Client

from newsstand.access.tests.factories import ReaderFactory
from newsstand.api.tests.conftest import token_client
from newsstand.catalog.models import Edition
from newsstand.catalog.tests.factories import EditionFactory, PublicationFactory, StoryFactory
from newsstand.library.models import Bookmark, Follow

pytestmark = pytest.mark.django_db


def post(client: Client, url: str, data: dict):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def ann():
    return ReaderFactory(email="ann@example.org")


@pytest.fixture
def bob():
    return ReaderFactory(email="bob@example.org")


def test_the_library_needs_a_signed_in_reader(client):
    for url in ("/api/v1/me/bookmarks/", "/api/v1/me/follows/"):
        response = client.get(url)
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"
    assert post(client, "/api/v1/me/bookmarks/", {"story": StoryFactory().pk}).status_code == 401
    assert Bookmark.objects.count() == 0


def test_bookmark_list_and_remove(ann):
    story = StoryFactory(headline="Keep this one")
    app = token_client(ann)

    created = post(app, "/api/v1/me/bookmarks/", {"story": story.pk})
    again = post(app, "/api/v1/me/bookmarks/", {"story": story.pk})
    listed = app.get("/api/v1/me/bookmarks/").json()

    assert created.status_code == 201
    assert created.json()["story"]["headline"] == "Keep this one"
    assert again.status_code == 200
    assert [b["story"]["id"] for b in listed["results"]] == [story.pk]
    assert "body" not in listed["results"][0]["story"]
    assert app.delete(f"/api/v1/me/bookmarks/{story.pk}/").status_code == 204
    assert app.get("/api/v1/me/bookmarks/").json()["count"] == 0
    assert app.delete(f"/api/v1/me/bookmarks/{story.pk}/").status_code == 404


def test_readers_see_and_change_only_their_own_bookmarks(ann, bob):
    story = StoryFactory()
    post(token_client(ann), "/api/v1/me/bookmarks/", {"story": story.pk})
    bobs_app = token_client(bob)

    assert bobs_app.get("/api/v1/me/bookmarks/").json()["count"] == 0
    assert bobs_app.delete(f"/api/v1/me/bookmarks/{story.pk}/").status_code == 404
    assert Bookmark.objects.filter(user=ann, story=story).exists()


def test_only_published_stories_can_be_bookmarked(ann):
    draft = StoryFactory(edition=EditionFactory(status=Edition.Status.DRAFT))
    app = token_client(ann)

    for story in (draft.pk, 987654321, "twelve", None):
        response = post(app, "/api/v1/me/bookmarks/", {"story": story})
        assert response.status_code == 400, story
        assert list(response.json()["errors"]) == ["story"]
    assert post(app, "/api/v1/me/bookmarks/", {}).status_code == 400
    assert (
        app.post("/api/v1/me/bookmarks/", "story=1", content_type="application/x-www-form-urlencoded").status_code
        == 415
    )
    assert Bookmark.objects.count() == 0


def test_follow_list_and_unfollow(ann):
    EditionFactory(publication=PublicationFactory(slug="valley-post", title="Valley Post"))
    EditionFactory(publication=PublicationFactory(slug="zeta", title="Zeta"))
    app = token_client(ann)

    created = post(app, "/api/v1/me/follows/", {"publication": "valley-post", "notify_by_email": True})
    post(app, "/api/v1/me/follows/", {"publication": "zeta"})
    changed = post(app, "/api/v1/me/follows/", {"publication": "valley-post", "notify_by_email": False})
    listed = app.get("/api/v1/me/follows/").json()

    assert created.status_code == 201
    assert created.json()["notify_by_email"] is True
    assert changed.status_code == 200
    assert [(f["publication"]["slug"], f["notify_by_email"]) for f in listed["results"]] == [
        ("valley-post", False), ("zeta", False),
    ]  # fmt: skip
    assert app.delete("/api/v1/me/follows/valley-post/").status_code == 204
    assert [f["publication"]["slug"] for f in app.get("/api/v1/me/follows/").json()["results"]] == ["zeta"]


def test_readers_see_and_change_only_their_own_follows(ann, bob):
    EditionFactory(publication=PublicationFactory(slug="valley-post"))
    post(token_client(ann), "/api/v1/me/follows/", {"publication": "valley-post"})
    bobs_app = token_client(bob)

    assert bobs_app.get("/api/v1/me/follows/").json()["count"] == 0
    assert bobs_app.delete("/api/v1/me/follows/valley-post/").status_code == 404
    assert Follow.objects.filter(user=ann).count() == 1


def test_only_visible_publications_can_be_followed(ann):
    EditionFactory(publication=PublicationFactory(slug="drafts-only"), status=Edition.Status.DRAFT)
    app = token_client(ann)
    for slug in ("drafts-only", "no-such-title"):
        response = post(app, "/api/v1/me/follows/", {"publication": slug})
        assert response.status_code == 400
        assert response.json()["errors"]["publication"] == [f"No publication has the slug “{slug}”."]


def test_a_session_must_send_its_csrf_token_to_write(ann):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(ann)
    story = StoryFactory()

    refused = post(browser, "/api/v1/me/bookmarks/", {"story": story.pk})

    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert browser.get("/api/v1/me/bookmarks/").status_code == 200  # reading needs no token
