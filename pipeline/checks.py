"""Asset checks written as one SQL query that counts the rows breaking a rule.

They are declared as check specs of the asset they check and evaluated at the end of that asset's
step, on the same connection: a separate step per check would cost more than the query. Every check
is blocking: a failed one fails its step, so nothing downstream is built or published from rows that
break a rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import dagster as dg
import duckdb


@dataclass(frozen=True)
class SqlCheck:
    asset: tuple[str, ...]
    name: str
    description: str
    sql: str  # a single count of the rows that break the rule

    @property
    def spec(self) -> dg.AssetCheckSpec:
        return dg.AssetCheckSpec(name=self.name, asset=dg.AssetKey(list(self.asset)), description=self.description,
                                 blocking=True)

    def evaluate(self, conn: duckdb.DuckDBPyConnection) -> dg.AssetCheckResult:
        violations = conn.execute(self.sql).fetchone()[0]
        return dg.AssetCheckResult(
            asset_key=dg.AssetKey(list(self.asset)),
            check_name=self.name,
            passed=violations == 0,
            metadata={"violations": violations},
        )


def sql_check(asset: Sequence[str], name: str, description: str, sql: str) -> SqlCheck:
    return SqlCheck(tuple(asset), name, description, sql)
