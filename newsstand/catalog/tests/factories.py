"""factory_boy factories for the catalog. Editions are published (and released yesterday) unless told otherwise."""

import datetime

import factory
from django.utils import timezone

from newsstand.catalog.blocks import blocks_word_count
from newsstand.catalog.models import Category, Edition, Page, Publication, Publisher, Story


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class PublisherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publisher

    name = factory.Sequence(lambda n: f"Publisher {n}")
    slug = factory.Sequence(lambda n: f"publisher-{n}")


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication
        skip_postgeneration_save = True

    publisher = factory.SubFactory(PublisherFactory)
    title = factory.Sequence(lambda n: f"The Daily {n}")
    slug = factory.Sequence(lambda n: f"daily-{n}")
    kind = Publication.Kind.NEWSPAPER
    language = "en"
    country = "GB"
    frequency = Publication.Frequency.DAILY
    description = "A newspaper."

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    publication = factory.SubFactory(PublicationFactory)
    issue_date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    label = factory.Sequence(lambda n: f"No. {n}")
    status = Edition.Status.PUBLISHED
    release_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    page_count = 0


def paragraphs(count: int, prefix: str = "Paragraph") -> list[dict]:
    return [{"type": "paragraph", "text": f"{prefix} {n} has a few words in it."} for n in range(1, count + 1)]


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story

    edition = factory.SubFactory(EditionFactory)
    position = factory.Sequence(lambda n: n)
    headline = factory.Sequence(lambda n: f"Headline number {n}")
    slug = factory.Sequence(lambda n: f"headline-number-{n}")
    standfirst = factory.Sequence(lambda n: f"Standfirst of story {n}.")
    byline = "By Ann Writer"
    section = "News"
    body = factory.LazyFunction(lambda: paragraphs(8))
    pages = factory.LazyFunction(lambda: [2])
    language = "en"
    word_count = factory.LazyAttribute(lambda story: blocks_word_count(story.body))


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    edition = factory.SubFactory(EditionFactory)
    number = factory.Sequence(lambda n: n + 1)
    width = 595.0
    height = 842.0
    text = "Page text"
