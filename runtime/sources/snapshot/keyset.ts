import type { ColumnValue } from '../../events/change-event.js';
import { qualifiedName, quoteIdent } from '../mysql/connection.js';
import type { TableMeta } from '../schema/catalog.js';
import { baseType, isExactNumericText } from '../schema/sql-type.js';

export interface ChunkQuery {
  readonly sql: string;
  readonly params: unknown[];
}

/**
 * Keyset pagination (never OFFSET): rows strictly after `lastKey` in key order, at most `limit`.
 * Composite keys use the expanded form (k1 > ?) OR (k1 = ? AND k2 > ?) ..., which every MySQL and
 * MariaDB version turns into an index range scan. `filter` is an optional WHERE fragment pushed down.
 */
export function buildChunkQuery(meta: TableMeta, lastKey: readonly ColumnValue[] | undefined, limit: number, filter?: string, select?: string): ChunkQuery {
  // FLOAT widened to DOUBLE: the text protocol prints a FLOAT with 6 significant digits (16777216 as
  // 1.67772e7), the DOUBLE of it exactly; values.ts brings it back to the shortest float32 text.
  const cols = select ?? meta.columns.map((c) => (baseType(c.mysqlType) === 'float' ? `CAST(${quoteIdent(c.name)} AS DOUBLE) AS ${quoteIdent(c.name)}` : quoteIdent(c.name))).join(', ');
  const key = meta.primaryKey;
  const where: string[] = [];
  const params: unknown[] = [];
  if (lastKey && key.length > 0) {
    if (lastKey.length !== key.length) {
      throw new Error(`${meta.database}.${meta.table}: checkpoint key has ${lastKey.length} values but the key (${key.join(', ')}) has ${key.length} columns`);
    }
    // DECIMAL/BIGINT keys carried as exact text are compared as numeric literals: bound as strings,
    // MySQL would compare them as DOUBLE and skip rows after each chunk boundary beyond ~15 digits.
    const byName = new Map(meta.columns.map((c) => [c.name, c]));
    const operand = (k: string, v: ColumnValue): string => {
      if (isExactNumericText(v, byName.get(k)?.mysqlType)) return v;
      params.push(v);
      return '?';
    };
    const ors: string[] = [];
    for (let i = 0; i < key.length; i++) {
      const ands: string[] = [];
      for (let j = 0; j < i; j++) ands.push(`${quoteIdent(key[j]!)} = ${operand(key[j]!, lastKey[j]!)}`);
      ands.push(`${quoteIdent(key[i]!)} > ${operand(key[i]!, lastKey[i]!)}`);
      ors.push(ands.length === 1 ? ands[0]! : `(${ands.join(' AND ')})`);
    }
    where.push(ors.length === 1 ? ors[0]! : `(${ors.join(' OR ')})`);
  }
  if (filter && filter.trim() !== '') where.push(`(${filter})`);
  const order = key.length > 0 ? ` ORDER BY ${key.map(quoteIdent).join(', ')}` : '';
  const lim = key.length > 0 ? ` LIMIT ${Math.max(1, Math.floor(limit))}` : '';
  const sql = `SELECT ${cols} FROM ${qualifiedName(meta.database, meta.table)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}${order}${lim}`;
  return { sql, params };
}

/** The most bytes a column's value can take, as declared (Infinity for BLOB, TEXT, JSON, geometry). */
function declaredBytes(mysqlType: string): number {
  const t = mysqlType.toLowerCase();
  if (/^(tiny|medium|long)?(blob|text)\b|^json\b|^(geometry|point|linestring|polygon|multi\w+|geometrycollection)\b/.test(t)) return Infinity;
  const n = /^(var)?(char|binary)\((\d+)\)/.exec(t);
  if (n) return Number(n[3]) * (n[2] === 'char' ? 4 : 1) + 2;
  if (/^(enum|set)\(/.test(t)) return t.length;
  return 16;
}

/**
 * The size probe of a chunk whose rows may be large (a chunk of `limit` rows could pass `maxBytes`
 * by the columns' declared sizes): the key and the byte length of each of the next `probeRows` rows, so
 * the read can stop at `maxBytes` (FULL_SYNC_CHUNK_BYTES). undefined when the declared sizes already fit.
 */
export function buildSizeProbe(meta: TableMeta, lastKey: readonly ColumnValue[] | undefined, limit: number, maxBytes: number, filter?: string, probeRows = limit): ChunkQuery | undefined {
  if (meta.primaryKey.length === 0) return undefined;
  let fixed = 0;
  let declared = 0;
  const wide: string[] = [];
  for (const c of meta.columns) {
    const bytes = declaredBytes(c.mysqlType);
    declared += bytes;
    if (bytes > 256) wide.push(`COALESCE(LENGTH(${quoteIdent(c.name)}), 0)`);
    else fixed += bytes;
  }
  if (declared * limit <= maxBytes) return undefined;
  const size = `${fixed} + ${wide.join(' + ')} AS ${quoteIdent(SIZE_COLUMN)}`;
  return buildChunkQuery(meta, lastKey, Math.min(limit, probeRows), filter, `${meta.primaryKey.map(quoteIdent).join(', ')}, ${size}`);
}

export const SIZE_COLUMN = '__dts_row_bytes';

/** How many of the probed rows (in key order) fit in `maxBytes`: at least one. */
export function rowsWithin(sizes: readonly number[], maxBytes: number): number {
  let total = 0;
  for (let i = 0; i < sizes.length; i++) {
    total += sizes[i]!;
    if (total > maxBytes) return Math.max(1, i);
  }
  return sizes.length;
}
