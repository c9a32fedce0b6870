"""A reader's library: the page, and the small writes the reading pages make (follow, bookmark, progress)."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from newsstand.accounts.identity import user_of
from newsstand.catalog.models import Edition, Publication, Story
from newsstand.core.navigation import safe_next
from newsstand.library import selectors, services


@login_required
def library(request: HttpRequest) -> HttpResponse:
    return render(request, "library/library.html", {"library": selectors.library_of(user=user_of(request))})


@login_required
@require_POST
def follow(request: HttpRequest, publication: str) -> HttpResponse:
    title = get_object_or_404(Publication, slug=publication)
    services.follow_set(
        user=user_of(request), publication=title, following=request.POST.get("following") == "1",
        notify_by_email=request.POST.get("notify") == "1",
    )  # fmt: skip
    return redirect(safe_next(request, fallback=title.get_absolute_url()))


@login_required
@require_POST
def bookmark(request: HttpRequest, story: int) -> HttpResponse:
    article = get_object_or_404(Story, pk=story)
    services.bookmark_set(user=user_of(request), story=article, bookmarked=request.POST.get("bookmarked") == "1")
    return redirect(safe_next(request, fallback=article.get_absolute_url()))


@require_POST
def progress(request: HttpRequest) -> JsonResponse:
    """Where the reader is, sent now and then by the story page and the replica view."""
    if not request.user.is_authenticated:
        return JsonResponse({"saved": False}, status=200)  # nothing to keep for an anonymous reader
    try:
        data = json.loads(request.body)
        if "story" in data:
            services.progress_record_story(
                user=user_of(request), story=get_object_or_404(Story, pk=int(data["story"])),
                position=float(data.get("position", 0)),
            )  # fmt: skip
        else:
            services.progress_record_page(
                user=user_of(request), edition=get_object_or_404(Edition, pk=int(data["edition"])),
                page=int(data.get("page", 1)),
            )  # fmt: skip
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"saved": False, "error": "expected {story, position} or {edition, page}"}, status=400)
    return JsonResponse({"saved": True})
