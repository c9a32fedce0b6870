"""Stripe's webhooks: verified by signature, applied once (a replay changes nothing), in one transaction, and
correct when events arrive out of order (an event older than what we applied is ignored).

Events come as plain JSON dicts; field names follow Stripe's API, both before and after the 2025 move of
`current_period_end` onto subscription items and of `subscription` onto `invoice.parent`.
"""

from __future__ import annotations

import datetime
import json
import logging
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsstand.access import services as access
from newsstand.access.models import Plan, Subscription
from newsstand.accounts.models import User
from newsstand.catalog.models import Edition
from newsstand.payments.models import Payment, WebhookEvent
from newsstand.payments.services import edition_sell, payment_record

logger = logging.getLogger(__name__)

PROVIDER = "stripe"
# Currencies Stripe counts in whole units, not cents.
ZERO_DECIMAL_CURRENCIES = frozenset({"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX",
                                     "VND", "VUV", "XAF", "XOF", "XPF"})  # fmt: skip

STATUSES = {
    "trialing": Subscription.Status.TRIALING,
    "active": Subscription.Status.ACTIVE,
    "past_due": Subscription.Status.PAST_DUE,
    "unpaid": Subscription.Status.UNPAID,
    "incomplete": Subscription.Status.UNPAID,
    "paused": Subscription.Status.UNPAID,
    "canceled": Subscription.Status.ENDED,
    "incomplete_expired": Subscription.Status.ENDED,
}


class WebhookRejected(Exception):
    """The request is not a genuine Stripe event; answer 400 and change nothing."""


class NotOurs(Exception):
    """A genuine event about something this site did not sell (no reader or plan of ours in its metadata).
    Logged and answered 200, so that Stripe does not retry it forever."""


def stripe_event_verify(payload: bytes, signature: str | None) -> dict[str, Any]:
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        raise WebhookRejected("STRIPE_WEBHOOK_SECRET is not set")
    try:
        stripe.WebhookSignature.verify_header(payload.decode("utf-8"), signature, secret, tolerance=300)
        event: dict[str, Any] = json.loads(payload)
    except (stripe.SignatureVerificationError, ValueError, UnicodeDecodeError) as error:
        raise WebhookRejected(str(error)) from error
    if not isinstance(event, dict) or not {"id", "type", "data", "created"} <= event.keys():
        raise WebhookRejected("not an event")
    return event


@transaction.atomic
def stripe_event_apply(event: dict[str, Any]) -> bool:
    """Apply a verified event; False when it was applied before (Stripe retries and replays)."""
    try:
        with transaction.atomic():
            WebhookEvent.objects.create(provider=PROVIDER, event_id=event["id"], type=event["type"])
    except IntegrityError:
        logger.info("stripe event %s (%s) already applied", event["id"], event["type"])
        return False
    handler = HANDLERS.get(event["type"])
    if handler is not None:
        try:
            with transaction.atomic():
                handler(event["data"]["object"], _time(event["created"]))
        except NotOurs as error:
            logger.warning("stripe event %s (%s) ignored: %s", event["id"], event["type"], error)
    return True


def _time(epoch: int | None) -> datetime.datetime | None:
    return datetime.datetime.fromtimestamp(epoch, tz=datetime.UTC) if epoch else None


# --- handlers ------------------------------------------------------------------------------------------------


def checkout_session_completed(session: dict[str, Any], at: datetime.datetime | None) -> None:
    metadata = session.get("metadata") or {}
    user, plan = _reader_and_plan(metadata, fallback_user=session.get("client_reference_id"))
    if session.get("mode") == "payment":
        if session.get("payment_status") == "paid":  # else async_payment_succeeded follows once it is
            _edition_bought(session, user, plan)
        return
    subscription = _local_subscription(session["subscription"], user=user, plan=plan, at=at)
    if subscription.provider_synced_at is None:
        # The subscription's own events have not come yet: give what was bought until they do.
        now = at or timezone.now()
        trial = metadata.get("kind") == "trial" and plan.trial_days
        subscription.status = Subscription.Status.TRIALING if trial else Subscription.Status.ACTIVE
        subscription.trial_ends_at = now + datetime.timedelta(days=plan.trial_days) if trial else None
        subscription.current_period_end = subscription.trial_ends_at or access.period_end(now, subscription.interval)
    subscription.provider_customer = session.get("customer") or ""
    subscription.has_payment_method = True
    subscription.save()
    if metadata.get("kind") == "trial" and not access.trial_claim_record(user=user, plan=plan):
        logger.warning("trial of %s for user %s: the account or its mailbox had one already", plan.family, user.pk)


def checkout_session_async_payment_succeeded(session: dict[str, Any], at: datetime.datetime | None) -> None:
    if session.get("mode") == "payment":
        user, plan = _reader_and_plan(session.get("metadata") or {}, fallback_user=session.get("client_reference_id"))
        _edition_bought(session, user, plan)


def _edition_bought(session: dict[str, Any], user: User, plan: Plan) -> None:
    edition = Edition.objects.filter(pk=(session.get("metadata") or {}).get("edition_id") or 0).first()
    if edition is None:
        raise NotOurs(f"checkout {session['id']} names no edition of ours")
    edition_sell(user=user, edition=edition, plan=plan, provider=PROVIDER, provider_reference=session["id"])


