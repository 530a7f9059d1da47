"""The inbox and the undelivered reminders under /thong-bao/."""

from __future__ import annotations

from django.urls import URLPattern, path

from cchc.notices import inbox

app_name = "notices"

urlpatterns: list[URLPattern] = [
    path("", inbox.inbox, name="inbox"),
    path("chua-gui-duoc/", inbox.undelivered, name="undelivered"),
]
