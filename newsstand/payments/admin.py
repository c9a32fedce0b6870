"""Operators see the payment history here (plans and subscriptions are in access's admin)."""

from django.contrib import admin

from newsstand.payments.models import Payment


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "description", "amount", "currency", "provider", "created_at")
    raw_id_fields = ("user",)
