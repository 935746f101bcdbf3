/**
 * A merged batch -> the multi-row statements of one destination transaction.
 *
 * Per table: first the deletes (`DELETE … WHERE key IN (…)`), then the upserts of final rows.
 * - Tables whose only unique index is the key: `INSERT … ON DUPLICATE KEY UPDATE` (an existing row
 *   is updated in place; destination-only columns keep their values).
 * - Tables with another UNIQUE index: `REPLACE`. ON DUPLICATE KEY UPDATE would update whichever row
 *   holds a conflicting unique value (another key's row: silent corruption), and plain inserts fail
 *   when a batch swaps unique values between rows. REPLACE deletes every row the new row conflicts
 *   with: since the batch's final rows are the source's state at the batch end (where unique values
 *   are unique), the rows it deletes are exactly the stale images that the batch itself replaces.
 * Keyless tables replay their changes in order, one statement each, addressing whole rows.
 * Values are SQL literals, except a binary or text value of PARAM_BYTES or more: it travels as a
 * parameter of a prepared statement (binary protocol: its bytes, or its text as utf8mb4, as they are)
 * instead of a literal (hex twice its size, or escaped) copied again into the statement's text.
 */
import type { Row } from '../../events/change-event.js';
import type { QueryConnection } from '../../sources/mysql/connection.js';
import type { Batch, TableBatch } from './batch.js';
import type { RowChange } from './event-mapper.js';
import type { TableName } from './naming.js';
import { keyLiteral, sqlLiteral } from './sql-literal.js';
import { quoteIdent, qualifiedName } from '../../util/sql-identifiers.js';

export interface DestinationTableInfo {
  /** Column lists of every UNIQUE index (PRIMARY included). */
  readonly uniqueIndexes: readonly (readonly string[])[];
  readonly exists: boolean;
  /** Generated (VIRTUAL/STORED) columns: the destination computes them, a write is an error. */
  readonly generated?: ReadonlySet<string>;
  /** Every column of the destination table. */
  readonly columns?: ReadonlySet<string>;
}

export interface StatementLimits {
  readonly maxRowsPerStatement: number;
  readonly maxStatementBytes: number;
}

export const DEFAULT_LIMITS: StatementLimits = { maxRowsPerStatement: 1000, maxStatementBytes: 4 * 1024 * 1024 };

/** A binary or text value at least this large (bytes, or UTF-16 code units) is a statement parameter, not a literal. */
export const PARAM_BYTES = 16 * 1024;

export type StatementParam = Buffer | string;

export interface PlannedStatement {
  readonly sql: string;
  /** Values of the statement's `?` placeholders, in order (large values). */
  readonly params?: readonly StatementParam[];
  /** Rows the statement carries, for counters. */
  readonly rows: number;
  readonly table: string;
}

/** The statements of a batch, in order; built one at a time, so a batch of large rows is never rendered at once. */
export function* planStatements(batch: Batch, info: (t: TableName) => DestinationTableInfo, limits: StatementLimits = DEFAULT_LIMITS): Generator<PlannedStatement> {
  for (const tb of batch.tables.values()) {
    if (tb.key.length === 0) {
      for (const change of tb.ordered) yield keylessStatement(tb, change, info(tb.table).generated);
      continue;
    }
    const name = qualifiedName(tb.table.database, tb.table.table);
    const label = `${tb.table.database}.${tb.table.table}`;
    const deletes: Row[] = [];
    const upserts: Row[] = [];
    for (const f of tb.finals.values()) (f.row === null ? deletes.push(f.keyRow) : upserts.push(f.row));
    for (const chunk of chunks(deletes, limits, (r) => ({ text: keyTuple(r, tb.key, tb) }))) {
      const where = tb.key.length === 1 ? `${quoteIdent(tb.key[0]!)} IN (${chunk.text})` : `(${tb.key.map(quoteIdent).join(', ')}) IN (${chunk.text})`;
      yield { sql: `DELETE FROM ${name} WHERE ${where}`, rows: chunk.count, table: label };
    }
    const replace = hasOtherUniqueIndex(info(tb.table), tb.key);
    // Rows with the same column set share statements (all of them, unless a DDL changed the shape).
    const byShape = new Map<string, Row[]>();
    const generated = info(tb.table).generated;
    if (tb.uniform && !generated?.size) byShape.set('', upserts);
    else {
      for (const full of upserts) {
        const r = generated?.size ? withoutColumns(full, generated) : full;
        const shape = Object.keys(r).join('\u0000');
        const list = byShape.get(shape) ?? [];
        list.push(r);
        byShape.set(shape, list);
      }
    }
    for (const rows of byShape.values()) {
      const cols = Object.keys(rows[0]!);
      const colList = cols.map(quoteIdent).join(', ');
      const tail = replace ? '' : ` ON DUPLICATE KEY UPDATE ${updateList(cols, tb.key)}`;
      const errorMember = enumErrorMemberColumns(tb.columns);
      const json = cols.map((c) => tb.jsonColumns.has(c));
      const render = (r: Row): Part => {
        let params: StatementParam[] | undefined;
        let text = '(';
        for (let i = 0; i < cols.length; i++) {
          const v = r[cols[i]!];
          if (i > 0) text += ', ';
          if ((Buffer.isBuffer(v) || typeof v === 'string') && v.length >= PARAM_BYTES) {
            (params ??= []).push(v);
            text += '?';
          } else text += sqlLiteral(v, json[i]);
        }
        text += ')';
        return params ? { text, params } : { text };
      };
      for (const chunk of chunks(rows, limits, render, (r) => errorMember.some((c) => r[c] === ''))) {
        const sql = `${replace ? 'REPLACE' : 'INSERT'} INTO ${name} (${colList}) VALUES ${chunk.text}${tail}`;
        yield { sql: chunk.lenient ? lenient(sql) : sql, rows: chunk.count, table: label, ...(chunk.params.length > 0 ? { params: chunk.params } : {}) };
      }
    }
  }
}

