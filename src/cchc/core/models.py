"""Reference data: units with history, procedures, calendar overrides, users' roles, audit log."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from cchc.core.vn_format import vn_date, vn_datetime


class UnitKind(models.TextChoices):
    PROVINCE = "province", "Tỉnh/Thành phố"
    AGENCY = "agency", "Sở, ban, ngành"
    DISTRICT = "district", "Huyện/Thị xã/Thành phố thuộc tỉnh"
    COMMUNE = "commune", "Xã/Phường/Đặc khu"
    DIVISION = "division", "Phòng, ban chuyên môn"


class Unit(models.Model):
    """An administrative unit or agency, valid from `valid_from` to `valid_to` (both inclusive)."""

    code = models.CharField("mã đơn vị", max_length=40, unique=True)
    name = models.CharField("tên đơn vị", max_length=255)
    kind = models.CharField("loại", max_length=16, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="đơn vị cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    source = models.CharField("nguồn", max_length=120, blank=True)

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class LineageKind(models.TextChoices):
    MERGE = "merge", "Sáp nhập"
    SPLIT = "split", "Chia tách"
    RENAME = "rename", "Đổi tên"


class UnitLineage(models.Model):
    """Predecessor → successor on a date: the unit's work passed, wholly or partly, to it."""

    predecessor = models.ForeignKey(
        Unit, verbose_name="đơn vị cũ", on_delete=models.CASCADE, related_name="successor_links"
    )
    successor = models.ForeignKey(
        Unit, verbose_name="đơn vị mới", on_delete=models.CASCADE, related_name="predecessor_links"
    )
    date = models.DateField("ngày hiệu lực")
    kind = models.CharField("hình thức", max_length=10, choices=LineageKind.choices)
    act = models.CharField("văn bản", max_length=160, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "lịch sử sắp xếp đơn vị"
        verbose_name_plural = "lịch sử sắp xếp đơn vị"
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor", "date"], name="unique_lineage_link"
            )
        ]

    def __str__(self) -> str:
        return f"{self.predecessor.code} → {self.successor.code} ({vn_date(self.date)})"


class UnitFormer(models.Model):
    """What a unit was up to `until` (inclusive): its name, kind and parent before a change that
    kept the unit (xã → thị trấn, thị xã → thành phố, moved under a new district). The Unit row
    holds the latest form; a day is in the earliest former form whose `until` is on or after it.
    """

    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="former_forms"
    )
    until = models.DateField("đến hết ngày")
    name = models.CharField("tên khi đó", max_length=255)
    kind = models.CharField("loại khi đó", max_length=16, choices=UnitKind.choices)
    parent = models.ForeignKey(
        Unit,
        verbose_name="đơn vị cấp trên khi đó",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="former_children",
    )
    act = models.CharField("văn bản", max_length=160, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "tên, cấp trên trước đây"
        verbose_name_plural = "tên, cấp trên trước đây"
        ordering = ["unit__code", "until"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "until"], name="unique_unit_former_until")
        ]

    def __str__(self) -> str:
        return f"{self.name} (đến {vn_date(self.until)})"


class TimeUnit(models.TextChoices):
    WORKING_DAYS = "working_days", "Ngày làm việc"
    WORKING_HOURS = "working_hours", "Giờ làm việc"
    CALENDAR_DAYS = "calendar_days", "Ngày"
    MONTHS = "months", "Tháng"


class OnlineLevel(models.TextChoices):
    FULL = "full", "Toàn trình"
    PARTIAL = "partial", "Một phần"
    NONE = "none", "Không"


class Procedure(models.Model):
    """An administrative procedure (thủ tục hành chính) with its statutory time limit."""

    code = models.CharField("mã thủ tục", max_length=40, unique=True)
    name = models.TextField("tên thủ tục")
    sector = models.CharField("lĩnh vực", max_length=255, blank=True, db_index=True)
    level = models.CharField("cấp thực hiện", max_length=80, blank=True)
    time_limit = models.DecimalField(
        "thời hạn giải quyết", max_digits=8, decimal_places=2, null=True, blank=True
    )
    time_unit = models.CharField(
        "đơn vị thời hạn", max_length=16, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAYS
    )
    cutoff = models.TimeField("giờ tiếp nhận cuối ngày", null=True, blank=True)
    online_level = models.CharField(
        "mức trực tuyến", max_length=8, choices=OnlineLevel.choices, default=OnlineLevel.NONE
    )
    has_fee = models.BooleanField("có phí, lệ phí", default=False)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)

    class Meta:
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name[:80]}"


