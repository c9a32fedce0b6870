"""Periodic work: what runs when, as cron expressions (minute hour day month weekday), in the server's time zone.

`manage.py schedule` (started by bin/serve) enqueues each task at its times; any worker then runs it. Run one
scheduler per deployment; the tasks themselves are safe to run twice.
"""

SCHEDULE: list[tuple[str, str]] = [
    ("*/10 * * * *", "newsstand.payments.tasks.subscriptions_advance_task"),
    ("*/5 * * * *", "newsstand.library.tasks.new_editions_notify_task"),
    ("30 3 * * *", "newsstand.search.tasks.recent_related_refresh_task"),
    ("*/15 * * * *", "newsstand.ingestion.web.tasks.feeds_poll_task"),
]
