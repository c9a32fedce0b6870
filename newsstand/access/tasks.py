"""Scheduled background work of access (see config/schedule.py): trial reminders, conversions, renewals, ends."""

from django_tasks import task

from newsstand.access.services import subscriptions_advance


@task()
def subscriptions_advance_task() -> dict[str, int]:
    return subscriptions_advance()
