/**
 * ChangeEvent values -> SQL literals for the multi-row statements the apply path builds.
 * Literals (not placeholders) keep one statement per few hundred rows cheap to build and free of
 * the placeholder expansion rules of mysql2 (which would turn a SET's string[] into a list and a
 * JSON object into `key = value` pairs). The session runs without NO_BACKSLASH_ESCAPES and in
 * utf8mb4, which the string escaping below assumes.
 */
import type { ColumnMeta, ColumnValue } from '../../events/change-event.js';
import { isExactNumericText } from '../../sources/schema/sql-type.js';

const ESCAPES: Readonly<Record<string, string>> = {
  '\0': '\\0', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\x1a': '\\Z', '"': '\\"', "'": "\\'", '\\': '\\\\',
};

const NEEDS_ESCAPE = /[\0\b\t\n\r\x1a"'\\]/;
const ESCAPED = new RegExp(NEEDS_ESCAPE.source, 'g');

export function stringLiteral(s: string): string {
  // Most values need no escape: testing first skips the replace and its callback (a full sync's hot path).
  return NEEDS_ESCAPE.test(s) ? "'" + s.replace(ESCAPED, (c) => ESCAPES[c]!) + "'" : "'" + s + "'";
}

function jsonText(v: ColumnValue): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

/**
 * One value as a SQL literal. A JSON column's value is its JSON text (runtime/sources/mysql/values.ts)
 * and is written as that text, byte for byte; `json` only matters for a parsed document. Spatial
 * values are their stored bytes (SRID + WKB), which MariaDB accepts as a binary literal.
 */
export function sqlLiteral(value: ColumnValue | undefined, json = false): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return stringLiteral(value);
  if (json && !Buffer.isBuffer(value)) return stringLiteral(jsonText(value));
  if (Buffer.isBuffer(value)) return value.length === 0 ? "''" : `X'${value.toString('hex')}'`;
  // -0 is a distinct DOUBLE/FLOAT value; String(-0) would write 0.
  if (typeof value === 'number') return Number.isFinite(value) ? (Object.is(value, -0) ? '-0e0' : String(value)) : 'NULL';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (Array.isArray(value)) return stringLiteral(value.join(',')); // SET decoded as a list of members
  return stringLiteral(jsonText(value));
}

export function isJsonColumn(meta: ColumnMeta | undefined): boolean {
  return meta !== undefined && /^json\b/i.test(meta.mysqlType);
}


/** A key value as a literal that compares exactly (see isExactNumericText). */
export function keyLiteral(value: ColumnValue | undefined, meta: ColumnMeta | undefined): string {
  if (isExactNumericText(value, meta?.mysqlType)) return value;
  return sqlLiteral(value, isJsonColumn(meta));
}
