"""Background work of ingestion, run by the worker (`manage.py db_worker`)."""

from django_tasks import task

from newsstand.ingestion.services import edition_ingest_run


@task()
def edition_ingest_task(*, ingestion_id: int) -> str:
    return edition_ingest_run(ingestion_id=ingestion_id).status
