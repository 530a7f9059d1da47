"""The import page (nhập dữ liệu): upload, choose a mapping, see the report; history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cchc.core.models import ImportBatch
from cchc.core.vn_format import vn_number
from cchc.dossiers.mapping import builtin_mappings
from cchc.web import import_jobs
from cchc.web.access import role_required
from cchc.web.figures import as_of_context
from cchc.web.models import ImportJob

HISTORY_SHOWN = 50


@role_required(write="import")
@require_http_methods(["GET", "POST"])
def import_page(request: HttpRequest) -> HttpResponse:
    mappings = builtin_mappings()
    if request.method == "POST":
        upload = request.FILES.get("file")
        mapping = str(request.POST.get("mapping", ""))
        problems = import_jobs.check_upload(upload, mapping)
        if problems or upload is None:
            context: dict[str, Any] = {
                "mappings": mappings,
                "problems": problems,
                "chosen": mapping,
                "batches": ImportBatch.objects.select_related("user")[:HISTORY_SHOWN],
            }
            return render(request, "web/import.html", context, status=400)
        path = import_jobs.store_upload(upload)
        job = ImportJob.objects.create(
            user=request.user if request.user.is_authenticated else None,
            file_name=upload.name or path.name,
            stored_path=str(path),
            mapping=mapping,
        )
        import_jobs.start(job, upload.size or 0)
        return redirect("web:import_job", job_id=job.pk)
    context = {
        "mappings": mappings,
        "problems": [],
        "chosen": "canonical",
        "batches": ImportBatch.objects.select_related("user")[:HISTORY_SHOWN],
        "jobs": ImportJob.objects.exclude(status__in=["done", "rejected", "failed"])[:10],
        **as_of_context(),
    }
    return render(request, "web/import.html", context)


def _job(job_id: int) -> ImportJob:
    """The job, with the progress its import last reported while it runs."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None:
        raise Http404("Không tìm thấy tác vụ nhập (import job not found)")
    if not job.is_finished:
        reported = import_jobs.read_progress(job.pk)
        if reported is not None:
            job.progress, job.message = reported
    return job


@role_required(write="import")
def import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job(job_id)
    batch = ImportBatch.objects.filter(pk=job.batch_id).first() if job.batch_id else None
    if job.status == ImportJob.Status.DONE and batch is not None:
        messages.success(request, f"Đã nhập {vn_number(batch.rows_total)} dòng")
    return render(request, "web/import_job.html", {"job": job, "batch": batch})


@role_required(write="import")
def import_batch(request: HttpRequest, batch_id: int) -> HttpResponse:
    """One line of the import history: its counts and its stored report (a rejected file's
    errors, line by line; the rows set aside by --skip-invalid), and the upload's job."""
    batch = ImportBatch.objects.select_related("user").filter(pk=batch_id).first()
    if batch is None:
        raise Http404("Không tìm thấy lần nhập (import not found)")
    job = ImportJob.objects.filter(batch_id=batch.pk).first()
    return render(request, "web/import_batch.html", {"batch": batch, "job": job})


@role_required(write="import")
def import_job_status(request: HttpRequest, job_id: int) -> JsonResponse:
    job = _job(job_id)
    return JsonResponse(
        {
            "id": job.pk,
            "status": job.status,
            "status_label": job.get_status_display(),
            "progress": job.progress,
            "message": job.message[:300],
            "finished": job.is_finished,
        }
    )
