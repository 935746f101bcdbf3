/**
 * One comparable text per key value, for maps and sets of keys (never for ordering): the full
 * sync's reconciliation, the MySQL sink's batches and key-change checks, and `dts verify` all key
 * their maps with it, so they never disagree on whether two values are one key.
 * Byte-exact: the VARCHAR keys '007', '07' and '7' stay three keys, 'abc' and 'ABC' two; only a
 * number, a bigint and a string of the very same digits are one (mysql2 returns a BIGINT beyond
 * 2^53 as text where the binlog decoder returns a bigint).
 */
import type { ColumnValue } from './change-event.js';

const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/;

export function keyValueText(v: ColumnValue | undefined): string {
  if (v === null || v === undefined) return '\u0000null';
  if (Buffer.isBuffer(v)) return `b:${v.toString('hex')}`;
  if (typeof v === 'number' || typeof v === 'bigint') return `n:${v.toString()}`;
  if (typeof v === 'string') return NUMERIC_TEXT.test(v) ? `n:${v}` : `s:${v}`;
  return `j:${JSON.stringify(v)}`;
}
