"""What ingestion remembers: the feeds a publication imports from, and every item imported (or tried) once."""

from __future__ import annotations

from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from newsstand.catalog.models import Publication, Story


class FeedSource(models.Model):
    """An RSS or Atom feed whose new items become stories of the publication, polled on a schedule."""

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="feed_sources", verbose_name=_("publication")
    )
    url = models.URLField(
        _("feed address"),
        max_length=2000,
        validators=[URLValidator(schemes=["http", "https"], message=_("Enter an http:// or https:// address."))],
    )
    title = models.CharField(_("title"), max_length=300, blank=True, help_text=_("Empty takes the feed's own."))
    is_active = models.BooleanField(_("active"), default=True, help_text=_("Inactive feeds are not polled."))
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True)
    last_error = models.TextField(_("last problem"), blank=True)
    # The feed server's validators from the last complete poll, sent back so an unchanged feed costs one request.
    etag = models.CharField(_("ETag"), max_length=500, blank=True)
    modified = models.CharField(_("Last-Modified"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["publication", "title", "url"]
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")
        constraints = [models.UniqueConstraint(fields=["publication", "url"], name="feedsource_unique_url")]

    def __str__(self) -> str:
        return self.title or self.url


class ImportedItem(models.Model):
    """One page or feed item that came in, or that we tried to bring in. Its unique constraints make "imported
    once" a fact of the database: the same address, feed entry or story text cannot come in twice."""

    class Status(models.TextChoices):
        IMPORTED = "imported", _("Imported")
        DUPLICATE = "duplicate", _("Same story as one imported before")
        FAILED = "failed", _("Failed; tried again at the next poll")

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="imported_items", verbose_name=_("publication")
    )
    # Kept when the feed goes, so that its items, found again through another feed, are not imported twice.
    source = models.ForeignKey(
        FeedSource, on_delete=models.SET_NULL, null=True, blank=True, related_name="items", verbose_name=_("feed")
    )
    url = models.URLField(_("address"), max_length=2000, blank=True)
    guid = models.CharField(_("feed entry id"), max_length=1000, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    # A story deleted by its publisher stays deleted: the item remains and the next poll skips it.
    story = models.ForeignKey(
        Story, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("story")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IMPORTED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    error = models.TextField(_("problem"), blank=True)
    # What the feed said about a failed item (title, link, date …), so it can be retried after leaving the feed.
    entry = models.JSONField(_("feed entry"), default=dict, blank=True)
    first_seen_at = models.DateTimeField(_("first seen"), auto_now_add=True)
    imported_at = models.DateTimeField(_("imported"), null=True, blank=True)

    class Meta:
        ordering = ["-first_seen_at"]
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "url"], condition=~Q(url=""), name="importeditem_unique_url"
            ),
            models.UniqueConstraint(fields=["source", "guid"], condition=~Q(guid=""), name="importeditem_unique_guid"),
            models.UniqueConstraint(
                fields=["publication", "content_hash"], condition=~Q(content_hash=""), name="importeditem_unique_hash"
            ),
        ]
        indexes = [models.Index(fields=["source", "status"], name="importeditem_source_status")]

    def __str__(self) -> str:
        return self.url or self.guid or str(self.pk)


class EditionIngestion(models.Model):
    """One PDF edition going through ingestion: where it stands (stage, page k of n) and how it ended.

    One row per file per publication (by its SHA-256): the same file sent again creates nothing new, and is
    processed again only when the extractor has improved since (EXTRACTOR_VERSION)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        PARTIAL = "partial", _("Done, with a problem")
        FAILED = "failed", _("Failed")

    class Stage(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        CHECKING = "checking", _("Checking the file")
        RENDERING = "rendering", _("Rendering pages")
        EXTRACTING = "extracting", _("Finding stories")
        SAVING = "saving", _("Saving stories")
        FINISHED = "finished", _("Finished")

    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="ingestions", verbose_name=_("publication")
    )
    edition = models.ForeignKey(
        "catalog.Edition", on_delete=models.CASCADE, related_name="ingestions", verbose_name=_("edition")
    )
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    file_name = models.CharField(_("file name"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.WAITING)
    pages_done = models.PositiveIntegerField(_("pages done"), default=0)
    pages_total = models.PositiveIntegerField(_("pages"), default=0)
    stories_found = models.PositiveIntegerField(_("stories found"), default=0)
    message = models.TextField(_("message"), blank=True, help_text=_("Why it failed, or what was left out."))
    extractor_version = models.PositiveSmallIntegerField(_("extractor version"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("PDF ingestion")
        verbose_name_plural = _("PDF ingestions")
        constraints = [models.UniqueConstraint(fields=["publication", "sha256"], name="editioningestion_unique_file")]

    def __str__(self) -> str:
        return f"{self.edition} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
