"""The web app's own records: failed logins (for lock-out) and background import jobs."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class LoginFailure(models.Model):
    """Failed logins for one username from one address since the last success or expiry."""

    username = models.CharField("tên đăng nhập", max_length=150)
    ip = models.CharField("địa chỉ IP", max_length=64)
    failures = models.PositiveIntegerField("số lần sai", default=0)
    last_failure_at = models.DateTimeField("lần sai gần nhất")

    class Meta:
        verbose_name = "đăng nhập sai"
        verbose_name_plural = "đăng nhập sai"
        constraints = [
            models.UniqueConstraint(fields=["username", "ip"], name="unique_login_failure")
        ]

    def __str__(self) -> str:
        return f"{self.username}@{self.ip}: {self.failures}"


class ImportJob(models.Model):
    """An import started from the web page, run in a background thread; the page polls it."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang chạy"
        DONE = "done", "Hoàn thành"
        REJECTED = "rejected", "Bị từ chối"
        FAILED = "failed", "Lỗi"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    file_name = models.CharField("tệp", max_length=255)
    stored_path = models.CharField("đường dẫn lưu", max_length=500)
    mapping = models.CharField("ánh xạ cột", max_length=120)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField("tiến độ", default=0.0)
    message = models.TextField("thông báo", blank=True)
    report = models.JSONField("báo cáo", null=True, blank=True)
    batch_id = models.BigIntegerField("lần nhập", null=True, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)

    class Meta:
        verbose_name = "tác vụ nhập dữ liệu"
        verbose_name_plural = "tác vụ nhập dữ liệu"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.REJECTED, self.Status.FAILED}
