"""Shared test world for the dossier import: one commune (UBX-001) and one procedure (1.000178,
3 working days), plus writers for small CSV files in the canonical layout."""

from __future__ import annotations

import csv
from pathlib import Path

from cchc.core.models import Procedure, Unit

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
HEADER = ["dossier_code", "procedure_code", "unit_code", "channel", "received_at",
          "due_at", "finished_at", "applicant_id"]  # fmt: skip
GOOD = ["HS-1", "1.000178", "UBX-001", "online", "01/07/2025 08:15", "", "03/07/2025 10:00",
        "001099012345"]  # fmt: skip


def world() -> None:
    Unit.objects.create(code="UBX-001", name="UBND xã Một", kind="commune")
    Procedure.objects.create(
        code="1.000178", name="Cấp bản sao trích lục hộ tịch", sector="Hộ tịch", time_limit=3
    )


def write_csv(
    path: Path, rows: list[list[str]], header: list[str] = HEADER, bom: bool = False
) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def row(**changes: str) -> list[str]:
    values = dict(zip(HEADER, GOOD, strict=True))
    values.update(changes)
    return [values[h] for h in HEADER]
