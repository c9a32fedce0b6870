"""Which payment provider serves a request or a subscription: NEWSSTAND_PAYMENT_PROVIDER, or the one that sold it."""

from __future__ import annotations

from django.conf import settings

from newsstand.payments.base import PaymentProvider
from newsstand.payments.offline import OfflineProvider
from newsstand.payments.stripe import StripeProvider

# Providers whose renewals (and trial conversions) are charged here, by scheduled work; the others charge on their
# own side and tell us by webhook.
RENEWED_HERE = frozenset({OfflineProvider.name})


def payment_provider(name: str | None = None) -> PaymentProvider:
    """The provider configured by NEWSSTAND_PAYMENT_PROVIDER ("offline" or "stripe"), or the one named."""
    chosen = name or settings.NEWSSTAND_PAYMENT_PROVIDER
    if chosen == StripeProvider.name:
        return StripeProvider()
    return OfflineProvider()
