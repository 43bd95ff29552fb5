"""Reference tables in the warehouse (ref.*), seeded from seeds/reference/.

They are re-seeded only when the reference files change, so an analyst may edit a weight or a level
label in SQL and keep the edit until the files themselves change.
"""


import hashlib
from pathlib import Path

import dagster as dg
import polars as pl

from pipeline.reference import load_reference
from pipeline.resources import WarehouseResource
from pipeline.warehouse import transaction

REF_TABLES = {
    "ranks": "Levels of office (head of state ... non-state) with their seniority weight and order.",
    "countries": "Every state: ISO 3166-1 alpha-3 code and canonical short name.",
    "event_codes": "Interaction types with their CAMEO-style event code, quad class and Goldstein weight.",
}


def reference_frames() -> dict[str, pl.DataFrame]:
    reference = load_reference()
    return {
        "ranks": pl.DataFrame(
            [{"rank": r.rank, "label": r.label, "weight": float(r.weight), "sort_order": int(r.sort_order)}
             for r in reference.ranks]
        ),
        "countries": pl.DataFrame([{"iso3": c.iso3, "name": c.name} for c in reference.countries]),
        "event_codes": pl.DataFrame(
            [{"interaction_type": e.interaction_type, "cameo_code": str(e.cameo_code), "plover_type": e.plover_type,
              "description": e.description, "goldstein": float(e.goldstein), "quad_class": e.quad_class}
             for e in reference.event_codes]
        ),
    }


def frame_fingerprint(frame: pl.DataFrame) -> str:
    return hashlib.sha256(frame.write_csv().encode()).hexdigest()[:16]


@dg.multi_asset(
    specs=[
        dg.AssetSpec(["ref", name], description=description, kinds={"duckdb", "csv"}, group_name="reference",
                     code_version=load_reference().fingerprint()[:16])
        for name, description in REF_TABLES.items()
    ],
    pool="warehouse",
)
def reference_tables(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    frames = reference_frames()
    with warehouse.get_connection() as conn:
        for name, frame in frames.items():
            fingerprint = frame_fingerprint(frame)
            seeded = conn.execute(
                "select fingerprint from ref.seed_state where table_name = ?", [name]
            ).fetchone()
            exists = conn.execute(
                "select count(*) from information_schema.tables where table_schema = 'ref' and table_name = ?", [name]
            ).fetchone()[0]
            reseeded = not exists or seeded is None or seeded[0] != fingerprint
            if reseeded:
                with transaction(conn):
                    conn.register("seed_frame", frame)
                    conn.execute(f"create or replace table ref.{name} as select * from seed_frame")
                    conn.unregister("seed_frame")
                    conn.execute("insert or replace into ref.seed_state values (?, ?, now())", [name, fingerprint])
                context.log.info(f"ref.{name} seeded from reference files ({frame.height} rows)")
            rows = conn.execute(f"select count(*) from ref.{name}").fetchone()[0]
            yield dg.MaterializeResult(asset_key=["ref", name], metadata={"rows": rows, "reseeded": reseeded})
