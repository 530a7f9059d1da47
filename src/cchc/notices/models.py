"""What was said to whom, and whether it reached them.

A Notice is the in-app message (delivered when created). Its EmailDelivery is the copy by e-mail,
sent only when the SMTP server accepted it. An Undelivered is a message nobody could receive (no
active account for the unit), kept for the reform officer until a later try reaches someone. A
JobRun records one daily job's run for one day.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cchc.core.vn_format import vn_date


class Notice(models.Model):
    """An in-app message to one user (thông báo)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cchc_notices"
    )
    subject = models.CharField("tiêu đề", max_length=255)
    body = models.TextField("nội dung")
    # the page of the thing it is about, e.g. "/kiem-tra/12/#kp-34"
    link = models.CharField("liên kết", max_length=500, blank=True)
    # what it is about, for the app that sent it, e.g. "inspections.action:34"
    about = models.CharField("về", max_length=100, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_user_unread")]

    def __str__(self) -> str:
        return self.subject


class EmailState(models.TextChoices):
    PENDING = "pending", "Chờ gửi"
    SENT = "sent", "Đã gửi"
    FAILED = "failed", "Gửi lỗi"


class EmailDelivery(models.Model):
    """The e-mail copy of a notice: sent only when the SMTP server accepted it."""

    notice = models.OneToOneField(Notice, on_delete=models.CASCADE, related_name="email")
    address = models.CharField("địa chỉ", max_length=254)
    state = models.CharField(
        "trạng thái", max_length=8, choices=EmailState.choices, default=EmailState.PENDING
    )
    attempts = models.PositiveIntegerField("số lần thử", default=0)
    last_error = models.TextField("lỗi gần nhất", blank=True)
    # when to try next; None once sent or when the attempts are used up
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "thư điện tử"
        verbose_name_plural = "thư điện tử"

    def __str__(self) -> str:
        return f"{self.address}: {self.state}"


class Undelivered(models.Model):
    """A message with no one to receive it (không có người nhận)."""

    # a stable name of the message when its sender tries again (e.g. "inspections.reminder:34")
    key = models.CharField(max_length=120, blank=True, db_index=True)
    subject = models.CharField("tiêu đề", max_length=255)
    body = models.TextField("nội dung")
    link = models.CharField("liên kết", max_length=500, blank=True)
    audience = models.CharField("gửi cho", max_length=255, blank=True)
    reason = models.CharField("lý do", max_length=255, default="không có người nhận")
    first_tried_at = models.DateTimeField()
    last_tried_at = models.DateTimeField()
    tries = models.PositiveIntegerField("số lần thử", default=1)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "nhắc việc chưa gửi được"
        verbose_name_plural = "nhắc việc chưa gửi được"
        ordering = ["-last_tried_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class JobRun(models.Model):
    """One registered daily job's run for one day (jobs are idempotent)."""

    job = models.CharField(max_length=80)
    day = models.DateField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    result = models.TextField(blank=True)
    error = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="one_job_run_per_day")]
        ordering = ["-day", "job"]

    def __str__(self) -> str:
        return f"{self.job} {vn_date(self.day)}"