class CalendarOverride(models.Model):
    """A day an administrator marks off or worked, e.g. from next year's civil-service notice."""

    class Kind(models.TextChoices):
        DAY_OFF = "off", "Ngày nghỉ"
        WORKING_DAY = "work", "Ngày làm việc (làm bù)"

    date = models.DateField("ngày", unique=True)
    kind = models.CharField("loại", max_length=4, choices=Kind.choices)
    notice = models.CharField("văn bản", max_length=120, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "điều chỉnh lịch làm việc"
        verbose_name_plural = "điều chỉnh lịch làm việc"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{vn_date(self.date)} {self.get_kind_display()}"


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị"
    OFFICER = "officer", "Chuyên viên CCHC"
    INSPECTOR = "inspector", "Thành viên đoàn kiểm tra"
    UNIT_HEAD = "unit_head", "Thủ trưởng đơn vị"
    STEERING = "steering", "Ban Chỉ đạo"


class Profile(models.Model):
    """A user's role and, for unit heads, the unit they answer for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cchc_profile"
    )
    role = models.CharField("vai trò", max_length=12, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = "vai trò người dùng"
        verbose_name_plural = "vai trò người dùng"

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class AuditEntry(models.Model):
    """Who changed what, when, with the values before and after."""

    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField("thao tác", max_length=40)
    object_type = models.CharField("đối tượng", max_length=60, db_index=True)
    object_id = models.CharField("mã đối tượng", max_length=60, db_index=True)
    before = models.JSONField("trước", null=True, blank=True)
    after = models.JSONField("sau", null=True, blank=True)

    class Meta:
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{vn_datetime(self.at)} {self.action} {self.object_type}#{self.object_id}"


class ImportBatch(models.Model):
    """One import of one file: what came in, what it changed, who did it."""

    class Status(models.TextChoices):
        RUNNING = "running", "Đang chạy"
        DONE = "done", "Hoàn thành"
        REJECTED = "rejected", "Bị từ chối"
        FAILED = "failed", "Lỗi"

    kind = models.CharField("loại dữ liệu", max_length=20, default="dossiers")  # or "recompute"…
    file_name = models.CharField("tệp", max_length=255)
    file_hash = models.CharField("SHA-256", max_length=64, db_index=True)
    mapping = models.CharField("ánh xạ cột", max_length=120, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RUNNING)
    rows_total = models.PositiveIntegerField("tổng số dòng", default=0)
    inserted = models.PositiveIntegerField("thêm mới", default=0)
    updated = models.PositiveIntegerField("cập nhật", default=0)
    unchanged = models.PositiveIntegerField("không đổi", default=0)
    rejected = models.PositiveIntegerField("bị loại", default=0)
    message = models.TextField("thông báo", blank=True)
    # rulebook.version.RULES_VERSION of the import or recompute that computed the timing; blank
    # for batches that compute none (units, procedures) and for those before it was recorded
    rules_version = models.CharField("phiên bản quy tắc", max_length=20, blank=True, default="")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    started_at = models.DateTimeField("bắt đầu", auto_now_add=True)
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)

    class Meta:
        db_table = "dossiers_importbatch"  # where it was created before it moved to core
        verbose_name = "lần nhập dữ liệu"
        verbose_name_plural = "lần nhập dữ liệu"
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


class ChangeStamp(models.Model):
    """One row whose number goes up, in the same transaction, whenever a record that a user's
    home sections or navigation counts are made of is saved or deleted (cchc.core.change_stamp)."""

    number = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "dấu thay đổi"
        verbose_name_plural = "dấu thay đổi"

    def __str__(self) -> str:
        return str(self.number)
