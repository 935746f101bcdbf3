/**
 * SQL for comparing one table's rows on two servers without moving the rows: per key range, a row
 * count and the XOR of a 64-bit digest of every row (order-independent, computed by the server);
 * per row, the key and an MD5 of the compared columns. Column values go through CAST(… AS BINARY)
 * so DECIMAL/temporal/text values digest as the text the server prints, never as a number, and
 * text of different collations never meets in one CONCAT. JSON columns are compacted first (the
 * destination stores the document re-serialized).
 */
import { quoteIdent, qualifiedName } from '../util/sql-identifiers.js';

export interface ComparedColumn {
  /** Name on this side. */
  readonly name: string;
  readonly json: boolean;
}

export interface TableSide {
  readonly database: string;
  readonly table: string;
  /** Key columns on this side, in key order. */
  readonly key: readonly string[];
  /** Compared columns on this side (same order on both sides). */
  readonly columns: readonly ComparedColumn[];
  /** Extra WHERE condition (the object's filter, source side only). */
  readonly filter?: string;
}

export type KeyTuple = readonly unknown[];

/** (lo, hi]: lo undefined = from the start, hi undefined = to the end. */
export interface KeyRange {
  readonly lo?: KeyTuple;
  readonly hi?: KeyTuple;
}

export function rowDigestExpr(side: TableSide): string {
  const parts = side.columns.map((c) => {
    const v = c.json ? `JSON_COMPACT(${quoteIdent(c.name)})` : quoteIdent(c.name);
    return `IF(${quoteIdent(c.name)} IS NULL, '~', CONCAT('=', CAST(${v} AS BINARY)))`;
  });
  return `CONCAT_WS('|', ${parts.join(', ')})`;
}

function tuple(cols: readonly string[]): string {
  return cols.length === 1 ? quoteIdent(cols[0]!) : `(${cols.map(quoteIdent).join(', ')})`;
}

function placeholders(n: number): string {
  return n === 1 ? '?' : `(${Array.from({ length: n }, () => '?').join(', ')})`;
}

export function rangeWhere(side: TableSide, range: KeyRange): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (range.lo) {
    where.push(`${tuple(side.key)} > ${placeholders(side.key.length)}`);
    params.push(...range.lo);
  }
  if (range.hi) {
    where.push(`${tuple(side.key)} <= ${placeholders(side.key.length)}`);
    params.push(...range.hi);
  }
  if (side.filter) where.push(`(${side.filter})`);
  return { sql: where.length ? ` WHERE ${where.join(' AND ')}` : '', params };
}

export function chunkChecksumSql(side: TableSide, range: KeyRange): { sql: string; params: unknown[] } {
  const w = rangeWhere(side, range);
  return {
    sql: `SELECT COUNT(*) AS n, COALESCE(BIT_XOR(CAST(CONV(LEFT(MD5(${rowDigestExpr(side)}), 16), 16, 10) AS UNSIGNED)), 0) AS x FROM ${qualifiedName(side.database, side.table)}${w.sql}`,
    params: w.params,
  };
}

export function rowDigestsSql(side: TableSide, range: KeyRange): { sql: string; params: unknown[] } {
  const w = rangeWhere(side, range);
  return {
    sql: `SELECT ${side.key.map(quoteIdent).join(', ')}, MD5(${rowDigestExpr(side)}) AS __h FROM ${qualifiedName(side.database, side.table)}${w.sql} ORDER BY ${side.key.map(quoteIdent).join(', ')}`,
    params: w.params,
  };
}

export function keyDigestsSql(side: TableSide, keys: readonly KeyTuple[]): { sql: string; params: unknown[] } {
  const where = `${tuple(side.key)} IN (${keys.map(() => placeholders(side.key.length)).join(', ')})`;
  const filter = side.filter ? ` AND (${side.filter})` : '';
  return {
    sql: `SELECT ${side.key.map(quoteIdent).join(', ')}, MD5(${rowDigestExpr(side)}) AS __h FROM ${qualifiedName(side.database, side.table)} WHERE ${where}${filter}`,
    params: keys.flat(),
  };
}

/** Upper bound of the chunk starting after `lo`: the key `size` rows further, or undefined at the end. */
export function nextBoundarySql(side: TableSide, lo: KeyTuple | undefined, size: number): { sql: string; params: unknown[] } {
  const w = rangeWhere(side, lo ? { lo } : {});
  return {
    sql: `SELECT ${side.key.map(quoteIdent).join(', ')} FROM ${qualifiedName(side.database, side.table)}${w.sql} ORDER BY ${side.key.map(quoteIdent).join(', ')} LIMIT 1 OFFSET ${Math.max(0, size - 1)}`,
    params: w.params,
  };
}

/** Digest of every row of a table without a key (compared as a multiset). */
export function allRowDigestsSql(side: TableSide): { sql: string; params: unknown[] } {
  const w = rangeWhere(side, {});
  return { sql: `SELECT MD5(${rowDigestExpr(side)}) AS __h FROM ${qualifiedName(side.database, side.table)}${w.sql}`, params: w.params };
}
