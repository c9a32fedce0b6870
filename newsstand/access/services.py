"""Writes of access: trials, subscriptions, cancellations, purchases, codes and vouchers, the meter."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsstand.access.models import (
    AccessCode,
    AccessCodeRedemption,
    AccessPolicy,
    EditionPurchase,
    MeteredRead,
    Plan,
    Subscription,
    TrialClaim,
    Voucher,
    VoucherRedemption,
)
from newsstand.access.rules import Access, Reader, Reason, story_access, story_blocks_split
from newsstand.access.selectors import trial_available, trial_claim_key
from newsstand.accounts.mail import reader_mail_send
from newsstand.accounts.models import User
from newsstand.catalog.blocks import Block
from newsstand.catalog.models import Edition, Story


class AccessError(Exception):
    """A request the reader can correct or understand; the message says what happened, for the reader."""


@transaction.atomic
def trial_start(*, user: User, plan: Plan, provider: str, has_payment_method: bool) -> Subscription:
    """Start the plan's free trial: once per reader and plan family, however many accounts share one mailbox."""
    if not trial_available(user=user, plan=plan) or not trial_claim_record(user=user, plan=plan):
        raise AccessError(_("You have already had a free trial of %(plan)s.") % {"plan": plan.name})
    now = timezone.now()
    trial_end = now + datetime.timedelta(days=plan.trial_days)
    return Subscription.objects.create(
        user=user, plan=plan, status=Subscription.Status.TRIALING, started_at=now, trial_ends_at=trial_end,
        current_period_end=trial_end, has_payment_method=has_payment_method, provider=provider,
    )  # fmt: skip


def trial_claim_record(*, user: User, plan: Plan) -> bool:
    """Note that the reader has had the trial of the plan's family: False when this account or another account of
    the same mailbox has had it already (also when two requests race to claim it)."""
    try:
        with transaction.atomic():
            _claim, created = TrialClaim.objects.get_or_create(
                family=plan.family, user=user, defaults={"email_normalized": trial_claim_key(user)}
            )
    except IntegrityError:
        return False
    return created


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


def subscription_start(
    *, user: User, plan: Plan, interval: str, provider: str, provider_reference: str = ""
) -> Subscription:
    """A paid subscription whose first period starts now (the caller takes the payment: newsstand/payments)."""
    plan_price(plan, interval)  # a plan not sold at this interval cannot be started at it
    now = timezone.now()
    return Subscription.objects.create(
        user=user, plan=plan, status=Subscription.Status.ACTIVE, interval=interval, started_at=now,
        current_period_end=period_end(now, interval), has_payment_method=True, provider=provider,
        provider_reference=provider_reference,
    )  # fmt: skip


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
    _subscription_mail_on_commit(
        subscription,
        subject=lambda plan: _("Your %(plan)s subscription is cancelled") % {"plan": plan},
        template="access/email/cancelled.txt",
    )


def _subscription_mail_on_commit(subscription: Subscription, *, subject: Callable[[str], str], template: str) -> None:
    """Mail the subscriber about their subscription once the change is committed; `subject` is given the plan's
    name and called in the reader's language."""
    subscription_id = subscription.pk

    def send() -> None:
        fresh = Subscription.objects.select_related("user", "plan").get(pk=subscription_id)
        reader_mail_send(
            user=fresh.user, subject=lambda: subject(fresh.plan.name), template=template,
            context={"subscription": fresh},
        )  # fmt: skip

    transaction.on_commit(send)


@transaction.atomic
def edition_purchase(
    *, user: User, edition: Edition, plan: Plan, provider: str, provider_reference: str = ""
) -> tuple[EditionPurchase, bool]:
    """Buy one edition, readable forever; with whether the purchase is new. Buying it again changes nothing (and
    the caller charges nothing: newsstand/payments)."""
    existing = EditionPurchase.objects.filter(user=user, edition=edition).first()
    if existing:
        return existing, False
    if plan.kind != Plan.Kind.EDITION or plan.edition_price is None:
        raise AccessError(_("Single editions are not for sale."))
    purchase = EditionPurchase.objects.create(
        user=user, edition=edition, amount=plan.edition_price, currency=plan.currency, provider=provider,
        provider_reference=provider_reference,
    )  # fmt: skip
    return purchase, True


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


# --- steps of the subscription lifecycle (newsstand/payments/lifecycle.py runs them as the clock moves on) ----

TRIAL_REMINDER_BEFORE = datetime.timedelta(days=2)


def subscription_trial_remind(*, subscription: Subscription, now: datetime.datetime) -> None:
    """Tell the reader their trial ends soon (once: the time sent is kept)."""
    subscription.trial_reminder_sent_at = now
    subscription.save(update_fields=["trial_reminder_sent_at"])
    _subscription_mail_on_commit(
        subscription,
        subject=lambda plan: _("Your free trial of %(plan)s ends in two days") % {"plan": plan},
        template="access/email/trial_ending.txt",
    )


def subscription_renew(*, subscription: Subscription, start: datetime.datetime) -> Decimal:
    """The next period, from `start`, paid: active until its end. Returns the price of the period."""
    price = plan_price(subscription.plan, subscription.interval)
    subscription.status = Subscription.Status.ACTIVE
    subscription.current_period_end = period_end(start, subscription.interval)
    subscription.save(update_fields=["status", "current_period_end"])
    return price


def subscription_end(*, subscription: Subscription, at: datetime.datetime) -> None:
    subscription.status = Subscription.Status.ENDED
    subscription.ended_at = at
    subscription.save(update_fields=["status", "ended_at"])


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
    opening, premium = story_blocks_split(
        story, allowed=access.allowed, default_paragraphs=AccessPolicy.current().preview_paragraphs
    )
    return StoryReading(access=access, opening=opening, premium=premium)
