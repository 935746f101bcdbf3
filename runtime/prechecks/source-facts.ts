import type { ObjectSpec } from '../manifest/types.js';
import { queryRows, type QueryConnection } from '../sources/mysql/connection.js';

/**
 * Everything the source prechecks judge, read once from the server with the task's own account.
 * Kept as plain JSON so MySQL-8-only situations (invisible columns, compressed transactions) are
 * unit-tested on recorded fixtures.
 */
export interface SourceFacts {
  readonly version: string;
  /** Lower-case global variable name -> value. */
  readonly variables: Readonly<Record<string, string>>;
  /** SHOW GRANTS lines for the connected account (passwords removed). */
  readonly grants: readonly string[];
  /** Whether the source is itself a replica; undefined when the account may not ask. */
  readonly isReplica?: boolean;
  /** server_ids of replicas connected to the source; undefined when the account may not ask. */
  readonly replicaServerIds?: readonly number[];
  readonly tables: readonly SourceTableFacts[];
  /** Databases named by the selection that do not exist (or are invisible to the account). */
  readonly missingDatabases: readonly string[];
  /** Tables named by the selection that do not exist. */
  readonly missingTables: readonly string[];
  readonly triggers: readonly { database: string; table: string; name: string }[];
  /** Number of table-level objects in the selection. */
  readonly tableLevelObjects: number;
}

export interface SourceTableFacts {
  readonly database: string;
  readonly table: string;
  readonly keyKind: 'primary' | 'unique' | 'none';
  readonly invisibleColumns: readonly string[];
}

const VARIABLES = [
  'version', 'log_bin', 'binlog_format', 'binlog_row_image', 'expire_logs_days', 'binlog_expire_logs_seconds',
  'server_id', 'log_slave_updates', 'log_replica_updates', 'binlog_transaction_compression', 'binlog_row_value_options',
  'binlog_row_metadata', 'gtid_mode',
];

export async function gatherSourceFacts(conn: QueryConnection, objects: readonly ObjectSpec[]): Promise<SourceFacts> {
  const versionRows = await queryRows(conn, 'SELECT VERSION() AS v');
  const version = String(versionRows[0]?.v ?? '');
  const varRows = await queryRows(conn, `SHOW GLOBAL VARIABLES WHERE Variable_name IN (${VARIABLES.map(() => '?').join(',')})`, VARIABLES);
  const variables: Record<string, string> = {};
  for (const r of varRows) variables[String(r.Variable_name).toLowerCase()] = String(r.Value);
  const grantRows = await queryRows(conn, 'SHOW GRANTS');
  const grants = grantRows.map((r) => redactGrant(String(Object.values(r)[0])));

  let isReplica: boolean | undefined;
  try {
    isReplica = (await queryRows(conn, 'SHOW SLAVE STATUS')).length > 0;
  } catch {
    isReplica = undefined;
  }
  let replicaServerIds: number[] | undefined;
  try {
    replicaServerIds = (await queryRows(conn, 'SHOW SLAVE HOSTS')).map((r) => Number(r.Server_id));
  } catch {
    replicaServerIds = undefined;
  }

  const databases = [...new Set(objects.map((o) => o.database))];
  const existingDbs = new Set(
    databases.length === 0
      ? []
      : (await queryRows(conn, `SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (${databases.map(() => '?').join(',')})`, databases)).map((r) => String(r.name)),
  );
  const missingDatabases = databases.filter((d) => !existingDbs.has(d));
  const dbList = [...existingDbs];
  const inList = dbList.map(() => '?').join(',');
  const baseTables = dbList.length
    ? await queryRows(conn, `SELECT TABLE_SCHEMA AS db, TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA IN (${inList})`, dbList)
    : [];
  const exists = new Set(baseTables.map((r) => `${r.db}.${r.name}`));
  const wholeDbs = new Set(objects.filter((o) => o.table === undefined).map((o) => o.database));
  const selected = new Set<string>();
  const missingTables: string[] = [];
  for (const r of baseTables) if (wholeDbs.has(String(r.db))) selected.add(`${r.db}.${r.name}`);
  for (const o of objects) {
    if (o.table === undefined) continue;
    const name = `${o.database}.${o.table}`;
    if (exists.has(name)) selected.add(name);
    else if (existingDbs.has(o.database)) missingTables.push(name);
  }

  const stats = dbList.length
    ? await queryRows(conn, `SELECT TABLE_SCHEMA AS db, TABLE_NAME AS tbl, INDEX_NAME AS idx, NON_UNIQUE AS nonUnique, COLUMN_NAME AS col FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN (${inList})`, dbList)
    : [];
  const cols = dbList.length
    ? await queryRows(conn, `SELECT TABLE_SCHEMA AS db, TABLE_NAME AS tbl, COLUMN_NAME AS col, IS_NULLABLE AS nullable, EXTRA AS extra FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN (${inList})`, dbList)
    : [];
  let triggers: { database: string; table: string; name: string }[] = [];
  try {
    triggers = dbList.length
      ? (await queryRows(conn, `SELECT TRIGGER_SCHEMA AS db, EVENT_OBJECT_TABLE AS tbl, TRIGGER_NAME AS name FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN (${inList})`, dbList)).map((r) => ({
          database: String(r.db),
          table: String(r.tbl),
          name: String(r.name),
        }))
      : [];
  } catch {
    triggers = [];
  }
  const tables = [...selected].sort().map((name) => tableFacts(name, stats, cols));
  return {
    version,
    variables,
    grants,
    ...(isReplica !== undefined ? { isReplica } : {}),
    ...(replicaServerIds !== undefined ? { replicaServerIds } : {}),
    tables,
    missingDatabases,
    missingTables,
    triggers: triggers.filter((t) => selected.has(`${t.database}.${t.table}`)),
    tableLevelObjects: objects.filter((o) => o.table !== undefined).length,
  };
}

function tableFacts(name: string, stats: Record<string, unknown>[], cols: Record<string, unknown>[]): SourceTableFacts {
  const dot = name.indexOf('.');
  const database = name.slice(0, dot);
  const table = name.slice(dot + 1);
  const mine = (r: Record<string, unknown>) => r.db === database && r.tbl === table;
  const columns = cols.filter(mine);
  const notNull = new Set(columns.filter((c) => String(c.nullable).toUpperCase() === 'NO').map((c) => String(c.col)));
  const indexes = new Map<string, { unique: boolean; cols: string[] }>();
  for (const s of stats.filter(mine)) {
    const ix = indexes.get(String(s.idx)) ?? { unique: Number(s.nonUnique) === 0, cols: [] };
    ix.cols.push(String(s.col));
    indexes.set(String(s.idx), ix);
  }
  let keyKind: SourceTableFacts['keyKind'] = 'none';
  if (indexes.has('PRIMARY')) keyKind = 'primary';
  else if ([...indexes.values()].some((ix) => ix.unique && ix.cols.every((c) => notNull.has(c)))) keyKind = 'unique';
  const invisibleColumns = columns.filter((c) => /INVISIBLE/i.test(String(c.extra ?? ''))).map((c) => String(c.col));
  return { database, table, keyKind, invisibleColumns };
}

/** Password hashes never leave the process. */
export function redactGrant(line: string): string {
  return line.replace(/(IDENTIFIED\s+(?:BY|VIA|WITH)\s+.*)$/i, 'IDENTIFIED BY <redacted>');
}
