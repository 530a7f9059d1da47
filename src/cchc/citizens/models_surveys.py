"""Satisfaction survey responses (phiếu khảo sát sự hài lòng): one row per answered form.

No respondent's name or phone number is ever stored: a response carries the unit, the day, the
procedure and dossier it is about, the six ratings and the observation answers only.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from cchc.core.models import ImportBatch

__all__ = ["SurveyResponse", "SurveySource"]


def _rating(label: str) -> Any:
    return models.SmallIntegerField(
        label, null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class SurveySource(models.TextChoices):
    IMPORT = "import", "Nhập từ tệp"
    PAPER = "paper", "Nhập phiếu giấy"


class SurveyResponse(models.Model):
    response_id = models.CharField("mã phiếu", max_length=80, unique=True)
    unit_code = models.CharField("mã đơn vị", max_length=40)
    answered_on = models.DateField("ngày trả lời")
    procedure_code = models.CharField("mã thủ tục", max_length=40, blank=True)
    dossier_code = models.CharField("mã hồ sơ", max_length=80, blank=True)
    questionnaire = models.CharField("bộ câu hỏi", max_length=40, blank=True)
    # Ratings 1–5 of the five SIPAS elements and overall; null = not answered.
    access = _rating("tiếp cận dịch vụ")
    procedure = _rating("thủ tục hành chính")
    official = _rating("công chức giải quyết")
    result = _rating("kết quả giải quyết")
    feedback_handling = _rating("tiếp nhận, xử lý góp ý")
    overall = _rating("hài lòng chung")
    observations = models.JSONField("câu hỏi quan sát", default=dict, blank=True)
    source = models.CharField(
        "nguồn", max_length=10, choices=SurveySource.choices, default=SurveySource.IMPORT
    )
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "phiếu khảo sát"
        verbose_name_plural = "phiếu khảo sát"
        indexes = [models.Index(fields=["answered_on", "unit_code"], name="survey_day_unit")]

    def __str__(self) -> str:
        return f"{self.response_id} ({self.unit_code})"
