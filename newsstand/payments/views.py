"""Endpoints payment providers call."""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from newsstand.payments.stripe_webhooks import WebhookRejected, stripe_event_apply, stripe_event_verify

logger = logging.getLogger(__name__)


@csrf_exempt  # Stripe cannot send our CSRF token; the signature takes its place
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    try:
        event = stripe_event_verify(request.body, request.headers.get("Stripe-Signature"))
        stripe_event_apply(event)
    except WebhookRejected as error:
        logger.warning("stripe webhook rejected: %s", error)
        return HttpResponse(status=400)
    return HttpResponse(status=200)
