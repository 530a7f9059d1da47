"""Admin screens (quản trị) for reference data: units, lineage, procedures, calendar, roles,
audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import admin, messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from cchc.core.calendar_impact import impact_messages
from cchc.core.models import (
    AuditEntry,
    CalendarOverride,
    Procedure,
    Profile,
    Unit,
    UnitFormer,
    UnitLineage,
)


class ValidityFilter(admin.SimpleListFilter):
    title = "hiệu lực"
    parameter_name = "hieu_luc"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("current", "Đang hiệu lực"),
            ("ended", "Đã hết hiệu lực"),
            ("future", "Chưa hiệu lực"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        today = dt.date.today()
        started = Q(valid_from__isnull=True) | Q(valid_from__lte=today)
        not_ended = Q(valid_to__isnull=True) | Q(valid_to__gte=today)
        if self.value() == "current":
            return queryset.filter(started & not_ended)
        if self.value() == "ended":
            return queryset.filter(valid_to__lt=today)
        if self.value() == "future":
            return queryset.filter(valid_from__gt=today)
        return queryset


class SuccessorInline(admin.TabularInline):  # type: ignore[type-arg]
    model = UnitLineage
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]
    verbose_name = "đơn vị kế thừa"
    verbose_name_plural = "đơn vị kế thừa (sáp nhập, chia tách, đổi tên)"


class PredecessorInline(admin.TabularInline):  # type: ignore[type-arg]
    model = UnitLineage
    fk_name = "successor"
    extra = 0
    autocomplete_fields = ["predecessor"]
    verbose_name = "đơn vị tiền thân"
    verbose_name_plural = "đơn vị tiền thân"


class FormerInline(admin.TabularInline):  # type: ignore[type-arg]
    model = UnitFormer
    fk_name = "unit"
    extra = 0
    autocomplete_fields = ["parent"]
    verbose_name = "tên, loại, cấp trên trước đây"
    verbose_name_plural = "tên, loại, cấp trên trước đây (đến hết ngày)"


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind", ValidityFilter]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
    inlines = [FormerInline, SuccessorInline, PredecessorInline]


@admin.register(UnitLineage)
class UnitLineageAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["predecessor", "successor", "date", "kind", "act", "note"]
    list_filter = ["kind", "date"]
    search_fields = ["predecessor__code", "predecessor__name", "successor__code", "successor__name"]
    autocomplete_fields = ["predecessor", "successor"]
    list_select_related = ["predecessor", "successor"]


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name", "sector", "level", "time_limit", "time_unit", "online_level"]
    list_filter = ["time_unit", "online_level", "has_fee", "level"]
    search_fields = ["code", "name", "sector"]


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Each change says what it affects beyond the calendar: stored due dates and outcomes, and
    the command that recomputes them (core/calendar_impact.py; the dossiers app answers)."""

    list_display = ["date", "kind", "notice", "note"]
    list_filter = ["kind"]
    date_hierarchy = "date"

    def save_model(
        self, request: HttpRequest, obj: CalendarOverride, form: Any, change: bool
    ) -> None:
        days = {obj.date}
        if change and "date" in form.changed_data:
            days.add(form.initial["date"])  # the day it no longer overrides changes too
        super().save_model(request, obj, form, change)
        if not change or {"date", "kind"} & set(form.changed_data):
            _report_impact(request, days)

    def delete_model(self, request: HttpRequest, obj: CalendarOverride) -> None:
        super().delete_model(request, obj)
        _report_impact(request, {obj.date})

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarOverride]) -> None:
        days = set(queryset.values_list("date", flat=True))
        super().delete_queryset(request, queryset)
        _report_impact(request, days)


def _report_impact(request: HttpRequest, days: set[dt.date]) -> None:
    for message in impact_messages(days):
        messages.warning(request, message)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "role", "unit"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__code", "unit__name"]
    autocomplete_fields = ["unit"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The audit log is evidence: nobody edits or deletes it, not even an administrator."""

    list_display = ["at", "user", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "user__username"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None) -> bool:
        return False
