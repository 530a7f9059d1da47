"""/ke-hoach/<plan>/chi-tieu/<target>/: one target, plan against actual (cchc.plans.actual).

Every role reads it (access.can_read_plans). A unit head sees the measured figures of the whole
province but, among the units holding the target back, only the units in his scope."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from cchc.core import clock
from cchc.plans.access import can_edit_plans
from cchc.plans.actual import target_actual
from cchc.plans.actual_chart import chart
from cchc.plans.measure import MEASURED, PUBLISHED, REVIEW
from cchc.plans.measure_indicator import TOTAL
from cchc.plans.models_plans import Target, TargetKind
from cchc.web.access import role_required, scope_of


def origin_labels() -> dict[str, str]:
    return {
        MEASURED: _("cchc tính từ hồ sơ"),
        PUBLISHED: _("kết quả công bố"),
        REVIEW: _("nhập tại kỳ đánh giá"),
    }


@role_required()
def target_page(request: HttpRequest, plan_id: int, target_id: int) -> HttpResponse:
    scope = scope_of(request)  # every role reads plans (role_required)
    target = get_object_or_404(
        Target.objects.select_related("plan", "unit"), pk=target_id, plan_id=plan_id
    )
    today = clock.today()
    visible = None if scope.sees_everything else scope.can_see_unit
    actual = target_actual(target, today, visible)
    drawn = chart(actual.path, [(r.point.day, r.point.value, r.on_track) for r in actual.readings])
    ratio = target.kind == TargetKind.INDICATOR and target.indicator_code != TOTAL
    return render(
        request,
        "plans/actual/target.html",
        {
            "plan": target.plan,
            "target": target,
            "actual": actual,
            "chart": drawn,
            "today": today,
            "digits": 1 if ratio else 2,
            "origins": origin_labels(),
            "narrowed": visible is not None,
            "can_edit": can_edit_plans(scope),
        },
    )
