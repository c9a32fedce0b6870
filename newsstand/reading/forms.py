"""The catalog's filter form: parses the query string; values that do not parse are dropped, never an error."""

from django import forms
from django.conf import global_settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from newsstand.catalog.models import Publication
from newsstand.catalog.selectors import CATALOG_ORDERINGS, CatalogFilters


class CatalogFilterForm(forms.Form):
    category = forms.SlugField(required=False)
    language = forms.ChoiceField(required=False, choices=[("", _("Any language")), *global_settings.LANGUAGES])
    country = forms.ChoiceField(required=False, choices=[("", _("Any country")), *countries])
    kind = forms.ChoiceField(required=False, choices=[("", _("Any kind")), *Publication.Kind.choices])
    sort = forms.ChoiceField(
        required=False,
        choices=[("newest", _("Newest edition")), ("title", _("Title")), ("added", _("Recently added"))],
    )

    def filters(self) -> CatalogFilters:
        """The valid part of the query; an invalid field counts as not given."""
        self.is_valid()
        data = {name: value for name, value in self.cleaned_data.items() if value}
        if data.get("sort") not in CATALOG_ORDERINGS:
            data.pop("sort", None)
        return CatalogFilters(**data)
