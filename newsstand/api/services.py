"""Writes of the API: a reading app's token, handed out for the account's email and password, and revoked."""

from __future__ import annotations

from allauth.core import ratelimit
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from newsstand.accounts.models import User


class SignInRefused(Exception):
    """The email address and password do not name an active account; the message is for the caller."""


class SignInThrottled(SignInRefused):
    """Too many failed attempts from this address or for this account: the caller must wait."""


def token_obtain(*, request: HttpRequest, email: str, password: str) -> Token:
    """The account's API token (the same one on every call, until revoked) for its email and password.

    Failures count against the log-in form's limits per address and per account (allauth's "login_failed"), so
    the API is no side door for guessing passwords.
    """
    key = email.strip().lower()
    if not ratelimit.consume(request, action="login_failed", key=key, dry_run=True):
        raise SignInThrottled(_("Too many failed attempts to sign in. Wait a few minutes, then try again."))
    user = authenticate(request, email=email, password=password)
    if not isinstance(user, User) or not user.is_active:
        ratelimit.consume(request, action="login_failed", key=key)
        raise SignInRefused(_("The email address or the password is not right."))
    token, _created = Token.objects.get_or_create(user=user)
    return token


def token_revoke(*, user: User) -> None:
    """Sign every app out of this account: the token stops working at once."""
    Token.objects.filter(user=user).delete()
