"""Inspection plans, visits, checklists, findings, corrective actions and the reminders sent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models

from cchc.core.models import Unit
from cchc.core.vn_format import vn_date


class InspectionKind(models.TextChoices):
    PERIODIC = "periodic", "Định kỳ"
    SURPRISE = "surprise", "Đột xuất"
    ROTATION = "rotation", "Luân phiên"


class PlanRun(models.Model):
    """One run of the planner: everything needed to reproduce it (inputs, weights, seed)."""

    created_at = models.DateTimeField("thời điểm", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    period_label = models.CharField("kỳ", max_length=40)
    period_start = models.DateField("từ ngày")
    period_end = models.DateField("đến ngày")
    seed = models.BigIntegerField("hạt giống ngẫu nhiên")
    weights_version = models.CharField("phiên bản trọng số", max_length=40)
    weights = models.JSONField("trọng số và quy tắc")
    inputs = models.JSONField("dữ liệu đầu vào")
    result = models.JSONField("kết quả")

    class Meta:
        verbose_name = "lần lập kế hoạch kiểm tra"
        verbose_name_plural = "lần lập kế hoạch kiểm tra"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.period_label} seed={self.seed}"


class PlanPick(models.Model):
    """A unit the plan selects, why, and which dossiers to pull there."""

    run = models.ForeignKey(PlanRun, on_delete=models.CASCADE, related_name="picks")
    unit_code = models.CharField("mã đơn vị", max_length=40)
    kind = models.CharField("hình thức", max_length=10, choices=InspectionKind.choices)
    rank = models.PositiveIntegerField("thứ tự")
    score = models.FloatField("điểm rủi ro", null=True, blank=True)
    reason = models.TextField("lý do")
    sample = models.JSONField("hồ sơ cần kiểm tra", default=list)

    class Meta:
        verbose_name = "đơn vị được chọn"
        verbose_name_plural = "đơn vị được chọn"
        ordering = ["run", "rank"]

    def __str__(self) -> str:
        return f"{self.unit_code} ({self.get_kind_display()})"


class ChecklistTemplate(models.Model):
    """A checklist as data: items grouped by area, loaded from TOML (data/checklist-*.toml)."""

    code = models.CharField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=255)
    version = models.CharField("phiên bản", max_length=40)
    items = models.JSONField("nội dung kiểm tra")  # [{"code", "area", "text"}]

    class Meta:
        verbose_name = "mẫu nội dung kiểm tra"
        verbose_name_plural = "mẫu nội dung kiểm tra"

    def __str__(self) -> str:
        return f"{self.name} ({self.version})"


class Inspection(models.Model):
    class Status(models.TextChoices):
        # the state machine and its rules: visit_states.py
        PLANNED = "planned", "Đã lên kế hoạch"
        NOTIFIED = "notified", "Đã thông báo"
        VISITING = "visiting", "Đang kiểm tra tại đơn vị"
        CONCLUDED = "concluded", "Đã kết luận"
        CLOSED = "closed", "Đã kết thúc"

    kind = models.CharField("hình thức", max_length=10, choices=InspectionKind.choices)
    unit = models.ForeignKey(Unit, verbose_name="đơn vị được kiểm tra", on_delete=models.PROTECT)
    date = models.DateField("ngày kiểm tra")
    team: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name="thành viên đoàn",
        related_name="inspections",
        through="TeamMember",
    )
    template = models.ForeignKey(ChecklistTemplate, null=True, blank=True, on_delete=models.PROTECT)
    content_items = models.JSONField("nội dung kiểm tra", default=list)  # item codes
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    plan_pick = models.ForeignKey(PlanPick, null=True, blank=True, on_delete=models.SET_NULL)
    decision_number = models.CharField("số quyết định thành lập đoàn", max_length=60, blank=True)
    record_number = models.CharField("số biên bản", max_length=60, blank=True)
    conclusion_number = models.CharField("số thông báo kết luận", max_length=60, blank=True)
    summary = models.TextField("nhận xét chung", blank=True)

    class Meta:
        verbose_name = "cuộc kiểm tra"
        verbose_name_plural = "cuộc kiểm tra"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["unit", "date"], name="inspection_unit_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit.code} {vn_date(self.date)}"

    @property
    def leader(self) -> Any:
        """The team leader (trưởng đoàn), or None: the member with that role."""
        member = self.members.filter(role=TeamRole.LEADER).select_related("user").first()
        return member.user if member is not None else None


class TeamRole(models.TextChoices):
    LEADER = "leader", "Trưởng đoàn"
    MEMBER = "member", "Thành viên"
    SECRETARY = "secretary", "Thư ký"


class TeamMember(models.Model):
    """A person of the inspection team and their role in it (at most one leader)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người", on_delete=models.PROTECT
    )
    role = models.CharField("vai trò", max_length=10, choices=TeamRole.choices)

    class Meta:
        verbose_name = "thành viên đoàn kiểm tra"
        verbose_name_plural = "thành viên đoàn kiểm tra"
        ordering = ["inspection", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "user"], name="unique_team_member"),
            models.UniqueConstraint(
                fields=["inspection"],
                condition=models.Q(role="leader"),
                name="one_team_leader",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Answer(models.TextChoices):
    COMPLIANT = "compliant", "Đạt"
    NOT_COMPLIANT = "not_compliant", "Không đạt"
    NOT_APPLICABLE = "not_applicable", "Không áp dụng"


class ChecklistAnswer(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="answers")
    item_code = models.CharField("mục", max_length=40)
    answer = models.CharField("kết quả", max_length=16, choices=Answer.choices)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "kết quả theo nội dung"
        verbose_name_plural = "kết quả theo nội dung"
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item_code"], name="unique_answer")
        ]

    def __str__(self) -> str:
        return f"{self.item_code}: {self.get_answer_display()}"


