/**
 * DTS-style heartbeat (TaskSpec.heartbeat, off by default): the engine upserts one row per task into
 * `<database>.dts_heartbeat` every second, so the binlog keeps moving while the source is idle and
 * latency measured through the stream stays true. It needs write grants the four read-only grants
 * do not give (CREATE, INSERT, UPDATE on that table); the precheck says so when they are missing.
 * The heartbeat rows themselves are never delivered.
 */
import { openConnection, qualifiedName, withConnection, type MySqlConnectionConfig, type QueryConnection } from './mysql/connection.js';

export const HEARTBEAT_TABLE = 'dts_heartbeat';

export function heartbeatDatabase(objects: readonly { readonly database: string }[]): string | undefined {
  return objects[0]?.database;
}

/** True for the heartbeat table of a task whose heartbeat is on (its database undefined when off). */
export function isHeartbeatTable(heartbeatDb: string | undefined, database: string, table: string | undefined): boolean {
  return heartbeatDb !== undefined && database === heartbeatDb && table === HEARTBEAT_TABLE;
}

async function beat(conn: QueryConnection, database: string, serverId: number): Promise<void> {
  await conn.query(
    `INSERT INTO ${qualifiedName(database, HEARTBEAT_TABLE)} (server_id, ts) VALUES (?, NOW(6)) ON DUPLICATE KEY UPDATE ts = VALUES(ts)`,
    [serverId],
  );
}

async function ensureTable(conn: QueryConnection, database: string): Promise<void> {
  await conn.query(
    `CREATE TABLE IF NOT EXISTS ${qualifiedName(database, HEARTBEAT_TABLE)} (server_id INT UNSIGNED PRIMARY KEY, ts DATETIME(6) NOT NULL)`,
  );
}

/** One write attempt, for the precheck: undefined when the account can keep the heartbeat. */
export async function heartbeatProblem(connection: MySqlConnectionConfig, database: string, serverId: number): Promise<string | undefined> {
  try {
    await withConnection(connection, async (conn) => {
      await ensureTable(conn, database);
      await beat(conn, database, serverId);
    });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export interface Heartbeat {
  stop(): Promise<void>;
}

/** Writes the heartbeat every `intervalMs`; a failed write is reported and retried on the next tick. */
export async function startHeartbeat(
  connection: MySqlConnectionConfig,
  database: string,
  serverId: number,
  onError: (message: string) => void,
  intervalMs = 1000,
): Promise<Heartbeat> {
  let conn: QueryConnection | undefined = await openConnection(connection);
  try {
    await ensureTable(conn, database);
  } catch (error) {
    await conn.end().catch(() => undefined);
    throw error;
  }
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void (async () => {
      try {
        conn ??= await openConnection(connection);
        await beat(conn, database, serverId);
      } catch (error) {
        onError((error as Error).message);
        await conn?.end().catch(() => undefined);
        conn = undefined;
      } finally {
        busy = false;
      }
    })();
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await conn?.end().catch(() => undefined);
    },
  };
}
