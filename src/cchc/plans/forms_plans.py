"""The forms of the plan pages: a plan, a target, a task (reform officer, administrator) and a
task's update (status, progress, note, evidence: also the head of its lead unit).

The forms only check what was typed, with Vietnamese messages; the pages write through
cchc.plans.changes (audit log). Dates are typed dd/mm/yyyy (ISO accepted too).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.db.models import Q, QuerySet

from cchc.core import clock
from cchc.core.models import Unit
from cchc.plans.measure_indicator import indicator_codes
from cchc.plans.models_plans import Plan, Target, TargetReview, Task, TaskStatus
from cchc.plans.target_labels import indicator_name

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
REQUIRED = "Cần nhập trường này (required)"
BAD_DATE = "Ngày không hợp lệ, nhập theo dạng dd/mm/yyyy (invalid date)"
BAD_NUMBER = "Cần nhập một số (a number is required)"
BAD_CHOICE = "Lựa chọn không hợp lệ (invalid choice)"
MESSAGES = {
    "required": REQUIRED,
    "invalid": BAD_NUMBER,
    "invalid_choice": BAD_CHOICE,
    "invalid_pk_value": BAD_CHOICE,
    "invalid_list": BAD_CHOICE,
    "max_length": "Quá dài: tối đa %(limit_value)d ký tự (too long)",
    "min_value": "Không được nhỏ hơn %(limit_value)s (too small)",
    "max_value": "Không được lớn hơn %(limit_value)s (too large)",
}


def units_now() -> QuerySet[Unit]:
    """The units in force today, by name (the choices of a lead or co-operating unit)."""
    today = clock.today()
    return Unit.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today)).order_by(
        "name", "code"
    )


class DateInput(forms.DateInput):
    input_type = "text"

    def __init__(self) -> None:
        super().__init__(
            format="%d/%m/%Y",
            attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"},
        )


class VietnameseForm(forms.ModelForm):  # type: ignore[type-arg]
    """Vietnamese error messages on every field; dates as dd/mm/yyyy."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages = {**field.error_messages, **MESSAGES}
            if isinstance(field, forms.DateField):
                field.input_formats = DATE_FORMATS
                field.widget = DateInput()
                field.error_messages["invalid"] = BAD_DATE

    def unique_code(self, model: type[models.Model], what: str, what_en: str) -> str:
        """The cleaned `code`, refused when another `model` of the plan has it."""
        code = str(self.cleaned_data["code"]).strip()
        plan = self.plan  # type: ignore[attr-defined]
        taken = model._default_manager.filter(plan=plan, code=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                f"Mã {what} {code} đã có trong kế hoạch ({what_en} code already used)"
            )
        return code


class ReviewForm(VietnameseForm):
    """A target's value at a review, entered from a published result (with its source)."""

    class Meta:
        model = TargetReview
        fields = ["review_date", "value", "source", "note"]


class PlanForm(VietnameseForm):
    class Meta:
        model = Plan
        fields = [
            "name",
            "decision_number",
            "decision_date",
            "period_start",
            "period_end",
            "owner_unit",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = units_now()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error(
                "period_end", "Ngày kết thúc trước ngày bắt đầu (the period ends before it starts)"
            )
        return data


MEASURE_CHOICES = [("value", "Điểm, giá trị"), ("rank", "Thứ hạng (chỉ số bên ngoài)")]


class TargetForm(VietnameseForm):
    class Meta:
        model = Target
        fields = [
            "code",
            "name",
            "kind",
            "indicator_code",
            "unit",
            "index_name",
            "index_code",
            "measure",
            "direction",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "source",
            "order",
        ]

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["unit"].queryset = units_now()  # type: ignore[attr-defined]
        self.fields["indicator_code"] = forms.ChoiceField(
            label="Chỉ số cchc (chỉ tiêu đo từ hồ sơ)",
            required=False,
            choices=[("", "—"), *((c, f"{indicator_name(c)} ({c})") for c in indicator_codes())],
        )
        self.fields["measure"] = forms.ChoiceField(
            label="Thước đo", choices=MEASURE_CHOICES, initial="value", required=False
        )

    def clean_measure(self) -> str:
        return str(self.cleaned_data.get("measure") or "value")

    def clean_code(self) -> str:
        return self.unique_code(Target, "chỉ tiêu", "target")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == "indicator" and not data.get("indicator_code"):
            self.add_error(
                "indicator_code",
                "Chỉ tiêu đo từ hồ sơ cần mã chỉ số, ví dụ 766.total (indicator code required)",
            )
        if data.get("kind") == "external" and not data.get("index_name"):
            self.add_error(
                "index_name",
                "Chỉ số bên ngoài cần tên chỉ số, ví dụ PAPI (index name required)",
            )
        return data


class TaskForm(VietnameseForm):
    class Meta:
        model = Task
        fields = [
            "code",
            "name",
            "target",
            "parent",
            "lead_unit",
            "co_units",
            "deadline",
            "recurrence",
            "repeat_until",
            "weight",
            "note",
            "order",
        ]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
            "co_units": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args: Any, plan: Plan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["target"].queryset = plan.targets.all()  # type: ignore[attr-defined]
        parents = plan.tasks.all()
        if self.instance.pk is not None:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["lead_unit"].queryset = units_now()  # type: ignore[attr-defined]
        self.fields["co_units"].queryset = units_now()  # type: ignore[attr-defined]
        self.fields["deadline"].help_text = (
            "dd/mm/yyyy; thời hạn rơi vào ngày nghỉ thì kết thúc vào ngày làm việc kế tiếp "
            "(Bộ luật Dân sự, điều 148). Nhiệm vụ lặp lại: hạn của lần đầu tiên."
        )

    def clean_code(self) -> str:
        return self.unique_code(Task, "nhiệm vụ", "task")

    def clean_weight(self) -> float:
        weight = float(self.cleaned_data["weight"])
        if weight < 0:
            raise forms.ValidationError("Trọng số không được âm (weight must be ≥ 0)")
        return weight

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parent = data.get("parent")
        own = self.instance.pk
        while parent is not None and own is not None:
            if parent.pk == own:
                self.add_error(
                    "parent",
                    "Nhiệm vụ cha không được là nhiệm vụ con của chính nó (a task under itself)",
                )
                break
            parent = parent.parent
        until, deadline = data.get("repeat_until"), data.get("deadline")
        if until and deadline and until < deadline:
            self.add_error(
                "repeat_until",
                "Ngày lặp lại cuối trước thời hạn đầu tiên (repeats end before the first deadline)",
            )
        if until and not data.get("recurrence"):
            self.add_error(
                "repeat_until", "Chỉ nhập khi nhiệm vụ lặp lại (only for a recurring task)"
            )
        lead, co = data.get("lead_unit"), data.get("co_units")
        if lead is not None and co is not None and lead in co:
            self.add_error(
                "co_units",
                "Đơn vị chủ trì không đồng thời là đơn vị phối hợp (lead unit listed as co-unit)",
            )
        return data


class UpdateForm(forms.Form):
    """What the head of the lead unit reports: status, progress, note and evidence."""

    status = forms.ChoiceField(label="Trạng thái", choices=TaskStatus.choices)
    progress = forms.IntegerField(label="Tiến độ (%)", min_value=0, max_value=100)
    note = forms.CharField(
        label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence_text = forms.CharField(label="Mô tả minh chứng", required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages = {**field.error_messages, **MESSAGES}
