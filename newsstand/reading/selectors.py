"""Reads that gather what several domains keep about one reader: the account page, and the data export."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsstand.access.models import EditionPurchase, Subscription
from newsstand.access.selectors import edition_purchases_of, subscriptions_of
from newsstand.accounts.models import User
from newsstand.payments.models import Payment
from newsstand.payments.selectors import payments_of


@dataclass(frozen=True)
class AccountOverview:
    subscriptions: list[Subscription]
    purchases: list[EditionPurchase]
    payments: list[Payment]


def account_overview(*, user: User) -> AccountOverview:
    return AccountOverview(
        subscriptions=subscriptions_of(user=user),
        purchases=edition_purchases_of(user=user),
        payments=payments_of(user=user),
    )


def account_export(*, user: User) -> dict[str, Any]:
    """Everything Newsstand keeps about the reader, as plain data (GDPR article 20)."""
    return {
        "account": {"email": user.email, "username": user.username, "language": user.language,
                    "joined": user.date_joined, "last_login": user.last_login},
        "subscriptions": list(
            Subscription.objects.filter(user=user).values(
                "plan__name", "status", "interval", "started_at", "trial_ends_at", "current_period_end",
                "canceled_at", "ended_at", "provider",
            )
        ),
        "purchases": list(
            EditionPurchase.objects.filter(user=user).values(
                "edition__publication__title", "edition__issue_date", "amount", "currency", "created_at"
            )
        ),
        "payments": list(Payment.objects.filter(user=user).values("description", "amount", "currency", "created_at")),
    }  # fmt: skip
