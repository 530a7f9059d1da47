"""URL map: each app contributes its own urls module."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("quan-tri/", admin.site.urls),
]
