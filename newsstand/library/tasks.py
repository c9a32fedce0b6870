"""Scheduled work of readers' libraries (see config/schedule.py)."""

from django_tasks import task

from newsstand.library.services import new_editions_notify


@task()
def new_editions_notify_task() -> int:
    return new_editions_notify()
