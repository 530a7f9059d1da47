"""Labels that templates translate through a variable, listed so that makemessages finds them."""

from __future__ import annotations

from django.utils.translation import gettext_noop

DYNAMIC_LABELS = [
    # cchc.dossiers.late: statuses and flags
    gettext_noop("Quá hạn đã xử lý"),
    gettext_noop("Đang quá hạn"),
    gettext_noop("Hẹn trả vượt thời hạn"),
    gettext_noop("Trễ hạn không xin lỗi"),
    gettext_noop("Bổ sung nhiều lần"),
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
