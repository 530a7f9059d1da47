"""Django admin for inspections (Vietnamese labels from the models), read-only.

Every change to plans, findings and corrective actions must go through the service functions,
which check the role and write the audit log; the admin therefore only shows the records.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from cchc.inspections.models import (
    ActionReport,
    ChecklistAnswer,
    ChecklistTemplate,
    CorrectiveAction,
    Evidence,
    Finding,
    Inspection,
    PlanPick,
    PlanRun,
)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Show, never add, change or delete (changes go through the audited services)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PickInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PlanPick
    extra = 0
    can_delete = False
    fields = ("rank", "unit_code", "kind", "score", "reason")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PlanRun)
class PlanRunAdmin(ReadOnlyAdmin):
    list_display = ("id", "period_label", "created_at", "created_by", "seed", "weights_version")
    list_filter = ("period_label",)
    inlines = [PickInline]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ("date", "kind", "unit", "status", "decision_number")
    list_filter = ("kind", "status")
    search_fields = ("unit__code", "unit__name", "decision_number")
    date_hierarchy = "date"


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ("inspection", "category", "severity", "description")
    list_filter = ("category", "severity")
    search_fields = ("description", "inspection__unit__code")


@admin.register(CorrectiveAction)
class CorrectiveActionAdmin(ReadOnlyAdmin):
    list_display = ("owner_unit", "description", "deadline", "state", "closed_on")
    list_filter = ("state",)
    search_fields = ("description", "owner_unit__code", "owner_unit__name")


for model in (ChecklistTemplate, ChecklistAnswer, ActionReport, Evidence):
    admin.site.register(model, ReadOnlyAdmin)
