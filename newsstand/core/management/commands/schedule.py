"""Keeps the schedule of periodic work (config/schedule.py) with APScheduler, enqueueing each task on time."""

from __future__ import annotations

import contextlib
import logging
import signal
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from config.schedule import SCHEDULE

logger = logging.getLogger(__name__)


def _enqueue(task_path: str) -> None:
    import_string(task_path).enqueue()
    logger.info("scheduled task enqueued: %s", task_path)


class Command(BaseCommand):
    help = "Enqueue the periodic tasks of config/schedule.py at their times (one scheduler per deployment)."

    def handle(self, *args: Any, **options: Any) -> None:
        scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
        for cron, task_path in SCHEDULE:
            import_string(task_path)  # fail at start, not at the first run, on a wrong path
            scheduler.add_job(
                _enqueue, CronTrigger.from_crontab(cron, timezone=settings.TIME_ZONE), args=[task_path],
                id=task_path, coalesce=True, misfire_grace_time=300,
            )  # fmt: skip

        def stop(*_: object) -> None:
            if scheduler.running:  # the signal may come twice: from bin/serve and from the process group
                scheduler.shutdown(wait=False)

        signal.signal(signal.SIGTERM, stop)
        self.stdout.write(f"Scheduler running {len(SCHEDULE)} periodic task(s).")
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is the normal way to stop it
            scheduler.start()
