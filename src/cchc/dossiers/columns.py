"""The dossier table's name and the columns an import writes, in the order it writes them."""

from __future__ import annotations

DOSSIER_TABLE = "dossiers_dossier"
DATETIME_COLUMNS = ("submitted_at", "received_at", "due_at", "finished_at", "returned_at")
DATE_COLUMNS = ("received_on", "statutory_due_on", "deadline_on", "finished_on")
DOSSIER_COLUMNS = (
    "code", "procedure_code", "unit_code", "sector", "channel",
    "submitted_at", "received_at", "received_on", "due_at", "statutory_due_on", "deadline_on",
    "finished_at", "finished_on", "returned_at", "finish_outcome", "status",
    "supplement_requests", "paused_days", "apology_issued", "paid_online", "digitised",
    "e_result", "applicant_pseudonym", "flag_beyond_statutory", "flag_late_no_apology",
    "flag_repeated_supplements",
)  # fmt: skip
