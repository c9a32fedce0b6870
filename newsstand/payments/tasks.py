"""Scheduled background work of payments (see config/schedule.py): the subscription lifecycle."""

from django_tasks import task

from newsstand.payments.lifecycle import subscriptions_advance


@task()
def subscriptions_advance_task() -> dict[str, int]:
    return subscriptions_advance()
