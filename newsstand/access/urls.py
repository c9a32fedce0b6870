from django.urls import path

from newsstand.access import views

app_name = "access"
urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/subscriptions/<int:pk>/cancel/", views.subscription_cancel, name="cancel"),
    path("account/redeem/", views.redeem, name="redeem"),
    path("account/language/", views.language, name="language"),
    path("account/subscriptions/<int:pk>/billing/", views.billing, name="billing"),
    path("account/export/", views.export, name="export"),
    path("account/delete/", views.delete, name="delete"),
    path("plans/<slug:plan>/trial/", views.trial, name="trial"),
    path("plans/<slug:plan>/subscribe/", views.subscribe, name="subscribe"),
]
