/**
 * The source objects a task selects, read from information_schema with the source account's SELECT
 * privilege: databases, base tables, views, routines and triggers.
 */
import type { TaskSpec } from '../../manifest/types.js';
import { queryRows, type QueryConnection } from '../../sources/mysql/connection.js';
import type { TableRef } from '../../transforms/ddl.js';
import type { TableRouting } from './routing.js';

export interface SourceObjects {
  readonly databases: readonly string[];
  readonly tables: readonly TableRef[];
  /** Views of databases selected as a whole. */
  readonly views: readonly TableRef[];
  readonly routines: readonly { readonly database: string; readonly name: string; readonly type: 'PROCEDURE' | 'FUNCTION' }[];
  readonly triggers: readonly { readonly database: string; readonly name: string; readonly table: string }[];
  /** information_schema.TRIGGERS shows only triggers the account holds TRIGGER on (not in the seed's grants). */
  readonly triggersVisible: boolean;
}

export async function listSourceObjects(conn: QueryConnection, task: TaskSpec, routing: TableRouting): Promise<SourceObjects> {
  const databases = [...new Set(task.objects.map((o) => o.database))];
  const wholeDatabases = new Set(task.objects.filter((o) => o.table === undefined).map((o) => o.database));
  if (databases.length === 0) return { databases, tables: [], views: [], routines: [], triggers: [], triggersVisible: true };
  const marks = databases.map(() => '?').join(', ');
  const tableRows = await queryRows(
    conn,
    `SELECT TABLE_SCHEMA AS db, TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES
      WHERE TABLE_SCHEMA IN (${marks}) ORDER BY TABLE_SCHEMA, TABLE_NAME`,
    databases,
  );
  const tables: TableRef[] = [];
  const views: TableRef[] = [];
  for (const r of tableRows) {
    const ref = { database: String(r.db), table: String(r.name) };
    if (String(r.type) === 'VIEW') {
      if (wholeDatabases.has(ref.database)) views.push(ref);
    } else if (routing.isSelectedTable(ref.database, ref.table)) tables.push(ref);
  }
  const routineRows = await queryRows(
    conn,
    `SELECT ROUTINE_SCHEMA AS db, ROUTINE_NAME AS name, ROUTINE_TYPE AS type FROM information_schema.ROUTINES
      WHERE ROUTINE_SCHEMA IN (${marks}) ORDER BY ROUTINE_SCHEMA, ROUTINE_NAME`,
    databases,
  );
  const routines = routineRows
    .filter((r) => wholeDatabases.has(String(r.db)))
    .map((r) => ({ database: String(r.db), name: String(r.name), type: String(r.type) as 'PROCEDURE' | 'FUNCTION' }));
  const triggerRows = await queryRows(
    conn,
    `SELECT TRIGGER_SCHEMA AS db, TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS tbl FROM information_schema.TRIGGERS
      WHERE TRIGGER_SCHEMA IN (${marks})`,
    databases,
  );
  const triggers = triggerRows
    .map((r) => ({ database: String(r.db), name: String(r.name), table: String(r.tbl) }))
    .filter((t) => routing.isSelectedTable(t.database, t.table));
  const grants = (await queryRows(conn, 'SHOW GRANTS')).map((r) => String(Object.values(r)[0]));
  const triggersVisible = grants.some((g) => /GRANT (ALL PRIVILEGES|.*\bTRIGGER\b)/i.test(g));
  return { triggersVisible, databases: databases.filter((d) => wholeDatabases.has(d) || tables.some((t) => t.database === d)), tables, views, routines, triggers };
}
