"""Writes of access: trials, subscriptions, cancellations, purchases, codes and vouchers, the meter."""

from __future__ import annotations

import calendar
import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from newsstand.access.models import (
    AccessCode,
    AccessCodeRedemption,
    AccessPolicy,
    EditionPurchase,
    MeteredRead,
    Payment,
    Plan,
    Subscription,
    TrialClaim,
    Voucher,
    VoucherRedemption,
)
from newsstand.access.rules import (
    Access,
    Reader,
    Reason,
    email_normalized,
    story_access,
    story_preview_cut,
    story_preview_split,
)
from newsstand.accounts.models import User
from newsstand.catalog.blocks import Block
from newsstand.catalog.models import Edition, Story
from newsstand.core.mail import reader_mail_send

logger = logging.getLogger(__name__)


class AccessError(Exception):
    """A request the reader can correct or understand; the message says what happened, for the reader."""


def plan_held(*, user: User, plan: Plan) -> bool:
    """The reader has this plan now and it will renew: buying it again would charge twice."""
    return Subscription.objects.filter(
        user=user, plan=plan, current_period_end__gt=timezone.now(),
        status__in=[Subscription.Status.TRIALING, Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE],
    ).exists()  # fmt: skip


def trial_available(*, user: User, plan: Plan) -> bool:
    """True unless this account, or any account of the same mailbox, has had a trial of the plan's family."""
    if not plan.trial_days or not plan.is_active:
        return False
    claims = TrialClaim.objects.filter(family=plan.family)
    return not claims.filter(Q(user=user) | Q(email_normalized=_claim_key(user))).exists()


@transaction.atomic
def trial_start(*, user: User, plan: Plan, provider: str, has_payment_method: bool) -> Subscription:
    """Start the plan's free trial: once per reader and plan family, however many accounts share one mailbox."""
    if not trial_available(user=user, plan=plan):
        raise AccessError(_("You have already had a free trial of %(plan)s.") % {"plan": plan.name})
    now = timezone.now()
    try:
        with transaction.atomic():
            TrialClaim.objects.create(family=plan.family, user=user, email_normalized=_claim_key(user))
    except IntegrityError as error:  # the same reader, twice at once
        raise AccessError(_("You have already had a free trial of %(plan)s.") % {"plan": plan.name}) from error
    trial_end = now + datetime.timedelta(days=plan.trial_days)
    return Subscription.objects.create(
        user=user, plan=plan, status=Subscription.Status.TRIALING, started_at=now, trial_ends_at=trial_end,
        current_period_end=trial_end, has_payment_method=has_payment_method, provider=provider,
    )  # fmt: skip


def _claim_key(user: User) -> str:
    return email_normalized(user.email) if user.email else f"user:{user.pk}"


def period_end(start: datetime.datetime, interval: str) -> datetime.datetime:
    """One month or one year on, the same day where the calendar allows (31 January → 28/29 February)."""
    months = 12 if interval == Subscription.Interval.YEAR else 1
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return start.replace(year=year, month=month, day=min(start.day, last_day))


def plan_price(plan: Plan, interval: str) -> Decimal:
    price = plan.yearly_price if interval == Subscription.Interval.YEAR else plan.monthly_price
    if price is None:
        label = Subscription.Interval(interval).label if interval in Subscription.Interval.values else interval
        raise AccessError(_("%(plan)s is not sold %(interval)s.") % {"plan": plan.name, "interval": str(label).lower()})
    return price


@transaction.atomic
def subscription_start(
    *, user: User, plan: Plan, interval: str, provider: str, provider_reference: str = ""
) -> Subscription:
    """A paid subscription, its first period paid now."""
    price = plan_price(plan, interval)
    now = timezone.now()
    subscription = Subscription.objects.create(
        user=user, plan=plan, status=Subscription.Status.ACTIVE, interval=interval, started_at=now,
        current_period_end=period_end(now, interval), has_payment_method=True, provider=provider,
        provider_reference=provider_reference,
    )  # fmt: skip
    Payment.objects.create(
        user=user, description=f"{plan.name} ({subscription.get_interval_display()})", amount=price,
        currency=plan.currency, provider=provider, provider_reference=provider_reference,
    )  # fmt: skip
    return subscription


@transaction.atomic
def subscription_cancel(*, subscription: Subscription) -> Subscription:
    """Cancel at the end of the period (or trial): access lasts until then. Confirmed by email."""
    if subscription.status in {Subscription.Status.CANCELED, Subscription.Status.ENDED}:
        return subscription
    subscription.status = Subscription.Status.CANCELED
    subscription.canceled_at = timezone.now()
    subscription.save(update_fields=["status", "canceled_at"])
    subscription_cancelled_notify(subscription=subscription)
    return subscription


