"""Citizens' feedback (phản ánh, kiến nghị — PAKN): the item, its citizen's contact kept apart, and
the reminders sent about it.

The citizen's name, phone and ID number live only in FeedbackContact, shown to the staff handling
the item (feedback_access.can_see_contact); lists, aggregates and analytics read the keyed
pseudonym on the item instead (cchc.dossiers.pseudonym, Decree 13/2023/NĐ-CP).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from cchc.citizens.categories import FeedbackCategory
from cchc.core.models import Unit


class FeedbackChannel(models.TextChoices):
    DIRECT = "direct", "Trực tiếp"
    PHONE = "phone", "Điện thoại, đường dây nóng"
    LETTER = "letter", "Thư, đơn"
    PORTAL = "portal", "Cổng dịch vụ công"
    MAILBOX = "mailbox", "Hòm thư góp ý"
    SOCIAL = "social", "Mạng xã hội"
    EMAIL = "email", "Thư điện tử"
    OTHER = "other", "Khác"


class FeedbackState(models.TextChoices):
    RECEIVED = "received", "Đã tiếp nhận"
    ASSIGNED = "assigned", "Đã giao xử lý"
    ANSWERED = "answered", "Đã trả lời"
    CLOSED = "closed", "Đã kết thúc"


OPEN_STATES = (FeedbackState.RECEIVED, FeedbackState.ASSIGNED)


class FeedbackRating(models.TextChoices):
    SATISFIED = "satisfied", "Hài lòng"
    NOT_SATISFIED = "not_satisfied", "Không hài lòng"
    NONE = "none", "Không đánh giá"


class Feedback(models.Model):
    """One feedback item and where it stands."""

    code = models.CharField("mã phản ánh", max_length=60, unique=True)
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="feedback_items"
    )
    dossier_code = models.CharField("mã hồ sơ liên quan", max_length=80, blank=True)
    channel = models.CharField("kênh tiếp nhận", max_length=10, choices=FeedbackChannel.choices)
    text = models.TextField("nội dung")
    received_at = models.DateTimeField("thời điểm tiếp nhận")
    deemed_receipt_on = models.DateField("ngày tiếp nhận hợp lệ")
    due_on = models.DateField("hạn xử lý", db_index=True)
    state = models.CharField(
        "trạng thái", max_length=10, choices=FeedbackState.choices, default=FeedbackState.RECEIVED
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tiếp nhận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xử lý",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = models.TextField("nội dung trả lời", blank=True)
    answered_on = models.DateField("ngày trả lời", null=True, blank=True)
    rating = models.CharField(
        "đánh giá của người dân", max_length=14, choices=FeedbackRating.choices, blank=True
    )
    closed_on = models.DateField("ngày kết thúc", null=True, blank=True)
    previous = models.ForeignKey(
        "self",
        verbose_name="phản ánh trước (tái phản ánh)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recomplaints",
    )
    category = models.CharField(
        "phân loại", max_length=20, choices=FeedbackCategory.choices, blank=True
    )
    suggested_category = models.CharField(
        "phân loại gợi ý", max_length=20, choices=FeedbackCategory.choices, blank=True
    )
    suggested_confidence = models.FloatField("độ tin cậy của gợi ý", null=True, blank=True)
    citizen_pseudonym = models.CharField(
        "mã bí danh người phản ánh", max_length=32, blank=True, db_index=True
    )

    class Meta:
        verbose_name = "phản ánh, kiến nghị"
        verbose_name_plural = "phản ánh, kiến nghị"
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.code

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def is_overdue(self, today: dt.date) -> bool:
        """Open (not yet answered) past its due date: quá hạn."""
        return self.is_open and today > self.due_on


class FeedbackContact(models.Model):
    """Who sent the item: personal data, shown only to the staff handling it."""

    feedback = models.OneToOneField(Feedback, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField("họ và tên", max_length=160, blank=True)
    phone = models.CharField("số điện thoại", max_length=40, blank=True)
    id_number = models.CharField("số định danh cá nhân", max_length=40, blank=True)

    class Meta:
        verbose_name = "thông tin người phản ánh"
        verbose_name_plural = "thông tin người phản ánh"

    def __str__(self) -> str:
        return f"#{self.feedback_id}"


class FeedbackReminder(models.Model):
    """A reminder (before the due date) or an escalation (after it), once per item per kind.

    `delivered` is False when nobody could be notified (no account for the unit); such a row is
    tried again on the next run and counted as sent only once delivered.
    """

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=12)  # reminder | escalation
    sent_on = models.DateField()
    delivered = models.BooleanField(default=False)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["feedback", "kind"], name="unique_feedback_reminder_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.feedback_id}"
