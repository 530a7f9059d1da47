"""A refusal that belongs to one input: the page shows its message beside that field."""

from __future__ import annotations


class FieldRefused(ValueError):
    """`field` names the refused input (the service argument and the form field alike)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
