"""Every error of the API has one shape: {"detail": what went wrong, "code": a stable name, and for invalid
input "errors": {field: [messages]}}. Addresses under /api/ that name nothing answer the same way."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

NOT_FOUND = gettext_lazy("Not found: check the address; slugs, dates and numbers must name something published.")


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    # Django's Http404 carries a message for developers ("No Publication matches the given query."): the
    # caller gets one in their language instead.
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(NOT_FOUND)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response: Response | None = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return None  # not an API error: Django's own handling (and the operator's log) take it
    if isinstance(exc, exceptions.ValidationError):
        response.data = {
            "detail": _("Some of what you sent is not valid; the errors say what to change."),
            "code": "invalid",
            "errors": _errors_by_field(exc.detail),
        }
    else:
        response.data = {"detail": str(exc.detail), "code": str(exc.get_codes())}
    return response


def _errors_by_field(detail: Any) -> dict[str, list[str]]:
    """{field: [message, …]}, flat: a non-field error is filed under "non_field_errors" as DRF names it."""
    if isinstance(detail, dict):
        return {str(field): _messages(value) for field, value in detail.items()}
    return {"non_field_errors": _messages(detail)}


def _messages(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [message for nested in value.values() for message in _messages(nested)]
    if isinstance(value, list):
        return [message for item in value for message in _messages(item)]
    return [str(value)]


@csrf_exempt  # it changes nothing, so a DELETE to a wrong address is told 404, not a CSRF failure page
def not_found(request: HttpRequest) -> JsonResponse:
    """Any other address under /api/: a JSON 404, so that a client never has to parse the site's HTML page."""
    return JsonResponse({"detail": str(NOT_FOUND), "code": "not_found"}, status=404)
