"""Feedback pages, mounted at /phan-anh/."""

from django.urls import URLPattern, path

from cchc.citizens import feedback_views as views

urlpatterns: list[URLPattern] = [
    path("", views.feedback_list, name="feedback-list"),
    path("moi/", views.feedback_new, name="feedback-new"),
    path("<int:pk>/", views.feedback_detail, name="feedback-detail"),
    path("<int:pk>/giao/", views.feedback_step, {"step": "assign"}, name="feedback-assign"),
    path("<int:pk>/tra-loi/", views.feedback_step, {"step": "answer"}, name="feedback-answer"),
    path("<int:pk>/ket-thuc/", views.feedback_step, {"step": "close"}, name="feedback-close"),
    path(
        "<int:pk>/phan-loai/", views.feedback_step, {"step": "category"}, name="feedback-category"
    ),
]
