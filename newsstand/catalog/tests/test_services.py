"""Catalog writes: slugs, word counts, publishing and scheduling, validation, an edition's PDF."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from newsstand.catalog.models import Edition
from newsstand.catalog.services import edition_publish, edition_source_save, publication_create, story_create
from newsstand.catalog.tests.factories import EditionFactory, PublisherFactory, paragraphs

pytestmark = pytest.mark.django_db


def test_story_slugs_are_readable_ascii_and_unique_within_an_edition():
    edition = EditionFactory()
    first = story_create(edition=edition, headline="Økonomi: Bergvik får ny bro", body=paragraphs(1))
    second = story_create(edition=edition, headline="Økonomi: Bergvik får ny bro", body=paragraphs(1))
    reserved = story_create(edition=edition, headline="Pages", body=paragraphs(1))

    assert first.slug == "okonomi-bergvik-far-ny-bro"
    assert second.slug == "okonomi-bergvik-far-ny-bro-2"
    assert reserved.slug == "pages-story"


def test_word_count_reads_paragraphs_and_crossheads_but_not_pull_quotes():
    body = [
        {"type": "paragraph", "text": "one two three"},
        {"type": "heading", "text": "four five"},
        {"type": "quote", "text": "one two three"},
    ]
    story = story_create(edition=EditionFactory(), headline="Count", body=body)
    assert story.word_count == 5
    assert story.reading_minutes == 1


@pytest.mark.parametrize(
    "body",
    [
        "not a list",
        [{"type": "video", "text": "x"}],
        [{"type": "paragraph", "text": "  "}],
        [{"type": "image", "image": "first"}],
    ],
)
def test_malformed_bodies_are_refused(body):
    with pytest.raises(ValidationError):
        story_create(edition=EditionFactory(), headline="Bad", body=body)


def test_story_language_defaults_to_its_publication():
    edition = EditionFactory(publication__language="de")
    assert story_create(edition=edition, headline="Hallo", body=paragraphs(1)).language == "de"


def test_publishing_now_or_later():
    now = timezone.now()
    published = edition_publish(edition=EditionFactory(status=Edition.Status.DRAFT, release_at=None))
    scheduled = edition_publish(
        edition=EditionFactory(status=Edition.Status.DRAFT), release_at=now + datetime.timedelta(days=2)
    )

    assert published.status == Edition.Status.PUBLISHED
    assert published.release_at <= timezone.now()
    assert scheduled.status == Edition.Status.SCHEDULED
    assert list(Edition.objects.visible()) == [published]
    assert scheduled in Edition.objects.visible(now=now + datetime.timedelta(days=3))


@pytest.mark.parametrize(
    ("slug", "issn", "error_field"),
    [("admin", "", "slug"), ("catalog", "", "slug"), ("fine", "2049-3631", "issn"), ("fine", "12345", "issn")],
)
def test_publication_validation(slug, issn, error_field):
    with pytest.raises(ValidationError) as error:
        publication_create(
            publisher=PublisherFactory(), title="T", slug=slug, kind="magazine", language="en", country="US",
            frequency="monthly", issn=issn,
        )  # fmt: skip
    assert error_field in error.value.message_dict


def test_valid_issn_with_x_check_digit_is_accepted():
    publication = publication_create(
        publisher=PublisherFactory(), title="T", slug="t", kind="magazine", language="en", country="US",
        frequency="monthly", issn="0000-006X",
    )  # fmt: skip
    assert publication.issn == "0000-006X"


def test_an_edition_cannot_be_published_without_a_release_time():
    edition = EditionFactory.build(
        status=Edition.Status.PUBLISHED, release_at=None, publication=EditionFactory().publication
    )
    with pytest.raises(ValidationError) as error:
        edition.full_clean()
    assert "release_at" in error.value.message_dict


def test_masthead_colour_must_be_a_hex_colour():
    with pytest.raises(ValidationError) as error:
        publication_create(
            publisher=PublisherFactory(), title="T", slug="t", kind="magazine", language="en", country="US",
            frequency="monthly", colour="red;} body{display:none",
        )  # fmt: skip
    assert "colour" in error.value.message_dict


def test_an_editions_pdf_is_named_after_its_publication_and_date_and_replaces_the_one_before():
    edition = EditionFactory(publication__slug="bergvik", issue_date=datetime.date(2026, 11, 20))
    edition_source_save(edition=edition, content=b"%PDF-1.7 first")
    first = edition.source_pdf.name

    edition_source_save(edition=edition, content=b"%PDF-1.7 second")

    assert first.rsplit("/", 1)[-1] == "bergvik-2026-11-20.pdf"
    assert edition.source_pdf.name == first  # the old file is gone, so the new one takes its name
    edition.refresh_from_db()
    with edition.source_pdf.open("rb") as handle:
        assert handle.read() == b"%PDF-1.7 second"


def test_a_picture_block_moves_with_its_picture():
    from newsstand.catalog.services import StoryImageInput, story_block_move

    edition = EditionFactory()

    def with_picture(headline, body):
        image = StoryImageInput(content=_png(), filename="p.png", caption=f"Picture of {headline}")
        return story_create(edition=edition, headline=headline, body=body, images=[image])

    story = with_picture("Story", [{"type": "paragraph", "text": "Text."}, {"type": "image", "image": 0}])
    target = with_picture("Target", [{"type": "image", "image": 0}, {"type": "paragraph", "text": "Its."}])

    story_block_move(story=story, index=1, target=target)

    assert story.body == [{"type": "paragraph", "text": "Text."}]
    assert target.body[-1] == {"type": "image", "image": 1}
    captions = list(target.images.order_by("position").values_list("caption", flat=True))
    assert captions == ["Picture of Target", "Picture of Story"]
    assert not story.images.exists()


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (1, 2, 3)).save(buffer, format="PNG")
    return buffer.getvalue()