export function batchStatements(batch: Batch, info: (t: TableName) => DestinationTableInfo, limits: StatementLimits = DEFAULT_LIMITS): PlannedStatement[] {
  return [...planStatements(batch, info, limits)];
}

function updateList(cols: readonly string[], key: readonly string[]): string {
  const nonKey = cols.filter((c) => !key.includes(c));
  // A row made only of key columns still needs a no-op assignment for the syntax.
  const set = nonKey.length ? nonKey : [key[0]!];
  return set.map((c) => `${quoteIdent(c)} = VALUES(${quoteIdent(c)})`).join(', ');
}

export function hasOtherUniqueIndex(info: DestinationTableInfo, key: readonly string[]): boolean {
  return info.uniqueIndexes.some((ix) => ix.length !== key.length || !ix.every((c) => key.some((k) => k.toLowerCase() === c.toLowerCase())));
}

function keyTuple(row: Row, key: readonly string[], tb: TableBatch): string {
  const vals = key.map((k) => keyLiteral(row[k], tb.columns.find((c) => c.name === k)));
  return key.length === 1 ? vals[0]! : `(${vals.join(', ')})`;
}

/** One row's (or key's) text in a statement, with the values of its placeholders. */
interface Part {
  readonly text: string;
  readonly params?: readonly StatementParam[];
}

/**
 * Groups rendered parts into statements of at most maxRowsPerStatement parts and maxStatementBytes
 * (text and parameters): `text` is the parts joined by ", ". Appended as they are rendered (no array
 * of parts joined afterwards: half the cost of rendering a full-sync chunk).
 */
function* chunks<T>(
  items: readonly T[],
  limits: StatementLimits,
  render: (item: T) => Part,
  needsLenient: (item: T) => boolean = () => false,
): Generator<{ text: string; count: number; params: StatementParam[]; lenient: boolean }> {
  let text = '';
  let count = 0;
  let params: StatementParam[] = [];
  let bytes = 0;
  let isLenient = false;
  for (const item of items) {
    const part = render(item);
    const size = part.text.length + (part.params?.reduce((n, b) => n + b.length, 0) ?? 0);
    if (count > 0 && (count >= limits.maxRowsPerStatement || bytes + size > limits.maxStatementBytes)) {
      yield { text, count, params, lenient: isLenient };
      text = '';
      count = 0;
      params = [];
      bytes = 0;
      isLenient = false;
    }
    text = count === 0 ? part.text : text + ', ' + part.text;
    count++;
    if (part.params) params.push(...part.params);
    bytes += size + 2;
    isLenient ||= needsLenient(item);
  }
  if (count > 0) yield { text, count, params, lenient: isLenient };
}

/**
 * ENUM columns without a '' member: their '' is the error member (index 0) that a non-strict source
 * session stored. The strict apply session refuses it, so statements carrying one run with the
 * source's leniency for that statement only (MariaDB SET STATEMENT), and store index 0 as the source did.
 */
