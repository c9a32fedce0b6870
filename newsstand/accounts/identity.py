"""Who a reader is: the mailbox an address delivers to, the account behind a request, and the one rate-limited
check of an email and password that every way of signing in besides the log-in form uses (API tokens, reading
apps' HTTP Basic)."""

from __future__ import annotations

import base64
import binascii
from typing import Any, Protocol, cast

from allauth.core import ratelimit
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext as _

from newsstand.accounts.models import User

# Providers known to ignore dots in the local part of an address.
DOTLESS_DOMAINS = frozenset({"gmail.com", "googlemail.com"})


def email_normalized(email: str) -> str:
    """The mailbox an address delivers to, so that aliases of one person count as one for trials.

    Case is ignored everywhere, "+tag" suffixes everywhere (the major providers deliver them to the same
    mailbox), dots only where the provider ignores them (Gmail).
    """
    local, _, domain = email.strip().lower().rpartition("@")
    local = local.split("+", 1)[0]
    if domain == "googlemail.com":
        domain = "gmail.com"
    if domain in DOTLESS_DOMAINS:
        local = local.replace(".", "")
    return f"{local}@{domain}"


class _HasUser(Protocol):
    user: Any


def user_of(request: _HasUser) -> User:
    """The signed-in reader of a request (a view behind login_required, an API view behind IsAuthenticated)."""
    return cast(User, request.user)


class SignInRefused(Exception):
    """The email address and password do not name an active account; the message is for the caller."""


class SignInThrottled(SignInRefused):
    """Too many failed attempts from this address or for this account: the caller must wait."""


def credentials_authenticate(*, request: HttpRequest, email: str, password: str) -> User:
    """The active account with this email and password, or SignInRefused / SignInThrottled.

    Failures count against the log-in form's limits per address and per account (allauth's "login_failed"), so
    no other way in is a side door for guessing passwords.
    """
    key = email.strip().lower()
    if not ratelimit.consume(request, action="login_failed", key=key, dry_run=True):
        raise SignInThrottled(_("Too many failed attempts to sign in. Wait a few minutes, then try again."))
    user = authenticate(request, email=email, password=password)
    if not isinstance(user, User) or not user.is_active:
        ratelimit.consume(request, action="login_failed", key=key)
        raise SignInRefused(_("The email address or the password is not right."))
    return user


def user_from_basic_auth(request: HttpRequest) -> User | None:
    """The reader named by an HTTP Basic `Authorization` header (reading apps fetching OPDS acquisitions), or None."""
    scheme, _, encoded = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return None
    try:
        email, _, password = base64.b64decode(encoded).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    try:
        return credentials_authenticate(request=request, email=email, password=password)
    except SignInRefused:
        return None
