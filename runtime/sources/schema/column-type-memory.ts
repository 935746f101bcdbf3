/**
 * The column-type memory (state/types.ts ColumnTypeMemory): the types the binlog cannot tell, kept
 * by table and column name for as long as the task runs. The live catalog describes a table as it
 * is now; a row event written before a RENAME or DROP COLUMN and read again after a restart names a
 * column the catalog no longer has, and without this its UUID would arrive as 16 storage bytes.
 * A name dropped and added again with another type keeps its newest type.
 */
import type { ColumnTypeMemory } from '../../state/types.js';
import type { TableMeta } from './catalog.js';
import { baseType } from './sql-type.js';

/** Base types whose binlog value is storage bytes that only the declared type turns into text. */
const AMBIGUOUS = new Set(['uuid', 'inet4', 'inet6']);

/** The part of one table's catalog entry worth remembering ({} when none). */
export function ambiguousColumnTypes(meta: TableMeta): ColumnTypeMemory {
  const cols: Record<string, string> = {};
  for (const c of meta.columns) if (AMBIGUOUS.has(baseType(c.mysqlType))) cols[c.name] = c.mysqlType;
  return Object.keys(cols).length ? { [`${meta.database}.${meta.table}`]: cols } : {};
}

/** b's entries over a's; undefined when both are empty. */
export function mergeColumnTypes(a: ColumnTypeMemory | undefined, b: ColumnTypeMemory | undefined): ColumnTypeMemory | undefined {
  const out: Record<string, Record<string, string>> = {};
  for (const m of [a, b]) for (const [table, cols] of Object.entries(m ?? {})) out[table] = { ...out[table], ...cols };
  return Object.keys(out).length ? out : undefined;
}
