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
from newsstand.access.models import Payment, Plan, Subscription, TrialClaim
from newsstand.access.rules import email_normalized
from newsstand.accounts.models import User
from newsstand.catalog.models import Edition
from newsstand.payments.models import WebhookEvent

logger = logging.getLogger(__name__)

PROVIDER = "stripe"
# Currencies Stripe counts in whole units, not cents.
ZERO_DECIMAL_CURRENCIES = frozenset({"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX",
                                     "VND", "VUV", "XAF", "XOF", "XPF"})  # fmt: skip

STATUSES = {
    "trialing": Subscription.Status.TRIALING,
    "active": Subscription.Status.ACTIVE,
    "past_due": Subscription.Status.PAST_DUE,
    "unpaid": Subscription.Status.PAST_DUE,
    "incomplete": Subscription.Status.PAST_DUE,
    "paused": Subscription.Status.PAST_DUE,
    "canceled": Subscription.Status.ENDED,
    "incomplete_expired": Subscription.Status.ENDED,
}


class WebhookRejected(Exception):
    """The request is not a genuine Stripe event; answer 400 and change nothing."""


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
        handler(event["data"]["object"], _time(event["created"]))
    return True


def _time(epoch: int | None) -> datetime.datetime | None:
    return datetime.datetime.fromtimestamp(epoch, tz=datetime.UTC) if epoch else None


# --- handlers ------------------------------------------------------------------------------------------------


def checkout_session_completed(session: dict[str, Any], at: datetime.datetime | None) -> None:
    metadata = session.get("metadata") or {}
    user = User.objects.get(pk=metadata.get("user_id") or session.get("client_reference_id") or 0)
    plan = Plan.objects.get(slug=metadata["plan"])
    if session.get("mode") == "payment":
        edition = Edition.objects.get(pk=metadata["edition_id"])
        access.edition_purchase(user=user, edition=edition, plan=plan, provider=PROVIDER,
                                provider_reference=session["id"])  # fmt: skip
        return
    subscription = _local_subscription(session["subscription"], user=user, plan=plan, at=at)
    subscription.provider_customer = session.get("customer") or ""
    subscription.has_payment_method = True
    subscription.save(update_fields=["provider_customer", "has_payment_method"])
    if metadata.get("kind") == "trial":
        _trial_claim(user, plan)


def customer_subscription_changed(data: dict[str, Any], at: datetime.datetime | None) -> None:
    metadata = data.get("metadata") or {}
    user = User.objects.filter(pk=metadata.get("user_id") or 0).first()
    plan = Plan.objects.filter(slug=metadata.get("plan", "")).first()
    subscription = _local_subscription(data["id"], user=user, plan=plan, at=at)
    if subscription.provider_synced_at and at and at < subscription.provider_synced_at:
        logger.info("stripe subscription %s: ignoring an older event", data["id"])
        return
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


def invoice_paid(invoice: dict[str, Any], at: datetime.datetime | None) -> None:
    subscription = _subscription_of_invoice(invoice)
    amount = _amount(invoice.get("amount_paid", 0), invoice.get("currency", ""))
    if subscription is None or amount == 0 or Payment.objects.filter(provider_reference=invoice["id"]).exists():
        return  # a trial's zero invoice, someone else's, or already recorded
    Payment.objects.create(
        user=subscription.user, description=f"{subscription.plan.name}", amount=amount,
        currency=invoice.get("currency", "").upper(), provider=PROVIDER, provider_reference=invoice["id"],
    )  # fmt: skip


def invoice_payment_failed(invoice: dict[str, Any], at: datetime.datetime | None) -> None:
    subscription = _subscription_of_invoice(invoice)
    if subscription is not None and subscription.status != Subscription.Status.ENDED:
        subscription.status = Subscription.Status.PAST_DUE
        subscription.save(update_fields=["status"])


HANDLERS: dict[str, Callable[[dict[str, Any], datetime.datetime | None], None]] = {
    "checkout.session.completed": checkout_session_completed,
    "customer.subscription.created": customer_subscription_changed,
    "customer.subscription.updated": customer_subscription_changed,
    "customer.subscription.deleted": customer_subscription_changed,
    "invoice.paid": invoice_paid,
    "invoice.payment_failed": invoice_payment_failed,
}


# --- helpers -------------------------------------------------------------------------------------------------


def _local_subscription(
    stripe_id: str, *, user: User | None, plan: Plan | None, at: datetime.datetime | None
) -> Subscription:
    """Our row for a Stripe subscription, created from the first event that names it (whichever comes first)."""
    existing = Subscription.objects.select_for_update().filter(provider=PROVIDER, provider_reference=stripe_id).first()
    if existing is not None:
        return existing
    if user is None or plan is None:
        raise WebhookRejected(f"subscription {stripe_id} names no known reader and plan in its metadata")
    now = at or timezone.now()
    return Subscription.objects.create(
        user=user, plan=plan, status=Subscription.Status.PAST_DUE, started_at=now, current_period_end=now,
        provider=PROVIDER, provider_reference=stripe_id,
    )  # fmt: skip


def _trial_claim(user: User, plan: Plan) -> None:
    key = email_normalized(user.email) if user.email else f"user:{user.pk}"
    try:
        with transaction.atomic():
            TrialClaim.objects.get_or_create(family=plan.family, user=user, defaults={"email_normalized": key})
    except IntegrityError:
        logger.warning("trial of %s for user %s: the mailbox had one already", plan.family, user.pk)


def _period_end(data: dict[str, Any]) -> datetime.datetime | None:
    if data.get("current_period_end"):
        return _time(data["current_period_end"])
    items = (data.get("items") or {}).get("data") or []
    ends = [item["current_period_end"] for item in items if item.get("current_period_end")]
    return _time(max(ends)) if ends else None


def _subscription_of_invoice(invoice: dict[str, Any]) -> Subscription | None:
    stripe_id = invoice.get("subscription") or (
        ((invoice.get("parent") or {}).get("subscription_details") or {}).get("subscription")
    )
    if not stripe_id:
        return None
    return (
        Subscription.objects.select_related("plan", "user")
        .filter(provider=PROVIDER, provider_reference=stripe_id)
        .first()
    )


def _amount(minor_units: int, currency: str) -> Decimal:
    if currency.upper() in ZERO_DECIMAL_CURRENCIES:
        return Decimal(minor_units)
    return Decimal(minor_units) / 100
