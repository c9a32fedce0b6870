"""Background work of ingestion, run by the worker (`manage.py db_worker`)."""

from django_tasks import task

from newsstand.catalog.models import Edition
from newsstand.ingestion.services import edition_ingest_run, edition_pages_render


@task()
def edition_pages_render_task(*, edition_id: int) -> int:
    edition = Edition.objects.select_related("publication").get(pk=edition_id)
    return edition_pages_render(edition=edition)


@task()
def edition_ingest_task(*, ingestion_id: int) -> str:
    return edition_ingest_run(ingestion_id=ingestion_id).status
