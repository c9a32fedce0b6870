"""Writes that span the domains of one reader: closing an account."""

from __future__ import annotations

from django.db import transaction

from newsstand.accounts.models import User
from newsstand.payments.lifecycle import subscriptions_stop_renewing


def account_delete(*, user: User) -> None:
    """Delete the account and what hangs on it, after stopping every renewing subscription where it was bought
    (a provider must not go on charging). Trial claims and voucher redemptions stay, anonymised, so that a
    re-created account gets no second trial and a voucher's seats stay counted."""
    subscriptions_stop_renewing(user=user)
    with transaction.atomic():
        user.delete()
