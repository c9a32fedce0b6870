"""Operators define plans, institutions, codes and the access policy here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.cache import cache
from django.db.models import ProtectedError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from newsstand.access.models import (
    AccessCode,
    AccessPolicy,
    EditionPurchase,
    Institution,
    InstitutionNetwork,
    Plan,
    Subscription,
    Voucher,
)
from newsstand.access.rules import NETWORKS_CACHE_KEY


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "name",
        "kind",
        "monthly_price",
        "yearly_price",
        "edition_price",
        "currency",
        "trial_days",
        "is_active",
    )
    list_filter = ("kind", "is_active")
    prepopulated_fields = {"slug": ("name",), "family": ("name",)}
    filter_horizontal = ("publications",)

    def delete_model(self, request: HttpRequest, obj: Plan) -> None:
        try:
            super().delete_model(request, obj)
        except ProtectedError:
            messages.error(request, _("This plan has subscribers: take it off sale instead of deleting it."))


class InstitutionNetworkInline(admin.TabularInline):  # type: ignore[type-arg]
    model = InstitutionNetwork
    extra = 1


class AccessCodeInline(admin.TabularInline):  # type: ignore[type-arg]
    model = AccessCode
    extra = 0


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "all_access", "is_active")
    filter_horizontal = ("publications",)
    inlines = (InstitutionNetworkInline, AccessCodeInline)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        cache.delete(NETWORKS_CACHE_KEY)  # new ranges count at once, not after the cache expires


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "plan", "status", "trial_ends_at", "current_period_end", "provider")
    list_filter = ("status", "plan", "provider")
    search_fields = ("user__email", "provider_reference")
    raw_id_fields = ("user",)


@admin.register(Voucher)
class VoucherAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("code", "plan", "days", "seats", "valid_until")


@admin.register(EditionPurchase)
class EditionPurchaseAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "edition", "amount", "currency", "created_at")
    raw_id_fields = ("user", "edition")


@admin.register(AccessPolicy)
class AccessPolicyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def save_model(self, request: HttpRequest, obj: AccessPolicy, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        cache.delete(AccessPolicy.CACHE_KEY)  # the new policy counts at once

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not AccessPolicy.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
