"""Background work of ingestion, run by the worker (`manage.py db_worker`); services.py queues it."""

from django_tasks import task

from newsstand.ingestion.pipeline import edition_ingest_run


@task()
def edition_ingest_task(*, ingestion_id: int) -> str:
    return edition_ingest_run(ingestion_id=ingestion_id).status
