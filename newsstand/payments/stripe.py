"""Stripe as the payment provider: Checkout Sessions for trials, subscriptions and single editions, the Customer
Portal for payment details, cancellation at the period's end. Stripe then reports back through webhooks
(stripe_webhooks.py), which is where our records change."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

import stripe
from django.conf import settings

from newsstand.access import services as access
from newsstand.access.models import Plan, Subscription
from newsstand.accounts.models import User
from newsstand.catalog.models import Edition
from newsstand.payments.base import Checkout, ProviderUnavailable

logger = logging.getLogger(__name__)


@contextmanager
def _provider_errors(action: str) -> Iterator[None]:
    """Stripe's refusals and outages reach the reader as ProviderUnavailable; the operator's log has Stripe's words."""
    try:
        yield
    except stripe.StripeError as error:
        logger.warning("stripe: %s failed: %s", action, error)
        raise ProviderUnavailable from error


class StripeProvider:
    name = "stripe"
    # How Stripe's client reaches Stripe: None is the library's own HTTP client. The tests put a fake transport here,
    # so that everything but the network (Stripe's client, its encoding of our requests) runs for real.
    http_client_factory: ClassVar[Callable[[], stripe.HTTPClient] | None] = None

    def __init__(self) -> None:
        if not settings.STRIPE_SECRET_KEY:
            raise RuntimeError("NEWSSTAND_PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY in the environment")
        factory = type(self).http_client_factory
        self.client = stripe.StripeClient(settings.STRIPE_SECRET_KEY, http_client=factory() if factory else None)

    def trial_checkout(self, *, user: User, plan: Plan, success_url: str, cancel_url: str) -> Checkout:
        return self._subscription_session(
            user=user, plan=plan, price=plan.stripe_price_monthly, kind="trial", success_url=success_url,
            cancel_url=cancel_url, subscription_data={"trial_period_days": plan.trial_days},
        )  # fmt: skip

    def subscription_checkout(
        self, *, user: User, plan: Plan, interval: str, success_url: str, cancel_url: str
    ) -> Checkout:
        price = plan.stripe_price_yearly if interval == Subscription.Interval.YEAR else plan.stripe_price_monthly
        return self._subscription_session(
            user=user, plan=plan, price=price, kind="subscription", success_url=success_url, cancel_url=cancel_url,
            subscription_data={},
        )  # fmt: skip

    def edition_checkout(
        self, *, user: User, edition: Edition, plan: Plan, success_url: str, cancel_url: str
    ) -> Checkout:
        params: Any = {
            "mode": "payment",
            "line_items": [{"price": plan.stripe_price_edition, "quantity": 1}],
            "customer_email": user.email or None,
            "client_reference_id": str(user.pk),
            "metadata": {"user_id": str(user.pk), "plan": plan.slug, "kind": "edition", "edition_id": str(edition.pk)},
            "success_url": success_url,
            "cancel_url": cancel_url,
        }
        with _provider_errors("edition checkout"):
            session = self.client.v1.checkout.sessions.create(params=params)
        return Checkout(redirect_url=session.url or cancel_url)

    def cancel(self, *, subscription: Subscription) -> None:
        """Cancel at the period's end at Stripe, and here at once (the webhook that follows agrees)."""
        with _provider_errors("cancel"):
            self.client.v1.subscriptions.update(subscription.provider_reference, params={"cancel_at_period_end": True})
        access.subscription_cancel(subscription=subscription)

    def portal_url(self, *, subscription: Subscription, return_url: str) -> str:
        with _provider_errors("customer portal"):
            portal = self.client.v1.billing_portal.sessions.create(
                params={"customer": subscription.provider_customer, "return_url": return_url}
            )
        return portal.url

    def _subscription_session(
        self, *, user: User, plan: Plan, price: str, kind: str, success_url: str, cancel_url: str,
        subscription_data: dict[str, Any],
    ) -> Checkout:  # fmt: skip
        metadata = {"user_id": str(user.pk), "plan": plan.slug, "kind": kind}
        params: Any = {
            "mode": "subscription",
            "line_items": [{"price": price, "quantity": 1}],
            "customer_email": user.email or None,
            "client_reference_id": str(user.pk),
            "metadata": metadata,
            "subscription_data": {**subscription_data, "metadata": metadata},
            "payment_method_collection": "always",
            "success_url": success_url,
            "cancel_url": cancel_url,
        }
        with _provider_errors(f"{kind} checkout"):
            session = self.client.v1.checkout.sessions.create(params=params)
        return Checkout(redirect_url=session.url or cancel_url)
