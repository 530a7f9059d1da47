"""A unit's written explanation (giải trình) of one late dossier or one inspection finding, with
its files. Who writes and who reads: permissions.py; history: the audit log (services.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from cchc.core.models import Unit
from cchc.dossiers.models import Dossier
from cchc.inspections.models import Finding


class Explanation(models.Model):
    """About exactly one subject: a dossier or a finding (one per subject and unit; edits keep
    their history in the audit log)."""

    dossier = models.ForeignKey(
        Dossier,
        verbose_name="hồ sơ",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="explanations",
    )
    finding = models.ForeignKey(
        Finding,
        verbose_name="tồn tại, hạn chế",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="explanations",
    )
    unit = models.ForeignKey(Unit, verbose_name="đơn vị giải trình", on_delete=models.PROTECT)
    text = models.TextField("nội dung giải trình")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người giải trình",
        null=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField("thời điểm tạo", auto_now_add=True)
    updated_at = models.DateTimeField("thời điểm sửa", auto_now=True)

    class Meta:
        verbose_name = "giải trình"
        verbose_name_plural = "giải trình"
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(dossier__isnull=False, finding__isnull=True)
                    | Q(dossier__isnull=True, finding__isnull=False)
                ),
                name="explanation_one_subject",
            ),
            models.UniqueConstraint(
                fields=["dossier", "unit"],
                condition=Q(dossier__isnull=False),
                name="explanation_one_per_dossier_unit",
            ),
            models.UniqueConstraint(
                fields=["finding", "unit"],
                condition=Q(finding__isnull=False),
                name="explanation_one_per_finding_unit",
            ),
        ]

    def __str__(self) -> str:
        subject = f"hồ sơ #{self.dossier_id}" if self.dossier_id else f"tồn tại #{self.finding_id}"
        return f"Giải trình {subject} ({self.unit_id})"


class ExplanationFile(models.Model):
    """A file attached to an explanation (served only to its readers: views.explanation_file)."""

    explanation = models.ForeignKey(Explanation, on_delete=models.CASCADE, related_name="files")
    file = models.FileField("tệp kèm theo", upload_to="explanations/%Y/%m/")
    name = models.CharField("tên tệp", max_length=255)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    uploaded_at = models.DateTimeField("thời điểm tải lên", auto_now_add=True)

    class Meta:
        verbose_name = "tệp giải trình"
        verbose_name_plural = "tệp giải trình"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name
