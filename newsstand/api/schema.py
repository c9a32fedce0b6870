"""The OpenAPI document's shared parts: the one error shape and which error statuses each operation can answer."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

UNSAFE_METHODS = {"post", "put", "patch", "delete"}


def error_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["detail", "code"],
        "properties": {
            "detail": {"type": "string", "description": _("What went wrong, in the caller’s language.")},
            "code": {"type": "string", "description": _("A stable name for the error, e.g. not_found.")},
            "errors": {
                "type": "object",
                "description": _("For invalid input: the messages for each parameter or field."),
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            },
        },
    }


def _error_statuses(path: str, method: str, operation: dict[str, Any]) -> dict[str, str]:
    has_query = any(parameter.get("in") == "query" for parameter in operation.get("parameters", []))
    statuses = {
        # TokenAuthentication refuses an unknown or revoked token on any operation.
        "401": _("The credentials are missing, unknown or revoked."),
        "429": _("Too many requests: wait the seconds that Retry-After gives."),
    }
    if has_query or "requestBody" in operation:
        statuses["400"] = _("The parameters or the body are not valid; errors say what to change.")
    if "{" in path or has_query:
        statuses["404"] = _("No such object, or no such page of results.")
    if method in UNSAFE_METHODS:
        statuses["403"] = _("Refused, e.g. a session request without its CSRF token.")
    if "requestBody" in operation:
        statuses["415"] = _("The body must be JSON.")
    return statuses


def error_responses(result: dict[str, Any], generator: Any, **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: the Error component, the errors every operation may answer, and
    empty query parameters allowed (the API reads them as not given)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = error_schema()
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    retry_after = {"Retry-After": {"schema": {"type": "integer"}, "description": _("Seconds to wait.")}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query":
                    parameter["allowEmptyValue"] = True  # "?kind=" is as good as no kind at all
            responses = operation.setdefault("responses", {})
            for status, description in _error_statuses(path, method, operation).items():
                response: dict[str, Any] = {"description": description, "content": content}
                if status == "429":
                    response["headers"] = retry_after
                responses.setdefault(status, response)
    return result