def _reader_and_plan(metadata: dict[str, Any], *, fallback_user: Any = None) -> tuple[User, Plan]:
    user = User.objects.filter(pk=_int(metadata.get("user_id") or fallback_user)).first()
    plan = Plan.objects.filter(slug=metadata.get("plan") or "").first()
    if user is None or plan is None:
        raise NotOurs("no reader and plan of ours in the metadata")
    return user, plan


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def customer_subscription_changed(data: dict[str, Any], at: datetime.datetime | None) -> None:
    subscription = _subscription_for(data["id"], data.get("metadata") or {}, at)
    if _stale(subscription, at):
        return
    was = subscription.status
    status = STATUSES.get(data.get("status", ""), Subscription.Status.PAST_DUE)
    if status in {Subscription.Status.ACTIVE, Subscription.Status.TRIALING} and data.get("cancel_at_period_end"):
        status = Subscription.Status.CANCELED
        subscription.canceled_at = _time(data.get("canceled_at")) or at or timezone.now()
    subscription.status = status
    subscription.trial_ends_at = _time(data.get("trial_end"))
    subscription.current_period_end = _period_end(data) or subscription.current_period_end
    subscription.ended_at = _time(data.get("ended_at"))
    subscription.provider_customer = data.get("customer") or subscription.provider_customer
    subscription.provider_synced_at = at
    subscription.save()
    if status == Subscription.Status.CANCELED and was != Subscription.Status.CANCELED:
        access.subscription_cancelled_notify(subscription=subscription)  # cancelled in Stripe's portal


def _stale(subscription: Subscription, at: datetime.datetime | None) -> bool:
    """An event older than the state we applied last: it arrived late, and must not undo newer news."""
    if subscription.provider_synced_at and at and at < subscription.provider_synced_at:
        logger.info("stripe subscription %s: ignoring an older event", subscription.provider_reference)
        return True
    return False


def invoice_paid(invoice: dict[str, Any], at: datetime.datetime | None) -> None:
    subscription = _subscription_of_invoice(invoice, at)
    amount = _amount(invoice.get("amount_paid", 0), invoice.get("currency", ""))
    if subscription is None or amount == 0 or Payment.objects.filter(provider_reference=invoice["id"]).exists():
        return  # a trial's zero invoice, someone else's, or already recorded
    payment_record(
        user=subscription.user, description=f"{subscription.plan.name}", amount=amount,
        currency=invoice.get("currency", "").upper(), provider=PROVIDER, provider_reference=invoice["id"],
    )  # fmt: skip


def invoice_payment_failed(invoice: dict[str, Any], at: datetime.datetime | None) -> None:
    subscription = _subscription_of_invoice(invoice, at)
    if subscription is None or _stale(subscription, at) or subscription.status == Subscription.Status.ENDED:
        return
    subscription.status = Subscription.Status.PAST_DUE
    subscription.provider_synced_at = at
    subscription.save(update_fields=["status", "provider_synced_at"])


HANDLERS: dict[str, Callable[[dict[str, Any], datetime.datetime | None], None]] = {
    "checkout.session.completed": checkout_session_completed,
    "checkout.session.async_payment_succeeded": checkout_session_async_payment_succeeded,
    "customer.subscription.created": customer_subscription_changed,
    "customer.subscription.updated": customer_subscription_changed,
    "customer.subscription.deleted": customer_subscription_changed,
    "invoice.paid": invoice_paid,
    "invoice.payment_failed": invoice_payment_failed,
}


# --- helpers -------------------------------------------------------------------------------------------------


def _subscription_for(stripe_id: str, metadata: dict[str, Any], at: datetime.datetime | None) -> Subscription:
    existing = Subscription.objects.select_for_update().filter(provider=PROVIDER, provider_reference=stripe_id).first()
    if existing is not None:
        return existing
    user, plan = _reader_and_plan(metadata)
    return _local_subscription(stripe_id, user=user, plan=plan, at=at)


def _local_subscription(stripe_id: str, *, user: User, plan: Plan, at: datetime.datetime | None) -> Subscription:
    """Our row for a Stripe subscription, created by the first event that names it, whichever that is. The
    unique (provider, reference) constraint makes two events racing to create it end with one row."""
    now = at or timezone.now()
    subscription, _ = Subscription.objects.select_for_update().get_or_create(
        provider=PROVIDER, provider_reference=stripe_id,
        defaults={"user": user, "plan": plan, "status": Subscription.Status.UNPAID, "started_at": now,
                  "current_period_end": now},
    )  # fmt: skip
    return subscription


def _period_end(data: dict[str, Any]) -> datetime.datetime | None:
    if data.get("current_period_end"):
        return _time(data["current_period_end"])
    items = (data.get("items") or {}).get("data") or []
    ends = [item["current_period_end"] for item in items if item.get("current_period_end")]
    return _time(max(ends)) if ends else None


def _subscription_of_invoice(invoice: dict[str, Any], at: datetime.datetime | None) -> Subscription | None:
    """The invoice's subscription; created from the invoice's metadata when the invoice arrives first."""
    details = (invoice.get("parent") or {}).get("subscription_details") or {}
    stripe_id = invoice.get("subscription") or details.get("subscription")
    if not stripe_id:
        return None
    return _subscription_for(stripe_id, details.get("metadata") or invoice.get("metadata") or {}, at)


def _amount(minor_units: int, currency: str) -> Decimal:
    if currency.upper() in ZERO_DECIMAL_CURRENCIES:
        return Decimal(minor_units)
    return Decimal(minor_units) / 100
