"""The subscription lifecycle as the clock moves on, run as scheduled work (tasks.py, config/schedule.py): trial
reminders, conversions, renewals and ends. Subscriptions renewed elsewhere (Stripe) are advanced by their provider's
webhooks; this module charges only those renewed here (providers.RENEWED_HERE)."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from newsstand.access import services as access
from newsstand.access.models import Subscription
from newsstand.accounts.models import User
from newsstand.payments.providers import RENEWED_HERE, payment_provider
from newsstand.payments.services import subscription_period_charge

logger = logging.getLogger(__name__)

Step = Callable[[Subscription, datetime.datetime], str | None]


def subscriptions_advance(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Move every subscription on to where the clock says it is; safe to run any number of times.

    Reminds readers two days before a trial ends; at its end converts a trial with a payment method on file and
    lapses the others; renews subscriptions renewed here at the end of their period; ends cancelled ones.
    """
    now = now or timezone.now()
    counts = {"reminded": 0, "converted": 0, "lapsed": 0, "renewed": 0, "ended": 0, "failed": 0}
    trials = Subscription.objects.filter(status=Subscription.Status.TRIALING)
    reminder_due = trials.filter(
        trial_reminder_sent_at__isnull=True,
        trial_ends_at__lte=now + access.TRIAL_REMINDER_BEFORE,
        trial_ends_at__gt=now,
    )
    due = Subscription.objects.filter(current_period_end__lte=now)
    steps: list[tuple[QuerySet[Subscription], Step]] = [
        (reminder_due, _step_remind),
        (trials.filter(trial_ends_at__lte=now), _step_trial_end),
        (due.filter(status=Subscription.Status.ACTIVE, provider__in=RENEWED_HERE), _step_renew),
        (due.filter(status=Subscription.Status.CANCELED), _step_end),
    ]
    for still_due, step in steps:
        for pk in list(still_due.values_list("pk", flat=True)):
            outcome = _advance_one(pk, step, still_due, now)
            if outcome:
                counts[outcome] += 1
    return counts


def _advance_one(pk: int, step: Step, still_due: QuerySet[Subscription], now: datetime.datetime) -> str | None:
    """One subscription in its own transaction, re-checked under a row lock: an overlapping run finds it done
    and skips it; a failure is logged and the others go on."""
    try:
        with transaction.atomic():
            subscription = still_due.select_for_update().select_related("plan", "user").filter(pk=pk).first()
            return step(subscription, now) if subscription is not None else None
    except Exception:  # one bad row must not stall everyone's renewals
        logger.exception("subscription %s could not be advanced", pk)
        return "failed"


def _step_remind(subscription: Subscription, now: datetime.datetime) -> str:
    access.subscription_trial_remind(subscription=subscription, now=now)
    return "reminded"


def _step_trial_end(subscription: Subscription, now: datetime.datetime) -> str | None:
    renewed_here = subscription.provider in RENEWED_HERE
    if subscription.has_payment_method and renewed_here:
        subscription_period_charge(subscription=subscription, start=subscription.trial_ends_at or now)
        return "converted"
    if renewed_here or not subscription.has_payment_method:
        access.subscription_end(subscription=subscription, at=subscription.trial_ends_at or now)
        return "lapsed"
    return None  # the provider converts it and says so by webhook


def _step_renew(subscription: Subscription, now: datetime.datetime) -> str:
    subscription_period_charge(subscription=subscription, start=subscription.current_period_end)
    return "renewed"


def _step_end(subscription: Subscription, now: datetime.datetime) -> str:
    access.subscription_end(subscription=subscription, at=subscription.current_period_end)
    return "ended"


def subscriptions_stop_renewing(*, user: User) -> None:
    """Cancel every subscription of the reader that would renew, where it was bought (before an account goes: a
    provider must not go on charging)."""
    renewing = Subscription.objects.filter(
        user=user, status__in=[Subscription.Status.TRIALING, Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE]
    )
    for subscription in renewing:
        payment_provider(subscription.provider).cancel(subscription=subscription)
