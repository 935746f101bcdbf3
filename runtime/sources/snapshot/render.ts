/**
 * Full-sync chunks rendered by the source server as SQL VALUES text, for a MySQL destination.
 *
 * Contract: `tupleExpression(meta)` is one SQL expression that, per row, gives the row's tuple
 * `(v1, v2, ...)` in meta.columns order, each value the literal the engine's own renderer
 * (runtime/sinks/mysql/sql-literal.ts) writes for the value a snapshot row carries
 * (runtime/sources/mysql/values.ts), so a rendered chunk stores the same bytes as the row path:
 * - integers and YEAR: their digits, unquoted (YEAR 0000 as 0000);
 * - DECIMAL, DATE, DATETIME, TIMESTAMP (the session is UTC), TIME: QUOTE() of the server's text;
 * - CHAR, VARCHAR, TEXT types, ENUM, SET: QUOTE() of the value converted to utf8mb4 (the
 *   destination converts it to the column's charset, as it does a literal of the row path);
 * - BINARY, VARBINARY, BLOB types: X'hex' of the bytes ('' when empty);
 * - NULL: NULL.
 * Every other type (FLOAT, DOUBLE, BIT, JSON, spatial, UUID, INET, ...) and generated columns make
 * the table unrenderable (undefined): its chunks are read as rows.
 * The engine then only frames the text: no per-row objects, no per-value escaping, one string per
 * chunk (the full sync's CPU was mostly the engine's, on a machine the servers share).
 * Rendering needs MariaDB (SET STATEMENT, and the consistent-snapshot chunk mode).
 */
import type { TableMeta } from '../schema/catalog.js';
import { baseType } from '../schema/sql-type.js';
import { quoteIdent } from '../mysql/connection.js';

/** What a destination asks of a rendered chunk: at most `maxBytes` of VALUES text (else the chunk is read as rows). */
export interface RenderRequest {
  readonly maxBytes: number;
}

/** A chunk's rows as SQL VALUES text: `(…),(…)` in key order, columns as in `columns`. */
export interface RenderedRows {
  readonly columns: readonly string[];
  readonly text: string;
  readonly rows: number;
}

const INTEGER = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint', 'year']);
const QUOTED = new Set(['decimal', 'numeric', 'date', 'datetime', 'timestamp', 'time']);
const TEXT = new Set(['char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'enum', 'set']);
const BYTES = new Set(['binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob']);

/** One column's literal as SQL, or undefined for a type that is not rendered. */
export function literalExpression(column: { name: string; mysqlType: string; generated?: boolean }, json: boolean): string | undefined {
  if (column.generated || json) return undefined;
  const c = quoteIdent(column.name);
  const type = baseType(column.mysqlType);
  if (INTEGER.has(type)) return `IFNULL(CAST(${c} AS CHAR), 'NULL')`;
  if (QUOTED.has(type)) return `QUOTE(${c})`;
  if (TEXT.has(type)) return `QUOTE(CONVERT(${c} USING utf8mb4))`;
  if (BYTES.has(type)) return `CASE WHEN ${c} IS NULL THEN 'NULL' WHEN LENGTH(${c}) = 0 THEN '''''' ELSE CONCAT('X''', HEX(${c}), '''') END`;
  return undefined;
}

/** The expression of a row's tuple, or undefined when a column's type is not rendered (or the table has no key). */
export function tupleExpression(meta: TableMeta): string | undefined {
  if (meta.primaryKey.length === 0 || meta.columns.length === 0) return undefined;
  const parts: string[] = [];
  for (const column of meta.columns) {
    const e = literalExpression(column, meta.jsonColumns.has(column.name));
    if (e === undefined) return undefined;
    parts.push(e);
  }
  return `CONCAT('(', ${parts.join(", ',', ")}, ')')`;
}

/** Names of the rendered query's own columns. */
export const TUPLE_COLUMN = '__dts_tuple';

/**
 * The chunk query's rows folded into one: `n` rows, `len` = bytes the text must have, `v` = the
 * tuples joined by ',' in key order. `inner` selects the key columns and TUPLE_COLUMN.
 * group_concat_max_len caps `v` at `maxBytes` (a longer text is cut: `len` tells).
 */
export function renderedQuery(meta: TableMeta, inner: string, maxBytes: number): string {
  const order = meta.primaryKey.map(quoteIdent).join(', ');
  const t = quoteIdent(TUPLE_COLUMN);
  return `SET STATEMENT group_concat_max_len = ${Math.max(4, Math.floor(maxBytes))} FOR ` +
    `SELECT COUNT(*) AS n, SUM(LENGTH(${t})) + COUNT(*) - 1 AS len, GROUP_CONCAT(${t} ORDER BY ${order} SEPARATOR ',') AS v FROM (${inner}) AS chunk`;
}

/** A rendered full-sync chunk as the pipeline hands it to a sink: its table and its VALUES text. */
export interface RenderedChunk {
  readonly meta: TableMeta;
  readonly values: RenderedRows;
}