class FindingCategory(models.TextChoices):
    DIRECTIVES = "directives", "Chấp hành chỉ đạo của cấp trên"
    INDEX_PLAN = "index_plan", "Kế hoạch cải thiện chỉ số"
    ONLINE_SERVICES = "online_services", "Dịch vụ công trực tuyến"
    SENSITIVE_DOSSIERS = "sensitive_dossiers", "Hồ sơ đất đai, đầu tư, xây dựng"
    PUBLICITY = "publicity", "Công khai tại Bộ phận một cửa"
    DISCIPLINE = "discipline", "Kỷ luật, kỷ cương, thái độ"
    OTHER = "other", "Khác"


class Severity(models.TextChoices):
    REMINDER = "reminder", "Nhắc nhở"
    CORRECTION = "correction", "Chấn chỉnh"
    SERIOUS = "serious", "Nghiêm trọng (xem xét kỷ luật)"


class Finding(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    category = models.CharField("nhóm", max_length=20, choices=FindingCategory.choices)
    severity = models.CharField("mức độ", max_length=12, choices=Severity.choices)
    description = models.TextField("nội dung tồn tại, hạn chế")
    dossier_codes = models.JSONField("hồ sơ liên quan", default=list)
    responsible_official = models.CharField("người chịu trách nhiệm", max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tồn tại, hạn chế"
        verbose_name_plural = "tồn tại, hạn chế"
        ordering = ["inspection", "id"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.description[:60]}"


class ActionState(models.TextChoices):
    OPEN = "open", "Đang khắc phục"
    REPORTED = "reported", "Đã báo cáo khắc phục"
    CLOSED = "closed", "Đã xác minh, kết thúc"
    REOPENED = "reopened", "Yêu cầu khắc phục lại"


class CorrectiveAction(models.Model):
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="actions")
    owner_unit = models.ForeignKey(Unit, verbose_name="đơn vị thực hiện", on_delete=models.PROTECT)
    description = models.TextField("yêu cầu khắc phục")
    deadline = models.DateField("hạn khắc phục")
    report_required = models.BooleanField("phải báo cáo kết quả", default=True)
    state = models.CharField(max_length=10, choices=ActionState.choices, default=ActionState.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_on = models.DateField("ngày kết thúc", null=True, blank=True)

    class Meta:
        verbose_name = "yêu cầu khắc phục"
        verbose_name_plural = "yêu cầu khắc phục"
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["state", "deadline"], name="action_state_deadline")]

    def __str__(self) -> str:
        return f"{self.owner_unit.code}: {self.description[:60]} ({vn_date(self.deadline)})"

    def is_overdue(self, today: dt.date) -> bool:
        from cchc.inspections.workflow import is_overdue

        return is_overdue(self.state, self.deadline, today)


class ActionReport(models.Model):
    """The unit's report that a correction is done, or the team's verification note."""

    action = models.ForeignKey(CorrectiveAction, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(max_length=10)  # report | verify | reopen
    text = models.TextField("nội dung")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.action_id}"


class Evidence(models.Model):
    """A file backing a checklist answer or a correction report."""

    file = models.FileField("tệp minh chứng", upload_to="inspections/evidence/%Y/%m/")
    answer = models.ForeignKey(
        ChecklistAnswer, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    report = models.ForeignKey(
        ActionReport, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"

    def __str__(self) -> str:
        return self.file.name or ""


class ReminderSent(models.Model):
    """A reminder reached someone: sent once per action per kind (before the deadline, escalation
    after). Recorded only after a delivery (cchc.notices); an undelivered one is tried again."""

    action = models.ForeignKey(CorrectiveAction, on_delete=models.CASCADE)
    kind = models.CharField(max_length=12)  # reminder | escalation
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action", "kind"], name="unique_reminder_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.action_id} {vn_date(self.sent_on)}"
