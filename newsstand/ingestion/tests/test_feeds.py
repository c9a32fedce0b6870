"""RSS and Atom feeds: new items only, once; malformed feeds say what is wrong and lose nothing; an item whose page
cannot be fetched is tried again at the next poll. The network is a fake that answers with saved files."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command

from newsstand.accounts.models import User
from newsstand.catalog import services as catalog_services
from newsstand.catalog.models import Edition, Story
from newsstand.catalog.tests.factories import PublicationFactory
from newsstand.ingestion.models import FeedSource, ImportedItem
from newsstand.ingestion.tests.web_fakes import FEEDS, fake_web_install
from newsstand.ingestion.web import importing
from newsstand.ingestion.web.errors import FetchError, UnreadablePageError
from newsstand.ingestion.web.importing import feed_poll
from newsstand.ingestion.web.services import feed_source_register
from newsstand.ingestion.web.tasks import feeds_poll_task

pytestmark = pytest.mark.django_db

FEED_URL = "https://wire.example/feed.xml"
RSS = (FEEDS / "rss.xml").read_bytes()
RSS_UPDATED = (FEEDS / "rss-updated.xml").read_bytes()
LEDGER = "https://dailyledger.example/business/flickbox-subscribers-fall-a4471"


@pytest.fixture
def fake_web(monkeypatch):
    return fake_web_install(monkeypatch)


@pytest.fixture
def source():
    return feed_source_register(publication=PublicationFactory(), url=FEED_URL)


def serve(fake_web, content: bytes, url: str = FEED_URL, content_type: str = "application/rss+xml") -> None:
    fake_web.answers[url] = (content_type, content)


def headlines(source) -> set[str]:
    return set(Story.objects.filter(edition__publication=source.publication).values_list("headline", flat=True))


def test_a_feed_imports_its_items_once_and_a_second_poll_imports_nothing(fake_web, source):
    serve(fake_web, RSS)

    first = feed_poll(source=source)
    second = feed_poll(source=source)

    assert (first.imported, first.failed) == (3, 0)
    assert (second.imported, second.known) == (0, 3)
    assert headlines(source) == {
        "Streaming service loses 400,000 subscribers as prices rise",
        "Island ferry to call at two more harbours from May",
        "Bygda som kjøpte butikken sin",
    }
    assert Story.objects.count() == 3
    assert fake_web.fetched(LEDGER) == 1  # known items are not fetched again
    source.refresh_from_db()
    assert source.title == "Newsstand test wire"
    assert source.last_error == ""
    assert source.last_polled_at is not None


def test_stories_go_into_draft_editions_of_their_dates_with_the_page_as_story(fake_web, source):
    serve(fake_web, RSS)

    feed_poll(source=source)

    story = Story.objects.get(headline="Island ferry to call at two more harbours from May")
    assert story.edition.issue_date == datetime.date(2026, 3, 4)
    assert story.edition.status == Edition.Status.DRAFT
    assert (
        story.standfirst == "The county council backs a longer route after years of complaints from the outer islands."
    )
    assert not any("Start your free trial" in block.get("text", "") for block in story.body)
    item = ImportedItem.objects.get(story=story)
    assert item.source == source
    assert item.guid == item.url == "https://coasttimes.example/news/2026/03/04/island-ferry-two-more-harbours"
    assert Story.objects.get(headline="Bygda som kjøpte butikken sin").language == "nb"


def test_an_updated_feed_imports_only_its_new_item(fake_web, source):
    serve(fake_web, RSS)
    feed_poll(source=source)
    serve(fake_web, RSS_UPDATED)

    poll = feed_poll(source=source)

    assert (poll.imported, poll.known) == (1, 3)
    assert "Neue Straßenbahnlinie: Bauarbeiten beginnen im Juni" in headlines(source)
    assert Story.objects.count() == 4


def test_polls_are_conditional_and_an_unchanged_feed_costs_one_request(fake_web, source):
    serve(fake_web, RSS)
    feed_poll(source=source)
    source.refresh_from_db()
    assert source.etag
    fake_web.not_modified_etag = source.etag
    fake_web.requests.clear()

    poll = feed_poll(source=source)

    assert poll.imported == poll.failed == 0
    assert fake_web.requests == [{"url": FEED_URL, "etag": source.etag, "modified": ""}]


def test_full_text_entries_need_no_page_and_lose_their_boilerplate(fake_web, source):
    serve(fake_web, (FEEDS / "atom.xml").read_bytes(), content_type="application/atom+xml")

    poll = feed_poll(source=source)

    assert poll.imported == 2
    story = Story.objects.get(headline="The night the harbour froze")
    texts = [block.get("text", "") for block in story.body]
    assert "Cracks at dawn" in texts
    assert not any(text.startswith(("Read more", "Share this")) for text in texts)
    assert story.byline == "Ingrid Solberg"
    assert story.edition.issue_date == datetime.date(2026, 6, 1)
    assert story.images.get().credit == "Per Frost"
    bench = Story.objects.get(headline="A new bench on the breakwater")
    assert not any("Subscribe" in block.get("text", "") for block in bench.body)
    assert not fake_web.fetched("https://harbournotes.example/2026/06/the-night-the-harbour-froze")


def test_a_malformed_feed_says_what_is_wrong_and_keeps_the_items_it_can_know(fake_web, source):
    serve(fake_web, (FEEDS / "malformed.xml").read_bytes())

    poll = feed_poll(source=source)

    source.refresh_from_db()
    assert "not well-formed" in source.last_error
    assert "mismatched tag at line 17" in source.last_error
    assert "1 item had neither an id nor a link" in source.last_error
    assert poll.imported == 2  # read from their pages: the broken feed's own text is not trusted
    assert source.etag == ""  # the next poll reads the whole feed again


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ((FEEDS / "garbage.xml").read_bytes(), "not an RSS or Atom feed"),
        (b"<!DOCTYPE html><html><head><title>Wire</title></head><body><p>Hello</p></body></html>", "web page"),
        (b"", "not an RSS or Atom feed"),
    ],
)
def test_a_feed_that_is_no_feed_gets_a_clear_error_and_imports_nothing(fake_web, source, content, message):
    serve(fake_web, content)

    poll = feed_poll(source=source)

    source.refresh_from_db()
    assert message in source.last_error
    assert poll.imported == 0
    assert not Story.objects.exists()
    assert not Edition.objects.exists()


def test_an_unreachable_feed_is_noted_on_the_source(fake_web, source):
    poll = feed_poll(source=source)  # the fake answers 404 for addresses it does not know

    source.refresh_from_db()
    assert "404" in source.last_error
    assert poll.imported == 0


def test_an_item_whose_page_fails_is_tried_again_at_the_next_poll_not_lost(fake_web, source):
    serve(fake_web, RSS)
    fake_web.answers[LEDGER] = FetchError("dailyledger.example: the server answered 503")

    first = feed_poll(source=source)

    assert (first.imported, first.failed) == (2, 1)
    failed = ImportedItem.objects.get(status=ImportedItem.Status.FAILED)
    assert failed.guid == "ledger-4471"
    assert "503" in failed.error
    source.refresh_from_db()
    assert "will be tried again" in source.last_error

    # The page is back, and the feed has not changed since (304): the item is retried all the same.
    del fake_web.answers[LEDGER]
    fake_web.not_modified_etag = source.etag
    second = feed_poll(source=source)

    assert second.imported == 1
    failed.refresh_from_db()
    assert failed.status == ImportedItem.Status.IMPORTED
    assert failed.story.headline == "Streaming service loses 400,000 subscribers as prices rise"
    assert failed.attempts == 2
    source.refresh_from_db()
    assert source.last_error == ""


def test_a_failed_item_is_retried_even_after_it_left_the_feed(fake_web, source):
    serve(fake_web, RSS)
    fake_web.answers[LEDGER] = FetchError("503")
    feed_poll(source=source)
    del fake_web.answers[LEDGER]
    serve(fake_web, RSS.replace(b"ledger-4471", b"gone").replace(LEDGER.encode(), b"https://gone.example/x"))

    feed_poll(source=source)

    assert ImportedItem.objects.get(guid="ledger-4471").status == ImportedItem.Status.IMPORTED


def test_each_item_lands_whole_or_not_at_all(fake_web, source, monkeypatch):
    serve(fake_web, RSS)
    real_story_create = catalog_services.story_create

    def story_create_failing_for_the_ferry(**kwargs):
        story = real_story_create(**kwargs)  # the story row is written, then the item fails
        if "ferry" in kwargs["headline"]:
            raise UnreadablePageError("the disk is full")
        return story

    monkeypatch.setattr(importing, "story_create", story_create_failing_for_the_ferry)
    poll = feed_poll(source=source)

    assert (poll.imported, poll.failed) == (2, 1)
    assert not Story.objects.filter(headline__contains="ferry").exists()
    assert not Edition.objects.filter(issue_date=datetime.date(2026, 3, 4)).exists()  # its edition went too
    assert ImportedItem.objects.filter(status=ImportedItem.Status.FAILED, story=None).count() == 1

    monkeypatch.setattr(importing, "story_create", real_story_create)
    assert feed_poll(source=source).imported == 1
    assert Story.objects.count() == 3


def test_the_same_story_through_two_feeds_is_imported_once(fake_web, source):
    other = feed_source_register(publication=source.publication, url="https://wire.example/other.xml")
    serve(fake_web, RSS)
    serve(fake_web, RSS.replace(b"ledger-4471", b"another-id-for-the-same-story"), url=other.url)

    feed_poll(source=source)
    poll = feed_poll(source=other)

    assert poll.imported == 0
    assert Story.objects.count() == 3


def test_a_story_deleted_by_its_publisher_is_not_brought_back(fake_web, source):
    serve(fake_web, RSS)
    feed_poll(source=source)
    Story.objects.filter(headline__startswith="Streaming").delete()

    assert feed_poll(source=source).imported == 0
    assert Story.objects.count() == 2


def test_the_worker_task_polls_every_active_feed_and_survives_a_broken_one(fake_web, source, monkeypatch):
    broken = feed_source_register(publication=source.publication, url="https://broken.example/feed.xml")
    serve(fake_web, b"<rss><channel><item><title>cut off", url=broken.url)
    crashing = feed_source_register(publication=source.publication, url="https://crash.example/feed.xml")
    FeedSource.objects.create(publication=source.publication, url="https://off.example/feed.xml", is_active=False)
    serve(fake_web, RSS)
    real_feed_poll = importing.feed_poll

    def feed_poll_with_a_bug(*, source, content=None):
        if source.pk == crashing.pk:
            raise RuntimeError("a bug")
        return real_feed_poll(source=source, content=content)

    monkeypatch.setattr(importing, "feed_poll", feed_poll_with_a_bug)
    result = feeds_poll_task.enqueue()

    assert result.return_value["imported"] == 3
    broken.refresh_from_db()
    crashing.refresh_from_db()
    assert broken.last_error
    assert "unexpectedly" in crashing.last_error
    assert not fake_web.fetched("https://off.example/feed.xml")


def test_the_command_registers_a_feed_file_and_imports_it_once(fake_web, capsys):
    publication = PublicationFactory(slug="wire")

    call_command("import_feed", "wire", str(FEEDS / "rss.xml"))
    call_command("import_feed", "wire", str(FEEDS / "rss-updated.xml"))

    out = capsys.readouterr().out
    assert "imported 3, known before 0, failed 0" in out
    assert "imported 1, known before 3, failed 0" in out
    assert Story.objects.filter(edition__publication=publication).count() == 4
    assert not FeedSource.objects.filter(is_active=True).exists()  # files are not polled on the schedule


def test_the_command_registers_an_address_and_says_what_went_wrong(fake_web):
    PublicationFactory(slug="wire")

    with pytest.raises(CommandError, match="404"):
        call_command("import_feed", "wire", "https://nowhere.example/feed.xml")
    with pytest.raises(CommandError, match="http"):
        call_command("import_feed", "wire", "ftp://nowhere.example/feed.xml")

    assert FeedSource.objects.get().url == "https://nowhere.example/feed.xml"


# ---------------------------------------------------------------------------------------------------------------
# Admin


def test_publisher_staff_see_only_their_own_feeds_and_poll_them_now(
    fake_web, source, client, django_capture_on_commit_callbacks
):
    other = feed_source_register(publication=PublicationFactory(), url="https://theirs.example/feed.xml")
    staff = User.objects.create_user(username="staff", password="pw-long-enough", is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="ingestion"))
    staff.publishers.add(source.publication.publisher)
    client.force_login(staff)
    serve(fake_web, RSS)

    listing = client.get("/admin/ingestion/feedsource/").content.decode()
    assert FEED_URL in listing
    assert other.url not in listing
    assert client.get(f"/admin/ingestion/feedsource/{other.pk}/change/").status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/ingestion/feedsource/", {"action": "poll_now", "_selected_action": [source.pk, other.pk]}
        )

    assert response.status_code == 302
    assert len(headlines(source)) == 3
    assert not fake_web.fetched(other.url)  # not theirs: the action never saw it
    assert client.get("/admin/ingestion/importeditem/").status_code == 200


def test_a_feed_added_in_the_admin_is_polled_at_once(fake_web, client, django_capture_on_commit_callbacks):
    publication = PublicationFactory()
    client.force_login(User.objects.create_superuser(username="root", password="pw-long-enough", email="r@x.org"))
    serve(fake_web, RSS)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/ingestion/feedsource/add/", {"publication": publication.pk, "url": FEED_URL, "is_active": "on"}
        )

    assert response.status_code == 302
    assert FeedSource.objects.get().title == "Newsstand test wire"
    assert Story.objects.count() == 3
