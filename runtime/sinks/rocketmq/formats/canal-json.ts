/**
 * Canal JSON (Canal's FlatMessage, as DTS writes it to RocketMQ). One message carries the rows of
 * one table and one change type from one binlog event (see pack.ts); schemas/canal-json.schema.json
 * is its JSON Schema.
 *
 * Fields: data (rows, after image; the before image for DELETE), old (UPDATE only: per row the
 * changed columns' previous values, or the whole before image with synchronize-all-fields),
 * database, table ("" for DDL tied to no table), es (source commit ms), ts (ms when the message was
 * built), id (task sequence of the first row), isDdl, mysqlType (column -> type text), sqlType
 * (column -> java.sql.Types code), pkNames (null when the table has no key), sql ("" for DML),
 * type (INSERT/UPDATE/DELETE; DDL as Canal names it: CREATE, ALTER, ERASE, RENAME, TRUNCATE,
 * CINDEX, DINDEX, QUERY), gtid ("" when the server has none).
 * Full-sync rows are type INSERT (Canal has no snapshot type; some vendors write INIT, DTS INSERT).
 *
 * Values are strings as Canal writes them, NULL as null:
 * - DECIMAL, BIGINT UNSIGNED: the exact decimal text; DATETIME(6)/TIME(6): with microseconds;
 * - BIT: its unsigned number in decimal ("5" for b'101'); SET: "a,b"; ENUM: its text;
 * - JSON: its JSON text exactly as stored (the text 'null' is the string "null", SQL NULL is null);
 * - UUID, INET4, INET6: their text; YEAR: four digits ("0000" for the zero year); DOUBLE -0: "-0";
 * - BINARY/VARBINARY/BLOB and spatial types (SRID + WKB): ISO-8859-1 text of the bytes, as Canal does (each byte one character
 *   U+0000..U+00FF, so a consumer gets the bytes back with getBytes("ISO-8859-1") or
 *   Buffer.from(s, 'latin1')). Also stated in schemas/canal-json.schema.json.
 */
import type { ChangeEvent, ColumnMeta, ColumnValue, Row } from '../../../events/change-event.js';
import { canalDdlType } from '../../../transforms/ddl.js';

export type CanalValue = string | null;

export interface CanalMessage {
  data: Record<string, CanalValue>[] | null;
  database: string;
  es: number;
  gtid: string;
  id: number;
  isDdl: boolean;
  mysqlType: Record<string, string> | null;
  old: Record<string, CanalValue>[] | null;
  pkNames: string[] | null;
  sql: string;
  sqlType: Record<string, number> | null;
  table: string;
  ts: number;
  type: string;
}

export interface CanalOptions {
  /** `old` carries the whole before image instead of the changed columns. */
  readonly syncAllFields: boolean;
  /** Clock for `ts` (tests). */
  readonly now?: () => number;
}

/** What canalValue needs to know of a column's type, worked out once per column (a hot path). */
type ValueKind = 'json' | 'bit' | 'year' | 'plain';
const KINDS = new WeakMap<ColumnMeta, ValueKind>();
function kindOf(meta: ColumnMeta | undefined): ValueKind {
  if (meta === undefined) return 'plain';
  let kind = KINDS.get(meta);
  if (kind === undefined) {
    kind = /^json\b/i.test(meta.mysqlType) ? 'json' : /^bit\b/i.test(meta.mysqlType) ? 'bit' : /^year\b/i.test(meta.mysqlType) ? 'year' : 'plain';
    KINDS.set(meta, kind);
  }
  return kind;
}

function bytesToUnsigned(b: Buffer): bigint {
  let n = 0n;
  for (const byte of b) n = (n << 8n) | BigInt(byte);
  return n;
}

/** One column value as Canal writes it. */
export function canalValue(value: ColumnValue | undefined, meta: ColumnMeta | undefined): CanalValue {
  if (value === null || value === undefined) return null;
  // A JSON column's value is already its JSON text (runtime/sources/mysql/values.ts): carried as is.
  if (typeof value === 'string') return value;
  const kind = kindOf(meta);
  if (kind === 'json' && !Buffer.isBuffer(value)) return JSON.stringify(jsonable(value));
  if (Buffer.isBuffer(value)) return kind === 'bit' ? bytesToUnsigned(value).toString() : value.toString('latin1');
  // YEAR as MySQL prints it: four digits, 0000 for the zero year (never 1900, never "0").
  if (typeof value === 'number' && kind === 'year') return String(value).padStart(4, '0');
  switch (typeof value) {
    case 'number': return Number.isFinite(value) ? (Object.is(value, -0) ? '-0' : String(value)) : null;
    case 'bigint': return value.toString();
    case 'boolean': return value ? '1' : '0';
    default: break;
  }
  if (Array.isArray(value)) return value.join(',');
  return JSON.stringify(jsonable(value));
}

function jsonable(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (Buffer.isBuffer(v)) return v.toString('latin1');
  if (Array.isArray(v)) return v.map(jsonable);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonable(x)]));
  return v;
}

function sameValue(a: ColumnValue | undefined, b: ColumnValue | undefined): boolean {
  if (a === b) return typeof a !== 'number' || Object.is(a, b);
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  if (typeof a === 'object' && typeof b === 'object') return JSON.stringify(jsonable(a)) === JSON.stringify(jsonable(b));
  return false;
}

function rowToCanal(row: Row, columns: readonly ColumnMeta[], byName: Map<string, ColumnMeta>): Record<string, CanalValue> {
  const out: Record<string, CanalValue> = {};
  // Column order first (stable, as Canal writes), then any value without metadata.
  for (const c of columns) if (Object.prototype.hasOwnProperty.call(row, c.name)) out[c.name] = canalValue(row[c.name], c);
  for (const [k, v] of Object.entries(row)) if (!(k in out)) out[k] = canalValue(v, byName.get(k));
  return out;
}

