"""Explanation pages under /giai-trinh/ (Vietnamese paths)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cchc.explanations import views

app_name = "explanations"

urlpatterns: list[URLPattern] = [
    path("ho-so/<int:dossier_id>/", views.dossier_page, name="dossier"),
    path("ton-tai/<int:finding_id>/", views.finding_page, name="finding"),
    path("tep/<int:pk>/", views.explanation_file, name="file"),
]
