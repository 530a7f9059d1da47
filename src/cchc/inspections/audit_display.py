"""The audit trail as people read it: Vietnamese field names, dates and times in local time
(dd/mm/yyyy HH:MM), choices by their label, units and users by name. The log itself keeps the
stored values (core/audit.py: ISO text, ids); only the page translates them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from cchc.core.models import AuditEntry
from cchc.core.vn_format import vn_date, vn_datetime
from cchc.inspections.models import ChecklistTemplate, TeamRole

# Fields without a Vietnamese verbose_name, and the extra keys services add to a snapshot.
LABELS = {
    "id": "mã",
    "status": "trạng thái",
    "state": "trạng thái",
    "kind": "loại",
    "created_at": "thời điểm tạo",
    "created_by": "người tạo",
    "inspection": "cuộc kiểm tra",
    "finding": "tồn tại, hạn chế",
    "action": "yêu cầu khắc phục",
    "template": "mẫu nội dung kiểm tra",
    "plan_pick": "đơn vị trong kế hoạch",
    "leader": "trưởng đoàn",
    "team": "thành viên đoàn",
    "team_member": "thành viên đoàn (vai trò)",
    "note": "nội dung báo cáo",
    "evidence": "minh chứng",
    "picks": "đơn vị được chọn",
    "by": "người thực hiện",
    "at": "thời điểm",
    "uploaded_at": "thời điểm tải lên",
}
MAX_TEXT = 80


@dataclass(frozen=True)
class Change:
    label: str
    before: str | None  # None: the field was not recorded before (a creation)
    after: str | None


@dataclass(frozen=True)
class AuditLine:
    entry: AuditEntry
    action: str
    subject: str  # "tồn tại, hạn chế #12"
    changes: list[Change]


def _model(entry: AuditEntry) -> type[models.Model] | None:
    try:
        return apps.get_model(entry.object_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, key: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    for field in model._meta.concrete_fields:
        if key in (field.attname, field.name):
            return field
    return None


def _label(field: models.Field[Any, Any] | None, key: str) -> str:
    name = key.removesuffix("_id")
    if field is not None:
        verbose = str(field.verbose_name)
        if verbose != field.name.replace("_", " "):  # Django's default: the English name
            return verbose
    return LABELS.get(name, LABELS.get(key, name.replace("_", " ")))


def _moment(text: str) -> str:
    try:
        if len(text) == 10:
            return vn_date(dt.date.fromisoformat(text))
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return vn_datetime(moment)


def _name(model: type[models.Model], pk: Any) -> str:
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        return f"#{pk}"
    if isinstance(obj, get_user_model()):
        return str(obj.get_username())
    return str(getattr(obj, "name", None) or obj)


def _item_text(code: str) -> str:
    """A checklist item by its text in the templates (its code when no template has it)."""
    for items in ChecklistTemplate.objects.values_list("items", flat=True):
        for item in items:
            if item.get("code") == code:
                return str(item.get("text", code))
    return code


def _value(field: models.Field[Any, Any] | None, key: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "có" if value else "không"
    if key == "team" and isinstance(value, list):
        return ", ".join(_name(get_user_model(), pk) for pk in value)
    if key == "leader" and isinstance(value, int):
        return _name(get_user_model(), value)
    if key == "team_member" and isinstance(value, list) and len(value) == 2:
        role = dict(TeamRole.choices).get(value[1], value[1])
        return f"{_name(get_user_model(), value[0])} ({role})"
    if key == "content_items" and isinstance(value, list):
        return f"{len(value)} nội dung"
    if key == "item_code" and isinstance(value, str):
        return _item_text(value)
    if key == "evidence" and isinstance(value, list):
        return ", ".join(PurePosixPath(str(v)).name for v in value)
    if isinstance(value, list):
        return ", ".join(_value(None, "", v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value(None, '', v)}" for k, v in value.items())
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.is_relation and field.related_model is not None:
        return _name(field.related_model, value)  # type: ignore[arg-type]
    if (
        isinstance(value, str)
        and field is not None
        and isinstance(field, models.DateField | models.DateTimeField)
    ):
        return _moment(value)
    if isinstance(value, str) and field is None and len(value) >= 10 and value[4:5] == "-":
        return _moment(value)
    text = str(value)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def describe(entry: AuditEntry, action_labels: dict[str, str]) -> AuditLine:
    model = _model(entry)
    kind = str(model._meta.verbose_name) if model is not None else entry.object_type
    before: dict[str, Any] = entry.before or {}
    after: dict[str, Any] = entry.after or {}
    changes = []
    for key in [*after, *(k for k in before if k not in after)]:
        if key == "id":
            continue
        field = _field(model, key)
        changes.append(
            Change(
                _label(field, key),
                _value(field, key, before[key]) if key in before else None,
                _value(field, key, after[key]) if key in after else None,
            )
        )
    action = action_labels.get(entry.action, entry.action)
    return AuditLine(entry, action, f"{kind} #{entry.object_id}", changes)


def describe_all(entries: Iterable[AuditEntry], action_labels: dict[str, str]) -> list[AuditLine]:
    return [describe(e, action_labels) for e in entries]
