from django.urls import path

from newsstand.library import views

app_name = "library"
urlpatterns = [
    path("library/", views.library, name="library"),
    path("library/follow/<slug:publication>/", views.follow, name="follow"),
    path("library/bookmark/<int:story>/", views.bookmark, name="bookmark"),
    path("library/progress/", views.progress, name="progress"),
]
