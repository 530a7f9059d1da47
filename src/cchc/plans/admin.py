"""Admin screen (quản trị) for published index results: a figure marked unconfirmed, or wrong,
is corrected here (or by re-importing a canonical file). Each add, change and delete writes the
audit log, as the import's updates do: who, when, before and after."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from cchc.core.audit import record_change, snapshot
from cchc.plans.indices_figures import province_key
from cchc.plans.models_indices import IndexResult


@admin.register(IndexResult)
class IndexResultAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["index", "year", "province", "code", "value", "rank", "origin", "unconfirmed"]
    list_filter = ["index", "year", "level", "origin", "unconfirmed"]
    search_fields = ["province", "code", "name", "source"]
    exclude = ["province_key"]

    def save_model(
        self,
        request: HttpRequest,
        obj: IndexResult,
        form: ModelForm[IndexResult],
        change: bool,
    ) -> None:
        stored = IndexResult.objects.filter(pk=obj.pk).first() if change else None
        before = snapshot(stored) if stored else None
        obj.province_key = province_key(obj.province)
        super().save_model(request, obj, form, change)
        action = "index_result.update" if before else "index_result.create"
        record_change(request.user, action, obj, before, snapshot(obj))

    def delete_model(self, request: HttpRequest, obj: IndexResult) -> None:
        record_change(request.user, "index_result.delete", obj, snapshot(obj), None)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[IndexResult]) -> None:
        for obj in queryset:
            record_change(request.user, "index_result.delete", obj, snapshot(obj), None)
        super().delete_queryset(request, queryset)
