"""Under a finding on the inspection page: the plan tasks that answer it (a task cites the finding
it answers, Task.finding) and, for those who may edit plans, a link to create one
(cchc.inspections.finding_links)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from cchc.core import clock
from cchc.core.vn_format import vn_date
from cchc.inspections.finding_links import FindingBlock, FindingLink
from cchc.inspections.models import Finding
from cchc.plans.access import can_edit_plans, can_read_plans
from cchc.plans.models_plans import Task
from cchc.plans.task_urls import new_task_for_finding_url, task_url
from cchc.web.access import scope_of


def finding_tasks(request: HttpRequest, finding: Finding) -> FindingBlock | None:
    scope = scope_of(request, clock.today())  # once per request, not once per finding
    if not can_read_plans(scope):
        return None
    tasks = (
        Task.objects.filter(finding=finding)
        .select_related("plan", "lead_unit")
        .order_by("plan__period_start", "plan_id", "order", "pk")
    )
    links = [
        FindingLink(
            f"{t.code}. {t.name}",
            task_url(t),
            f"{t.plan.name} · {t.lead_unit.name} · {_('hạn')} {vn_date(t.deadline)} · "
            f"{t.get_status_display().lower()}",
        )
        for t in tasks
    ]
    editor = can_edit_plans(scope)
    if not links and not editor:
        return None
    create = FindingLink(_("Tạo nhiệm vụ trong kế hoạch"), new_task_for_finding_url(finding.pk))
    return FindingBlock(_("Nhiệm vụ kế hoạch"), links, [create] if editor else [])
