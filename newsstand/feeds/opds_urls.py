from django.urls import path

from newsstand.feeds import opds_views as views

app_name = "opds"
urlpatterns = [
    path("", views.root, name="root"),
    path("publications/", views.publications, name="publications"),
    path("publications/<slug:slug>/", views.publication, name="publication"),
    path("newest/", views.newest, name="newest"),
    path("categories/<slug:slug>/", views.category, name="category"),
    path("languages/<str:code>/", views.language, name="language"),
    path("search/", views.search, name="search"),
    path("authentication/", views.authentication, name="authentication"),
]
