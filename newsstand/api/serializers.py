"""What the API sends and accepts. Every field is explicit, so that the OpenAPI document says exactly what a
client gets; nothing here decides access: views hand in what the access rule decided."""

from __future__ import annotations

from typing import Any

from django.conf import global_settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers
from rest_framework.utils.urls import replace_query_param

from newsstand.access.rules import Access, Reason
from newsstand.access.services import StoryReading
from newsstand.api import selectors
from newsstand.catalog.blocks import Block
from newsstand.catalog.models import Category, Edition, Page, Publication, Story, StoryImage
from newsstand.catalog.selectors import CATALOG_ORDERINGS, CatalogFilters
from newsstand.search.selectors import SearchResults

# Database ids are 64-bit; a larger number can name nothing and must not reach the database (where it overflows).
MAX_ID = 2**63 - 1

TEXT_BLOCK_TYPES = ["paragraph", "heading"]
QUOTE_BLOCK_TYPES = ["quote"]
IMAGE_BLOCK_TYPES = ["image"]

# Serializer docstrings would become English descriptions in the OpenAPI document: comments instead, and
# help_text (translated) where a field needs explaining.

URL_OR_NULL = serializers.URLField(allow_null=True)


def _absolute(serializer: serializers.Serializer, path: str) -> str:
    return str(serializer.context["request"].build_absolute_uri(path))


# --- catalog ---------------------------------------------------------------------------------------------------


class CategorySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.SerializerMethodField()

    def get_name(self, category: Category) -> str:
        return gettext(category.name)  # names the catalogs hold (the demo's) come translated, as on the pages


class PublisherSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    website = serializers.CharField(help_text=_("The publisher’s website; empty if none is known."))


class PublicationSummarySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=Publication.Kind.choices)
    language = serializers.CharField(help_text=_("Language code, e.g. nb."))
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, publication: Publication) -> str:
        return _absolute(self, publication.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, publication: Publication) -> str:
        return _absolute(self, reverse("api:publication", kwargs={"slug": publication.slug}))


class PublicationSerializer(PublicationSummarySerializer):
    country = serializers.CharField(source="country.code", help_text=_("ISO 3166 country code, e.g. NO."))
    frequency = serializers.ChoiceField(choices=Publication.Frequency.choices)
    issn = serializers.CharField(help_text=_("Empty if the publication has none."))
    description = serializers.CharField()
    publisher = PublisherSerializer()
    categories = CategorySerializer(many=True)
    latest_issue_date = serializers.DateField(help_text=_("The date of the newest edition readers can see."))
    cover_url = serializers.SerializerMethodField()
    editions_url = serializers.SerializerMethodField()

    @extend_schema_field(URL_OR_NULL)
    def get_cover_url(self, publication: Publication) -> str | None:
        # The publication's own cover, else the newest edition's (annotated by publications_visible).
        if publication.cover:
            return _absolute(self, publication.cover.url)
        latest: str = getattr(publication, "latest_cover", "")
        return _absolute(self, default_storage.url(latest)) if latest else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_editions_url(self, publication: Publication) -> str:
        return _absolute(self, reverse("api:editions", kwargs={"slug": publication.slug}))


class AccessSerializer(serializers.Serializer):
    allowed = serializers.BooleanField()
    reason = serializers.ChoiceField(
        choices=[(reason.value, reason.value) for reason in Reason],
        help_text=_("Why the caller may read (free, subscription, trial, …) or why not (not_signed_in, …)."),
    )

    def to_representation(self, instance: Access) -> dict[str, Any]:
        return {"allowed": instance.allowed, "reason": instance.reason.value}


class EditionSerializer(serializers.Serializer):
    publication = serializers.SlugField(source="publication.slug")
    issue_date = serializers.DateField()
    label = serializers.CharField(help_text=_("The edition’s number or label; may be empty."))
    page_count = serializers.IntegerField()
    release_at = serializers.DateTimeField()
    cover_url = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()
    stories_url = serializers.SerializerMethodField()

    @extend_schema_field(URL_OR_NULL)
    def get_cover_url(self, edition: Edition) -> str | None:
        return _absolute(self, edition.cover.url) if edition.cover else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, edition: Edition) -> str:
        return _absolute(self, edition.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, edition: Edition) -> str:
        return _absolute(self, reverse("api:edition", kwargs=_edition_kwargs(edition)))

    @extend_schema_field(OpenApiTypes.URI)
    def get_stories_url(self, edition: Edition) -> str:
        return _absolute(self, reverse("api:stories", kwargs=_edition_kwargs(edition)))


