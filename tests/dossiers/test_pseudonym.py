"""The column form of pseudonyms is exactly the one-value form, whatever the identifier holds."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.dossiers.pseudonym import pseudonym, pseudonymise

ODD = ["", " ", "079 000 000 001", "ß12", "abc\n", "a\x1cb", "İd", "ǆ9", "\u00a0x", "ＡＢ",
       "x\u200b"]  # fmt: skip


def test_odd_identifiers_get_the_one_value_pseudonym() -> None:
    column = pl.Series("applicant_id", [*ODD, None, "a1", "A1"], dtype=pl.String)
    got = pseudonymise(column, "k")
    assert got.name == "applicant_id"
    assert got.to_list() == [*(pseudonym(v, "k") for v in ODD), "", *[pseudonym("a1", "k")] * 2]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=12), st.from_regex(r"[0-9a-z ]{0,12}"))))
def test_the_column_form_equals_the_one_value_form(values: list[str | None]) -> None:
    got = pseudonymise(pl.Series(values, dtype=pl.String), "key")
    assert got.to_list() == ["" if v is None else pseudonym(v, "key") for v in values]
