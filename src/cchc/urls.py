"""URL map: each app contributes its own urls module."""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from cchc.web.api import api
from cchc.web.urls import auth_urlpatterns

urlpatterns: list[URLPattern | URLResolver] = [
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    *auth_urlpatterns,
    path("kiem-tra/", include("cchc.inspections.urls")),
    path("chi-so/", include("cchc.plans.urls_indices")),
    path("ke-hoach/", include("cchc.plans.urls_plans")),
    path("ke-hoach/", include("cchc.plans.urls_actual")),
    path("chi-so/", include("cchc.indicators.urls")),
    path("giai-trinh/", include("cchc.explanations.urls")),
    path("phan-anh/", include("cchc.citizens.urls_feedback")),
    path("khao-sat/", include("cchc.citizens.urls_surveys")),
    path("thong-bao/", include("cchc.notices.urls")),
    path("", include("cchc.web.urls")),
]
