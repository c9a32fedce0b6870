"""The offline provider: completes every payment at once, on this machine, so that the whole path can be tried
without a payment service (the embedded default and the demo). Its renewals are charged by the scheduled work of
lifecycle.py."""

from __future__ import annotations

from newsstand.access import services as access
from newsstand.access.models import Plan, Subscription
from newsstand.accounts.models import User
from newsstand.catalog.models import Edition
from newsstand.payments import services
from newsstand.payments.base import Checkout


class OfflineProvider:
    name = "offline"

    def trial_checkout(self, *, user: User, plan: Plan, success_url: str, cancel_url: str) -> Checkout:
        access.trial_start(user=user, plan=plan, provider=self.name, has_payment_method=True)
        return Checkout(redirect_url=success_url)

    def subscription_checkout(
        self, *, user: User, plan: Plan, interval: str, success_url: str, cancel_url: str
    ) -> Checkout:
        services.subscription_sell(user=user, plan=plan, interval=interval, provider=self.name)
        return Checkout(redirect_url=success_url)

    def edition_checkout(
        self, *, user: User, edition: Edition, plan: Plan, success_url: str, cancel_url: str
    ) -> Checkout:
        services.edition_sell(user=user, edition=edition, plan=plan, provider=self.name)
        return Checkout(redirect_url=success_url)

    def cancel(self, *, subscription: Subscription) -> None:
        access.subscription_cancel(subscription=subscription)
