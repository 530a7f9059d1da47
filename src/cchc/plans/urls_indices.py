"""The external indices page, mounted under /chi-so/ by cchc.urls (before the 766 pages)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cchc.plans import indices_views

app_name = "indices"

urlpatterns: list[URLPattern] = [
    path("ben-ngoai/", indices_views.indices_page, name="page"),
]
