"""What the scheduled work does to subscriptions as the clock moves on."""

import datetime

import pytest
from django.utils import timezone

from newsstand.access.models import Subscription
from newsstand.access.rules import Reader, story_access
from newsstand.access.tests.factories import SubscriptionFactory
from newsstand.catalog.tests.factories import StoryFactory
from newsstand.payments.lifecycle import subscriptions_advance
from newsstand.payments.models import Payment

pytestmark = pytest.mark.django_db


class TestLifecycle:
    """What the scheduled work does as the clock moves on (subscriptions_advance, run every ten minutes)."""

    def test_reminder_two_days_before_the_trial_ends_then_conversion_with_a_payment_method(
        self, mailoutbox, django_capture_on_commit_callbacks
    ):
        now = timezone.now()
        trial = SubscriptionFactory(
            status=Subscription.Status.TRIALING, trial_ends_at=now + datetime.timedelta(days=7),
            current_period_end=now + datetime.timedelta(days=7), has_payment_method=True,
        )  # fmt: skip

        assert subscriptions_advance(now=now + datetime.timedelta(days=4))["reminded"] == 0
        with django_capture_on_commit_callbacks(execute=True):
            assert subscriptions_advance(now=now + datetime.timedelta(days=5, hours=1))["reminded"] == 1
            assert subscriptions_advance(now=now + datetime.timedelta(days=5, hours=2))["reminded"] == 0
        assert len(mailoutbox) == 1
        assert "ends in two days" in mailoutbox[0].subject

        assert subscriptions_advance(now=now + datetime.timedelta(days=7, minutes=1))["converted"] == 1
        trial.refresh_from_db()
        assert trial.status == Subscription.Status.ACTIVE
        assert trial.current_period_end > now + datetime.timedelta(days=30)
        assert Payment.objects.filter(user=trial.user).count() == 1

    def test_a_trial_without_a_payment_method_lapses(self):
        now = timezone.now()
        trial = SubscriptionFactory(
            status=Subscription.Status.TRIALING, trial_ends_at=now, current_period_end=now, has_payment_method=False
        )
        subscriptions_advance(now=now + datetime.timedelta(minutes=1))
        trial.refresh_from_db()
        assert trial.status == Subscription.Status.ENDED
        assert not story_access(reader=Reader(user=trial.user), story=StoryFactory()).allowed

    def test_cancelled_subscriptions_end_with_their_period(self):
        now = timezone.now()
        cancelled = SubscriptionFactory(status=Subscription.Status.CANCELED, current_period_end=now)
        subscriptions_advance(now=now + datetime.timedelta(minutes=1))
        cancelled.refresh_from_db()
        assert cancelled.status == Subscription.Status.ENDED
