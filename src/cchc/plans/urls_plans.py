"""Plan pages, mounted under /ke-hoach/ by cchc.urls (Vietnamese paths)."""

from __future__ import annotations

from django.urls import URLPattern, path

from cchc.plans import views_plans, views_tasks, views_xlsx

app_name = "plans"

urlpatterns: list[URLPattern] = [
    path("", views_plans.plan_list, name="list"),
    path("moi/", views_plans.plan_form, name="plan_new"),
    path("<int:pk>/", views_plans.plan_page, name="plan"),
    path("<int:pk>/sua/", views_plans.plan_form, name="plan_edit"),
    path("<int:pk>/xoa/", views_plans.plan_delete, name="plan_delete"),
    path("<int:pk>/chi-tieu/moi/", views_plans.target_form, name="target_new"),
    path("chi-tieu/<int:target_id>/sua/", views_plans.target_form, name="target_edit"),
    path("chi-tieu/<int:target_id>/xoa/", views_plans.target_delete, name="target_delete"),
    path("chi-tieu/<int:target_id>/danh-gia/", views_plans.review_form, name="review"),
    path("<int:pk>/nhiem-vu/moi/", views_tasks.task_form, name="task_new"),
    path("nhiem-vu/moi/", views_xlsx.task_for_finding, name="task_for_finding"),
    path("<int:pk>/xlsx/", views_xlsx.plan_xlsx, name="xlsx"),
    path("nhap/", views_xlsx.plan_import, name="import"),
    path("mau/<str:kind>/", views_xlsx.template_xlsx, name="template"),
    path("nhiem-vu/<int:pk>/", views_tasks.task_page, name="task"),
    path("nhiem-vu/<int:task_id>/sua/", views_tasks.task_form, name="task_edit"),
    path("nhiem-vu/<int:task_id>/xoa/", views_tasks.task_delete, name="task_delete"),
    path("nhiem-vu/<int:pk>/cap-nhat/", views_tasks.task_update, name="task_update"),
    path("nhiem-vu/<int:pk>/lan-thuc-hien/", views_tasks.occurrence_done, name="occurrence"),
    path("nhiem-vu/<int:pk>/y-kien/", views_tasks.comment, name="comment"),
    path("minh-chung/<int:pk>/", views_tasks.evidence_file, name="evidence"),
]
