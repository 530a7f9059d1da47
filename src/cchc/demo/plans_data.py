"""The demo's improvement plans as plain data (docs/demo.md, "Kế hoạch cải thiện").

1. The province's 2023 plan to raise its PAPI score (Decision 1732/QĐ-UBND, named in the seed
   article of 14/08/2023; its text was not found, so the decision date, the targets' values and
   the tasks are illustrative). Targets on the eight real PAPI dimensions and the total, with
   Bà Rịa – Vũng Tàu's published 2022 values as baselines (read from the shipped results) and
   2024 targets, plus three cchc indicators; tasks for the agencies, the land branch and the
   communes of 2023, most done with evidence, some late.
2. This year's plan of the city that took over the province (hư cấu — fictional): tasks for the
   two demo unit heads' units around today, some overdue, one due within the reminder window.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

D = dt.date


@dataclass(frozen=True)
class TargetSpec:
    code: str
    name: str
    target_value: float
    target_date: dt.date
    index_code: str = ""  # PAPI code (D1…D8, TOTAL); empty for a cchc indicator
    indicator_code: str = ""
    baseline_value: float | None = None  # PAPI: read from the shipped results
    # a cchc indicator: the baseline is measured from the demo's dossiers (its half-year ending
    # on baseline_date) and the target is that plus `gain` (a rate at most 100)
    gain: float = 0.0
    baseline_date: dt.date | None = None
    source: str = ""


@dataclass(frozen=True)
class TaskSpec:
    code: str
    name: str
    unit: str  # unit code, or "@commune" / "@land" for the demo heads' units
    deadline: dt.date
    target: str = ""
    parent: str = ""
    co_units: tuple[str, ...] = ()
    recurrence: str = ""
    repeat_until: dt.date | None = None
    weight: float = 1.0
    status: str = "not_started"
    progress: int = 0
    done_on: dt.date | None = None
    evidence: str = ""  # text of the evidence; with a small file when `evidence_file`
    evidence_file: bool = False
    finding: str = ""  # "supplements-2023" | "commune-now"
    skipped: tuple[int, ...] = ()  # occurrences (by position) of a recurring task not done
    comment: str = ""


@dataclass(frozen=True)
class PlanSpec:
    key: str
    name: str
    decision_number: str
    decision_date: dt.date | None
    period_start: dt.date
    period_end: dt.date
    owner: str
    description: str
    targets: list[TargetSpec] = field(default_factory=list)
    tasks: list[TaskSpec] = field(default_factory=list)


PAPI_SOURCE = "PAPI 2022 (CECODES, RTA, UNDP), tỉnh Bà Rịa – Vũng Tàu"
# 2024 targets (illustrative): four met in 2024 by the published results, three not, one near
PAPI_TARGETS = (
    ("D1", 4.80), ("D2", 5.50), ("D3", 4.60), ("D4", 7.30),
    ("D5", 7.40), ("D6", 8.10), ("D7", 3.50), ("D8", 3.80), ("TOTAL", 44.00),
)  # fmt: skip
END_2024 = D(2024, 12, 31)
PLAN_2023_NAME = "Kế hoạch nâng cao Chỉ số PAPI năm 2023"
NOW_NAME = "Kế hoạch nâng cao chất lượng giải quyết thủ tục hành chính năm "  # + the year
LAND_2023 = "77.VPDK.748"
COMMUNE_2023 = "vn63-26574"  # Xã Bàu Chinh


def plan_2023(papi_names: dict[str, str]) -> PlanSpec:
    targets = [
        TargetSpec(
            f"CT{i:02d}",
            f"PAPI {code if code != 'TOTAL' else 'tổng hợp'}: {papi_names.get(code, code)}",
            value,
            END_2024,
            index_code=code,
            baseline_date=D(2022, 12, 31),
            source=PAPI_SOURCE,
        )
        for i, (code, value) in enumerate(PAPI_TARGETS, start=1)
    ]
    targets += [
        TargetSpec("CT10", "Tổng điểm Bộ chỉ số 766 của tỉnh", 90, END_2024,
                   indicator_code="766.total", baseline_value=82.0, gain=15,
                   baseline_date=D(2022, 12, 31), source="Bộ chỉ số 766 (minh họa)"),
        TargetSpec("CT11", "Tỷ lệ hồ sơ giải quyết đúng hạn (%)", 98, END_2024,
                   indicator_code="766.2a", baseline_value=95.0, gain=3,
                   baseline_date=D(2022, 12, 31), source="Bộ chỉ số 766 (minh họa)"),
        TargetSpec("CT12", "Tỷ lệ hồ sơ nộp trực tuyến (%)", 50, END_2024,
                   indicator_code="766.4c", baseline_value=25.0, gain=20,
                   baseline_date=D(2022, 12, 31), source="Bộ chỉ số 766 (minh họa)"),
    ]  # fmt: skip
    tasks = [
        TaskSpec("1", "Quán triệt, triển khai Kế hoạch nâng cao Chỉ số PAPI đến các sở, ngành, "
                 "UBND cấp huyện, cấp xã", "77.SNV", D(2023, 8, 31), target="CT09",
                 status="done", progress=100, done_on=D(2023, 8, 25),
                 evidence="Công văn triển khai kế hoạch gửi các cơ quan, đơn vị (minh họa)"),
        TaskSpec("2", "Công khai đầy đủ thủ tục hành chính, phí, lệ phí tại Bộ phận Một cửa và "
                 "trên Cổng dịch vụ công", "77.STP", D(2023, 10, 31), target="CT02",
                 co_units=("77.SNV",), status="done", progress=100, done_on=D(2023, 10, 20),
                 evidence="Báo cáo rà soát niêm yết TTHC tại 100% Bộ phận Một cửa (minh họa)"),
        TaskSpec("3", "Giảm hồ sơ trễ hạn lĩnh vực đất đai", "77.STNMT", D(2024, 6, 28),
                 target="CT11", weight=2, status="in_progress"),
        TaskSpec("3.1", "Rà soát, giải quyết dứt điểm hồ sơ đất đai trễ hạn tại Chi nhánh "
                 "Văn phòng đăng ký đất đai Thành phố Bà Rịa", LAND_2023, D(2023, 9, 29),
                 parent="3", status="done", progress=100, done_on=D(2023, 10, 6),
                 evidence="Danh sách hồ sơ trễ hạn đã giải quyết", evidence_file=True),
        TaskSpec("3.2", "Gửi văn bản xin lỗi cho 100% hồ sơ trễ hạn", LAND_2023,
                 D(2023, 12, 29), parent="3", status="in_progress", progress=60,
                 comment="Còn hồ sơ trễ hạn năm 2023 chưa có văn bản xin lỗi."),
        TaskSpec("3.3", "Kết nối phần mềm một cửa với cơ sở dữ liệu đất đai", "77.STNMT",
                 D(2024, 6, 28), parent="3", status="done", progress=100,
                 done_on=D(2024, 6, 20), evidence="Biên bản nghiệm thu kết nối (minh họa)"),
        TaskSpec("4", "Chấm dứt yêu cầu bổ sung hồ sơ nhiều lần tại Xã Bàu Chinh", COMMUNE_2023,
                 D(2023, 8, 31), target="CT05", finding="supplements-2023", status="done",
                 progress=100, done_on=D(2023, 8, 28),
                 evidence="Báo cáo khắc phục kèm sổ theo dõi yêu cầu bổ sung", evidence_file=True),
        TaskSpec("5", "Hẹn trả kết quả đúng thời hạn quy định đối với hồ sơ xây dựng", "77.SXD",
                 D(2023, 10, 31), target="CT05", status="done", progress=100,
                 done_on=D(2023, 11, 3), evidence="Báo cáo kết quả chấn chỉnh (minh họa)"),
        TaskSpec("6", "Tự kiểm tra, báo cáo kết quả thực hiện Kế hoạch hằng quý", "77.SNV",
                 D(2023, 9, 29), target="CT09", recurrence="quarterly", repeat_until=END_2024,
                 status="in_progress", skipped=(5,)),
        TaskSpec("7", "Hướng dẫn người dân nộp hồ sơ trực tuyến tại Bộ phận Một cửa cấp xã",
                 "vn63-751", D(2024, 6, 28), target="CT12", status="in_progress", progress=70),
        TaskSpec("8", "Khảo sát sự hài lòng; trả lời phản ánh, kiến nghị đúng hạn", "77.SNV",
                 D(2024, 9, 30), target="CT03", status="done", progress=100,
                 done_on=D(2024, 9, 26), evidence="Báo cáo kết quả khảo sát SIPAS (minh họa)"),
        TaskSpec("9", "Công khai đường dây nóng; xử lý nghiêm hành vi nhũng nhiễu", "77.SNV",
                 D(2023, 12, 29), target="CT04", status="done", progress=100,
                 done_on=D(2023, 12, 15),
                 evidence="Quyết định công khai đường dây nóng (minh họa)"),
        TaskSpec("10", "Nâng cao chất lượng thu gom, xử lý rác thải sinh hoạt", "77.STNMT",
                 D(2024, 10, 31), target="CT07", status="done", progress=100,
                 done_on=D(2024, 10, 30), evidence="Báo cáo của Sở (minh họa)"),
        TaskSpec("11", "Chuyên mục hỏi đáp trực tuyến trên Cổng thông tin điện tử tỉnh",
                 "77.SNV", D(2024, 3, 29), target="CT08", status="done", progress=100,
                 done_on=D(2024, 4, 5), evidence="Địa chỉ chuyên mục (minh họa)"),
        TaskSpec("12", "Công khai quy hoạch, kế hoạch sử dụng đất tại trụ sở UBND cấp xã",
                 COMMUNE_2023, D(2024, 3, 29), target="CT02", status="not_started"),
    ]  # fmt: skip
    return PlanSpec(
        "papi-2023",
        PLAN_2023_NAME,
        "1732/QĐ-UBND",
        D(2023, 8, 1),
        D(2023, 8, 1),
        END_2024,
        "77.SNV",
        "Cải thiện, nâng cao Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) của "
        "tỉnh Bà Rịa – Vũng Tàu (Quyết định 1732/QĐ-UBND năm 2023; ngày quyết định, giá trị "
        "mục tiêu và nhiệm vụ là minh họa).",
        targets,
        tasks,
    )


def _before(today: dt.date, days: int) -> dt.date:
    """`days` before today, on the weekday before when it is a weekend day."""
    day = today - dt.timedelta(days=days)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def plan_now(today: dt.date) -> PlanSpec:
    """This year's plan (fictional), its deadlines counted from today."""
    year = today.year
    start, end = D(year, 1, 1), D(year, 12, 31)
    source = "Bộ chỉ số 766 (minh họa)"
    targets = [
        TargetSpec("CT01", "Tỷ lệ hồ sơ giải quyết đúng hạn (%)", 98, end,
                   indicator_code="766.2a", baseline_value=96.0, baseline_date=D(year - 1, 12, 31),
                   source=source, gain=1.5),
        TargetSpec("CT02", "Tỷ lệ hồ sơ nộp trực tuyến (%)", 70, end, indicator_code="766.4c",
                   baseline_value=60.0, baseline_date=D(year - 1, 12, 31), source=source, gain=10),
        TargetSpec("CT03", "Tổng điểm Bộ chỉ số 766", 92, end, indicator_code="766.total",
                   baseline_value=86.0, baseline_date=D(year - 1, 12, 31), source=source, gain=8),
    ]  # fmt: skip
    monthly_from = D(year, 1, 25)
    tasks = [
        TaskSpec("1", "Không yêu cầu bổ sung hồ sơ quá một lần; niêm yết thành phần hồ sơ",
                 "@commune", _before(today, 12), target="CT01", finding="commune-now",
                 status="in_progress", progress=50),
        TaskSpec("2", "Trả lời đúng hạn phản ánh, kiến nghị của người dân", "@commune",
                 min(today + dt.timedelta(days=4), end), target="CT03", status="in_progress",
                 progress=30),
        TaskSpec("3", "Báo cáo tình hình giải quyết hồ sơ hằng tháng", "@commune", monthly_from,
                 target="CT01", recurrence="monthly", repeat_until=end, status="in_progress",
                 skipped=(-1,)),
        TaskSpec("4", "Giải quyết dứt điểm hồ sơ đất đai tồn đọng, quá hạn", "@land",
                 _before(today, 20), target="CT01", status="in_progress", progress=40),
        TaskSpec("5", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính lĩnh vực đất đai",
                 "@land", _before(today, 30), target="CT02", status="done", progress=100,
                 done_on=_before(today, 33), evidence="Báo cáo số hóa hồ sơ", evidence_file=True),
        TaskSpec("6", "Hẹn trả kết quả đúng thời hạn quy định đối với hồ sơ xây dựng", "79.SXD",
                 min(today + dt.timedelta(days=30), end), target="CT01", status="in_progress",
                 progress=60),
        TaskSpec("7", "Sơ kết 6 tháng thực hiện kế hoạch", "79.SNV", D(year, 7, 15),
                 target="CT03", status="done", progress=100, done_on=D(year, 7, 10),
                 evidence="Báo cáo sơ kết 6 tháng (minh họa)"),
    ]  # fmt: skip
    return PlanSpec(
        "now",
        f"{NOW_NAME}{year}",
        "",
        None,
        start,
        end,
        "79.SNV",
        "Kế hoạch mẫu (hư cấu) để các tài khoản mẫu có nhiệm vụ quanh hôm nay.",
        targets,
        tasks,
    )
