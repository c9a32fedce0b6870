"""What the admin and the commands call to bring in a feed: register it, and have it polled in the background (the
poll itself, and importing pages and feed items, is importing.py, run by tasks.py)."""

from __future__ import annotations

import logging
from pathlib import Path

from django.db import transaction

from newsstand.catalog.models import Publication
from newsstand.ingestion.models import FeedSource
from newsstand.ingestion.web.tasks import feed_poll_task

logger = logging.getLogger(__name__)


def feed_source_register(*, publication: Publication, url: str, title: str = "") -> FeedSource:
    """The publication's feed at `url`, registered now if it was not yet. Raise ValidationError for an address
    that is not http(s)."""
    source = FeedSource.objects.filter(publication=publication, url=url).first()
    if source is None:
        source = FeedSource(publication=publication, url=url, title=title)
        source.full_clean()
        source.save()
        logger.info("feed %s registered for publication %s", url, publication.pk)
    return source


def feed_file_source_register(*, publication: Publication, path: Path) -> FeedSource:
    """A saved feed file, remembered as an inactive feed (never polled on the schedule), so that importing the
    file again brings only its new items."""
    source, _created = FeedSource.objects.get_or_create(
        publication=publication, url=path.resolve().as_uri(), defaults={"is_active": False}
    )
    return source


def feed_poll_enqueue(*, source: FeedSource) -> None:
    """Poll the feed in the background once the current transaction commits."""
    transaction.on_commit(lambda: feed_poll_task.enqueue(source_id=source.pk))
