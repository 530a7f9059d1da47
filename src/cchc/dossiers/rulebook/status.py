"""Status classes: which dossiers every count, rate and late list counts, and which are counted
apart (one-stop-exports: "Returned-without-processing and withdrawn dossiers are counted
apart"; the national sync record's TrangThaiHoSo codes 1–10). Pure.

The code → class table is data (status_classes.toml, or the file CCHC_STATUS_CLASSES names), read
once per process. A dossier without a status is counted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from cchc.core.toml_file import read_toml

STATUS_FILE = Path(__file__).with_name("status_classes.toml")


class StatusClass(StrEnum):
    COUNTED = "counted"
    NOT_RECEIVED = "not_received"  # chưa tiếp nhận
    REFUSED_AT_INTAKE = "refused_at_intake"  # không được tiếp nhận
    WITHDRAWN = "withdrawn"  # rút hồ sơ
    RETURNED = "returned_unprocessed"  # trả lại, dừng xử lý


APART = tuple(c for c in StatusClass if c is not StatusClass.COUNTED)


@dataclass(frozen=True)
class StatusTable:
    names: dict[int, str]  # code → Vietnamese name
    classes: dict[int, StatusClass]  # code → class

    def codes_of(self, cls: StatusClass) -> tuple[int, ...]:
        return tuple(sorted(code for code, c in self.classes.items() if c is cls))


def load_status_table(path: Path | None = None) -> StatusTable:
    """The table in `path` (default: CCHC_STATUS_CLASSES, else the shipped file); ValueError
    naming the file and the code on a bad entry."""
    path = path or Path(os.environ.get("CCHC_STATUS_CLASSES") or STATUS_FILE)
    raw = read_toml(path)
    names: dict[int, str] = {}
    classes: dict[int, StatusClass] = {}
    for code, entry in raw.get("codes", {}).items():
        try:
            number = int(code)
            classes[number] = StatusClass(entry["class"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(
                f"{path}: mã trạng thái {code!r} không hợp lệ, lớp phải là một trong "
                f"{', '.join(StatusClass)} (bad status entry; class must be one of these)"
            ) from exc
        names[number] = str(entry.get("name", ""))
    return StatusTable(names, classes)


STATUS = load_status_table()
