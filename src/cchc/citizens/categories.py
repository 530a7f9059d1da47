"""What a citizen's feedback is about: the categories staff file it under (and the classifier
suggests)."""

from __future__ import annotations

from django.db import models


class FeedbackCategory(models.TextChoices):
    HARASSMENT = "harassment", "Nhũng nhiễu, gợi ý hoặc đòi tiền"
    EXTRA_PAPERS = "extra_papers", "Yêu cầu thêm giấy tờ ngoài quy định"
    LATE = "late", "Trễ hẹn, chậm giải quyết"
    ATTITUDE = "attitude", "Thái độ, tác phong của công chức"
    WRONG_GUIDANCE = "wrong_guidance", "Hướng dẫn sai, không đầy đủ"
    SYSTEM_FAULT = "system_fault", "Lỗi hệ thống, dịch vụ công trực tuyến"
    OTHER = "other", "Khác"
