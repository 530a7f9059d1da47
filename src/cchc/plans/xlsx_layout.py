"""The one XLSX layout of an improvement plan (docs/plans.md, "Nhập, xuất XLSX"): its sheets, their
columns with Vietnamese headers, and the Vietnamese words of the coded fields.

Export, templates and import all read this module, so the file written is the file read. Each
sheet has its header in row 1 and one record a row below it; columns are found by header, so a
user may reorder them or add their own.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from cchc.plans.models_plans import Direction, Recurrence, TargetKind, TaskStatus


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    kind: str = "text"  # text | date | number | int
    shown_only: bool = False  # a name shown beside a code: written, never read back


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    read_only: bool = False  # exported for people to read; left alone on import

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


PLAN = Sheet(
    "Kế hoạch",
    (
        Column("id", "Mã kế hoạch", 12, "int"),
        Column("name", "Tên kế hoạch", 50),
        Column("decision_number", "Số quyết định", 18),
        Column("decision_date", "Ngày quyết định", 14, "date"),
        Column("period_start", "Thực hiện từ ngày", 14, "date"),
        Column("period_end", "Đến ngày", 14, "date"),
        Column("owner_code", "Mã đơn vị chủ trì", 16),
        Column("owner_name", "Tên đơn vị chủ trì", 36, shown_only=True),
        Column("description", "Mục tiêu chung", 50),
    ),
)

TARGETS = Sheet(
    "Chỉ tiêu",
    (
        Column("code", "Mã chỉ tiêu", 10),
        Column("name", "Tên chỉ tiêu", 44),
        Column("kind", "Loại", 18),
        Column("indicator_code", "Mã chỉ số cchc", 14),
        Column("index_name", "Chỉ số bên ngoài", 14),
        Column("index_code", "Mã nội dung", 12),
        Column("unit_code", "Mã đơn vị đo", 14),
        Column("unit_name", "Tên đơn vị đo", 30, shown_only=True),
        Column("measure", "Thước đo", 12),
        Column("direction", "Chiều", 18),
        Column("baseline_value", "Giá trị gốc", 12, "number"),
        Column("baseline_date", "Thời điểm gốc", 14, "date"),
        Column("target_value", "Giá trị mục tiêu", 14, "number"),
        Column("target_date", "Hạn đạt", 14, "date"),
        Column("source", "Nguồn số liệu", 36),
    ),
)

REVIEWS = Sheet(
    "Giá trị đánh giá",
    (
        Column("target_code", "Mã chỉ tiêu", 12),
        Column("review_date", "Kỳ đánh giá (ngày)", 16, "date"),
        Column("value", "Giá trị", 12, "number"),
        Column("source", "Nguồn", 36),
        Column("note", "Ghi chú", 36),
    ),
)

TASKS = Sheet(
    "Nhiệm vụ",
    (
        Column("code", "Mã nhiệm vụ", 12),
        Column("parent_code", "Mã nhiệm vụ cha", 14),
        Column("target_code", "Mã chỉ tiêu", 12),
        Column("name", "Nội dung nhiệm vụ", 50),
        Column("lead_code", "Mã đơn vị chủ trì", 16),
        Column("lead_name", "Tên đơn vị chủ trì", 30, shown_only=True),
        Column("co_codes", "Mã đơn vị phối hợp", 20),
        Column("co_names", "Tên đơn vị phối hợp", 36, shown_only=True),
        Column("deadline", "Thời hạn", 14, "date"),
        Column("recurrence", "Lặp lại", 16),
        Column("repeat_until", "Lặp lại đến ngày", 14, "date"),
        Column("weight", "Trọng số", 10, "number"),
        Column("status", "Trạng thái", 16),
        Column("progress", "Tiến độ (%)", 10, "number"),
        Column("done_on", "Ngày hoàn thành", 14, "date"),
        Column("finding_id", "Mã kết luận kiểm tra", 14, "int"),
        Column("note", "Ghi chú", 36),
    ),
)

OCCURRENCES = Sheet(
    "Lần thực hiện",
    (
        Column("task_code", "Mã nhiệm vụ", 12),
        Column("due_on", "Hạn của lần thực hiện", 16, "date"),
        Column("done_on", "Ngày hoàn thành", 14, "date"),
        Column("note", "Ghi chú", 36),
    ),
)

NOTES = Sheet(
    "Minh chứng, ý kiến",
    (
        Column("task_code", "Mã nhiệm vụ", 12),
        Column("kind", "Loại", 12),
        Column("text", "Nội dung", 50),
        Column("file", "Tệp", 36),
        Column("by", "Người gửi", 16),
        Column("at", "Thời điểm", 18),
    ),
    read_only=True,
)

SHEETS = (PLAN, TARGETS, REVIEWS, TASKS, OCCURRENCES, NOTES)

CO_UNIT_SEPARATOR = ";"

KIND_WORDS = {
    TargetKind.INDICATOR.value: "Đo từ hồ sơ",
    TargetKind.EXTERNAL.value: "Chỉ số bên ngoài",
}
MEASURE_WORDS = {"value": "Giá trị", "rank": "Thứ hạng"}
DIRECTION_WORDS = {str(d.value): str(d.label) for d in Direction}
RECURRENCE_WORDS = {str(r.value): str(r.label) for r in Recurrence}
STATUS_WORDS = {str(s.value): str(s.label) for s in TaskStatus}
NOTE_KINDS = ("Minh chứng", "Ý kiến")

# the words each coded column accepts, for messages and the sheet's drop-down lists
WORDS_OF_COLUMN = {
    (TARGETS.name, "kind"): KIND_WORDS,
    (TARGETS.name, "measure"): MEASURE_WORDS,
    (TARGETS.name, "direction"): DIRECTION_WORDS,
    (TASKS.name, "recurrence"): RECURRENCE_WORDS,
    (TASKS.name, "status"): STATUS_WORDS,
}


def folded(text: str) -> str:
    """Compared without case, accents' composition form or repeated spaces."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def value_of_word(words: dict[str, str], text: str) -> str | None:
    """The stored value for a Vietnamese word (or the stored value itself); None if unknown."""
    key = folded(text)
    for value, word in words.items():
        if key in (folded(word), folded(value)):
            return value
    if key == "" and "" in words:
        return ""
    return None