def subscription_cancelled_notify(*, subscription: Subscription) -> None:
    """The confirmation email, once the cancellation is committed (here or in the provider's portal)."""
    transaction.on_commit(lambda: _send_cancellation_email(subscription.pk))


def _send_cancellation_email(subscription_id: int) -> None:
    subscription = Subscription.objects.select_related("user", "plan").get(pk=subscription_id)
    reader_mail_send(
        user=subscription.user,
        subject=lambda: _("Your %(plan)s subscription is cancelled") % {"plan": subscription.plan.name},
        template="access/email/cancelled.txt",
        context={"subscription": subscription},
    )


@transaction.atomic
def edition_purchase(
    *, user: User, edition: Edition, plan: Plan, provider: str, provider_reference: str = ""
) -> EditionPurchase:
    """Buy one edition, readable forever. Buying it again changes nothing and charges nothing."""
    existing = EditionPurchase.objects.filter(user=user, edition=edition).first()
    if existing:
        return existing
    if plan.kind != Plan.Kind.EDITION or plan.edition_price is None:
        raise AccessError(_("Single editions are not for sale."))
    purchase = EditionPurchase.objects.create(
        user=user, edition=edition, amount=plan.edition_price, currency=plan.currency, provider=provider,
        provider_reference=provider_reference,
    )  # fmt: skip
    Payment.objects.create(
        user=user, description=str(edition), amount=plan.edition_price, currency=plan.currency, provider=provider,
        provider_reference=provider_reference,
    )  # fmt: skip
    return purchase


@transaction.atomic
def access_code_redeem(*, user: User, code: str) -> AccessCodeRedemption:
    """Join an institution by its code, within its seats. The code's row is locked so two readers racing for
    the last seat cannot both get it."""
    access_code = AccessCode.objects.select_for_update().filter(code=code.strip()).first()
    if access_code is None or not access_code.institution.is_active:
        raise AccessError(_("This access code is not valid."))
    if access_code.valid_until and access_code.valid_until <= timezone.now():
        raise AccessError(_("This access code has expired."))
    existing = AccessCodeRedemption.objects.filter(access_code=access_code, user=user).first()
    if existing:
        return existing
    if access_code.seats and access_code.redemptions.count() >= access_code.seats:
        raise AccessError(_("This access code has no seats left."))
    return AccessCodeRedemption.objects.create(access_code=access_code, user=user)


@transaction.atomic
def voucher_redeem(*, user: User, code: str) -> Subscription:
    """A gift or promotional code: the plan for its number of days, within the voucher's seats."""
    voucher = Voucher.objects.select_for_update().select_related("plan").filter(code=code.strip()).first()
    if voucher is None:
        raise AccessError(_("This voucher code is not valid."))
    if voucher.valid_until and voucher.valid_until <= timezone.now():
        raise AccessError(_("This voucher has expired."))
    if VoucherRedemption.objects.filter(voucher=voucher, user=user).exists():
        raise AccessError(_("You have already redeemed this voucher."))
    if voucher.redemptions.count() >= voucher.seats:
        raise AccessError(_("This voucher has already been redeemed."))
    now = timezone.now()
    # A voucher does not renew: it runs like a cancelled subscription to the end of its days.
    subscription = Subscription.objects.create(
        user=user, plan=voucher.plan, status=Subscription.Status.CANCELED, started_at=now, canceled_at=now,
        current_period_end=now + datetime.timedelta(days=voucher.days), provider="voucher",
        provider_reference=voucher.code,
    )  # fmt: skip
    VoucherRedemption.objects.create(voucher=voucher, user=user, subscription=subscription)
    return subscription


def metered_read_record(*, user: User, story: Story, now: datetime.datetime | None = None) -> None:
    month = (now or timezone.now()).date().replace(day=1)
    MeteredRead.objects.get_or_create(user=user, story=story, month=month)


# --- the subscription lifecycle, advanced by scheduled background work (newsstand/access/tasks.py) ------------

TRIAL_REMINDER_BEFORE = datetime.timedelta(days=2)


