"""Checkout and billing: start a trial, subscribe, buy an edition, cancel, Stripe's portal; and the endpoints
payment providers call."""

from __future__ import annotations

import datetime
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from newsstand.access.models import Plan, Subscription
from newsstand.access.selectors import plan_held, plan_single_edition, trial_available
from newsstand.access.services import AccessError
from newsstand.accounts.identity import user_of
from newsstand.catalog import selectors as catalog
from newsstand.core.navigation import safe_next
from newsstand.payments.providers import payment_provider
from newsstand.payments.stripe import StripeProvider
from newsstand.payments.stripe_webhooks import WebhookRejected, stripe_event_apply, stripe_event_verify

logger = logging.getLogger(__name__)

ACCOUNT_PAGE = "account:account"


@login_required
@require_http_methods(["GET", "POST"])
def trial(request: HttpRequest, plan: str) -> HttpResponse:
    chosen = get_object_or_404(Plan, slug=plan, is_active=True)
    next_url = safe_next(request)
    if not trial_available(user=user_of(request), plan=chosen):
        messages.info(request, _("You have already had a free trial of %(plan)s.") % {"plan": chosen.name})
        return redirect(f"{_subscribe_url(chosen)}?next={next_url}")
    if request.method == "POST":
        try:
            checkout = payment_provider().trial_checkout(
                user=user_of(request),
                plan=chosen,
                success_url=request.build_absolute_uri(next_url),
                cancel_url=request.build_absolute_uri(next_url),
            )
        except AccessError as error:
            messages.error(request, str(error))
            return redirect(next_url)
        messages.success(request, _("Your free trial of %(plan)s has started. Enjoy reading!") % {"plan": chosen.name})
        return HttpResponseRedirect(checkout.redirect_url)
    return render(request, "payments/trial.html", {"plan": chosen, "next": next_url})


def _subscribe_url(plan: Plan) -> str:
    return reverse("payments:subscribe", kwargs={"plan": plan.slug})


@login_required
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest, plan: str) -> HttpResponse:
    chosen = get_object_or_404(Plan, slug=plan, is_active=True)
    next_url = safe_next(request)
    if plan_held(user=user_of(request), plan=chosen):
        messages.info(request, _("You already have %(plan)s.") % {"plan": chosen.name})
        return redirect(ACCOUNT_PAGE)
    if request.method == "POST":
        interval = request.POST.get("interval", Subscription.Interval.MONTH)
        if interval not in Subscription.Interval.values:
            interval = Subscription.Interval.MONTH
        try:
            checkout = payment_provider().subscription_checkout(
                user=user_of(request),
                plan=chosen,
                interval=interval,
                success_url=request.build_absolute_uri(next_url),
                cancel_url=request.build_absolute_uri(next_url),
            )
        except AccessError as error:
            messages.error(request, str(error))
            return redirect(request.get_full_path())
        messages.success(request, _("Welcome to %(plan)s!") % {"plan": chosen.name})
        return HttpResponseRedirect(checkout.redirect_url)
    return render(request, "payments/subscribe.html", {"plan": chosen, "next": next_url})


@login_required
@require_http_methods(["GET", "POST"])
def edition_buy(request: HttpRequest, publication: str, date: datetime.date) -> HttpResponse:
    edition = catalog.edition_get(publication_slug=publication, issue_date=date)
    plan = plan_single_edition()
    if plan is None or plan.edition_price is None:
        messages.error(request, _("Single editions are not for sale."))
        return redirect(edition.get_absolute_url())
    if request.method == "POST":
        back = request.build_absolute_uri(edition.get_absolute_url())
        try:
            checkout = payment_provider().edition_checkout(
                user=user_of(request), edition=edition, plan=plan, success_url=back, cancel_url=back
            )
        except AccessError as error:
            messages.error(request, str(error))
            return redirect(edition.get_absolute_url())
        messages.success(request, _("The edition is yours to read, for good."))
        return HttpResponseRedirect(checkout.redirect_url)
    return render(request, "payments/edition_buy.html", {"edition": edition, "plan": plan})


@login_required
@require_POST
def subscription_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = get_object_or_404(Subscription, pk=pk, user=user_of(request))
    try:
        payment_provider(subscription.provider).cancel(subscription=subscription)  # where it was bought
    except AccessError as error:
        messages.error(request, str(error))
        return redirect(ACCOUNT_PAGE)
    messages.success(
        request,
        _("Your subscription is cancelled. You keep access until %(date)s; we have sent you a confirmation.")
        % {"date": date_format(subscription.current_period_end, "DATE_FORMAT")},
    )
    return redirect(ACCOUNT_PAGE)


@login_required
@require_POST
def billing(request: HttpRequest, pk: int) -> HttpResponse:
    """Stripe's Customer Portal, where the reader changes card or address and sees invoices."""
    subscription = get_object_or_404(Subscription, pk=pk, user=user_of(request), provider=StripeProvider.name)
    return_url = request.build_absolute_uri(reverse(ACCOUNT_PAGE))
    try:
        return HttpResponseRedirect(StripeProvider().portal_url(subscription=subscription, return_url=return_url))
    except AccessError as error:
        messages.error(request, str(error))
        return redirect(ACCOUNT_PAGE)


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
