from django.urls import path

from newsstand.core import converters  # noqa: F401  (registers <isodate:…>)
from newsstand.payments import views

app_name = "payments"
urlpatterns = [
    path("plans/<slug:plan>/trial/", views.trial, name="trial"),
    path("plans/<slug:plan>/subscribe/", views.subscribe, name="subscribe"),
    path("<slug:publication>/<isodate:date>/buy/", views.edition_buy, name="edition_buy"),
    path("account/subscriptions/<int:pk>/cancel/", views.subscription_cancel, name="cancel"),
    path("account/subscriptions/<int:pk>/billing/", views.billing, name="billing"),
    path("payments/stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
]
