"""Inspection pages under /kiem-tra/ (Vietnamese paths)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cchc.inspections import (
    views,
    views_forms,
    views_lists,
    views_planning,
    views_steering,
    views_visit,
)
from cchc.notices.inbox import inbox

app_name = "inspections"

urlpatterns: list[URLPattern] = [
    path("", views.inspection_list, name="list"),
    path("rui-ro/", views_planning.risk_page, name="risk"),
    path("ke-hoach/", views_planning.plans_page, name="plans"),
    path("ke-hoach/<int:pk>/", views_planning.plan_page, name="plan"),
    path("ke-hoach/chon/<int:pk>/tao/", views_planning.start_from_pick, name="start_pick"),
    path("khac-phuc/", views_lists.action_list, name="actions"),
    path(
        "khac-phuc/<int:action_id>/<str:event>/",
        views_forms.transition,
        name="transition",
    ),
    path("thong-ke/", views_lists.stats_page, name="stats"),
    path("tong-quan.xlsx", views_steering.steering_export, name="steering_export"),
    path("thong-bao/", inbox, name="notifications"),  # the inbox (cchc.notices), also /thong-bao/
    path("minh-chung/<int:pk>/", views.evidence_file, name="evidence"),
    path("<int:pk>/", views.inspection_page, name="inspection"),
    path("<int:pk>/noi-dung/", views_forms.checklist, name="checklist"),
    path("<int:pk>/buoc/<str:event>/", views_visit.status_step, name="status_step"),
    path("<int:pk>/doan/", views_visit.member_set, name="member_set"),
    path("<int:pk>/doan/<int:user_id>/bot/", views_visit.member_remove, name="member_remove"),
    path("<int:pk>/ton-tai/", views_forms.finding, name="finding"),
    path("<int:pk>/ton-tai/<int:finding_id>/khac-phuc/", views_forms.action, name="action"),
    path("<int:pk>/bien-ban.docx", views.inspection_document, {"kind": "record"}, name="record"),
    path(
        "<int:pk>/ket-luan.docx",
        views.inspection_document,
        {"kind": "conclusion"},
        name="conclusion",
    ),
]
