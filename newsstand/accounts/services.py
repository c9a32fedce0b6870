"""Writes of a reader's own account: export everything we hold, delete everything."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest

from newsstand.accounts.models import User


def account_export(*, user: User) -> dict[str, Any]:
    """Everything Newsstand keeps about the reader, as plain data (GDPR article 20)."""
    from newsstand.access.models import EditionPurchase, Payment, Subscription

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


def account_language_set(*, user: User, language: str) -> User:
    """The language pages and emails are in for this reader; "" follows the browser."""
    if language not in {code for code, _ in settings.LANGUAGES} | {""}:
        raise ValueError(f"unknown language {language!r}")
    user.language = language
    user.save(update_fields=["language"])
    return user


def account_delete(*, user: User) -> None:
    """Delete the account and what hangs on it, after stopping every renewing subscription where it was bought
    (a provider must not go on charging). Trial claims and voucher redemptions stay, anonymised, so that a
    re-created account gets no second trial and a voucher's seats stay counted."""
    from newsstand.access.models import Subscription
    from newsstand.payments.providers import payment_provider

    renewing = Subscription.objects.filter(
        user=user, status__in=[Subscription.Status.TRIALING, Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE]
    )
    for subscription in renewing:
        payment_provider(subscription.provider).cancel(subscription=subscription)
    with transaction.atomic():
        user.delete()


def user_from_basic_auth(request: HttpRequest) -> User | None:
    """The reader named by an HTTP Basic `Authorization` header (reading apps fetching OPDS acquisitions), or None.

    Failed attempts count against the same per-address limit as the log-in form (allauth's "login_failed").
    """
    import base64
    import binascii

    from allauth.core import ratelimit
    from django.contrib.auth import authenticate

    scheme, _, encoded = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return None
    try:
        email, _, password = base64.b64decode(encoded).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    key = email.strip().lower()
    if not ratelimit.consume(request, action="login_failed", key=key, dry_run=True):
        return None
    user = authenticate(request, username=email, password=password)
    if user is None:
        ratelimit.consume(request, action="login_failed", key=key)
        return None
    return user if isinstance(user, User) and user.is_active else None
