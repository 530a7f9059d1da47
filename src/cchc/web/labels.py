"""Labels that templates translate through a variable, listed so that makemessages finds them."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from cchc.dossiers.late_reasons import MESSAGES as LATE_REASONS

DYNAMIC_LABELS = [
    # cchc.dossiers.late: statuses and flags
    gettext_noop("Quá hạn đã xử lý"),
    gettext_noop("Đang quá hạn"),
    gettext_noop("Đã giải quyết, không trễ hạn"),
    gettext_noop("Đang giải quyết, chưa quá hạn"),
    gettext_noop("Hẹn trả vượt thời hạn"),
    gettext_noop("Trễ hạn không xin lỗi"),
    gettext_noop("Bổ sung nhiều lần"),
    # cchc.dossiers.late_reasons: why a dossier is late (the catalogue lists each message id)
    *LATE_REASONS,
    # cchc.dossiers.models.Channel: channel labels (dossiers/late_names.channel_label)
    gettext_noop("Trực tuyến"),
    gettext_noop("Trực tiếp"),
    gettext_noop("Bưu chính"),
    # cchc.web.figures: comparison labels
    gettext_noop("Hồ sơ"),
    gettext_noop("Tỷ lệ đúng hạn"),
    gettext_noop("Tỷ lệ nộp trực tuyến"),
    # cchc.web.views_late: sort orders
    gettext_noop("Trễ nhiều nhất"),
    gettext_noop("Trễ ít nhất"),
    gettext_noop("Tiếp nhận mới nhất"),
    gettext_noop("Tiếp nhận cũ nhất"),
    gettext_noop("Hạn trả sớm nhất"),
    gettext_noop("Hạn trả muộn nhất"),
    gettext_noop("Ngày kết thúc"),
    gettext_noop("Đơn vị"),
    gettext_noop("Mã hồ sơ"),
]
