from django.urls import path

from newsstand.payments import views

app_name = "payments"
urlpatterns = [path("payments/stripe/webhook/", views.stripe_webhook, name="stripe_webhook")]
