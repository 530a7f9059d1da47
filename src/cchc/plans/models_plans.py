"""Improvement plans (kế hoạch cải thiện): the plan, its targets (chỉ tiêu) with the value at each
review, and its tasks (nhiệm vụ) with evidence, comments and the occurrences of recurring ones.

A target is either on a cchc indicator (measured from the dossiers each period) or on an external
index (PAPI, PAR INDEX, SIPAS: published results, cchc.plans.models_indices). Progress is not
stored on a task that has sub-tasks: it rolls up by weight (cchc.plans.rollup).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.core.models import Unit
from cchc.inspections.models import Finding


class Plan(models.Model):
    name = models.CharField("tên kế hoạch", max_length=300)
    decision_number = models.CharField("số quyết định", max_length=60, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)
    period_start = models.DateField("thực hiện từ ngày")
    period_end = models.DateField("đến ngày")
    owner_unit = models.ForeignKey(
        Unit, verbose_name="đơn vị chủ trì", on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField("mục tiêu chung", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "kế hoạch cải thiện"
        verbose_name_plural = "kế hoạch cải thiện"
        ordering = ["-period_start", "pk"]

    def __str__(self) -> str:
        return self.name


class TargetKind(models.TextChoices):
    INDICATOR = "indicator", "Chỉ tiêu đo từ hồ sơ (cchc)"
    EXTERNAL = "external", "Chỉ số bên ngoài (PAPI, PAR INDEX, SIPAS)"


class Direction(models.TextChoices):
    UP = "up", "Càng cao càng tốt"
    DOWN = "down", "Càng thấp càng tốt"


class Target(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField("mã chỉ tiêu", max_length=20)
    name = models.CharField("tên chỉ tiêu", max_length=300)
    kind = models.CharField("loại", max_length=10, choices=TargetKind.choices)
    # indicator: a catalogue code ("766.2a") or "766.total"; external: index and its code
    indicator_code = models.CharField("mã chỉ số cchc", max_length=40, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị đo (trống: cả tỉnh)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    index_name = models.CharField("chỉ số bên ngoài", max_length=40, blank=True)
    index_code = models.CharField("mã nội dung", max_length=20, blank=True)
    measure = models.CharField("thước đo", max_length=10, default="value")  # value | rank
    direction = models.CharField(max_length=4, choices=Direction.choices, default=Direction.UP)
    baseline_value = models.FloatField("giá trị gốc", null=True, blank=True)
    baseline_date = models.DateField("thời điểm gốc", null=True, blank=True)
    target_value = models.FloatField("giá trị mục tiêu")
    target_date = models.DateField("hạn đạt")
    source = models.CharField("nguồn số liệu", max_length=300, blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="plans_target_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class TargetReview(models.Model):
    """A value of the target at a review, entered from a published result (external indices) or
    kept as measured when the review was held (indicators are otherwise measured live)."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="reviews")
    review_date = models.DateField("kỳ đánh giá (ngày)")
    value = models.FloatField("giá trị")
    source = models.CharField("nguồn", max_length=300, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta:
        verbose_name = "giá trị tại kỳ đánh giá"
        verbose_name_plural = "giá trị tại kỳ đánh giá"
        ordering = ["target", "review_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "review_date"], name="plans_review_date_unique"
            )
        ]


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    CANCELLED = "cancelled", _("Dừng thực hiện")


class Recurrence(models.TextChoices):
    NONE = "", _("Không lặp lại")
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    HALF_YEARLY = "half_yearly", _("6 tháng một lần")
    YEARLY = "yearly", _("Hằng năm")


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    target = models.ForeignKey(
        Target,
        verbose_name="chỉ tiêu",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="nhiệm vụ cha",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subtasks",
    )
    code = models.CharField("mã nhiệm vụ", max_length=20)
    name = models.CharField("nội dung nhiệm vụ", max_length=500)
    lead_unit = models.ForeignKey(
        Unit, verbose_name="đơn vị chủ trì", on_delete=models.PROTECT, related_name="+"
    )
    co_units = models.ManyToManyField(
        Unit, verbose_name="đơn vị phối hợp", blank=True, related_name="+"
    )
    deadline = models.DateField("thời hạn")  # a recurring task's first occurrence (the anchor)
    recurrence = models.CharField(
        "lặp lại", max_length=12, choices=Recurrence.choices, blank=True, default=""
    )
    repeat_until = models.DateField("lặp lại đến ngày", null=True, blank=True)
    weight = models.FloatField("trọng số", default=1.0)
    status = models.CharField(
        "trạng thái", max_length=12, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    done_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    finding = models.ForeignKey(
        Finding,
        verbose_name="kết luận kiểm tra",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_tasks",
    )
    note = models.TextField("ghi chú", blank=True)
    order = models.PositiveIntegerField("thứ tự", default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="plans_task_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Occurrence(models.Model):
    """One done occurrence of a recurring task, named by its scheduled deadline."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="occurrences")
    due_on = models.DateField("hạn của lần thực hiện")
    done_on = models.DateField("ngày hoàn thành")
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta:
        verbose_name = "lần thực hiện"
        verbose_name_plural = "lần thực hiện"
        ordering = ["task", "due_on"]
        constraints = [
            models.UniqueConstraint(fields=["task", "due_on"], name="plans_occurrence_unique")
        ]


class TaskEvidence(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("tệp minh chứng", upload_to="plans/evidence/%Y/%m/", blank=True)
    text = models.CharField("mô tả minh chứng", max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"
        ordering = ["task", "at", "pk"]


class TaskComment(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField("ý kiến")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ý kiến"
        verbose_name_plural = "ý kiến"
        ordering = ["task", "at", "pk"]


class TaskReminderSent(models.Model):
    """A reminder or escalation sent for one deadline of a task (once each)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE)
    due_on = models.DateField()
    kind = models.CharField(max_length=12)  # reminder | escalation
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["task", "due_on", "kind"], name="plans_task_reminder_once"
            )
        ]
