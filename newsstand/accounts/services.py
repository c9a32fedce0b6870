"""Writes of a reader's own account."""

from __future__ import annotations

from django.conf import settings

from newsstand.accounts.models import User


def account_language_set(*, user: User, language: str) -> User:
    """The language pages and emails are in for this reader; "" follows the browser."""
    if language not in {code for code, _ in settings.LANGUAGES} | {""}:
        raise ValueError(f"unknown language {language!r}")
    user.language = language
    user.save(update_fields=["language"])
    return user
