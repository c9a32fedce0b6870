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
