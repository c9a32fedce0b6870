"""Background work of web and feed import (see config/schedule.py): polling feeds for new items."""

from django_tasks import task

from newsstand.ingestion.models import FeedSource
from newsstand.ingestion.web.importing import feed_poll, feeds_poll


@task()
def feeds_poll_task() -> dict[str, int]:
    return feeds_poll()


@task()
def feed_poll_task(*, source_id: int) -> dict[str, int]:
    source = FeedSource.objects.select_related("publication").filter(pk=source_id).first()
    if source is None:  # deleted between the click and the run
        return {}
    return feed_poll(source=source).as_dict()
