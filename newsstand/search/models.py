"""The search index's own rows: one document per story, with what filters need beside the words."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from newsstand.catalog.models import Publication, Story


class SearchDocument(models.Model):
    """A story as search sees it. The text columns hold what the backend indexes (stems on SQLite, where FTS5
    reads them through an external-content table; plain text on PostgreSQL, which stems into `vector`)."""

    story = models.OneToOneField(
        Story, on_delete=models.CASCADE, primary_key=True, related_name="search_document", verbose_name=_("story")
    )
    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="+", db_index=False)
    language = models.CharField(max_length=10)
    # The Snowball stemmer / PostgreSQL text-search configuration for the language ("simple" when none fits).
    text_config = models.CharField(max_length=20)
    kind = models.CharField(max_length=20)
    issue_date = models.DateField()
    # The edition's release time while it is published or scheduled, else empty: searched only once it has passed.
    visible_from = models.DateTimeField(null=True)
    headline_index = models.TextField()
    standfirst_index = models.TextField()
    body_index = models.TextField()

    class Meta:
        db_table = "search_document"
        verbose_name = _("search document")
        indexes = [
            models.Index(fields=["publication", "-issue_date"], name="search_doc_publication_date"),
            models.Index(fields=["-issue_date"], name="search_doc_date"),
        ]

    def __str__(self) -> str:
        return f"search document of story {self.story_id}"


class RelatedStory(models.Model):
    """ "You may also like": stories of other publications close in text to this one, found in the background."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="related_links")
    related = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["story", "position"]
        constraints = [models.UniqueConstraint(fields=["story", "related"], name="related_story_unique")]

    def __str__(self) -> str:
        return f"{self.story_id} → {self.related_id}"