def _edition_kwargs(edition: Edition) -> dict[str, Any]:
    return {"slug": edition.publication.slug, "date": edition.issue_date}


class PageImageSerializer(serializers.Serializer):
    width = serializers.IntegerField()
    url = serializers.URLField()


class PageSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    width = serializers.FloatField(help_text=_("In points, as in the PDF."))
    height = serializers.FloatField(help_text=_("In points, as in the PDF."))
    locked = serializers.BooleanField(help_text=_("True if the caller may not see this page: then it has no images."))
    thumbnail_url = serializers.URLField(allow_null=True)
    images = PageImageSerializer(many=True, help_text=_("The page at each width, narrowest first."))


# An edition with the caller's access to it (`access` in the context) and its pages, of which the caller may see
# the first `pages_open` (in the context; None for all).
class EditionDetailSerializer(EditionSerializer):
    access = serializers.SerializerMethodField()
    pages = serializers.SerializerMethodField()

    @extend_schema_field(AccessSerializer)
    def get_access(self, edition: Edition) -> dict[str, Any]:
        return dict(AccessSerializer(self.context["access"]).data)

    @extend_schema_field(PageSerializer(many=True))
    def get_pages(self, edition: Edition) -> list[dict[str, Any]]:
        open_count: int | None = self.context["pages_open"]
        return [self._page(edition, page, locked=open_count is not None and page.number > open_count)
                for page in self.context["pages"]]  # fmt: skip

    def _page(self, edition: Edition, page: Page, *, locked: bool) -> dict[str, Any]:
        def image_url(rendition: str) -> str:
            kwargs = {**_edition_kwargs(edition), "number": page.number, "rendition": rendition}
            return _absolute(self, reverse("api:page-image", kwargs=kwargs))

        widths = [] if locked else sorted(int(width) for width in page.renditions)
        return {
            "number": page.number,
            "width": page.width,
            "height": page.height,
            "locked": locked,
            "thumbnail_url": image_url("thumb") if page.thumbnail and not locked else None,
            "images": [{"width": width, "url": image_url(str(width))} for width in widths],
        }


# --- stories ---------------------------------------------------------------------------------------------------


# A story as lists show it: never any of its text beyond headline and standfirst.
class StorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    publication = serializers.SlugField(source="edition.publication.slug")
    issue_date = serializers.DateField(source="edition.issue_date")
    position = serializers.IntegerField()
    headline = serializers.CharField()
    standfirst = serializers.CharField()
    byline = serializers.CharField()
    section = serializers.CharField()
    pages = serializers.ListField(child=serializers.IntegerField(), help_text=_("Page numbers the story spans."))
    word_count = serializers.IntegerField()
    reading_minutes = serializers.IntegerField()
    language = serializers.CharField()
    is_free = serializers.BooleanField()
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, story: Story) -> str:
        return _absolute(self, story.get_absolute_url())

    @extend_schema_field(OpenApiTypes.URI)
    def get_api_url(self, story: Story) -> str:
        kwargs = {**_edition_kwargs(story.edition), "story": story.slug}
        return _absolute(self, reverse("api:story", kwargs=kwargs))


class TextBlockSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=TEXT_BLOCK_TYPES)
    text = serializers.CharField()


# A pull quote: it repeats a sentence of the story.
class QuoteBlockSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=QUOTE_BLOCK_TYPES)
    text = serializers.CharField()
    attribution = serializers.CharField()


class ImageBlockSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=IMAGE_BLOCK_TYPES)
    image = serializers.IntegerField(help_text=_("The image’s number within the story."))
    url = serializers.URLField(allow_null=True, help_text=_("Null if the image has been removed."))
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    caption = serializers.CharField()
    credit = serializers.CharField()


BLOCK = PolymorphicProxySerializer(
    component_name="Block",
    serializers=[TextBlockSerializer, QuoteBlockSerializer, ImageBlockSerializer],
    resource_type_field_name=None,
    many=True,
)


