"""The rulebook's rules (rulebook/rules.py) as ORM conditions, portable to SQLite and PostgreSQL.

Nothing here states a rule: each condition is the rule's one definition printed as a Django `Q`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from django.db.models import Q

from cchc.dossiers.rulebook.expr import Pred, Value, to_q


def condition(pred: Pred, params: Mapping[str, Value]) -> Q:
    return to_q(pred, params)


def unit_filter(unit_codes: Collection[str] | None) -> Q:
    return Q() if unit_codes is None else Q(unit_code__in=sorted(set(unit_codes)))
