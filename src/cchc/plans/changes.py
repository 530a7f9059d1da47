"""The one way to change a plan, a target or a task: every change is written to the audit log
(who, when, before, after; cchc.core.audit), in the same transaction as the change."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models, transaction

from cchc.core.audit import record_change, snapshot
from cchc.plans.models_plans import Task

User = AbstractBaseUser | AnonymousUser | None


def state_of(obj: models.Model) -> dict[str, Any]:
    """What the audit log keeps of `obj`: its fields, and a task's co-operating units."""
    out = snapshot(obj)
    out.pop("updated_at", None)
    if isinstance(obj, Task) and obj.pk is not None:
        out["co_units"] = sorted(obj.co_units.values_list("code", flat=True))
    return out


def create(user: User, obj: models.Model, co_unit_ids: list[int] | None = None) -> None:
    with transaction.atomic():
        obj.save()
        if isinstance(obj, Task) and co_unit_ids is not None:
            obj.co_units.set(co_unit_ids)
        record_change(user, "create", obj, None, state_of(obj))


def update(
    user: User, obj: models.Model, fields: dict[str, Any], co_unit_ids: list[int] | None = None
) -> bool:
    """Set `fields` (and a task's co-operating units) and save; False when nothing changed."""
    with transaction.atomic():
        before = state_of(obj)
        for name, value in fields.items():
            setattr(obj, name, value)
        if isinstance(obj, Task) and co_unit_ids is not None:
            obj.co_units.set(co_unit_ids)
        after = state_of(obj)  # saving changes none of it (updated_at is not recorded)
        if after == before:
            return False
        obj.save()
        record_change(user, "update", obj, before, after)
        return True


def delete(user: User, obj: models.Model) -> None:
    with transaction.atomic():
        before = state_of(obj)
        record_change(user, "delete", obj, before, None)
        obj.delete()
