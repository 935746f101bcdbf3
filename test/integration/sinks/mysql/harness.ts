// Drives the MySQL sink with real BinlogReader transactions between the stack's two MariaDB instances.
import mysql from 'mysql2/promise';
import type { MySqlOptionsSpec, ObjectSpec, TaskSpec } from '../../../../runtime/manifest/types.js';
import { BinlogReader, type BinlogStart } from '../../../../runtime/sources/binlog/reader.js';
import type { MySqlConnectionConfig } from '../../../../runtime/sources/mysql/connection.js';
import { comparePositions, readMasterStatus } from '../../../../runtime/sources/mysql/position.js';
import { MySqlSink, type MySqlSinkHooks } from '../../../../runtime/sinks/mysql/sink.js';
import type { TransactionMark } from '../../../../runtime/state/offsets.js';
import { ADMIN_USER, DTS_USER, DTS_WRITER_USER, destinationConnection, sourceConnection } from '../../../support/stack.js';
import { mysqlDestinationEndpoint, sourceEndpoint } from '../../../support/task-spec.js';

export const ALL_DML = ['INSERT', 'UPDATE', 'DELETE'] as const;
export const ALL_DDL = [
  'CREATE_TABLE', 'ALTER_TABLE', 'DROP_TABLE', 'RENAME_TABLE', 'TRUNCATE_TABLE', 'CREATE_VIEW', 'ALTER_VIEW', 'DROP_VIEW',
  'CREATE_PROCEDURE', 'ALTER_PROCEDURE', 'DROP_PROCEDURE', 'CREATE_FUNCTION', 'DROP_FUNCTION', 'CREATE_INDEX', 'DROP_INDEX',
] as const;

export function dbObject(database: string, extra: Partial<ObjectSpec> = {}): ObjectSpec {
  return { database, dml: [...ALL_DML], ddl: [...ALL_DDL], ...extra };
}

export function mysqlTask(name: string, objects: readonly ObjectSpec[], mysqlOptions: Partial<MySqlOptionsSpec> = {}, overrides: Partial<TaskSpec> = {}): TaskSpec {
  return {
    name,
    source: sourceEndpoint(),
    destination: mysqlDestinationEndpoint(),
    syncTypes: { schema: true, full: false, incremental: true },
    conflictingTables: 'precheck-and-report',
    objects,
    capitalization: 'dts-default',
    retry: { connectionMinutes: 1, otherMinutes: 0.02 },
    throttle: {},
    heartbeat: false,
    mysql: { engineSchema: '__dts', onlineDdlTempTables: false, fullSyncParallelism: 2, batchRows: 500, flushIntervalMs: 50, ...mysqlOptions },
    serverId: 50_000 + (process.pid % 1000) * 10 + Math.floor(Math.random() * 10),
    ...overrides,
  };
}

export function config(role: 'source' | 'destination', account: string): MySqlConnectionConfig {
  const o = role === 'source' ? sourceConnection(account as typeof DTS_USER) : destinationConnection(account as typeof DTS_WRITER_USER);
  return { host: o.host, port: o.port, user: o.user, password: o.password };
}
export const sourceDts = () => config('source', DTS_USER);
export const destWriter = () => config('destination', DTS_WRITER_USER);
export const destDts = () => config('destination', DTS_USER);

export async function admin(role: 'source' | 'destination'): Promise<mysql.Connection> {
  const o = role === 'source' ? sourceConnection(ADMIN_USER) : destinationConnection(ADMIN_USER);
  const conn = await mysql.createConnection({ ...o, supportBigNumbers: true, bigNumberStrings: true, dateStrings: true, multipleStatements: true });
  await conn.query("SET time_zone = '+00:00'");
  return conn;
}

export function uniqueDb(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 7)}`;
}

let serverIds = 0;
export function nextServerId(): number {
  return 60_000 + (process.pid % 2000) * 10 + (serverIds++ % 10);
}

export interface Replication {
  readonly sink: MySqlSink;
  readonly reader: BinlogReader;
  /** Streams until the reader has passed the source's current end, then drains the sink. */
  catchUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
  resumedFrom: TransactionMark | undefined;
}

/** Opens the sink (reading its checkpoint), starts a reader there (or at `start`), and pumps on demand. */
export async function replicate(
  task: TaskSpec,
  options: { start?: BinlogStart; hooks?: MySqlSinkHooks; source?: MySqlConnectionConfig; destination?: MySqlConnectionConfig; schemaSync?: boolean } = {},
): Promise<Replication> {
  const source = options.source ?? sourceDts();
  // open() synchronizes the schema on the task's first start when asked to.
  const sink = new MySqlSink({ task, destination: options.destination ?? destWriter(), source, syncSchemaOnOpen: options.schemaSync ?? false, ...(options.hooks ? { hooks: options.hooks } : {}) });
  const mark = await sink.open();
  const start: BinlogStart = mark
    ? { kind: 'position', file: mark.position.file, pos: mark.position.pos, ...(mark.position.gtidSet ? { gtidSet: mark.position.gtidSet } : {}) }
    : options.start ?? { kind: 'end' };
  const databases = new Set(task.objects.map((o) => o.database));
  const reader = new BinlogReader({ task: task.name, connection: source, serverId: nextServerId(), start, include: (db) => databases.has(db), firstSeq: (mark?.lastSeq ?? 0) + 1 });
  await reader.start();
  const statusConn = await mysql.createConnection({ host: source.host, port: source.port, user: source.user, password: source.password });
  let stopped = false;
  return {
    sink,
    reader,
    resumedFrom: mark,
    async catchUp(timeoutMs = 60_000) {
      const target = await readMasterStatus(statusConn as never);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), Math.max(1, deadline - Date.now()))));
        const t = await Promise.race([reader.next(), timeout]).finally(() => clearTimeout(timer));
        if (t === 'timeout') throw new Error(`catch-up timed out before ${target.file}:${target.pos}`);
        if (!t) throw new Error('reader stopped');
        await sink.write(t);
        if (comparePositions(t.position, target) >= 0) break;
      }
      await sink.drain();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await reader.stop();
      await sink.close();
      await statusConn.end().catch(() => {});
    },
  };
}

export async function rows(conn: mysql.Connection, sql: string): Promise<Record<string, unknown>[]> {
  const [r] = await conn.query(sql);
  return r as Record<string, unknown>[];
}
