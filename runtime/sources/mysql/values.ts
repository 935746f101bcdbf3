import type { ColumnMeta, ColumnValue, JsonValue } from '../../events/change-event.js';
import { baseType } from '../schema/sql-type.js';

/**
 * Brings a decoded value (from a mysql2 query or from zongji) to the one ChangeEvent shape, so a
 * snapshot row and a binlog row of the same data are equal:
 * - FLOAT: the shortest decimal that round-trips the float32 (what MySQL prints), not the widened double;
 * - JSON (MySQL JSON, MariaDB LONGTEXT+json_valid): the parsed value;
 * - Buffers are copied so a retained value never pins a whole network packet in memory;
 * - undefined becomes null.
 */
export function normalizeValue(value: unknown, column: ColumnMeta | undefined, isJson: boolean): ColumnValue {
  if (value === undefined || value === null) return null;
  if (isJson) return parseJsonValue(value);
  if (Buffer.isBuffer(value)) return Buffer.from(value);
  if (typeof value === 'number' && column && baseType(column.mysqlType) === 'float') return shortestFloat32(value);
  if (value instanceof Date) return formatDate(value);
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return value;
  return value as JsonValue;
}

function parseJsonValue(value: unknown): ColumnValue {
  if (Buffer.isBuffer(value)) value = value.toString('utf8');
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as JsonValue;
    } catch {
      return value; // Not valid JSON (should not pass json_valid): keep the text rather than lose it.
    }
  }
  return value as JsonValue;
}

export function shortestFloat32(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  const f = Math.fround(v);
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(f.toPrecision(p));
    if (Math.fround(candidate) === f) return candidate;
  }
  return f;
}

function formatDate(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** Rough in-memory size of a row, used for MB/s throttles and queue bounds. */
export function estimateRowBytes(row: Readonly<Record<string, ColumnValue>> | undefined): number {
  if (!row) return 0;
  let n = 0;
  for (const [k, v] of Object.entries(row)) {
    n += k.length + 8;
    if (typeof v === 'string') n += v.length;
    else if (Buffer.isBuffer(v)) n += v.length;
    else if (v !== null && typeof v === 'object') n += JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)).length;
    else n += 8;
  }
  return n;
}
