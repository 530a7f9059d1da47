"""Admin screen (quản trị) for the links between the portal's unit names and cchc units.

Each add, change and delete writes the audit log, as `cchc indicators portal-map` does
(portal_links.py): who, when, before and after.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from cchc.core.audit import record_change, snapshot
from cchc.indicators.models import PortalUnitLink


@admin.register(PortalUnitLink)
class PortalUnitLinkAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["portal_name", "parent_code", "department_code", "unit", "how", "updated_at"]
    list_filter = ["how", "parent_code"]
    search_fields = ["portal_name", "name_key", "department_code", "unit__code", "unit__name"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]
    fields = ["parent_code", "portal_name", "department_code", "unit", "how"]

    def save_model(
        self,
        request: HttpRequest,
        obj: PortalUnitLink,
        form: ModelForm[PortalUnitLink],
        change: bool,
    ) -> None:
        stored = PortalUnitLink.objects.filter(pk=obj.pk).first() if change else None
        before = snapshot(stored) if stored else None
        super().save_model(request, obj, form, change)
        action = "portal_link_update" if before else "portal_link_create"
        record_change(request.user, action, obj, before, snapshot(obj))

    def delete_model(self, request: HttpRequest, obj: PortalUnitLink) -> None:
        record_change(request.user, "portal_link_delete", obj, snapshot(obj), None)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[PortalUnitLink]) -> None:
        for obj in queryset:
            record_change(request.user, "portal_link_delete", obj, snapshot(obj), None)
        super().delete_queryset(request, queryset)
