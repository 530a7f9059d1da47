"""Plan against actual, mounted under "ke-hoach/" by cchc.urls."""

from __future__ import annotations

from django.urls import URLPattern, path

from cchc.plans import views_actual

app_name = "plans_actual"

urlpatterns: list[URLPattern] = [
    path("<int:plan_id>/chi-tieu/<int:target_id>/", views_actual.target_page, name="target"),
]
