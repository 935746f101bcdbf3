import type { ColumnMeta, ColumnValue } from '../../events/change-event.js';
import { decodeText } from '../../util/charset.js';
import { baseType } from '../schema/sql-type.js';

/**
 * Brings a decoded value (from a mysql2 query or from zongji) to the one ChangeEvent shape, so a
 * snapshot row and a binlog row of the same data are equal, and equal to what the source stores.
 * Values are carried as the source's own text or bytes; nothing is parsed and re-serialised:
 * - JSON (MySQL JSON, MariaDB LONGTEXT + json_valid): the JSON text exactly as stored (a string;
 *   the text 'null' is not SQL NULL, big numbers and -0.0 keep their digits);
 * - spatial types: the stored bytes (4-byte little-endian SRID + WKB), a Buffer;
 * - MariaDB UUID, INET4, INET6: their text, as SELECT prints it (the binlog carries storage bytes);
 * - text columns: strings (a Buffer from the binlog is decoded in the column's charset);
 * - YEAR: a number, 0 for 0000; SET: 'a,b'; ENUM: its member, '' for the error member (index 0);
 * - FLOAT: the shortest decimal that round-trips the float32 (what MariaDB prints), not the widened double;
 * - Buffers are copied so a retained value never pins a whole network packet in memory;
 * - undefined becomes null.
 */
export function normalizeValue(value: unknown, column: ColumnMeta | undefined, isJson: boolean): ColumnValue {
  return valueNormalizer(column, isJson)(value);
}

export type ValueNormalizer = (value: unknown) => ColumnValue;

/** normalizeValue for one column, its type parsed once (a reader makes one per column and applies it to every row). */
export function valueNormalizer(column: ColumnMeta | undefined, isJson: boolean): ValueNormalizer {
  const type = column ? baseType(column.mysqlType) : '';
  const charset = TEXT_TYPES.has(type) ? column?.charset : undefined;
  const float = type === 'float';
  return (value) => {
    if (value === undefined || value === null) return null;
    if (isJson) return jsonText(value);
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return float ? shortestFloat32(value) : value;
    if (Buffer.isBuffer(value)) {
      if (type === 'uuid') return formatUuid(value);
      if (type === 'inet4') return formatInet4(value);
      if (type === 'inet6') return formatInet6(value);
      if (charset) return decodeText(value, charset);
      return Buffer.from(value);
    }
    if (value instanceof Date) return formatDate(value);
    if (Array.isArray(value)) return value.map(String).join(',');
    if (typeof value === 'bigint' || typeof value === 'boolean') return value;
    // Anything else (a parsed JSON document from a MySQL 8 binlog) is carried as JSON text.
    return JSON.stringify(value, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  };
}

const TEXT_TYPES = new Set(['char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext', 'enum', 'set']);

function jsonText(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'string') return value;
  return JSON.stringify(value, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

/** MariaDB UUID text: 8-4-4-4-12 lower-case hex of the 16 bytes (short values are zero-padded). */
export function formatUuid(b: Buffer): string {
  const hex = Buffer.concat([b, Buffer.alloc(Math.max(0, 16 - b.length))]).subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function formatInet4(b: Buffer): string {
  const p = Buffer.concat([b, Buffer.alloc(Math.max(0, 4 - b.length))]);
  return `${p[0]}.${p[1]}.${p[2]}.${p[3]}`;
}

/**
 * MariaDB INET6 text (plugin/type_inet Inet6::to_string): IPv4-compatible and IPv4-mapped addresses
 * end in dotted quad; otherwise groups in lower-case hex without leading zeros, the longest run of zero
 * groups written '::' (the first on a tie) even when it is a single group, unlike RFC 5952
 * (checked against the server: 2001:db8:1:0:1:1:1:1 prints as 2001:db8:1::1:1:1:1).
 */
export function formatInet6(b: Buffer): string {
  const p = Buffer.concat([b, Buffer.alloc(Math.max(0, 16 - b.length))]).subarray(0, 16);
  const zero12 = p.subarray(0, 10).every((x) => x === 0);
  const v4 = `${p[12]}.${p[13]}.${p[14]}.${p[15]}`;
  if (zero12 && p[10] === 0xff && p[11] === 0xff) return `::ffff:${v4}`;
  if (zero12 && p[10] === 0 && p[11] === 0) {
    const tail = p.readUInt32BE(12);
    if (tail > 0xffff) return `::${v4}`;
  }
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(p.readUInt16BE(i * 2));
  let bestPos = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestPos = i;
      bestLen = j - i;
    }
    i = j;
  }

  const hex = (g: number) => g.toString(16);
  if (bestPos < 0) return groups.map(hex).join(':');
  const head = groups.slice(0, bestPos).map(hex).join(':');
  const tail = groups.slice(bestPos + bestLen).map(hex).join(':');
  return `${head}::${tail}`;
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
  for (const k in row) {
    const v = row[k];
    n += k.length + 8;
    if (typeof v === 'string') n += v.length;
    else if (Buffer.isBuffer(v)) n += v.length;
    else if (v !== null && typeof v === 'object') n += JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)).length;
    else n += 8;
  }
  return n;
}
