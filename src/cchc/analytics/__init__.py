"""The analytics gateway: the one door to every aggregate figure (docs/analytics.md).

`gateway.Analytics` owns the derived DuckDB/Parquet store (its freshness, refresh, rebuild, and
connections) and answers every aggregate query, from the store when it holds the latest import
and from the system database otherwise: the same SQL, printed from the rulebook's definitions,
runs on both (`backend.py`), so the two cannot disagree.
"""
