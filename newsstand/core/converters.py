"""Path converters every app's URLs share, registered once when this module is first imported."""

from __future__ import annotations

import datetime

from django.urls import register_converter


class IsoDateConverter:
    """`<isodate:date>`: an edition's issue date as YYYY-MM-DD in its address."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> datetime.date:
        return datetime.date.fromisoformat(value)  # ValueError (e.g. 2026-02-30) → no match → 404

    def to_url(self, value: datetime.date | str) -> str:
        return value.isoformat() if isinstance(value, datetime.date) else value


register_converter(IsoDateConverter, "isodate")
