"""Payment providers behind one interface. The offline provider completes payments locally (the embedded default
and the demo); a Stripe provider with Checkout and webhooks plugs in beside it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.conf import settings

from newsstand.access import services as access
from newsstand.access.models import Plan, Subscription
from newsstand.accounts.models import User
from newsstand.catalog.models import Edition


@dataclass(frozen=True)
class Checkout:
    """Where to send the reader next: the provider's payment page, or straight back when it is already done."""

    redirect_url: str


class PaymentProvider(Protocol):
    name: str

    def trial_checkout(self, *, user: User, plan: Plan, success_url: str, cancel_url: str) -> Checkout: ...

    def subscription_checkout(
        self, *, user: User, plan: Plan, interval: str, success_url: str, cancel_url: str
    ) -> Checkout: ...

    def edition_checkout(
        self, *, user: User, edition: Edition, plan: Plan, success_url: str, cancel_url: str
    ) -> Checkout: ...

    def cancel(self, *, subscription: Subscription) -> None: ...


class OfflineProvider:
    """Completes every payment at once, on this machine: the whole path can be tried without a payment service."""

    name = "offline"

    def trial_checkout(self, *, user: User, plan: Plan, success_url: str, cancel_url: str) -> Checkout:
        access.trial_start(user=user, plan=plan, provider=self.name, has_payment_method=True)
        return Checkout(redirect_url=success_url)

    def subscription_checkout(
        self, *, user: User, plan: Plan, interval: str, success_url: str, cancel_url: str
    ) -> Checkout:
        access.subscription_start(user=user, plan=plan, interval=interval, provider=self.name)
        return Checkout(redirect_url=success_url)

    def edition_checkout(
        self, *, user: User, edition: Edition, plan: Plan, success_url: str, cancel_url: str
    ) -> Checkout:
        access.edition_purchase(user=user, edition=edition, plan=plan, provider=self.name)
        return Checkout(redirect_url=success_url)

    def cancel(self, *, subscription: Subscription) -> None:
        access.subscription_cancel(subscription=subscription)


def payment_provider(name: str | None = None) -> PaymentProvider:
    """The provider configured by NEWSSTAND_PAYMENT_PROVIDER ("offline" or "stripe"), or the one named."""
    chosen = name or settings.NEWSSTAND_PAYMENT_PROVIDER
    if chosen == "stripe":
        from newsstand.payments.stripe_provider import StripeProvider

        return StripeProvider()
    return OfflineProvider()
