from django.urls import path

from newsstand.reading import account_views as views

app_name = "account"
urlpatterns = [
    path("account/", views.account, name="account"),
    path("account/language/", views.language, name="language"),
    path("account/redeem/", views.redeem, name="redeem"),
    path("account/export/", views.export, name="export"),
    path("account/delete/", views.delete, name="delete"),
]
