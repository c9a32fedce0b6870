"""Reads of ingestion: how an edition's PDF is getting on, for the admin's progress line."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from newsstand.catalog.models import Edition
from newsstand.ingestion.models import EditionIngestion


def ingestion_latest(*, edition: Edition) -> EditionIngestion | None:
    return EditionIngestion.objects.filter(edition=edition).order_by("-created_at", "-pk").first()


def ingestion_progress_data(edition: Edition) -> dict[str, Any]:
    """Stage, page k of n, status and its reason, as one line a person reads; plus the numbers for a bar."""
    ingestion = ingestion_latest(edition=edition)
    if ingestion is None:
        return {"active": False, "pages_done": 0, "pages_total": 0, "status": "", "summary": _("No PDF read yet.")}
    parts = [str(ingestion.get_status_display())]
    if ingestion.is_active:
        parts.append(str(ingestion.get_stage_display()))
        if ingestion.pages_total:
            parts.append(
                _("page %(done)d of %(total)d") % {"done": ingestion.pages_done, "total": ingestion.pages_total}
            )
    else:
        if ingestion.pages_total:
            parts.append(_("%(count)d pages") % {"count": ingestion.pages_total})
        if ingestion.status in (EditionIngestion.Status.DONE, EditionIngestion.Status.PARTIAL):
            parts.append(_("%(count)d stories found") % {"count": ingestion.stories_found})
    if ingestion.message:
        parts.append(ingestion.message)
    return {
        "active": ingestion.is_active,
        "status": ingestion.status,
        "stage": ingestion.stage,
        "pages_done": ingestion.pages_done,
        "pages_total": ingestion.pages_total,
        "stories_found": ingestion.stories_found,
        "message": ingestion.message,
        "summary": " · ".join(parts),
    }
