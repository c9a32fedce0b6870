"""Mail to a reader, in the reader's language: the one way every app sends its emails."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from newsstand.accounts.models import User


def reader_mail_send(*, user: User, subject: Callable[[], str], template: str, context: dict[str, Any]) -> bool:
    """Render and send; `subject` is called inside the reader's language. False when there is no address."""
    if not user.email:
        return False
    with translation.override(user.language or settings.LANGUAGE_CODE):
        body = render_to_string(
            template,
            {"site_name": settings.NEWSSTAND_SITE_NAME, "base_url": settings.NEWSSTAND_BASE_URL, **context},
        )
        send_mail(subject=subject(), message=body, from_email=None, recipient_list=[user.email])
    return True
