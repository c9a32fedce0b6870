"""Staff admin: superusers see everything; other staff see only their own publishers' titles."""

import pytest
from django.contrib.auth.models import Permission

from newsstand.accounts.models import User
from newsstand.catalog.models import Edition, Story
from newsstand.catalog.tests.factories import EditionFactory, PublicationFactory, StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher_staff():
    def make(publisher):
        user = User.objects.create_user(username=f"staff-{publisher.slug}", password="pw-long-enough", is_staff=True)
        user.user_permissions.set(Permission.objects.filter(content_type__app_label="catalog"))
        user.publishers.add(publisher)
        return user

    return make


def test_publisher_staff_see_only_their_own_titles(client, publisher_staff):
    own = PublicationFactory(title="Our Gazette")
    other = PublicationFactory(title="Their Times")
    own_story = StoryFactory(edition__publication=own, headline="Our scoop")
    other_story = StoryFactory(edition__publication=other, headline="Their scoop")
    client.force_login(publisher_staff(own.publisher))

    publications = client.get("/admin/catalog/publication/").content.decode()
    stories = client.get("/admin/catalog/story/").content.decode()

    assert "Our Gazette" in publications
    assert "Their Times" not in publications
    assert "Our scoop" in stories
    assert "Their scoop" not in stories
    assert client.get(f"/admin/catalog/story/{own_story.pk}/change/").status_code == 200
    assert client.get(f"/admin/catalog/story/{other_story.pk}/change/").status_code == 302  # "does not exist"
    assert client.get(f"/admin/catalog/publication/{other.pk}/change/").status_code == 302


def test_superuser_publishes_editions_from_the_list(client):
    admin = User.objects.create_superuser(username="root", password="pw-long-enough", email="r@example.org")
    edition = EditionFactory(status=Edition.Status.DRAFT, release_at=None)
    client.force_login(admin)

    response = client.post(
        "/admin/catalog/edition/", {"action": "publish_now", "_selected_action": [edition.pk]}, follow=True
    )

    assert response.status_code == 200
    edition.refresh_from_db()
    assert edition.status == Edition.Status.PUBLISHED
    assert client.get(edition.get_absolute_url()).status_code == 200


def test_admin_pages_render_for_a_superuser(client):
    admin = User.objects.create_superuser(username="root", password="pw-long-enough", email="r@example.org")
    story = StoryFactory()
    client.force_login(admin)
    for url in [
        "/admin/",
        "/admin/catalog/publisher/",
        "/admin/catalog/edition/",
        f"/admin/catalog/edition/{story.edition.pk}/change/",
        f"/admin/catalog/story/{story.pk}/change/",
        "/admin/catalog/publication/add/",
    ]:
        assert client.get(url).status_code == 200, url


def _pdf(text: str) -> bytes:
    import pymupdf

    document = pymupdf.open()
    document.new_page().insert_text((72, 72), text)
    return document.tobytes()


def test_uploading_an_edition_pdf_renders_its_pages_in_the_background(client, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from newsstand.catalog.models import Page

    admin = User.objects.create_superuser(username="root", password="pw-long-enough", email="r@example.org")
    publication = PublicationFactory()
    client.force_login(admin)
    form = {
        "publication": publication.pk, "issue_date": "2026-11-20", "label": "No. 1", "status": "draft",
        "stories-TOTAL_FORMS": 0, "stories-INITIAL_FORMS": 0, "pages-TOTAL_FORMS": 0, "pages-INITIAL_FORMS": 0,
    }  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/catalog/edition/add/",
            {**form, "source_pdf": SimpleUploadedFile("e.pdf", _pdf("Front page"), "application/pdf")},
        )

    assert response.status_code == 302, response.content.decode()[:2000]
    edition = Edition.objects.get(publication=publication)
    assert Page.objects.filter(edition=edition).count() == 1
    assert edition.status == Edition.Status.DRAFT  # rendered, not published


def test_a_broken_pdf_is_kept_and_its_reading_fails_with_the_reason(client, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin = User.objects.create_superuser(username="root", password="pw-long-enough", email="r@example.org")
    client.force_login(admin)
    form = {
        "publication": PublicationFactory().pk, "issue_date": "2026-11-20", "status": "draft",
        "stories-TOTAL_FORMS": 0, "stories-INITIAL_FORMS": 0, "pages-TOTAL_FORMS": 0, "pages-INITIAL_FORMS": 0,
        "source_pdf": SimpleUploadedFile("e.pdf", b"%PDF-1.7 not really", "application/pdf"),
    }  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/catalog/edition/add/", form)

    assert response.status_code == 302
    edition = Edition.objects.get()
    assert edition.source_pdf.read() == b"%PDF-1.7 not really"  # the original is kept
    assert edition.status == Edition.Status.DRAFT
    page = client.get(f"/admin/catalog/edition/{edition.pk}/change/").content.decode()
    assert "Failed" in page
    assert "not a readable PDF" in page


def test_staff_merge_two_stories_and_split_one_in_the_admin(client):
    from newsstand.catalog.tests.factories import paragraphs

    admin = User.objects.create_superuser(username="root", password="pw-long-enough", email="r@example.org")
    client.force_login(admin)
    edition = EditionFactory()
    first = StoryFactory(edition=edition, position=0, headline="Bridge to close", body=paragraphs(2, "First"))
    second = StoryFactory(edition=edition, position=1, headline="close for a year", body=paragraphs(2, "Second"))

    client.post("/admin/catalog/story/", {"action": "merge", "_selected_action": [first.pk, second.pk]}, follow=True)
    merged = Story.objects.get(edition=edition)
    assert [block["text"].split()[0] for block in merged.body] == ["First", "First", "Second", "Second"]
    assert merged.edited

    response = client.post(f"/admin/catalog/story/{merged.pk}/split/", {"at": 2, "headline": "A year of detours"})
    assert response.status_code == 302
    stories = list(Story.objects.filter(edition=edition).order_by("position"))
    assert [story.headline for story in stories] == ["Bridge to close", "A year of detours"]
    assert [block["text"].split()[0] for block in stories[1].body] == ["Second", "Second"]
    refused = client.post(f"/admin/catalog/story/{stories[0].pk}/split/", {"at": 0, "headline": "x"})
    assert "Split between two blocks" in refused.content.decode()
