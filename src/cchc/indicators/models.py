"""Weight versions an administrator enters, the national portal's published scores and which
cchc unit each portal name means."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from cchc.core.vn_format import vn_date, vn_percent
from cchc.indicators.portal_names import normalise


class WeightVersionRow(models.Model):
    """A province's correction of points and thresholds, in force from a date."""

    version = models.CharField("phiên bản", max_length=60, unique=True)
    effective_from = models.DateField("hiệu lực từ")
    note = models.CharField("ghi chú", max_length=255, blank=True)
    source_file = models.CharField("tệp nguồn", max_length=255, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = "phiên bản trọng số chỉ số"
        verbose_name_plural = "phiên bản trọng số chỉ số"
        ordering = ["-effective_from", "version"]

    def __str__(self) -> str:
        return f"{self.version} ({vn_date(self.effective_from)})"


class WeightRow(models.Model):
    version = models.ForeignKey(WeightVersionRow, on_delete=models.CASCADE, related_name="weights")
    code = models.CharField("mã chỉ số", max_length=20)
    max_points = models.FloatField("điểm tối đa")
    threshold = models.FloatField("ngưỡng đạt điểm tối đa")

    class Meta:
        verbose_name = "trọng số chỉ số"
        verbose_name_plural = "trọng số chỉ số"
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="unique_weight_code")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.max_points} / {vn_percent(self.threshold, 0)}"


class PortalSnapshot(models.Model):
    """One published table of the national portal, as it stood on one day."""

    scope_code = models.CharField("đơn vị cha", max_length=40, blank=True)  # "" = the nation
    scope_name = models.CharField("tên đơn vị cha", max_length=255, blank=True)
    level = models.CharField("cấp", max_length=20)  # province | agency | commune
    period_label = models.CharField("kỳ", max_length=20)
    as_of = models.DateField("số liệu đến ngày")
    source_file = models.CharField("tệp", max_length=255)
    file_hash = models.CharField("SHA-256", max_length=64)
    source_url = models.CharField("nguồn", max_length=255, blank=True)
    imported_at = models.DateTimeField("nhập lúc", auto_now_add=True)

    class Meta:
        verbose_name = "bảng điểm Cổng DVC quốc gia"
        verbose_name_plural = "bảng điểm Cổng DVC quốc gia"
        ordering = ["-as_of", "scope_code", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["scope_code", "level", "period_label", "as_of"],
                name="unique_portal_snapshot",
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope_code or 'VN'} {self.level} {self.period_label} @ {self.as_of}"


class PortalScore(models.Model):
    snapshot = models.ForeignKey(PortalSnapshot, on_delete=models.CASCADE, related_name="scores")
    department_code = models.CharField("mã đơn vị", max_length=40)
    department_name = models.CharField("tên đơn vị", max_length=255)
    department_id = models.CharField("mã định danh trên Cổng", max_length=64, blank=True)
    rank = models.IntegerField("xếp hạng", null=True)
    total = models.FloatField("tổng điểm", null=True)
    delta = models.FloatField("thay đổi", null=True)
    ckmb = models.FloatField("Công khai, minh bạch", null=True)
    tdgq = models.FloatField("Tiến độ giải quyết", null=True)
    online = models.FloatField("Dịch vụ trực tuyến (CLGQ/ONLINE)", null=True)
    tttt = models.FloatField("Thanh toán trực tuyến", null=True)
    mdhl = models.FloatField("Mức độ hài lòng", null=True)
    mdsh = models.FloatField("Số hóa hồ sơ", null=True)

    class Meta:
        verbose_name = "điểm trên Cổng DVC quốc gia"
        verbose_name_plural = "điểm trên Cổng DVC quốc gia"
        ordering = ["snapshot", "rank", "department_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "department_code"], name="unique_portal_score"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department_code} {self.total}"


class PortalUnitLink(models.Model):
    """Which cchc unit a name on the national portal means: set by a person (or a suggestion a
    person accepted), changed only through portal_links.py or the admin, both audited."""

    class How(models.TextChoices):
        MANUAL = "manual", "nhập tay (set by hand)"
        SUGGESTION = "suggestion", "gợi ý đã chấp nhận (accepted suggestion)"

    parent_code = models.CharField(
        "mã đơn vị cha trên Cổng", max_length=40, blank=True, help_text="trống = bảng các tỉnh"
    )
    portal_name = models.CharField("tên trên Cổng", max_length=255)
    name_key = models.CharField("tên chuẩn hóa", max_length=255, editable=False)
    department_code = models.CharField("mã trên Cổng", max_length=40, blank=True)
    unit = models.ForeignKey(
        "core.Unit",
        on_delete=models.PROTECT,
        related_name="portal_links",
        verbose_name="đơn vị cchc",
    )
    how = models.CharField("cách liên kết", max_length=20, choices=How.choices, default=How.MANUAL)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "liên kết đơn vị trên Cổng DVC"
        verbose_name_plural = "liên kết đơn vị trên Cổng DVC"
        ordering = ["parent_code", "name_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent_code", "name_key"], name="unique_portal_unit_link"
            )
        ]

    def clean(self) -> None:
        """One link per normalised name under a parent (the admin form asks before saving)."""
        self.name_key = normalise(self.portal_name)
        others = PortalUnitLink.objects.filter(
            parent_code=self.parent_code, name_key=self.name_key
        ).exclude(pk=self.pk)
        if others.exists():
            raise ValidationError(
                {"portal_name": "Tên này đã có liên kết (this portal name is already mapped)"}
            )

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_key = normalise(self.portal_name)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.portal_name} → {self.unit.code if self.unit_id else '—'}"
