"""Staff admin: superusers see everything; other staff see only their own publishers' titles."""

import pytest
from django.contrib.auth.models import Permission

from newsstand.accounts.models import User
from newsstand.catalog.models import Edition, Story
from newsstand.catalog.tests.factories import EditionFactory, PublicationFactory, StoryFactory, paragraphs

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


def test_staff_merge_two_stories_and_split_one_in_the_admin(client):
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


def test_staff_review_an_edition_beside_its_pages_and_move_a_block(client, publisher_staff):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from newsstand.catalog.tests.factories import PageFactory

    edition = EditionFactory(page_count=1)  # a draft: staff review before publishing
    name = default_storage.save("pages/review/0001-800.webp", ContentFile(b"RIFF....WEBPVP8 "))
    PageFactory(edition=edition, number=1, width=600, height=800, renditions={"800": name})
    lead = StoryFactory(edition=edition, position=0, headline="Harbour plan",
                        body=[*paragraphs(3, "Lead"), {"type": "paragraph", "text": "A stray line of the next story."}],
                        regions=[{"page": 1, "box": [60, 80, 300, 400]}])  # fmt: skip
    second = StoryFactory(edition=edition, position=1, headline="Ferry fares", body=paragraphs(2, "Fares"),
                          regions=[{"page": 1, "box": [306, 80, 540, 400]}])  # fmt: skip
    other = EditionFactory(page_count=1)
    client.force_login(publisher_staff(edition.publication.publisher))
    review = f"/admin/catalog/edition/{edition.pk}/review/"

    page = client.get(review).content.decode()

    assert 'href="#story-1" style="left: 10.00%; top: 10.00%; width: 40.00%; height: 40.00%"' in page
    assert '<span class="review-area__number">2</span>' in page
    image = client.get(f"{review}pages/1-800.webp")
    assert image.status_code == 200
    assert b"".join(image.streaming_content) == b"RIFF....WEBPVP8 "
    assert client.get(f"/admin/catalog/edition/{other.pk}/review/").status_code == 404  # another publisher's
    assert client.get(f"/admin/catalog/edition/{other.pk}/review/pages/1-800.webp").status_code == 404

    client.post(review, {"move": f"{lead.pk}:3", f"target-{lead.pk}-3": second.pk})

    lead.refresh_from_db()
    second.refresh_from_db()
    assert [b["text"] for b in lead.body] == [b["text"] for b in paragraphs(3, "Lead")]
    assert second.body[-1] == {"type": "paragraph", "text": "A stray line of the next story."}
    assert lead.edited
    assert second.edited

    client.post(review, {"action": "merge", "story": [lead.pk, second.pk]})
    assert list(edition.stories.values_list("headline", flat=True)) == ["Harbour plan"]
