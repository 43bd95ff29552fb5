// Runs one query of ../queries/ against the published copy of the warehouse and writes its rows as JSON
// (the data loaders of src/data/ call it). The copy is opened read-only with DuckDB's Node client, a
// DuckDB 1.x release: the copy is written in a storage format that DuckDB 1.1 and later read.
import {readFileSync} from "node:fs";
import {DuckDBInstance} from "@duckdb/node-api";

const QUERIES = new URL("../queries/", import.meta.url);

export function publishedCopy() {
  const path = process.env.PIPELINE_PUBLISHED_COPY;
  if (!path) throw new Error("PIPELINE_PUBLISHED_COPY is not set: build with `make dashboard`");
  return path;
}

function plain(value) {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

export async function queryRows(name) {
  const sql = readFileSync(new URL(`${name}.sql`, QUERIES), "utf-8");
  const instance = await DuckDBInstance.create(publishedCopy(), {access_mode: "READ_ONLY"});
  try {
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
  } finally {
    instance.closeSync?.();
  }
}

export async function emit(name) {
  process.stdout.write(JSON.stringify(await queryRows(name)));
}
