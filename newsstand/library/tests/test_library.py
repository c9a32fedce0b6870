"""A reader's library: follows, bookmarks, continue reading across devices, new-edition emails."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from newsstand.access.tests.factories import ReaderFactory
from newsstand.catalog.tests.factories import EditionFactory, PublicationFactory, StoryFactory
from newsstand.library.models import Follow
from newsstand.library.services import new_editions_notify

pytestmark = pytest.mark.django_db


def test_followed_titles_come_first_on_the_home_page(client):
    followed = PublicationFactory(title="Quiet Monthly")
    EditionFactory(publication=followed, issue_date=datetime.date(2026, 1, 1))
    for n in range(3):
        EditionFactory(publication=PublicationFactory(title=f"Busy Daily {n}"), issue_date=datetime.date(2026, 6, 1))
    reader = ReaderFactory()
    client.force_login(reader)

    client.post(f"/library/follow/{followed.slug}/", {"following": "1"})
    html = client.get("/").content.decode()

    main = html[html.index("<main") :]
    assert main.index("New from titles you follow") < main.index("Quiet Monthly") < main.index("Latest editions")
    assert "Quiet Monthly" in client.get("/library/").content.decode()
    client.post(f"/library/follow/{followed.slug}/", {"following": "0"})
    assert "New from titles you follow" not in client.get("/").content.decode()


def test_bookmarks(client):
    story = StoryFactory(headline="Keep this one")
    client.force_login(ReaderFactory())
    client.post(f"/library/bookmark/{story.pk}/", {"bookmarked": "1", "next": story.get_absolute_url()})
    assert "Keep this one" in client.get("/library/").content.decode()
    assert 'aria-pressed="true">Bookmarked' in client.get(story.get_absolute_url()).content.decode()


def test_continue_reading_follows_the_reader_to_another_device(client):
    story = StoryFactory(headline="Half-read feature")
    edition = EditionFactory()
    reader = ReaderFactory()
    phone, laptop = Client(), Client()
    phone.force_login(reader)
    laptop.force_login(reader)

    phone.post("/library/progress/", json.dumps({"story": story.pk, "position": 0.4}), content_type="application/json")
    phone.post("/library/progress/", json.dumps({"edition": edition.pk, "page": 7}), content_type="application/json")
    library = laptop.get("/library/").content.decode()

    assert "Half-read feature" in library
    assert f"{edition.get_replica_url()}#page-7" in library


def test_finished_stories_leave_continue_reading_but_stay_in_history(client):
    story = StoryFactory(headline="Read to the end")
    client.force_login(ReaderFactory())
    client.post("/library/progress/", json.dumps({"story": story.pk, "position": 1}), content_type="application/json")
    context = client.get("/library/").context["library"]
    assert context.continue_reading == []
    assert [p.story for p in context.history] == [story]


@pytest.mark.parametrize("body", ["not json", json.dumps({"story": "x"}), json.dumps({"nothing": 1})])
def test_malformed_progress_is_a_400(client, body):
    client.force_login(ReaderFactory())
    assert client.post("/library/progress/", body, content_type="application/json").status_code == 400


def test_followers_who_asked_get_one_email_per_new_edition(mailoutbox):
    publication = PublicationFactory(title="Fjord Weekly")
    Follow.objects.create(user=ReaderFactory(email="wants@example.org"), publication=publication, notify_by_email=True)
    Follow.objects.create(user=ReaderFactory(email="quiet@example.org"), publication=publication)
    EditionFactory(publication=publication, release_at=timezone.now() - datetime.timedelta(hours=1))
    EditionFactory(publication=publication, release_at=timezone.now() - datetime.timedelta(days=30))  # old news

    assert new_editions_notify() == 1
    assert new_editions_notify() == 0
    assert [m.to for m in mailoutbox] == [["wants@example.org"]]
    assert "Fjord Weekly" in mailoutbox[0].subject