function oldImage(before: Row, after: Row, all: boolean, columns: readonly ColumnMeta[], byName: Map<string, ColumnMeta>): Record<string, CanalValue> {
  if (all) return rowToCanal(before, columns, byName);
  const out: Record<string, CanalValue> = {};
  for (const [k, v] of Object.entries(before)) if (!sameValue(v, after[k])) out[k] = canalValue(v, byName.get(k));
  return out;
}

const DML_TYPE = { insert: 'INSERT', update: 'UPDATE', delete: 'DELETE' } as const;

/**
 * Encode events of one table, one kind, as one Canal message. DML events must share database,
 * table and kind (pack.ts groups them); a DDL is always a message of its own.
 */
/** Per column list (one per table schema version): the name map and the JSON of mysqlType and sqlType. */
interface ColumnsInfo {
  readonly byName: Map<string, ColumnMeta>;
  readonly mysqlType: Record<string, string>;
  readonly sqlType: Record<string, number>;
  readonly mysqlTypeJson: string;
  readonly sqlTypeJson: string;
}
const COLUMNS = new WeakMap<readonly ColumnMeta[], ColumnsInfo>();
function columnsInfo(columns: readonly ColumnMeta[]): ColumnsInfo {
  let info = COLUMNS.get(columns);
  if (!info) {
    const mysqlType = Object.fromEntries(columns.map((c) => [c.name, c.mysqlType]));
    const sqlType = Object.fromEntries(columns.map((c) => [c.name, c.sqlType]));
    info = { byName: new Map(columns.map((c) => [c.name, c])), mysqlType, sqlType, mysqlTypeJson: JSON.stringify(mysqlType), sqlTypeJson: JSON.stringify(sqlType) };
    COLUMNS.set(columns, info);
  }
  return info;
}

function checkSameTable(events: readonly ChangeEvent[], first: ChangeEvent): void {
  for (const e of events) {
    if (e.kind !== first.kind || e.database !== first.database || e.table !== first.table) {
      throw new Error(`toCanalMessage: mixed events (${first.kind} ${first.database}.${first.table} with ${e.kind} ${e.database}.${e.table})`);
    }
  }
}

export function toCanalMessage(events: readonly ChangeEvent[], options: CanalOptions): CanalMessage {
  const first = events[0];
  if (!first) throw new Error('toCanalMessage: no events to encode');
  const ts = (options.now ?? Date.now)();
  const base = { database: first.database, es: first.commitTime, gtid: first.position.gtid ?? '', id: first.seq, ts };
  if (first.kind === 'ddl') {
    if (events.length !== 1) throw new Error('toCanalMessage: a DDL is encoded on its own');
    return {
      ...base, data: null, isDdl: true, mysqlType: null, old: null, pkNames: null, sql: first.sql ?? '', sqlType: null,
      table: first.table ?? '', type: canalDdlType(first.ddlOperation ?? ''),
    };
  }
  checkSameTable(events, first);
  const columns = first.columns;
  const info = columnsInfo(columns);
  const data = events.map((e) => rowToCanal((first.kind === 'delete' ? e.before : e.after) ?? {}, columns, info.byName));
  const old = first.kind === 'update'
    ? events.map((e) => oldImage(e.before ?? {}, e.after ?? {}, options.syncAllFields, columns, info.byName))
    : null;
  return {
    ...base,
    data,
    isDdl: false,
    mysqlType: { ...info.mysqlType },
    old,
    pkNames: first.primaryKey.length ? [...first.primaryKey] : null,
    sql: '',
    sqlType: { ...info.sqlType },
    table: first.table ?? '',
    type: DML_TYPE[first.kind],
  };
}

/**
 * The bytes of toCanalMessage's JSON, built without the intermediate object for DML (the per-table
 * parts are serialized once per schema): the same text, key for key (a unit test holds them equal).
 */
export function encodeCanalJson(events: readonly ChangeEvent[], options: CanalOptions): Buffer {
  const first = events[0];
  if (!first || first.kind === 'ddl') return Buffer.from(JSON.stringify(toCanalMessage(events, options)), 'utf8');
  checkSameTable(events, first);
  const columns = first.columns;
  const info = columnsInfo(columns);
  let data = '[';
  let old = first.kind === 'update' ? '[' : 'null';
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (i > 0) data += ',';
    data += JSON.stringify(rowToCanal((first.kind === 'delete' ? e.before : e.after) ?? {}, columns, info.byName));
    if (first.kind === 'update') old += (i > 0 ? ',' : '') + JSON.stringify(oldImage(e.before ?? {}, e.after ?? {}, options.syncAllFields, columns, info.byName));
  }
  data += ']';
  if (first.kind === 'update') old += ']';
  const ts = (options.now ?? Date.now)();
  const text =
    `{"database":${JSON.stringify(first.database)},"es":${JSON.stringify(first.commitTime)},"gtid":${JSON.stringify(first.position.gtid ?? '')},` +
    `"id":${JSON.stringify(first.seq)},"ts":${JSON.stringify(ts)},"data":${data},"isDdl":false,"mysqlType":${info.mysqlTypeJson},"old":${old},` +
    `"pkNames":${first.primaryKey.length ? JSON.stringify(first.primaryKey) : 'null'},"sql":"","sqlType":${info.sqlTypeJson},` +
    `"table":${JSON.stringify(first.table ?? '')},"type":"${DML_TYPE[first.kind]}"}`;
  return Buffer.from(text, 'utf8');
}
