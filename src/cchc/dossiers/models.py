"""Dossiers (hồ sơ TTHC), their steps, and the record of each import batch.

Units and procedures are referenced by code, not foreign key: imports write millions of rows in
bulk, history refers to units that no longer exist, and the import validates codes itself.
"""

from __future__ import annotations

from django.db import models

from cchc.core.models import ImportBatch
from cchc.dossiers.rulebook.timing import FINISH_OUTCOME_CHOICES


class Channel(models.TextChoices):
    ONLINE = "online", "Trực tuyến"
    IN_PERSON = "in_person", "Trực tiếp"
    POSTAL = "postal", "Bưu chính"


class Dossier(models.Model):
    """One dossier, with the dates its timing is judged by (computed on import)."""

    code = models.CharField("mã hồ sơ", max_length=80, unique=True)
    procedure_code = models.CharField("mã thủ tục", max_length=40, db_index=True)
    unit_code = models.CharField("mã đơn vị", max_length=40)
    sector = models.CharField("lĩnh vực", max_length=255, blank=True)
    channel = models.CharField("kênh", max_length=10, choices=Channel.choices)
    submitted_at = models.DateTimeField("ngày nộp", null=True, blank=True)
    received_at = models.DateTimeField("ngày tiếp nhận")
    received_on = models.DateField("ngày tiếp nhận (ngày)")
    due_at = models.DateTimeField("ngày hẹn trả (nguồn)", null=True, blank=True)
    statutory_due_on = models.DateField("hạn theo quy định", null=True, blank=True)
    deadline_on = models.DateField("hạn dùng để đánh giá", null=True, blank=True)
    finished_at = models.DateTimeField("ngày kết thúc xử lý", null=True, blank=True)
    finished_on = models.DateField("ngày kết thúc xử lý (ngày)", null=True, blank=True)
    returned_at = models.DateTimeField("ngày trả kết quả", null=True, blank=True)
    finish_outcome = models.SmallIntegerField(
        "kết quả", choices=FINISH_OUTCOME_CHOICES, null=True, blank=True
    )
    status = models.SmallIntegerField("trạng thái", null=True, blank=True)
    supplement_requests = models.SmallIntegerField("số lần yêu cầu bổ sung", default=0)
    paused_days = models.SmallIntegerField("số ngày tạm dừng", default=0)
    apology_issued = models.BooleanField("có văn bản xin lỗi", null=True)
    paid_online = models.BooleanField("thanh toán trực tuyến", null=True)
    digitised = models.BooleanField("được số hóa", null=True)
    e_result = models.BooleanField("kết quả điện tử", null=True)
    applicant_pseudonym = models.CharField("mã bí danh người nộp", max_length=32, blank=True)
    flag_beyond_statutory = models.BooleanField("hẹn trả vượt thời hạn", default=False)
    flag_late_no_apology = models.BooleanField("trễ hạn không xin lỗi", default=False)
    flag_repeated_supplements = models.BooleanField("bổ sung nhiều lần", default=False)
    row_hash = models.CharField(max_length=32)
    batch = models.ForeignKey(ImportBatch, null=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ"
        indexes = [
            models.Index(fields=["unit_code", "received_on"], name="dossier_unit_received"),
            models.Index(fields=["finished_on"], name="dossier_finished"),
            models.Index(fields=["received_on"], name="dossier_received"),
        ]

    def __str__(self) -> str:
        return self.code


class DossierStep(models.Model):
    """Who held the dossier, from when to when (quá trình xử lý)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="steps")
    seq = models.PositiveIntegerField("thứ tự")
    name = models.CharField("bước", max_length=255)
    department = models.CharField("phòng ban", max_length=255, blank=True)
    officer = models.CharField("cán bộ xử lý", max_length=255, blank=True)
    started_at = models.DateTimeField("bắt đầu", null=True, blank=True)
    ended_at = models.DateTimeField("kết thúc", null=True, blank=True)
    deadline_at = models.DateTimeField("hạn của bước", null=True, blank=True)

    class Meta:
        verbose_name = "bước xử lý"
        verbose_name_plural = "bước xử lý"
        ordering = ["dossier", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "seq"], name="unique_dossier_step")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.seq} {self.name}"
