"""The search query string: words, filters, order and page. A value that does not parse is a 400 with a reason;
the words themselves never are (see text.query_parse)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import global_settings
from django.utils.translation import gettext_lazy as _

from newsstand.catalog.models import Category, Publication
from newsstand.catalog.selectors import publications_visible
from newsstand.search.selectors import SearchQuery, Sort
from newsstand.search.text import MAX_QUERY_CHARS, query_parse

MAX_PAGE = 10_000


class SearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=MAX_QUERY_CHARS,
        strip=True,
        error_messages={"max_length": _("Search for at most %(limit_value)d characters.")},
    )
    publication = forms.SlugField(required=False)
    category = forms.SlugField(required=False)
    language = forms.ChoiceField(required=False, choices=[("", _("Any language")), *global_settings.LANGUAGES])
    kind = forms.ChoiceField(required=False, choices=[("", _("Any kind")), *Publication.Kind.choices])
    date_from = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    date_to = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    sort = forms.ChoiceField(
        required=False, choices=[(Sort.RELEVANCE, _("Most relevant")), (Sort.NEWEST, _("Newest first"))]
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        # The query string says "from" and "to", which are Python keywords.
        if data is not None:
            data = data.copy()
            for outer, inner in (("from", "date_from"), ("to", "date_to")):
                if outer in data and inner not in data:
                    data[inner] = data[outer]
        super().__init__(data, **kwargs)

    def clean_publication(self) -> Publication | None:
        slug = self.cleaned_data.get("publication")
        if not slug:
            return None
        found = publications_visible().filter(slug=slug).first()
        if found is None:
            raise forms.ValidationError(_("There is no publication “%(slug)s”."), params={"slug": slug})
        return found

    def clean_category(self) -> Category | None:
        slug = self.cleaned_data.get("category")
        if not slug:
            return None
        found = Category.objects.filter(slug=slug).first()
        if found is None:
            raise forms.ValidationError(_("There is no category “%(slug)s”."), params={"slug": slug})
        return found

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if isinstance(start, datetime.date) and isinstance(end, datetime.date) and start > end:
            raise forms.ValidationError(_("The start date comes after the end date."))
        return cleaned

    def search_query(self) -> SearchQuery:
        """The validated query; call after is_valid()."""
        data = self.cleaned_data
        return SearchQuery(
            parsed=query_parse(data.get("q") or ""),
            text=data.get("q") or "",
            publication=data.get("publication"),
            category=data.get("category"),
            language=data.get("language") or "",
            kind=data.get("kind") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            sort=Sort(data.get("sort") or Sort.RELEVANCE),
            page=data.get("page") or 1,
        )
