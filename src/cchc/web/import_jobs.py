"""Imports started from the web page: stored upload → importer → job record the page polls.

Small files run in the request; larger ones in a background thread (one DB connection of its
own, closed at the end) while the page polls the job's progress. Progress goes to a small file
(`CCHC_DATA_DIR/jobs/<id>.json`), not the job row: while rows are written the import holds its
transaction, so a row update made then would stay invisible to the polling page until the end.
"""

from __future__ import annotations

import json
import os
import re
import threading
import traceback
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import close_old_connections, connection
from django.utils import timezone

from cchc.core.importing import ImportRejected
from cchc.core.vn_format import vn_number
from cchc.dossiers.mapping import MappingError, builtin_mappings
from cchc.web.models import ImportJob

SYNC_MAX_BYTES = 1024 * 1024  # up to 1 MB the import runs while the request waits
ALLOWED_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".json", ".jsonl", ".xes", ".gz", ".parquet")


def upload_dir() -> Path:
    return Path(settings.DATA_DIR) / "uploads"


def progress_path(job_id: int) -> Path:
    return Path(settings.DATA_DIR) / "jobs" / f"{job_id}.json"


def write_progress(job_id: int, value: float, message: str) -> None:
    """Replace the job's progress file at once (a reader never sees half of it)."""
    path = progress_path(job_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{threading.get_ident()}.tmp")
    partial.write_text(json.dumps({"progress": value, "message": message}), encoding="utf-8")
    os.replace(partial, path)


def read_progress(job_id: int) -> tuple[float, str] | None:
    """(share done, message) of a running job, or None when it has not reported yet."""
    try:
        found = json.loads(progress_path(job_id).read_text(encoding="utf-8"))
        return float(found["progress"]), str(found["message"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def safe_name(name: str) -> str:
    base = Path(name).name
    cleaned = re.sub(r"[^\w.\-]+", "_", base, flags=re.UNICODE).strip("._") or "tep"
    return cleaned[:120]


def store_upload(upload: UploadedFile) -> Path:
    folder = upload_dir() / uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / safe_name(upload.name or "tep")
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path


def check_upload(upload: UploadedFile | None, mapping: str) -> list[str]:
    """Problems the user must fix before anything is stored."""
    problems: list[str] = []
    if upload is None:
        problems.append("Chưa chọn tệp (no file chosen)")
    elif not (upload.name or "").lower().endswith(ALLOWED_SUFFIXES):
        problems.append(
            f"Loại tệp không được hỗ trợ {upload.name!r}: dùng {', '.join(ALLOWED_SUFFIXES)} "
            "(unsupported file type)"
        )
    if mapping not in builtin_mappings():
        problems.append(
            f"Ánh xạ cột không hợp lệ {mapping!r}: dùng {', '.join(builtin_mappings())} "
            "(unknown mapping)"
        )
    return problems


def _estimate_rows(path: Path) -> int | None:
    if path.suffix.lower() not in {".csv", ".tsv", ".txt"}:
        return None
    with path.open("rb") as handle:
        return max(
            sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")) - 1, 1
        )


def run_job(job_id: int) -> None:
    """Run one job to its end, recording progress and the outcome on the job row."""
    from cchc.dossiers.importer import import_dossiers

    job = ImportJob.objects.select_related("user").get(pk=job_id)
    path = Path(job.stored_path)
    estimate = _estimate_rows(path)

    def progress(stage: str, done: int) -> None:
        share = min(done / estimate, 1.0) if estimate else 0.0
        value = 0.5 * share if stage == "read" else 0.5 + 0.5 * share
        label = "Đang đọc" if stage == "read" else "Đang ghi"
        write_progress(job_id, round(value, 3), f"{label}: {vn_number(done)} dòng")

    ImportJob.objects.filter(pk=job_id).update(status=ImportJob.Status.RUNNING, progress=0.0)
    fields: dict[str, Any]
    try:
        result = import_dossiers(path, job.mapping, user=job.user, progress=progress)
        fields = {
            "status": ImportJob.Status.DONE,
            "batch_id": result.batch_id,
            "message": "",
            "report": {
                "rows_total": result.rows_total,
                "inserted": result.inserted,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "rejected": result.rejected,
            },
        }
    except ImportRejected as exc:
        fields = {
            "status": ImportJob.Status.REJECTED,
            "message": exc.report(limit=200),
            "report": {"errors": [e.message() for e in exc.errors[:200]]},
        }
    except (MappingError, ValueError, OSError) as exc:
        fields = {"status": ImportJob.Status.FAILED, "message": str(exc)}
    except Exception as exc:  # a bug: keep the trace on the job for the administrator
        fields = {
            "status": ImportJob.Status.FAILED,
            "message": f"Lỗi hệ thống (internal error): {exc}\n{traceback.format_exc(limit=5)}",
        }
    ImportJob.objects.filter(pk=job_id).update(progress=1.0, finished_at=timezone.now(), **fields)
    path.unlink(missing_ok=True)
    progress_path(job_id).unlink(missing_ok=True)


def _run_in_thread(job_id: int) -> None:
    close_old_connections()
    try:
        run_job(job_id)
    finally:
        connection.close()


def start(job: ImportJob, size: int) -> None:
    """Run now when small, else in a background thread."""
    if size <= SYNC_MAX_BYTES:
        run_job(job.pk)
        return
    threading.Thread(
        target=_run_in_thread, args=(job.pk,), daemon=True, name=f"import-{job.pk}"
    ).start()
