/**
 * Object-name capitalization in the destination ("Capitalization of Object Names in Destination
 * Instance"), applied to database, table and column names.
 * - 'dts-default': DTS's default policy. For MySQL and RocketMQ destinations it keeps source names.
 * - 'source': keep the source's names.
 * - 'destination-default': the destination's own default. A RocketMQ topic keeps names as they are;
 *   a MySQL destination with lower_case_table_names=1 stores database/table names in lower case
 *   (column names are case-preserving in MySQL either way).
 * - 'lower' / 'upper': every name lower / upper case.
 */
import type { ChangeEvent, ColumnMeta, ColumnValue, Row } from '../events/change-event.js';
import type { Capitalization } from '../manifest/types.js';

export type NameKind = 'database' | 'table' | 'column';

export interface DestinationNaming {
  readonly engine: 'mysql' | 'rocketmq';
  /** MySQL destination's lower_case_table_names (0 when unknown). */
  readonly lowerCaseTableNames?: 0 | 1 | 2;
}

export function capitalize(name: string, kind: NameKind, policy: Capitalization, destination: DestinationNaming): string {
  switch (policy) {
    case 'dts-default': case 'source': return name;
    case 'lower': return name.toLowerCase();
    case 'upper': return name.toUpperCase();
    case 'destination-default':
      return destination.engine === 'mysql' && destination.lowerCaseTableNames === 1 && kind !== 'column'
        ? name.toLowerCase() : name;
  }
}

/** The event with database, table, column and primary-key names capitalized (row keys included). */
export function capitalizeEvent(event: ChangeEvent, policy: Capitalization, destination: DestinationNaming): ChangeEvent {
  if (policy === 'dts-default' || policy === 'source') return event;
  const col = (n: string): string => capitalize(n, 'column', policy, destination);
  const renameRow = (row: Row | undefined): Row | undefined => {
    if (!row) return row;
    const out: Record<string, ColumnValue> = {};
    for (const [k, v] of Object.entries(row)) out[col(k)] = v;
    return out;
  };
  const columns: ColumnMeta[] = event.columns.map((c) => ({ ...c, name: col(c.name) }));
  const before = renameRow(event.before);
  const after = renameRow(event.after);
  return {
    ...event,
    database: capitalize(event.database, 'database', policy, destination),
    ...(event.table !== undefined ? { table: capitalize(event.table, 'table', policy, destination) } : {}),
    ...(before ? { before } : {}),
    ...(after ? { after } : {}),
    primaryKey: event.primaryKey.map(col),
    columns,
  };
}
