"""Writes of search: the index follows the catalog (every save of a story, an edition or a publication)."""

from __future__ import annotations

from django.db import transaction

from newsstand.catalog.blocks import blocks_plain_text
from newsstand.catalog.models import Edition, Publication, Story
from newsstand.search.backends import search_backend
from newsstand.search.models import SearchDocument
from newsstand.search.tasks import edition_related_compute_task
from newsstand.search.text import snowball_name

# --- the index follows the catalog ---------------------------------------------------------------------------


def story_index(*, story: Story) -> None:
    """Write the story's search document (its words, and the fields filters need)."""
    edition = story.edition
    backend = search_backend()
    language = story.language or edition.publication.language
    body = blocks_plain_text(story.body)
    SearchDocument.objects.update_or_create(
        story=story,
        defaults={
            "publication_id": edition.publication_id,
            "language": language,
            "text_config": snowball_name(language),
            "kind": edition.publication.kind,
            "issue_date": edition.issue_date,
            "visible_from": edition.visible_from,
            "headline_index": backend.index_column(story.headline, language),
            "standfirst_index": backend.index_column(story.standfirst, language),
            "body_index": backend.index_column(body, language),
        },
    )


def edition_index_visibility(*, edition: Edition) -> None:
    """Publishing, scheduling or withdrawing an edition shows or hides its stories in search at once; once they
    show, the worker finds their related stories."""
    visible_from = edition.visible_from
    documents = SearchDocument.objects.filter(story__edition=edition)
    documents.exclude(issue_date=edition.issue_date).update(issue_date=edition.issue_date)
    changed = documents.exclude(visible_from=visible_from).update(visible_from=visible_from)
    if changed and visible_from is not None:
        edition_id = edition.pk
        transaction.on_commit(lambda: edition_related_compute_task.enqueue(edition_id))


def publication_index_kind(*, publication: Publication) -> None:
    SearchDocument.objects.filter(publication=publication).exclude(kind=publication.kind).update(kind=publication.kind)


def stories_reindex(*, batch_size: int = 500) -> int:
    """Rewrite every story's document (after changing how text is indexed). Returns the number of stories."""
    done = 0
    stories = Story.objects.select_related("edition__publication").order_by("pk")
    last_pk = 0
    while chunk := list(stories.filter(pk__gt=last_pk)[:batch_size]):
        with transaction.atomic():
            for story in chunk:
                story_index(story=story)
        done += len(chunk)
        last_pk = chunk[-1].pk
    return done
