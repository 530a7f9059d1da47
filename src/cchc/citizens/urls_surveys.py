"""Survey pages under /khao-sat/ (Vietnamese paths)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cchc.citizens import survey_views

app_name = "surveys"

urlpatterns: list[URLPattern] = [
    path("", survey_views.results_page, name="results"),
    path("don-vi/<str:code>/", survey_views.unit_page, name="unit"),
    path("nhap-phieu/", survey_views.paper_form, name="paper"),
]