# The story with what the caller may read of it: `reading` (in the context) is the access rule's answer.
class StoryDetailSerializer(StorySerializer):
    access = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()

    @extend_schema_field(AccessSerializer)
    def get_access(self, story: Story) -> dict[str, Any]:
        reading: StoryReading = self.context["reading"]
        return dict(AccessSerializer(reading.access).data)

    @extend_schema_field(BLOCK)
    def get_body(self, story: Story) -> list[dict[str, Any]]:
        # The preview for a caller who may not read on; the whole story for one who may. Nothing else.
        reading: StoryReading = self.context["reading"]
        images = {image.position: image for image in story.images.all()}
        blocks = (self._block(block, images) for block in [*reading.opening, *reading.premium])
        return [block for block in blocks if block is not None]

    def _block(self, block: Block, images: dict[int, StoryImage]) -> dict[str, Any] | None:
        kind = block.get("type")
        if kind in TEXT_BLOCK_TYPES:
            return {"type": kind, "text": str(block.get("text", ""))}
        if kind == "quote":
            return {"type": kind, "text": str(block.get("text", "")), "attribution": str(block.get("attribution", ""))}
        if kind == "image":
            image = images.get(block.get("image"))  # type: ignore[arg-type]
            return {
                "type": kind,
                "image": block.get("image"),
                "url": _absolute(self, image.image.url) if image else None,
                "width": image.width if image else 0,
                "height": image.height if image else 0,
                "caption": image.caption if image else "",
                "credit": image.credit if image else "",
            }
        return None  # a kind of block this version of the API does not know: left out, not sent half-described


# --- search ----------------------------------------------------------------------------------------------------


class SearchHitSerializer(serializers.Serializer):
    story = StorySerializer()
    headline_html = serializers.CharField(help_text=_("The headline as HTML, the words that matched in <mark>."))
    snippet = serializers.CharField(
        help_text=_("A passage as HTML, the words that matched in <mark>; from the opening alone if locked.")
    )
    locked = serializers.BooleanField(help_text=_("True if the caller may read only the story’s opening."))


class SearchResultsSerializer(serializers.Serializer):
    count = serializers.IntegerField(source="total", help_text=_("Matching stories, counted up to 1,000."))
    total_is_capped = serializers.BooleanField(help_text=_("True if more stories match than count says."))
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.SerializerMethodField()
    previous = serializers.SerializerMethodField()
    results = SearchHitSerializer(many=True, source="hits")
    publications = PublicationSummarySerializer(
        many=True, help_text=_("Publications whose title or description holds every word; on the first page only.")
    )

    @extend_schema_field(URL_OR_NULL)
    def get_next(self, results: SearchResults) -> str | None:
        return self._page_url(results.page + 1) if results.has_next else None

    @extend_schema_field(URL_OR_NULL)
    def get_previous(self, results: SearchResults) -> str | None:
        return self._page_url(results.page - 1) if results.has_previous else None

    def _page_url(self, page: int) -> str:
        return str(replace_query_param(self.context["request"].build_absolute_uri(), "page", page))


# --- a reader's library ----------------------------------------------------------------------------------------


class BookmarkSerializer(serializers.Serializer):
    story = StorySerializer()
    created_at = serializers.DateTimeField()


class BookmarkCreateSerializer(serializers.Serializer):
    story = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text=_("The id of a story."))

    def validate_story(self, value: int) -> Story:
        story = selectors.story_visible(story_id=value)
        if story is None:
            raise serializers.ValidationError(_("No published story has the id %(id)d.") % {"id": value})
        return story


class FollowSerializer(serializers.Serializer):
    publication = PublicationSummarySerializer()
    notify_by_email = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class FollowCreateSerializer(serializers.Serializer):
    publication = serializers.SlugField(help_text=_("The slug of a publication."))
    notify_by_email = serializers.BooleanField(default=False, help_text=_("Email me when a new edition is out."))

    def validate_publication(self, value: str) -> Publication:
        publication = selectors.publication_visible(slug=value)
        if publication is None:
            raise serializers.ValidationError(_("No publication has the slug “%(slug)s”.") % {"slug": value})
        return publication


# --- tokens ----------------------------------------------------------------------------------------------------


class CredentialsSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, max_length=4096, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("Send it as the header “Authorization: Token <token>”."))


# --- query parameters ------------------------------------------------------------------------------------------


# The catalog's filters, as query parameters; a value that is not one of the choices is a 400.
class PublicationFilterSerializer(serializers.Serializer):
    category = serializers.SlugField(required=False, help_text=_("A category’s slug."))
    language = serializers.ChoiceField(choices=[code for code, _name in global_settings.LANGUAGES], required=False)
    country = serializers.ChoiceField(choices=[country.code for country in countries], required=False)
    kind = serializers.ChoiceField(choices=Publication.Kind.choices, required=False)
    sort = serializers.ChoiceField(
        choices=list(CATALOG_ORDERINGS),
        default="newest",
        help_text=_("newest: by the newest edition; title; added: the most recently added first."),
    )

    def filters(self) -> CatalogFilters:
        self.is_valid(raise_exception=True)
        return CatalogFilters(**self.validated_data)
