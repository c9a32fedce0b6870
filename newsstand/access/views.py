"""Reader pages of access: start a trial, subscribe, buy an edition, and the account page."""

from __future__ import annotations

import datetime
import json
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from newsstand.access import selectors
from newsstand.access.models import Plan, Subscription
from newsstand.access.services import AccessError, access_code_redeem, plan_held, trial_available, voucher_redeem
from newsstand.accounts.models import User
from newsstand.accounts.services import account_delete, account_export, account_language_set
from newsstand.catalog import selectors as catalog
from newsstand.payments.providers import payment_provider


def _user(request: HttpRequest) -> User:
    """The signed-in reader; the views using it are all behind login_required."""
    return cast(User, request.user)


def _absolute(request: HttpRequest, path: str) -> str:
    """Payment providers send the reader back to a full address."""
    return request.build_absolute_uri(path)


def safe_next(request: HttpRequest, fallback: str = "/") -> str:
    """The `next` address if it stays on this site; anything else (another host, a scheme) is refused."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else fallback


@login_required
@require_http_methods(["GET", "POST"])
def trial(request: HttpRequest, plan: str) -> HttpResponse:
    chosen = get_object_or_404(Plan, slug=plan, is_active=True)
    next_url = safe_next(request)
    if not trial_available(user=_user(request), plan=chosen):
        messages.info(request, _("You have already had a free trial of %(plan)s.") % {"plan": chosen.name})
        return redirect(f"{_subscribe_url(chosen)}?next={next_url}")
    if request.method == "POST":
        try:
            checkout = payment_provider().trial_checkout(
                user=_user(request),
                plan=chosen,
                success_url=_absolute(request, next_url),
                cancel_url=_absolute(request, next_url),
            )
        except AccessError as error:
            messages.error(request, str(error))
            return redirect(next_url)
        messages.success(request, _("Your free trial of %(plan)s has started. Enjoy reading!") % {"plan": chosen.name})
        return HttpResponseRedirect(checkout.redirect_url)
    return render(request, "access/trial.html", {"plan": chosen, "next": next_url})


def _subscribe_url(plan: Plan) -> str:
    return reverse("access:subscribe", kwargs={"plan": plan.slug})


@login_required
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest, plan: str) -> HttpResponse:
    chosen = get_object_or_404(Plan, slug=plan, is_active=True)
    next_url = safe_next(request)
    if plan_held(user=_user(request), plan=chosen):
        messages.info(request, _("You already have %(plan)s.") % {"plan": chosen.name})
        return redirect("access:account")
    if request.method == "POST":
        interval = request.POST.get("interval", Subscription.Interval.MONTH)
        if interval not in Subscription.Interval.values:
            interval = Subscription.Interval.MONTH
        try:
            checkout = payment_provider().subscription_checkout(
                user=_user(request),
                plan=chosen,
                interval=interval,
                success_url=_absolute(request, next_url),
                cancel_url=_absolute(request, next_url),
            )
        except AccessError as error:
            messages.error(request, str(error))
            return redirect(request.get_full_path())
        messages.success(request, _("Welcome to %(plan)s!") % {"plan": chosen.name})
        return HttpResponseRedirect(checkout.redirect_url)
    return render(request, "access/subscribe.html", {"plan": chosen, "next": next_url})


@login_required
@require_http_methods(["GET", "POST"])
def edition_buy(request: HttpRequest, publication: str, date: datetime.date) -> HttpResponse:
    edition = catalog.edition_get(publication_slug=publication, issue_date=date)
    plan = selectors.plan_single_edition()
    if plan is None or plan.edition_price is None:
        messages.error(request, _("Single editions are not for sale."))
        return redirect(edition.get_absolute_url())
    if request.method == "POST":
        try:
            checkout = payment_provider().edition_checkout(
                user=_user(request), edition=edition, plan=plan,
                success_url=_absolute(request, edition.get_absolute_url()),
                cancel_url=_absolute(request, edition.get_absolute_url()),
            )  # fmt: skip
        except AccessError as error:
            messages.error(request, str(error))
            return redirect(edition.get_absolute_url())
        messages.success(request, _("The edition is yours to read, for good."))
        return HttpResponseRedirect(checkout.redirect_url)
    return render(request, "access/edition_buy.html", {"edition": edition, "plan": plan})


@login_required
def account(request: HttpRequest) -> HttpResponse:
    overview = selectors.account_overview(user=_user(request))
    return render(request, "access/account.html", {"overview": overview})


@login_required
@require_POST
def subscription_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = get_object_or_404(Subscription, pk=pk, user=_user(request))
    payment_provider(subscription.provider).cancel(subscription=subscription)  # where it was bought
    messages.success(
        request,
        _("Your subscription is cancelled. You keep access until %(date)s; we have sent you a confirmation.")
        % {"date": _date(subscription.current_period_end)},
    )
    return redirect("access:account")


def _date(value: datetime.datetime) -> str:
    from django.utils.formats import date_format

    return date_format(value, "DATE_FORMAT")


@login_required
@require_POST
def billing(request: HttpRequest, pk: int) -> HttpResponse:
    """Stripe's Customer Portal, where the reader changes card or address and sees invoices."""
    subscription = get_object_or_404(Subscription, pk=pk, user=request.user, provider="stripe")
    from newsstand.payments.stripe_provider import StripeProvider

    return_url = request.build_absolute_uri(reverse("access:account"))
    return HttpResponseRedirect(StripeProvider().portal_url(subscription=subscription, return_url=return_url))


@login_required
@require_POST
def language(request: HttpRequest) -> HttpResponse:
    chosen = request.POST.get("language", "")
    try:
        account_language_set(user=_user(request), language=chosen)
    except ValueError:
        messages.error(request, _("Choose one of the languages offered."))
        return redirect("access:account")
    response = redirect("access:account")
    if chosen:
        translation.activate(chosen)
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, chosen, samesite="Lax")
    messages.success(request, _("Your language is saved."))
    return response


@login_required
@require_POST
def redeem(request: HttpRequest) -> HttpResponse:
    """One box for both kinds of code: a voucher (gift, promotion) or an institution's access code."""
    code = request.POST.get("code", "").strip()
    try:
        voucher_redeem(user=_user(request), code=code)
        messages.success(request, _("Your voucher is redeemed. Enjoy reading!"))
    except AccessError as voucher_error:
        try:
            access_code_redeem(user=_user(request), code=code)
            messages.success(request, _("Your access code is accepted. Enjoy reading!"))
        except AccessError:
            messages.error(request, str(voucher_error))
    return redirect("access:account")


@login_required
def export(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        json.dumps(account_export(user=_user(request)), indent=2, default=str),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'attachment; filename="newsstand-my-data.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        user = _user(request)
        logout(request)
        account_delete(user=user)
        messages.success(request, _("Your account and its data are deleted."))
        return redirect("catalog:home")
    return render(request, "access/delete.html")
