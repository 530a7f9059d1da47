"""Reading the national portal's published Decision 766 score files. Pure (no database).

Accepted: the reporting API's JSON answer for the provinces (`{"code": "OK", "data":
{"evaluation": [...]}}`), the unit files of the public scraper duynghiaqn/Crawler-766
(`{"metadata": …, "agencies" | "communes": [...]}`, which name the online group `ONLINE`), and the
flat CSV (rank, departmentCode, departmentName, departmentId, totalScore, scoreDelta, CKMB, TDGQ,
CLGQ|ONLINE, TTTT, MDHL, MDSH). Source: dichvucong.gov.vn.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from cchc.core.importing import ImportRejected, RowError
from cchc.dossiers.periods import parse_period

GROUP_FIELDS = {  # portal group code → our column
    "CKMB": "ckmb",
    "TDGQ": "tdgq",
    "CLGQ": "online",
    "ONLINE": "online",
    "TTTT": "tttt",
    "MDHL": "mdhl",
    "MDSH": "mdsh",
}
GROUP_NUMBERS = {"ckmb": 1, "tdgq": 2, "mdsh": 3, "online": 4, "tttt": 4, "mdhl": 5}
CSV_REQUIRED = ["departmentCode", "departmentName", "totalScore"]
_NAME = re.compile(
    r"portal-766-(?P<scope>.+?)-(?P<period>\d{4}(?:-H[12]|-Q[1-4]|-\d{2})?)"
    r"-as-of-(?P<as_of>\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)
_TIME_TYPES = {"year": "", "half": "-H", "quarter": "-Q", "month": "-"}


@dataclass(frozen=True)
class PortalRow:
    line: int | None
    department_code: str
    department_name: str
    department_id: str
    rank: int | None
    total: float | None
    delta: float | None
    groups: dict[str, float | None]


@dataclass(frozen=True)
class PortalFile:
    scope_code: str  # "" = the nation's table of provinces
    scope_name: str
    level: str  # province | agency | commune
    period_label: str
    as_of: dt.date
    source_url: str
    rows: list[PortalRow] = field(default_factory=list)


def _number(
    value: Any, file: str, line: int | None, name: str, errors: list[RowError]
) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(str(value).replace(",", "."))
    except ValueError:
        errors.append(RowError(file, line, name, str(value), "không phải số", "not a number"))
        return None


def _from_name(file: str) -> tuple[str | None, dt.date | None]:
    m = _NAME.search(file)
    if not m:
        return None, None
    return m.group("period"), dt.date.fromisoformat(m.group("as_of"))


def _line_of(text: str, needle: str) -> int | None:
    pos = text.find(needle)
    return text.count("\n", 0, pos) + 1 if needle and pos >= 0 else None


def _entry(
    raw: Any, text: str, file: str, where: str, index: int, errors: list[RowError]
) -> PortalRow | None:
    if not isinstance(raw, dict):
        errors.append(
            RowError(file, None, f"{where}[{index}]", "", "không phải đối tượng", "not an object")
        )
        return None
    line = _line_of(text, str(raw.get("departmentId") or raw.get("departmentCode") or ""))
    code = str(raw.get("departmentCode") or "").strip()
    name = str(raw.get("departmentName") or "").strip()
    if not code:
        errors.append(
            RowError(
                file,
                line,
                f"{where}[{index}].departmentCode",
                "",
                "thiếu mã đơn vị",
                "missing unit code",
            )
        )
    scores = raw.get("groupScores")
    if not isinstance(scores, dict):
        errors.append(
            RowError(
                file,
                line,
                f"{where}[{index}].groupScores",
                "",
                "thiếu điểm nhóm",
                "missing group scores",
            )
        )
        scores = {}
    groups: dict[str, float | None] = {}
    for key, value in scores.items():
        if key not in GROUP_FIELDS:
            errors.append(
                RowError(
                    file,
                    line,
                    f"{where}[{index}].groupScores.{key}",
                    "",
                    "nhóm không rõ",
                    "unknown group",
                )
            )
            continue
        groups[GROUP_FIELDS[key]] = _number(
            value, file, line, f"{where}[{index}].groupScores.{key}", errors
        )
    rank = raw.get("rank")
    return PortalRow(
        line,
        code,
        name,
        str(raw.get("departmentId") or ""),
        int(rank) if isinstance(rank, int) else index + 1,
        _number(raw.get("totalScore"), file, line, f"{where}[{index}].totalScore", errors),
        _number(raw.get("scoreDelta"), file, line, f"{where}[{index}].scoreDelta", errors),
        groups,
    )


def _metadata_period(meta: dict[str, Any]) -> tuple[str | None, dt.date | None]:
    period: str | None = None
    if meta.get("year"):
        suffix = _TIME_TYPES.get(str(meta.get("timeType") or "year"), "")
        number = meta.get("period")
        period = (
            f"{meta['year']}{suffix}{int(number):02d}"
            if suffix == "-" and number
            else (f"{meta['year']}{suffix}{number}" if suffix and number else str(meta["year"]))
        )
    as_of = None
    run = str(meta.get("runDateStr") or "")
    if re.fullmatch(r"\d{8}", run):
        as_of = dt.date(int(run[4:]), int(run[2:4]), int(run[:2]))
    return period, as_of


def parse_json(
    text: str, file: str, period: str | None = None, as_of: dt.date | None = None
) -> PortalFile:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRejected(
            [RowError(file, exc.lineno, "", "", f"JSON không hợp lệ: {exc.msg}", "invalid JSON")]
        ) from exc
    errors: list[RowError] = []
    name_period, name_as_of = _from_name(file)
    scope_code, scope_name, level = "", "", "province"
    meta_period, meta_as_of, source = None, None, "https://dichvucong.gov.vn"
    if isinstance(doc, dict) and isinstance(doc.get("data"), dict) and "evaluation" in doc["data"]:
        entries, where = doc["data"]["evaluation"], "data.evaluation"
    elif isinstance(doc, dict) and isinstance(doc.get("metadata"), dict):
        meta = doc["metadata"]
        meta_period, meta_as_of = _metadata_period(meta)
        source = str(meta.get("sourceUrl") or source)
        scope_code = str(meta.get("provinceCode") or "")
        scope_name = str(meta.get("province") or "")
        key = next((k for k in ("agencies", "communes", "units") if k in doc), "")
        entries, where = doc.get(key), key
        if not key:
            errors.append(
                RowError(
                    file, None, "agencies", "", "thiếu danh sách đơn vị", "missing list of units"
                )
            )
            entries = []
    else:
        raise ImportRejected(
            [
                RowError(
                    file,
                    1,
                    "",
                    "",
                    "không nhận ra định dạng tệp điểm 766",
                    "not a recognised 766 score file",
                )
            ]
        )
    if not isinstance(entries, list):
        raise ImportRejected(
            [RowError(file, None, where, "", "cần một danh sách", "expected a list")]
        )
    rows = [r for i, e in enumerate(entries) if (r := _entry(e, text, file, where, i, errors))]
    if where != "data.evaluation":
        groups = {str(e.get("childGroup", "")).lower() for e in entries if isinstance(e, dict)}
        level = "commune" if groups == {"commune"} else "agency"
    return _finish(
        file,
        scope_code,
        scope_name,
        level,
        period or meta_period or name_period,
        as_of or meta_as_of or name_as_of,
        source,
        rows,
        errors,
    )


def parse_csv(
    text: str,
    file: str,
    period: str | None = None,
    as_of: dt.date | None = None,
    scope_code: str = "",
    level: str = "province",
) -> PortalFile:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    missing = [c for c in CSV_REQUIRED if c not in header]
    if missing:
        raise ImportRejected(
            [
                RowError(file, 1, c, "", "thiếu cột bắt buộc", "missing required column")
                for c in missing
            ]
        )
    errors: list[RowError] = []
    rows: list[PortalRow] = []
    for n, rec in enumerate(reader, start=2):
        code = (rec.get("departmentCode") or "").strip()
        if not code:
            errors.append(
                RowError(file, n, "departmentCode", "", "thiếu mã đơn vị", "missing unit code")
            )
            continue
        groups = {
            GROUP_FIELDS[k]: _number(rec.get(k), file, n, k, errors)
            for k in GROUP_FIELDS
            if k in header
        }
        rank = _number(rec.get("rank"), file, n, "rank", errors)
        rows.append(
            PortalRow(
                n,
                code,
                (rec.get("departmentName") or "").strip(),
                (rec.get("departmentId") or "").strip(),
                int(rank) if rank is not None else None,
                _number(rec.get("totalScore"), file, n, "totalScore", errors),
                _number(rec.get("scoreDelta"), file, n, "scoreDelta", errors),
                groups,
            )
        )
    name_period, name_as_of = _from_name(file)
    return _finish(
        file,
        scope_code,
        "",
        level,
        period or name_period,
        as_of or name_as_of,
        "https://dichvucong.gov.vn",
        rows,
        errors,
    )


def _finish(
    file: str,
    scope_code: str,
    scope_name: str,
    level: str,
    period: str | None,
    as_of: dt.date | None,
    source: str,
    rows: list[PortalRow],
    errors: list[RowError],
) -> PortalFile:
    if period is None:
        errors.append(
            RowError(
                file,
                None,
                "period",
                "",
                "không xác định được kỳ: dùng --period",
                "period unknown: give --period",
            )
        )
    else:
        try:
            period = parse_period(period).label
        except ValueError as exc:
            errors.append(RowError(file, None, "period", period, str(exc), "invalid period"))
    if as_of is None:
        errors.append(
            RowError(
                file,
                None,
                "as_of",
                "",
                "không xác định được ngày số liệu: dùng --as-of",
                "date unknown: give --as-of",
            )
        )
    codes = [r.department_code for r in rows]
    for r in rows:
        if codes.count(r.department_code) > 1:
            errors.append(
                RowError(
                    file,
                    r.line,
                    "departmentCode",
                    r.department_code,
                    "mã đơn vị trùng",
                    "duplicate unit code",
                )
            )
    if not rows and not errors:
        errors.append(RowError(file, None, "", "", "tệp không có dòng điểm nào", "no score rows"))
    if errors:
        raise ImportRejected(errors, len(rows))
    assert period is not None and as_of is not None
    return PortalFile(scope_code, scope_name, level, period, as_of, source, rows)


def parse_file(name: str, data: bytes, **options: Any) -> PortalFile:
    text = data.decode("utf-8-sig")
    if name.lower().endswith(".json"):
        return parse_json(text, name, options.get("period"), options.get("as_of"))
    if name.lower().endswith(".csv"):
        return parse_csv(
            text,
            name,
            options.get("period"),
            options.get("as_of"),
            options.get("scope_code") or "",
            options.get("level") or "province",
        )
    raise ImportRejected(
        [RowError(name, None, "", "", "chỉ nhận .json hoặc .csv", "only .json or .csv")]
    )
