"""What every payment provider offers: checkouts for a trial, a subscription and a single edition, and cancelling
where a subscription was bought. The providers themselves: offline.py and stripe.py; choosing one: providers.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext_lazy as _

from newsstand.access.models import Plan, Subscription
from newsstand.access.services import AccessError
from newsstand.accounts.models import User
from newsstand.catalog.models import Edition


class ProviderUnavailable(AccessError):
    """The payment provider refused the request or did not answer; nothing was bought or changed."""

    def __init__(self) -> None:
        super().__init__(_("The payment service could not be reached. Nothing was charged; please try again later."))


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
