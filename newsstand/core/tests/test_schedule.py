"""The schedule of periodic work names real tasks with valid cron expressions."""

import pytest
from apscheduler.triggers.cron import CronTrigger
from django.utils.module_loading import import_string

from config.schedule import SCHEDULE


@pytest.mark.parametrize(("cron", "task_path"), SCHEDULE)
def test_each_entry_is_a_task_with_a_valid_cron(cron, task_path):
    CronTrigger.from_crontab(cron)
    assert hasattr(import_string(task_path), "enqueue")
