"""Writes of the API: a reading app's token, handed out for the account's email and password, and revoked."""

from __future__ import annotations

from django.http import HttpRequest
from rest_framework.authtoken.models import Token

from newsstand.accounts.identity import credentials_authenticate
from newsstand.accounts.models import User


def token_obtain(*, request: HttpRequest, email: str, password: str) -> Token:
    """The account's API token (the same one on every call, until revoked) for its email and password; raises
    accounts.identity.SignInRefused or SignInThrottled (rate-limited like the log-in form)."""
    user = credentials_authenticate(request=request, email=email, password=password)
    token, _created = Token.objects.get_or_create(user=user)
    return token


def token_revoke(*, user: User) -> None:
    """Sign every app out of this account: the token stops working at once."""
    Token.objects.filter(user=user).delete()