export function enumErrorMemberColumns(columns: readonly { name: string; mysqlType: string }[]): string[] {
  let found = errorMemberCache.get(columns);
  if (!found) {
    found = columns.filter((c) => /^enum\(/i.test(c.mysqlType) && !/[(,]''[,)]/.test(c.mysqlType)).map((c) => c.name);
    errorMemberCache.set(columns, found);
  }
  return found;
}

// Per column list (one object per table definition): a keyless table applies change by change.
const errorMemberCache = new WeakMap<readonly object[], string[]>();

function lenient(sql: string): string {
  return `SET STATEMENT sql_mode = 'NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION' FOR ${sql}`;
}

/** One change of a table without a key: whole-row INSERT / DELETE … LIMIT 1 / UPDATE … LIMIT 1. */
function withoutColumns(row: Row, drop: ReadonlySet<string>): Row {
  return Object.fromEntries(Object.entries(row).filter(([c]) => !drop.has(c)));
}

function keylessStatement(tb: TableBatch, original: RowChange, generated?: ReadonlySet<string>): PlannedStatement {
  const change = generated?.size
    ? { ...original, ...(original.before ? { before: withoutColumns(original.before, generated) } : {}), ...(original.after ? { after: withoutColumns(original.after, generated) } : {}) }
    : original;
  const name = qualifiedName(tb.table.database, tb.table.table);
  const label = `${tb.table.database}.${tb.table.table}`;
  const lit = (row: Row, c: string) => sqlLiteral(row[c], tb.jsonColumns.has(c));
  const where = (row: Row) => Object.keys(row).map((c) => `${quoteIdent(c)} <=> ${lit(row, c)}`).join(' AND ');
  const errorMember = enumErrorMemberColumns(tb.columns);
  const maybeLenient = (sql: string, row: Row) => (errorMember.some((c) => row[c] === '') ? lenient(sql) : sql);
  if (change.op === 'upsert') {
    const row = change.after!;
    const cols = Object.keys(row);
    return { sql: maybeLenient(`INSERT INTO ${name} (${cols.map(quoteIdent).join(', ')}) VALUES (${cols.map((c) => lit(row, c)).join(', ')})`, row), rows: 1, table: label };
  }
  if (change.op === 'delete') return { sql: `DELETE FROM ${name} WHERE ${where(change.before!)} LIMIT 1`, rows: 1, table: label };
  const after = change.after!;
  const set = Object.keys(after).map((c) => `${quoteIdent(c)} = ${lit(after, c)}`).join(', ');
  return { sql: maybeLenient(`UPDATE ${name} SET ${set} WHERE ${where(change.before!)} LIMIT 1`, after), rows: 1, table: label };
}

/** Unique indexes of destination tables, read from information_schema and cached until a DDL. */
export class DestinationTables {
  private readonly cache = new Map<string, DestinationTableInfo>();

  constructor(private readonly conn: () => QueryConnection) {}

  get(t: TableName): DestinationTableInfo | undefined {
    return this.cache.get(`${t.database}\u0000${t.table}`);
  }

  /** Loads what `get` will need for every table of the batch (on `via`, default the sink's connection). */
  async load(tables: Iterable<TableName>, via?: QueryConnection): Promise<void> {
    for (const t of tables) {
      const key = `${t.database}\u0000${t.table}`;
      if (this.cache.has(key)) continue;
      const conn = via ?? this.conn();
      const [rows] = (await conn.query(
        `SELECT INDEX_NAME AS ix, COLUMN_NAME AS col FROM information_schema.STATISTICS
          WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND NON_UNIQUE = 0 ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
        [t.database, t.table],
      )) as unknown as [{ ix: string; col: string }[]];
      const byIndex = new Map<string, string[]>();
      for (const r of rows) byIndex.set(r.ix, [...(byIndex.get(r.ix) ?? []), r.col]);
      const [cols] = (await conn.query(
        "SELECT COLUMN_NAME AS col, (EXTRA LIKE '%GENERATED%' OR EXTRA IN ('VIRTUAL', 'PERSISTENT', 'STORED')) AS gen FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
        [t.database, t.table],
      )) as unknown as [{ col: string; gen: number | string }[]];
      this.cache.set(key, {
        uniqueIndexes: [...byIndex.values()],
        exists: true,
        generated: new Set(cols.filter((c) => Number(c.gen) === 1).map((c) => c.col)),
        columns: new Set(cols.map((c) => c.col)),
      });
    }
  }

  invalidate(): void {
    this.cache.clear();
  }
}
