"""Staff admin: superusers see everything; other staff see only their own publishers' titles."""

import pytest
from django.contrib.auth.models import Permission

from newsstand.accounts.models import User
from newsstand.catalog.models import Edition
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


def test_a_broken_pdf_is_refused_with_the_reason(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin = User.objects.create_superuser(username="root", password="pw-long-enough", email="r@example.org")
    client.force_login(admin)
    form = {
        "publication": PublicationFactory().pk, "issue_date": "2026-11-20", "status": "draft",
        "stories-TOTAL_FORMS": 0, "stories-INITIAL_FORMS": 0, "pages-TOTAL_FORMS": 0, "pages-INITIAL_FORMS": 0,
        "source_pdf": SimpleUploadedFile("e.pdf", b"%PDF-1.7 not really", "application/pdf"),
    }  # fmt: skip

    response = client.post("/admin/catalog/edition/add/", form)

    assert response.status_code == 200
    assert "This file cannot be used: not a readable PDF" in response.content.decode()
    assert not Edition.objects.exists()
