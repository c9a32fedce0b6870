"""Pages of results for every list of the API: `page` and `page_size`, answered as {count, next, previous,
results}. A page number or size that is not a whole number in range is a 400 that says so, never a silent
default."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Beyond this a page number cannot name a page of any list we hold; it also keeps the OpenAPI bounds finite.
MAX_PAGE = 1_000_000


def whole_number_param(request: Request, name: str, *, default: int, maximum: int) -> int:
    """The query parameter `name` as a whole number from 1 to `maximum`, else a 400 that names the range."""
    raw = request.query_params.get(name)
    if not raw:  # absent or empty: an empty parameter counts as not given, throughout the API
        return default
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= maximum:
        raise ValidationError({name: [_("Give a whole number from 1 to %(maximum)d.") % {"maximum": maximum}]})
    return int(raw)


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_query_description = gettext_lazy("The page of results, from 1.")
    page_size_query_description = gettext_lazy("Results on a page, at most 100.")

    def get_page_size(self, request: Request) -> int:
        return whole_number_param(request, "page_size", default=self.page_size, maximum=self.max_page_size)

    def paginate_queryset(self, queryset: QuerySet[Any], request: Request, view: Any = None) -> list[Any]:
        self.request = request
        number = whole_number_param(request, "page", default=1, maximum=MAX_PAGE)
        paginator = Paginator(queryset, self.get_page_size(request))
        if number > paginator.num_pages:
            raise NotFound(
                _("There is no page %(page)d: the last page is %(last)d.")
                % {"page": number, "last": paginator.num_pages}
            )
        self.page = paginator.page(number)
        return list(self.page)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        bounds = {"page": MAX_PAGE, "page_size": MAX_PAGE_SIZE}
        for parameter in parameters:
            parameter["schema"] |= {"minimum": 1, "maximum": bounds[parameter["name"]]}
        return parameters
