"""Reads of payments: a reader's payment history."""

from __future__ import annotations

from newsstand.accounts.models import User
from newsstand.payments.models import Payment


def payments_of(*, user: User) -> list[Payment]:
    return list(Payment.objects.filter(user=user))
