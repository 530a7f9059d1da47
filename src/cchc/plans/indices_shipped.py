"""The PAPI files shipped with cchc (data/papi/, sources and caveats in its README.md): the 2023
results of every province and Bà Rịa – Vũng Tàu's 2018–2024 history, PAR INDEX and SIPAS. The
demo loads them; a province may load them with `cchc indices import` too."""

from __future__ import annotations

from pathlib import Path

from cchc.plans.indices_import import IndicesImport, import_indices

DATA_DIR = Path(__file__).resolve().parent / "data" / "papi"
BRVT = "Bà Rịa – Vũng Tàu"
# (file, province of a file without a province column); the order keeps the printed ranks of
# the history over the computed ones of the totals
SHIPPED = (
    ("papi-2023-totals.csv", None),
    ("papi-2023-dimensions.csv", None),
    ("papi-brvt-history.csv", None),
    ("brvt-other-indices.csv", BRVT),
)


def load_shipped_indices() -> list[IndicesImport]:
    return [import_indices(DATA_DIR / name, province=province) for name, province in SHIPPED]
