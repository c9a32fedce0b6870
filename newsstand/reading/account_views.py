"""The reader's account page: subscriptions, purchases and payments, language, codes, data export, deletion.
Checkout, cancelling and billing are payments' views (newsstand/payments/views.py)."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from newsstand.access.services import AccessError, access_code_redeem, voucher_redeem
from newsstand.accounts.identity import user_of
from newsstand.accounts.services import account_language_set
from newsstand.reading.selectors import account_export, account_overview
from newsstand.reading.services import account_delete

ACCOUNT_PAGE = "account:account"


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "account/account.html", {"overview": account_overview(user=user_of(request))})


@login_required
@require_POST
def language(request: HttpRequest) -> HttpResponse:
    chosen = request.POST.get("language", "")
    try:
        account_language_set(user=user_of(request), language=chosen)
    except ValueError:
        messages.error(request, _("Choose one of the languages offered."))
        return redirect(ACCOUNT_PAGE)
    response = redirect(ACCOUNT_PAGE)
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
        voucher_redeem(user=user_of(request), code=code)
        messages.success(request, _("Your voucher is redeemed. Enjoy reading!"))
    except AccessError as voucher_error:
        try:
            access_code_redeem(user=user_of(request), code=code)
            messages.success(request, _("Your access code is accepted. Enjoy reading!"))
        except AccessError:
            messages.error(request, str(voucher_error))
    return redirect(ACCOUNT_PAGE)


@login_required
def export(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        json.dumps(account_export(user=user_of(request)), indent=2, default=str),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'attachment; filename="newsstand-my-data.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        user = user_of(request)
        logout(request)
        account_delete(user=user)
        messages.success(request, _("Your account and its data are deleted."))
        return redirect("catalog:home")
    return render(request, "account/delete.html")