def subscriptions_advance(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Move every subscription on to where the clock says it is; safe to run any number of times.

    Reminds readers two days before a trial ends; at its end converts a trial with a payment method on file and
    lapses the others; renews offline subscriptions at the end of their period; ends cancelled ones. Stripe's
    subscriptions are advanced by Stripe itself, through webhooks.
    """
    now = now or timezone.now()
    counts = {"reminded": 0, "converted": 0, "lapsed": 0, "renewed": 0, "ended": 0, "failed": 0}
    trials = Subscription.objects.filter(status=Subscription.Status.TRIALING)
    reminder_due = trials.filter(
        trial_reminder_sent_at__isnull=True, trial_ends_at__lte=now + TRIAL_REMINDER_BEFORE, trial_ends_at__gt=now
    )
    due = Subscription.objects.filter(current_period_end__lte=now)
    steps: list[tuple[QuerySet[Subscription], Callable[[Subscription, datetime.datetime], str | None]]] = [
        (reminder_due, _step_remind),
        (trials.filter(trial_ends_at__lte=now), _step_trial_end),
        (due.filter(status=Subscription.Status.ACTIVE, provider="offline"), _step_renew),
        (due.filter(status=Subscription.Status.CANCELED), _step_end),
    ]
    for still_due, step in steps:
        for pk in list(still_due.values_list("pk", flat=True)):
            outcome = _advance_one(pk, step, still_due, now)
            if outcome:
                counts[outcome] += 1
    return counts


def _advance_one(
    pk: int,
    step: Callable[[Subscription, datetime.datetime], str | None],
    still_due: QuerySet[Subscription],
    now: datetime.datetime,
) -> str | None:
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
    _trial_remind(subscription, now)
    return "reminded"


def _step_trial_end(subscription: Subscription, now: datetime.datetime) -> str | None:
    if subscription.has_payment_method and subscription.provider == "offline":
        _offline_charge(subscription, start=subscription.trial_ends_at or now)
        return "converted"
    if subscription.provider == "offline" or not subscription.has_payment_method:
        _end(subscription, at=subscription.trial_ends_at or now)
        return "lapsed"
    return None  # Stripe converts it and says so by webhook


def _step_renew(subscription: Subscription, now: datetime.datetime) -> str:
    _offline_charge(subscription, start=subscription.current_period_end)
    return "renewed"


def _step_end(subscription: Subscription, now: datetime.datetime) -> str:
    _end(subscription, at=subscription.current_period_end)
    return "ended"


def _offline_charge(subscription: Subscription, *, start: datetime.datetime) -> None:
    """The offline provider's renewal: the next period, paid at once."""
    price = plan_price(subscription.plan, subscription.interval)
    subscription.status = Subscription.Status.ACTIVE
    subscription.current_period_end = period_end(start, subscription.interval)
    subscription.save(update_fields=["status", "current_period_end"])
    Payment.objects.create(
        user=subscription.user, description=f"{subscription.plan.name} ({subscription.get_interval_display()})",
        amount=price, currency=subscription.plan.currency, provider=subscription.provider,
    )  # fmt: skip


def _end(subscription: Subscription, *, at: datetime.datetime) -> None:
    subscription.status = Subscription.Status.ENDED
    subscription.ended_at = at
    subscription.save(update_fields=["status", "ended_at"])


def _trial_remind(subscription: Subscription, now: datetime.datetime) -> None:
    subscription.trial_reminder_sent_at = now
    subscription.save(update_fields=["trial_reminder_sent_at"])
    transaction.on_commit(lambda: _send_trial_reminder(subscription.pk))


def _send_trial_reminder(subscription_id: int) -> None:
    subscription = Subscription.objects.select_related("user", "plan").get(pk=subscription_id)
    reader_mail_send(
        user=subscription.user,
        subject=lambda: _("Your free trial of %(plan)s ends in two days") % {"plan": subscription.plan.name},
        template="access/email/trial_ending.txt",
        context={"subscription": subscription},
    )


@dataclass(frozen=True)
class StoryReading:
    """What one reader gets of a story: the decision, the blocks shown openly, and the paywalled blocks
    (sent only to a reader who may read them, marked for search engines)."""

    access: Access
    opening: list[Block]
    premium: list[Block]


def story_read(*, reader: Reader, story: Story, counts_as_read: bool) -> StoryReading:
    """Decide, split the body accordingly, and spend a metered read when this request is a real read."""
    access = story_access(reader=reader, story=story)
    if access.reason == Reason.METER and counts_as_read and reader.user is not None:
        metered_read_record(user=reader.user, story=story)
    default_paragraphs = AccessPolicy.current().preview_paragraphs
    if not access.allowed:
        opening, _ = story_preview_split(story, default_paragraphs=default_paragraphs)
        return StoryReading(access=access, opening=opening, premium=[])
    if story.is_free:
        return StoryReading(access=access, opening=list(story.body), premium=[])
    cut = story_preview_cut(story, default_paragraphs=default_paragraphs)
    return StoryReading(access=access, opening=story.body[:cut], premium=story.body[cut:])
