"""What the demo's citizens write and what the units answer (hư cấu — fictional), by category.

Each text names a plausible procedure; `{thu_tuc}` is filled from THU_TUC by the demo. The contact
data is obviously fictitious: "Nguyễn Văn A", phones 0900 000 xxx.
"""

from __future__ import annotations

THU_TUC = (
    "cấp giấy chứng nhận quyền sử dụng đất",
    "đăng ký khai sinh",
    "chứng thực bản sao",
    "đăng ký kết hôn",
    "cấp giấy phép xây dựng",
    "đăng ký biến động đất đai",
    "xác nhận tình trạng hôn nhân",
    "đăng ký hộ kinh doanh",
)

TEXTS: dict[str, tuple[str, ...]] = {
    "harassment": (
        "Cán bộ một cửa gợi ý tôi đưa thêm tiền thì hồ sơ {thu_tuc} sẽ xong sớm.",
        "Tôi nộp hồ sơ {thu_tuc}, cán bộ nói phải có tiền bồi dưỡng mới giải quyết nhanh được.",
        "Cán bộ xã đòi tiền cà phê mới ký xác nhận cho hồ sơ {thu_tuc} của gia đình tôi.",
        "Nhân viên tiếp nhận hồ sơ {thu_tuc} hẹn gặp riêng bên ngoài và đòi chi phí ngoài lệ phí.",
        "Hồ sơ {thu_tuc} bị để lâu, người làm dịch vụ nói phải chung tiền cho cán bộ mới xong.",
    ),
    "extra_papers": (
        "Làm thủ tục {thu_tuc}, cán bộ yêu cầu nộp thêm giấy xác nhận cư trú"
        " không có trong quy định.",
        "Hồ sơ {thu_tuc} bị trả về ba lần, lần nào cũng đòi thêm một loại giấy tờ khác nhau.",
        "Cán bộ bắt tôi photo công chứng lại giấy tờ đã nộp bản điện tử khi làm {thu_tuc}.",
    ),
    "late": (
        "Hồ sơ {thu_tuc} đã quá ngày hẹn trả kết quả hơn hai tuần mà chưa có kết quả.",
        "Đến hẹn lấy kết quả {thu_tuc} nhưng bộ phận một cửa báo chưa xong,"
        " không có văn bản xin lỗi.",
        "Hồ sơ {thu_tuc} nộp trực tuyến đã lâu nhưng trạng thái vẫn là đang xử lý.",
    ),
    "attitude": (
        "Cán bộ tiếp nhận hồ sơ {thu_tuc} nói trống không, thái độ khó chịu với người lớn tuổi.",
        "Đến nộp hồ sơ {thu_tuc} trong giờ hành chính nhưng không có cán bộ ngồi tại quầy.",
        "Công chức quát người dân khi được hỏi về hồ sơ {thu_tuc}.",
    ),
    "wrong_guidance": (
        "Được hướng dẫn sai mẫu tờ khai {thu_tuc} nên phải đi lại nhiều lần.",
        "Cán bộ hướng dẫn không đầy đủ thành phần hồ sơ {thu_tuc}, lần sau lại báo thiếu.",
    ),
    "system_fault": (
        "Cổng dịch vụ công báo lỗi khi thanh toán lệ phí {thu_tuc},"
        " tiền đã trừ mà hồ sơ chưa nhận.",
        "Không tải được tệp đính kèm khi nộp hồ sơ {thu_tuc} trực tuyến.",
    ),
    "other": (
        "Đề nghị bố trí thêm ghế chờ và nước uống tại bộ phận một cửa.",
        "Kiến nghị niêm yết rõ lệ phí {thu_tuc} tại nơi tiếp nhận hồ sơ.",
    ),
}

ANSWERS: dict[str, str] = {
    "harassment": (
        "Đơn vị đã xác minh, làm việc với công chức liên quan, tổ chức kiểm điểm và chuyển cơ quan"
        " có thẩm quyền xem xét trách nhiệm; hồ sơ của ông/bà đã được giải quyết theo quy định."
    ),
    "extra_papers": (
        "Đơn vị đã chấn chỉnh việc yêu cầu giấy tờ ngoài quy định; hồ sơ của ông/bà được tiếp nhận"
        " với thành phần theo bộ thủ tục đã công bố."
    ),
    "late": (
        "Đơn vị xin lỗi ông/bà về việc trễ hẹn; hồ sơ đã có kết quả, mời ông/bà nhận tại bộ phận"
        " một cửa hoặc qua dịch vụ bưu chính."
    ),
    "attitude": (
        "Đơn vị đã nhắc nhở công chức và bố trí lịch trực quầy; cảm ơn ông/bà đã phản ánh."
    ),
    "wrong_guidance": (
        "Đơn vị đã hướng dẫn lại đầy đủ thành phần hồ sơ và cập nhật mẫu niêm yết tại quầy."
    ),
    "system_fault": (
        "Lỗi đã được đơn vị vận hành khắc phục; giao dịch của ông/bà đã được đối soát và hoàn tất."
    ),
    "other": "Đơn vị ghi nhận kiến nghị và sẽ bố trí trong thời gian tới.",
}

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi")
MIDDLE = ("Văn", "Thị")
LETTER = ("A", "B", "C", "D", "E", "G", "H", "K")


def fake_name(n: int) -> str:
    """ "Nguyễn Văn A", "Trần Thị B", … — obviously not a person."""
    return f"{FAMILY[n % len(FAMILY)]} {MIDDLE[n % 2]} {LETTER[(n // 2) % len(LETTER)]}"


def fake_phone(n: int) -> str:
    """0900 000 001 … 0900 000 999: a fictitious range."""
    return f"0900 000 {n % 1000:03d}"
