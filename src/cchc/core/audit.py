"""The one way to write the audit log (nhật ký thay đổi): who changed what, when, before/after."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.db.models.fields.files import FieldFile

from cchc.core.models import AuditEntry


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return str(value)


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's concrete fields (foreign keys as their ids) as a JSON-safe dict."""
    out: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        out[field.attname] = _plain(getattr(obj, field.attname))
    return out


def record_change(
    user: AbstractBaseUser | AnonymousUser | None,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> AuditEntry:
    """Write one audit entry; only the fields that changed are kept when both sides are given."""
    if before is not None and after is not None:
        changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        before = {k: v for k, v in before.items() if k in changed}
        after = {k: v for k, v in after.items() if k in changed}
    author: Any = user if user is not None and user.is_authenticated else None
    return AuditEntry.objects.create(
        user=author,
        action=action[:40],
        object_type=obj._meta.label_lower[:60],
        object_id=str(obj.pk)[:60],
        before=_plain(before) if before is not None else None,
        after=_plain(after) if after is not None else None,
    )
