"""The catalog: publishers, their publications, each publication's editions, and an edition's pages and stories."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import global_settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from newsstand.catalog.rules import RESERVED_SLUGS, RESERVED_STORY_SLUGS, issn_is_valid, reading_minutes


def validate_publication_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("“%(slug)s” is used by the site itself; choose another."), params={"slug": value})


def validate_story_slug(value: str) -> None:
    if value in RESERVED_STORY_SLUGS:
        raise ValidationError(_("“%(slug)s” is a path of the edition itself; choose another."), params={"slug": value})


def validate_issn(value: str) -> None:
    if not issn_is_valid(value):
        raise ValidationError(_("Enter an ISSN as eight characters, e.g. 2049-3630, with a valid check digit."))


class Category(models.Model):
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name


class Publisher(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("publisher")
        verbose_name_plural = _("publishers")

    def __str__(self) -> str:
        return self.name


class Publication(models.Model):
    class Kind(models.TextChoices):
        NEWSPAPER = "newspaper", _("Newspaper")
        MAGAZINE = "magazine", _("Magazine")

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")
        FORTNIGHTLY = "fortnightly", _("Fortnightly")
        MONTHLY = "monthly", _("Monthly")
        BIMONTHLY = "bimonthly", _("Every two months")
        QUARTERLY = "quarterly", _("Quarterly")
        IRREGULAR = "irregular", _("Irregular")

    publisher = models.ForeignKey(
        Publisher, on_delete=models.PROTECT, related_name="publications", verbose_name=_("publisher")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True, validators=[validate_publication_slug])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    language = models.CharField(_("language"), max_length=10, choices=global_settings.LANGUAGES, db_index=True)
    country = CountryField(_("country"), db_index=True)
    categories = models.ManyToManyField(Category, blank=True, related_name="publications", verbose_name=_("categories"))
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices)
    issn = models.CharField(_("ISSN"), max_length=9, blank=True, validators=[validate_issn])
    description = models.TextField(_("description"), blank=True)
    cover = models.ImageField(
        _("cover"), upload_to="publications/", blank=True, help_text=_("Empty shows the latest edition's cover.")
    )
    preview_paragraphs = models.PositiveSmallIntegerField(
        _("preview paragraphs"),
        null=True,
        blank=True,
        help_text=_("Paragraphs shown before the paywall; empty uses the site's default. Never more than half."),
    )
    preview_word_share = models.PositiveSmallIntegerField(
        _("preview share of words (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(50)],
        help_text=_("Instead of a number of paragraphs: this share of the story's words, up to 50 %."),
    )
    colour = models.CharField(
        _("masthead colour"),
        max_length=7,
        default="#222222",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # and six hex digits, e.g. #1f3a5f."))],
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalog:publication", kwargs={"publication": self.slug})


class EditionQuerySet(models.QuerySet["Edition"]):
    def visible(self, now: datetime.datetime | None = None) -> EditionQuerySet:
        """Editions readers may see: published or scheduled, and released by now. The one rule for visibility."""
        return self.filter(status__in=Edition.SHOWN_STATUSES, release_at__lte=now or timezone.now())


class Edition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="editions", verbose_name=_("publication")
    )
    issue_date = models.DateField(_("issue date"))
    label = models.CharField(_("number or label"), max_length=100, blank=True)
    cover = models.ImageField(_("cover"), upload_to="covers/", blank=True)
    page_count = models.PositiveIntegerField(_("pages"), default=0)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    release_at = models.DateTimeField(
        _("release time"), null=True, blank=True, help_text=_("Readers see the edition from this time on.")
    )
    source_pdf = models.FileField(_("PDF"), upload_to="sources/", blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EditionQuerySet.as_manager()

    # Readers see an edition in these statuses once its release time has come (EditionQuerySet.visible).
    SHOWN_STATUSES = (Status.PUBLISHED, Status.SCHEDULED)

    class Meta:
        ordering = ["-issue_date"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.UniqueConstraint(fields=["publication", "issue_date"], name="edition_unique_date"),
        ]
        # No index on status: nearly every edition is published, and such an index lures SQLite's planner away
        # from the (publication, issue_date) index that per-publication lookups need.
        indexes = [models.Index(fields=["-release_at"], name="edition_newest_release")]

    def __str__(self) -> str:
        return f"{self.publication} {self.issue_date.isoformat()}"

    def get_absolute_url(self) -> str:
        return reverse("catalog:edition", kwargs=self.url_kwargs())

    def clean(self) -> None:
        if self.status != self.Status.DRAFT and self.release_at is None:
            raise ValidationError(
                {"release_at": _("Set the time readers may see this edition from, or keep it a draft.")}
            )

    def url_kwargs(self) -> dict[str, str]:
        return {"publication": self.publication.slug, "date": self.issue_date.isoformat()}

    @property
    def visible_from(self) -> datetime.datetime | None:
        """From when readers see this edition (None: not while it is a draft); the rule of EditionQuerySet.visible."""
        return self.release_at if self.status in self.SHOWN_STATUSES else None

    def get_replica_url(self) -> str:
        return reverse("catalog:replica", kwargs=self.url_kwargs())


class Page(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="pages", verbose_name=_("edition"))
    number = models.PositiveIntegerField(_("number"))
    width = models.FloatField(_("width (pt)"))
    height = models.FloatField(_("height (pt)"))
    text = models.TextField(_("text"), blank=True)
    # {"320": "storage/name.webp", "800": …}: one WebP per width in settings.NEWSSTAND_PAGE_WIDTHS.
    renditions = models.JSONField(_("image renditions"), default=dict, blank=True)
    thumbnail = models.CharField(_("thumbnail"), max_length=300, blank=True)

    class Meta:
        ordering = ["edition", "number"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = [models.UniqueConstraint(fields=["edition", "number"], name="page_unique_number")]

    def __str__(self) -> str:
        return f"{self.edition} p. {self.number}"

    @property
    def aspect_ratio(self) -> float:
        return self.height / self.width if self.width else 1.414


class Story(models.Model):
    """One article of an edition. `body` is an ordered list of blocks, see newsstand/catalog/blocks.py."""

    class Origin(models.TextChoices):
        EDITOR = "editor", _("Written in the admin")
        PDF = "pdf", _("Found in the edition's PDF")
        WEB = "web", _("Imported from the web")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="stories", verbose_name=_("edition"))
    position = models.PositiveIntegerField(_("position"), default=0)
    slug = models.SlugField(_("slug"), max_length=120, validators=[validate_story_slug])
    headline = models.CharField(_("headline"), max_length=300)
    standfirst = models.TextField(_("standfirst"), blank=True)
    byline = models.CharField(_("byline"), max_length=300, blank=True)
    section = models.CharField(_("section"), max_length=100, blank=True)
    body = models.JSONField(_("body"), default=list, blank=True)
    pages = models.JSONField(_("pages"), default=list, blank=True, help_text=_("Page numbers the story spans."))
    # [{"page": 3, "box": [x0, y0, x1, y1]}, …]: where the story sits on its pages, in points from the page's top
    # left (the PDF's coordinates); the replica view links these areas to the story.
    regions = models.JSONField(_("areas on its pages"), default=list, blank=True)
    is_free = models.BooleanField(_("free to read"), default=False)
    word_count = models.PositiveIntegerField(_("words"), default=0)
    language = models.CharField(_("language"), max_length=10, choices=global_settings.LANGUAGES)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.EDITOR)
    # A person changed it (in the admin): ingesting the edition again never replaces it.
    edited = models.BooleanField(_("edited by staff"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["edition", "position"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        constraints = [models.UniqueConstraint(fields=["edition", "slug"], name="story_unique_slug")]
        indexes = [models.Index(fields=["edition", "position"], name="story_edition_position")]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return reverse("catalog:story", kwargs={**self.edition.url_kwargs(), "story": self.slug})

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.word_count)

    @property
    def first_page(self) -> int | None:
        return min(self.pages) if self.pages else None


class StoryImage(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="images", verbose_name=_("story"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    image = models.ImageField(_("image"), upload_to="stories/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    caption = models.TextField(_("caption"), blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)

    class Meta:
        ordering = ["story", "position"]
        verbose_name = _("story image")
        verbose_name_plural = _("story images")

    def __str__(self) -> str:
        return self.caption[:60] or self.image.name

    def as_block_context(self) -> dict[str, Any]:
        return {
            "url": self.image.url,
            "width": self.width,
            "height": self.height,
            "caption": self.caption,
            "credit": self.credit,
        }
