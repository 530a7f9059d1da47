"""A dossier cannot have been received, finished or returned after its file was exported.

The limit is the file's export time when the caller knows it, else the moment of the import: a
date after it is a typing or clock error in the source system, and would put a dossier "ended"
in a period still to come. Checked on the typed rows (naive UTC, validate.parse_rows), reported
like every row error: file, line, field, the value as read (local time) and the reason.
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from cchc.core.vn_format import vn_datetime
from cchc.dossiers.readers import LINE

FIELDS = {
    "received_at": ("Ngày tiếp nhận", "received"),
    "finished_at": ("Ngày kết thúc xử lý", "finished"),
    "returned_at": ("Ngày trả kết quả", "returned"),
}
LOCAL = dt.timedelta(hours=7)  # Asia/Ho_Chi_Minh, UTC+7 all year


def future_date_errors(typed: pl.DataFrame, limit: dt.datetime, exported: bool) -> pl.DataFrame:
    """Rows of `typed` dated after `limit` (aware), in validate.ERROR_SCHEMA's columns.

    `exported`: the limit is the file's export time (else the moment of the import)."""
    utc = limit.astimezone(dt.UTC).replace(tzinfo=None)
    moment = vn_datetime(utc + LOCAL)
    after_vi = f"thời điểm xuất tệp {moment}" if exported else f"thời điểm nhập {moment}"
    after_en = "the file's export time" if exported else "the time of the import"
    checks = [
        typed.lazy()
        .filter(pl.col(name) > utc)
        .select(
            pl.col(LINE).cast(pl.UInt32).alias("line"),
            pl.lit(name).alias("field"),
            (pl.col(name) + LOCAL).dt.strftime("%d/%m/%Y %H:%M").alias("value"),
            pl.lit(f"{vi} sau {after_vi}: ngày trong tương lai").alias("reason_vi"),
            pl.lit(f"{en} after {after_en}: a date in the future").alias("reason_en"),
        )
        for name, (vi, en) in FIELDS.items()
    ]
    return pl.concat(checks).collect()
