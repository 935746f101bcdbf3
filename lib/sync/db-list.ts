import type { Capitalization } from '../../runtime/manifest/types.js';
import type { SyncObject } from './options.js';

/** db_list entry for one database, in the shape the DTS API and alicloud_dts_synchronization_job expect. */
export interface DbListDatabase {
  name: string;
  all: boolean;
  Table?: Record<string, { name: string; all: boolean }>;
}

/**
 * Builds the DTS `db_list` JSON: `{"srcDb":{"name":"dstDb","all":true}}` for whole databases, or
 * `{"srcDb":{"name":"dstDb","all":false,"Table":{"t":{"name":"dstT","all":true}}}}` for tables.
 * A whole-database entry wins over table entries of the same database (all tables are synced);
 * table-level renames are kept in that case.
 */
export function buildDbList(objects: readonly SyncObject[]): Record<string, DbListDatabase> {
  const out: Record<string, DbListDatabase> = {};
  const sorted = [...objects].sort((a, b) => (a.database + '\u0000' + (a.table ?? '')).localeCompare(b.database + '\u0000' + (b.table ?? '')));
  for (const o of sorted) {
    const entry = (out[o.database] ??= { name: o.targetDatabase ?? o.database, all: false });
    if (o.table === undefined) {
      entry.all = true;
      if (o.targetDatabase !== undefined) entry.name = o.targetDatabase;
    } else {
      entry.Table ??= {};
      entry.Table[o.table] = { name: o.targetTable ?? o.table, all: true };
      if (o.targetDatabase !== undefined && entry.name === o.database) entry.name = o.targetDatabase;
    }
  }
  return out;
}

/** DTS Reserve `dbListCaseChangeMode` for each capitalization policy. */
export const CASE_CHANGE_MODE: Readonly<Record<Capitalization, string>> = {
  'dts-default': 'default',
  source: 'source',
  'destination-default': 'dest_default',
  lower: 'dest_lower',
  upper: 'dest_upper',
};
