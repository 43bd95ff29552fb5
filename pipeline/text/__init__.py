"""Pure text logic: bytes -> text, language, cleaning and near-duplicate grouping (no Dagster, no DuckDB)."""
