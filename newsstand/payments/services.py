"""Writes of payments: a sale is the access it gives (newsstand/access) and its line in the reader's payment
history, in one transaction."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction

from newsstand.access import services as access
from newsstand.access.models import EditionPurchase, Plan, Subscription
from newsstand.accounts.models import User
from newsstand.catalog.models import Edition
from newsstand.payments.models import Payment


def payment_record(
    *, user: User, description: str, amount: Decimal, currency: str, provider: str, provider_reference: str = ""
) -> Payment:
    return Payment.objects.create(
        user=user, description=description, amount=amount, currency=currency, provider=provider,
        provider_reference=provider_reference,
    )  # fmt: skip


def _period_description(subscription: Subscription) -> str:
    return f"{subscription.plan.name} ({subscription.get_interval_display()})"


@transaction.atomic
def subscription_sell(
    *, user: User, plan: Plan, interval: str, provider: str, provider_reference: str = ""
) -> Subscription:
    """A paid subscription, its first period paid now."""
    subscription = access.subscription_start(
        user=user, plan=plan, interval=interval, provider=provider, provider_reference=provider_reference
    )
    payment_record(
        user=user, description=_period_description(subscription), amount=access.plan_price(plan, interval),
        currency=plan.currency, provider=provider, provider_reference=provider_reference,
    )  # fmt: skip
    return subscription


@transaction.atomic
def subscription_period_charge(*, subscription: Subscription, start: datetime.datetime) -> None:
    """The next period from `start`, paid at once: how subscriptions renewed here (offline) renew."""
    price = access.subscription_renew(subscription=subscription, start=start)
    payment_record(
        user=subscription.user, description=_period_description(subscription), amount=price,
        currency=subscription.plan.currency, provider=subscription.provider,
    )  # fmt: skip


@transaction.atomic
def edition_sell(
    *, user: User, edition: Edition, plan: Plan, provider: str, provider_reference: str = ""
) -> EditionPurchase:
    """One edition, readable forever. Buying it again changes nothing and charges nothing."""
    purchase, new = access.edition_purchase(
        user=user, edition=edition, plan=plan, provider=provider, provider_reference=provider_reference
    )
    if new:
        payment_record(
            user=user, description=str(edition), amount=purchase.amount, currency=purchase.currency,
            provider=provider, provider_reference=provider_reference,
        )  # fmt: skip
    return purchase
