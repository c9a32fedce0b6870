"""Background work of search: "you may also like" for a newly visible edition's stories."""

from django_tasks import task

from newsstand.search.related import edition_related_compute, recent_related_refresh


@task()
def edition_related_compute_task(edition_id: int) -> int:
    return edition_related_compute(edition_id=edition_id)


@task()
def recent_related_refresh_task() -> int:
    return recent_related_refresh()
