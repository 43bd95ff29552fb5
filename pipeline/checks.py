"""Asset checks written as one SQL query that counts the rows breaking a rule."""

from __future__ import annotations

from collections.abc import Sequence

import dagster as dg

from pipeline.resources import WarehouseResource


def violation_check(asset: Sequence[str], name: str, description: str, sql: str) -> dg.AssetChecksDefinition:
    """A check on `asset` that passes when `sql` (a single count) returns zero."""

    @dg.asset_check(asset=list(asset), name=name, description=description)
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.get_connection() as conn:
            violations = conn.execute(sql).fetchone()[0]
        return dg.AssetCheckResult(passed=violations == 0, metadata={"violations": violations})

    return _check
