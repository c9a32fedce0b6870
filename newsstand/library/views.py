"""A reader's library: the page, and the small writes the reading pages make (follow, bookmark, progress)."""

from __future__ import annotations

import json
from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from newsstand.access.views import safe_next
from newsstand.accounts.models import User
from newsstand.catalog.models import Edition, Publication, Story
from newsstand.library import selectors, services


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@login_required
def library(request: HttpRequest) -> HttpResponse:
    return render(request, "library/library.html", {"library": selectors.library_of(user=_user(request))})


@login_required
@require_POST
def follow(request: HttpRequest, publication: str) -> HttpResponse:
    title = get_object_or_404(Publication, slug=publication)
    services.follow_set(
        user=_user(request), publication=title, following=request.POST.get("following") == "1",
        notify_by_email=request.POST.get("notify") == "1",
    )  # fmt: skip
    return redirect(safe_next(request, fallback=title.get_absolute_url()))


@login_required
@require_POST
def bookmark(request: HttpRequest, story: int) -> HttpResponse:
    article = get_object_or_404(Story, pk=story)
    services.bookmark_set(user=_user(request), story=article, bookmarked=request.POST.get("bookmarked") == "1")
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
                user=_user(request), story=get_object_or_404(Story, pk=int(data["story"])),
                position=float(data.get("position", 0)),
            )  # fmt: skip
        else:
            services.progress_record_page(
                user=_user(request), edition=get_object_or_404(Edition, pk=int(data["edition"])),
                page=int(data.get("page", 1)),
            )  # fmt: skip
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"saved": False, "error": "expected {story, position} or {edition, page}"}, status=400)
    return JsonResponse({"saved": True})
