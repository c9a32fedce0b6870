"""The footer's language switcher: Django's set_language, and for a signed-in reader their saved preference too."""

import contextlib

from django.http import HttpRequest, HttpResponse
from django.views.i18n import set_language

from newsstand.accounts.services import account_language_set


def language_switch(request: HttpRequest) -> HttpResponse:
    response = set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        with contextlib.suppress(ValueError):  # an unknown language: set_language has ignored it too
            account_language_set(user=request.user, language=request.POST.get("language", ""))
    return response
