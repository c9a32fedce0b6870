"""The index follows every write to the catalog, whichever path made it (services, admin, shell).

Kept to hooks that call one service each: the rules live in newsstand/search/services.py.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from newsstand.catalog.models import Edition, Publication, Story
from newsstand.search import services


@receiver(post_save, sender=Story, dispatch_uid="search_story_saved")
def _story_saved(sender: type[Story], instance: Story, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        services.story_index(story=instance)


@receiver(post_save, sender=Edition, dispatch_uid="search_edition_saved")
def _edition_saved(sender: type[Edition], instance: Edition, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        services.edition_index_visibility(edition=instance)


@receiver(post_save, sender=Publication, dispatch_uid="search_publication_saved")
def _publication_saved(sender: type[Publication], instance: Publication, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        services.publication_index_kind(publication=instance)
