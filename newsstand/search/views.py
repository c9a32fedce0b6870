"""The reader's search page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from newsstand.access.selectors import reader_from_request
from newsstand.catalog.selectors import catalog_facets
from newsstand.search.forms import SearchForm
from newsstand.search.selectors import story_search


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    context = {"form": form, "facets": catalog_facets(), "results": None}
    if not form.is_valid():
        return render(request, "search/search.html", context, status=400)
    context["results"] = story_search(query=form.search_query(), reader=reader_from_request(request))
    query = request.GET.copy()
    query.pop("page", None)
    context["query"] = query.urlencode()
    return render(request, "search/search.html", context)
