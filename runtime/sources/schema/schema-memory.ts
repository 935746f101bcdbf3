/**
 * The schema memory (state/types.ts SchemaMemory): what the binlog reader must know of a table that
 * the live catalog may no longer tell. The catalog describes a table as it is now; a change written
 * before a RENAME TABLE, RENAME COLUMN or DROP COLUMN and read again after a restart (or while the
 * engine lags behind) names a table or columns the catalog no longer has. Without the memory its row
 * would arrive keyless (no message key, the global message group) and its UUID as storage bytes.
 * Kept by table name, following RENAME TABLE in binlog order, and saved with every checkpoint.
 * A column name dropped and added again with another type keeps its newest type.
 */
import type { SchemaMemory, TableMemory } from '../../state/types.js';
import type { TableMeta } from './catalog.js';
import { baseType } from './sql-type.js';

/** Base types whose binlog value is storage bytes that only the declared type turns into text. */
const AMBIGUOUS = new Set(['uuid', 'inet4', 'inet6']);

const tableKey = (database: string, table: string) => `${database}.${table}`;

/** One table's catalog entry, reduced to what is worth remembering. */
export function rememberTable(memory: SchemaMemory | undefined, meta: TableMeta): SchemaMemory {
  const key = tableKey(meta.database, meta.table);
  const types: Record<string, string> = { ...memory?.[key]?.types };
  for (const c of meta.columns) if (AMBIGUOUS.has(baseType(c.mysqlType))) types[c.name] = c.mysqlType;
  const entry: TableMemory = { key: [...meta.primaryKey], ...(Object.keys(types).length ? { types } : {}) };
  return { ...memory, [key]: entry };
}

/** RENAME TABLE from -> to, in binlog order: the table keeps what was known of it. */
export function renameTable(memory: SchemaMemory | undefined, from: { database: string; table: string }, to: { database: string; table: string }): SchemaMemory | undefined {
  const known = memory?.[tableKey(from.database, from.table)];
  if (!known) return memory;
  // Types the catalog already showed under the new name (a lagging reader) are kept too.
  const later = memory?.[tableKey(to.database, to.table)]?.types;
  const types = { ...later, ...known.types };
  return { ...memory, [tableKey(to.database, to.table)]: { key: known.key, ...(Object.keys(types).length ? { types } : {}) } };
}

export function recall(memory: SchemaMemory | undefined, database: string, table: string): TableMemory | undefined {
  return memory?.[tableKey(database, table)];
}

/** b's tables over a's; undefined when both are empty. */
export function mergeMemory(a: SchemaMemory | undefined, b: SchemaMemory | undefined): SchemaMemory | undefined {
  const out = { ...a, ...b };
  return Object.keys(out).length ? out : undefined;
}
