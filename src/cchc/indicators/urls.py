"""Indicator pages (Vietnamese paths), mounted at /chi-so/ by cchc.urls."""

from __future__ import annotations

from django.urls import URLPattern, path

from cchc.indicators import views

app_name = "indicators"

urlpatterns: list[URLPattern] = [
    path("", views.rankings_page, name="rankings"),
    path("don-vi/<str:code>/", views.scorecard_page, name="scorecard"),
    path("don-vi/<str:code>/<str:indicator>/", views.drilldown_page, name="drilldown"),
]
