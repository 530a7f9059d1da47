"""Applicant pseudonyms: a keyed hash, so the same person links across dossiers and cannot be read.

Decree 13/2023/NĐ-CP (personal data protection): monitoring needs no identity, so only
HMAC-SHA256(PSEUDONYM_KEY, identifier) truncated to 32 hex digits is stored; names, numbers,
phones and addresses are never written.
"""

from __future__ import annotations

import hashlib
import hmac

import polars as pl

PSEUDONYM_LENGTH = 32


def pseudonym(identifier: str, key: str) -> str:
    normalised = "".join(identifier.split()).upper()
    digest = hmac.new(key.encode(), normalised.encode(), hashlib.sha256).hexdigest()
    return digest[:PSEUDONYM_LENGTH]


def pseudonymise(values: pl.Series, key: str) -> pl.Series:
    """Pseudonyms for a column; empty string where no identifier is given."""
    unique = values.drop_nulls().unique()
    table = {v: pseudonym(v, key) for v in unique.to_list()}
    if not table:
        return pl.Series(values.name, [""] * len(values), dtype=pl.String)
    return values.replace_strict(table, default="", return_dtype=pl.String).fill_null("")
