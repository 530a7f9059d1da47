"""Where a plan task and the form for a new one live on the web (the pages are cchc.plans' own)."""

from __future__ import annotations

from cchc.plans.models_plans import Task


def task_url(task: Task) -> str:
    return f"/ke-hoach/nhiem-vu/{task.pk}/"


def new_task_for_finding_url(finding_id: int) -> str:
    return f"/ke-hoach/nhiem-vu/moi/?finding={finding_id}"
