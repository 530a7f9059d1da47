"""Inspections (kiểm tra CCHC): risk, planning, visits, checklists, findings, corrective actions."""
