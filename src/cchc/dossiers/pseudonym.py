"""Applicant pseudonyms: a keyed hash, so the same person links across dossiers and cannot be read.

Decree 13/2023/NĐ-CP (personal data protection): monitoring needs no identity, so only keyed
BLAKE2b(identifier, key=PSEUDONYM_KEY, 16 bytes) as 32 hex digits is stored; names, numbers,
phones and addresses are never written. BLAKE2b in keyed mode is a MAC (RFC 7693), as HMAC is,
and three times faster; each distinct identifier of a file is hashed once.
"""

from __future__ import annotations

import hashlib

import polars as pl

PSEUDONYM_LENGTH = 32
MAX_KEY_BYTES = 64  # BLAKE2b's limit; a longer key is first hashed down, as HMAC does
SIMPLE_IDENTIFIER = r"^[!-~]*$"  # printable ASCII, no space: normalising is upper-casing


def _key(key: str) -> bytes:
    raw = key.encode()
    return raw if len(raw) <= MAX_KEY_BYTES else hashlib.blake2b(raw).digest()


def _normalise(identifier: str) -> str:
    return "".join(identifier.split()).upper()


def _digest(identifier: str, key: bytes) -> str:
    return hashlib.blake2b(_normalise(identifier).encode(), key=key, digest_size=16).hexdigest()


def pseudonym(identifier: str, key: str) -> str:
    return _digest(identifier, _key(key))


def pseudonymise(values: pl.Series, key: str) -> pl.Series:
    """Pseudonyms for a column; empty string where no identifier is given.

    Exactly `pseudonym()` of each value, faster: printable ASCII without spaces (identity numbers,
    nearly every value) is upper-cased by polars, which for ASCII is Python's `str.upper`; only
    the other distinct values are normalised in Python. Each distinct normalised identifier is
    hashed once, from its UTF-8 bytes as polars holds them.
    """
    text = values.cast(pl.String)
    simple = text.str.contains(SIMPLE_IDENTIFIER)
    odd = text.filter(~simple).unique()
    normalised = pl.select(
        pl.when(simple)
        .then(text.str.to_uppercase())
        .otherwise(
            text.replace_strict(odd, [_normalise(v) for v in odd.to_list()], default=None)
            if odd.len()
            else text
        )
    ).to_series()
    unique = normalised.drop_nulls().unique()
    if unique.is_empty():
        return pl.Series(values.name, [""] * len(values), dtype=pl.String)
    secret, blake2b = _key(key), hashlib.blake2b
    hashed = [
        blake2b(raw, key=secret, digest_size=16).hexdigest()
        for raw in unique.cast(pl.Binary).to_list()
    ]
    table = pl.DataFrame({"id": unique, "pseudonym": pl.Series(hashed, dtype=pl.String)})
    ids = normalised.alias("id").to_frame()
    found = ids.join(table, on="id", how="left", maintain_order="left")
    return found["pseudonym"].fill_null("").alias(values.name)
