"""Reads that gather what the reader's pages show from several domains: the replica view's marks of a search, the
account page, and the data export."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from newsstand.access.models import EditionPurchase, Subscription
from newsstand.access.selectors import edition_purchases_of, subscriptions_of
from newsstand.accounts.models import User
from newsstand.catalog.models import Edition, Page
from newsstand.ingestion.pdf import pdf_open, pdf_page_words
from newsstand.payments.models import Payment
from newsstand.payments.selectors import payments_of
from newsstand.search.text import ParsedQuery, stems


@dataclass(frozen=True)
class AccountOverview:
    subscriptions: list[Subscription]
    purchases: list[EditionPurchase]
    payments: list[Payment]


def account_overview(*, user: User) -> AccountOverview:
    return AccountOverview(
        subscriptions=subscriptions_of(user=user),
        purchases=edition_purchases_of(user=user),
        payments=payments_of(user=user),
    )


def account_export(*, user: User) -> dict[str, Any]:
    """Everything Newsstand keeps about the reader, as plain data (GDPR article 20)."""
    return {
        "account": {"email": user.email, "username": user.username, "language": user.language,
                    "joined": user.date_joined, "last_login": user.last_login},
        "subscriptions": list(
            Subscription.objects.filter(user=user).values(
                "plan__name", "status", "interval", "started_at", "trial_ends_at", "current_period_end",
                "canceled_at", "ended_at", "provider",
            )
        ),
        "purchases": list(
            EditionPurchase.objects.filter(user=user).values(
                "edition__publication__title", "edition__issue_date", "amount", "currency", "created_at"
            )
        ),
        "payments": list(Payment.objects.filter(user=user).values("description", "amount", "currency", "created_at")),
    }  # fmt: skip


@dataclass(frozen=True)
class WordMark:
    """A searched word on a page image, in percent of the page."""

    left: float
    top: float
    width: float
    height: float


MARKS_CACHE_SECONDS = 600


def page_word_marks(*, edition: Edition, pages: list[Page], query: ParsedQuery) -> dict[int, list[WordMark]]:
    """Where the reader's search words are printed on `pages` (the pages the reader may see): every word whose
    stem, in the publication's language, is one of the query's, as search itself matches them."""
    if query.is_empty or not edition.source_pdf or not pages:
        return {}
    numbers = sorted(page.number for page in pages)
    language = edition.publication.language
    key = (
        "reading:marks:"
        + hashlib.sha256(
            f"{edition.pk}:{edition.updated_at.isoformat()}:{language}:{numbers}:{query.as_plain_text()}".encode()
        ).hexdigest()
    )
    marks: dict[int, list[WordMark]] | None = cache.get(key)
    if marks is None:
        marks = _word_marks(edition, {page.number: page for page in pages}, set(stems(query.all_words(), language)))
        cache.set(key, marks, MARKS_CACHE_SECONDS)
    return marks


def _word_marks(edition: Edition, pages: dict[int, Page], wanted: set[str]) -> dict[int, list[WordMark]]:
    with edition.source_pdf.open("rb") as handle, pdf_open(handle.read()) as document:
        words = pdf_page_words(document, pages)
    marks: dict[int, list[WordMark]] = {}
    language = edition.publication.language
    for number, page_words in words.items():
        page = pages[number]
        found = [
            word
            for word, stem in zip(page_words, stems([w.text for w in page_words], language), strict=True)
            if stem in wanted
        ]
        marks[number] = [
            WordMark(
                left=round(100 * word.x0 / page.width, 2),
                top=round(100 * word.y0 / page.height, 2),
                width=round(100 * (word.x1 - word.x0) / page.width, 2),
                height=round(100 * (word.y1 - word.y0) / page.height, 2),
            )
            for word in found
        ]
    return marks
