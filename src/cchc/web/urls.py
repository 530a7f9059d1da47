"""Pages of the web app (Vietnamese paths)."""

from __future__ import annotations

from django.templatetags.static import static
from django.urls import URLPattern, path
from django.views.generic.base import RedirectView

from cchc.web import (
    auth_views,
    views_dashboard,
    views_import,
    views_late,
    views_public,
    views_unit,
)

app_name = "web"

urlpatterns: list[URLPattern] = [
    path("", views_dashboard.overview, name="overview"),
    path("don-vi/", views_dashboard.unit_list, name="unit_list"),
    path("don-vi/<str:code>/", views_unit.unit_page, name="unit"),
    path("ho-so-tre-han/", views_late.late_list, name="late_list"),
    path("ho-so-tre-han/xuat.csv", views_late.late_export, {"fmt": "csv"}, name="late_csv"),
    path("ho-so-tre-han/xuat.xlsx", views_late.late_export, {"fmt": "xlsx"}, name="late_xlsx"),
    # every figure's dossiers (?count=dossiers|ended|...): the same list, views and exports
    path("ho-so/", views_late.late_list, name="dossier_list"),
    path("ho-so/xuat.csv", views_late.late_export, {"fmt": "csv"}, name="dossier_csv"),
    path("ho-so/xuat.xlsx", views_late.late_export, {"fmt": "xlsx"}, name="dossier_xlsx"),
    path("nhap-du-lieu/", views_import.import_page, name="import"),
    path("nhap-du-lieu/tac-vu/<int:job_id>/", views_import.import_job, name="import_job"),
    path("nhap-du-lieu/lan-nhap/<int:batch_id>/", views_import.import_batch, name="import_batch"),
    path(
        "nhap-du-lieu/tac-vu/<int:job_id>/trang-thai/",
        views_import.import_job_status,
        name="import_job_status",
    ),
    path("cong-khai/", views_public.public_page, name="public"),
    path("favicon.ico", RedirectView.as_view(url=static("web/favicon.svg"), permanent=True)),
]

auth_urlpatterns: list[URLPattern] = [
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
]
