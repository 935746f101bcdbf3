/**
 * The tables a task's full sync reads, in a stable order: table entries as declared, every base table
 * of a database entry (listed from information_schema, which shows what the SELECT grant lets the
 * account see). Each carries its filter rendered as a WHERE fragment for the chunk SELECT.
 */
import type { TaskSpec } from '../manifest/types.js';
import { queryRows, withConnection, type MySqlConnectionConfig } from '../sources/mysql/connection.js';
import type { TableRef } from '../sources/change-source.js';
import { heartbeatDatabase, isHeartbeatTable } from '../sources/heartbeat.js';
import { filterToSql } from '../transforms/filter/to-sql.js';
import type { ObjectSelector } from '../transforms/select.js';

export async function fullSyncTables(task: TaskSpec, selector: ObjectSelector, connection: MySqlConnectionConfig): Promise<TableRef[]> {
  const heartbeatDb = task.heartbeat ? heartbeatDatabase(task.objects) : undefined;
  return withConnection(connection, async (conn) => {
    const refs = new Map<string, TableRef>();
    for (const object of task.objects) {
      const tables =
        object.table !== undefined
          ? [object.table]
          : (
              await queryRows(
                conn,
                "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
                [object.database],
              )
            ).map((r) => String(r.t));
      for (const table of tables) {
        if (isHeartbeatTable(heartbeatDb, object.database, table)) continue;
        const applies = selector.objectFor(object.database, table);
        if (!applies) continue;
        const filter = selector.filterOf(applies);
        refs.set(`${object.database}.${table}`, { database: object.database, table, ...(filter ? { filter: filterToSql(filter) } : {}) });
      }
    }
    return [...refs.values()];
  });
}
