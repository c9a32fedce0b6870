"""A reader's own library: the titles they follow, their bookmarks, and where they stopped reading."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsstand.catalog.models import Edition, Publication, Story


class Follow(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="followers")
    notify_by_email = models.BooleanField(_("email me new editions"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [models.UniqueConstraint(fields=["user", "publication"], name="follow_once")]

    def __str__(self) -> str:
        return f"{self.user} → {self.publication}"


class Bookmark(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bookmark")
        verbose_name_plural = _("bookmarks")
        constraints = [models.UniqueConstraint(fields=["user", "story"], name="bookmark_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.story}"


class ReadingProgress(models.Model):
    """Where a reader is: in a story (how far down, 0 to 1) or in an edition's pages (which page).

    Kept on the server, so "continue reading" follows the reader from phone to laptop.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reading")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    position = models.FloatField(_("how far"), default=0)
    page = models.PositiveIntegerField(_("page"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("reading progress")
        verbose_name_plural = _("reading progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "story"], name="progress_once_per_story"),
            models.UniqueConstraint(fields=["user", "edition"], name="progress_once_per_edition"),
            models.CheckConstraint(
                condition=models.Q(story__isnull=False) ^ models.Q(edition__isnull=False),
                name="progress_story_or_edition",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.story or self.edition}"


class NewEditionNotice(models.Model):
    """Followers were told about this edition (once, whoever publishes it and however often the task runs)."""

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.edition)
