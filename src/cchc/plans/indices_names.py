"""PAPI's codes, Vietnamese names and maxima (the 2023 PAPI report's structure: 8 dimensions of 10
points each, their sum out of 80; sub-dimensions add up to their dimension).

The Vietnamese names follow the PAPI reports' Vietnamese edition as closely as we could
(data/papi/README.md: the official wording may differ slightly); a figure imported with its own
Vietnamese name keeps that name.
"""

from __future__ import annotations

from decimal import Decimal

PAPI = "PAPI"
TOTAL = "TOTAL"
DIMENSION_MAX = Decimal(10)
TOTAL_MAX = Decimal(80)
PERCENT_MAX = Decimal(100)

PAPI_NAMES: dict[str, str] = {
    TOTAL: "Chỉ số PAPI tổng hợp",
    "D1": "Tham gia của người dân ở cấp cơ sở",
    "D2": "Công khai, minh bạch trong việc ra quyết định ở địa phương",
    "D3": "Trách nhiệm giải trình với người dân",
    "D4": "Kiểm soát tham nhũng trong khu vực công",
    "D5": "Thủ tục hành chính công",
    "D6": "Cung ứng dịch vụ công",
    "D7": "Quản trị môi trường",
    "D8": "Quản trị điện tử",
    "SC11": "Tri thức công dân",
    "SC12": "Cơ hội tham gia",
    "SC13": "Chất lượng bầu cử trưởng thôn",
    "SC14": "Đóng góp tự nguyện",
    "SC21": "Tiếp cận thông tin",
    "SC22": "Công khai danh sách hộ nghèo",
    "SC23": "Công khai thu, chi ngân sách cấp xã",
    "SC24": "Công khai quy hoạch, kế hoạch sử dụng đất và khung giá đất",
    "SC31": "Tương tác với chính quyền địa phương",
    "SC32": "Giải đáp khiếu nại, tố cáo, khúc mắc của người dân",
    "SC33": "Tiếp cận dịch vụ tư pháp",
    "SC41": "Kiểm soát tham nhũng trong chính quyền địa phương",
    "SC42": "Kiểm soát tham nhũng trong cung ứng dịch vụ công",
    "SC43": "Công bằng trong tuyển dụng vào khu vực nhà nước",
    "SC44": "Quyết tâm chống tham nhũng",
    "SC51": "Dịch vụ chứng thực, xác nhận",
    "SC52": "Thủ tục cấp phép xây dựng",
    "SC53": "Thủ tục liên quan đến giấy chứng nhận quyền sử dụng đất",
    "SC54": "Thủ tục hành chính cấp xã, phường",
    "SC61": "Y tế công lập",
    "SC62": "Giáo dục tiểu học công lập",
    "SC63": "Cơ sở hạ tầng căn bản",
    "SC64": "An ninh, trật tự khu dân cư",
    "SC71": "Nghiêm túc trong bảo vệ môi trường",
    "SC72": "Chất lượng không khí",
    "SC73": "Chất lượng nước",
    "SC81": "Sử dụng cổng thông tin điện tử của chính quyền địa phương",
    "SC82": "Tiếp cận và sử dụng Internet",
    "SC83": "Phản hồi của chính quyền qua cổng thông tin điện tử",
}

DIMENSIONS = [f"D{n}" for n in range(1, 9)]

INDEX_NAMES: dict[str, str] = {
    PAPI: "Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)",
    "PAR INDEX": "Chỉ số Cải cách hành chính (PAR INDEX)",
    "SIPAS": "Chỉ số Hài lòng về sự phục vụ hành chính (SIPAS)",
    "PCI": "Chỉ số Năng lực cạnh tranh cấp tỉnh (PCI)",
}


def papi_code(dimension_no: str, subdimension_no: str = "") -> str:
    """'6', '' → 'D6'; '6', '6.1' → 'SC61'; '' → 'TOTAL'."""
    if subdimension_no:
        return "SC" + subdimension_no.replace(".", "")
    return f"D{dimension_no}" if dimension_no else TOTAL


def papi_level(code: str) -> str:
    if code == TOTAL:
        return "total"
    return "subdimension" if code.startswith("SC") else "dimension"


def papi_maximum(code: str) -> Decimal | None:
    """Sub-dimensions have no published maximum of their own (their dimension has 10)."""
    if code == TOTAL:
        return TOTAL_MAX
    return DIMENSION_MAX if code.startswith("D") else None
