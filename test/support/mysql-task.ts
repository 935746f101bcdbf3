// MySQL -> MySQL tasks on the local stack, and a small sysbench-like write workload (oltp_write_only:
// update an indexed column, update a non-indexed column, delete a row and insert it back, per transaction).
import mysql from 'mysql2/promise';
import type { DdlOperation, MySqlEndpointSpec, MySqlOptionsSpec, ObjectSpec, TaskSpec } from '../../runtime/manifest/types.js';
import { DESTINATION_PORT, DTS_USER, STACK_HOST, type MariaDbConnectionOptions } from '../../scripts/stack/index.js';
import { ALL_DML, mysqlDestinationEndpoint, sourceEndpoint } from './task-spec.js';
import { MYSQL_OPTION_DEFAULTS } from '../../runtime/manifest/defaults.js';

export const ALL_MYSQL_DDL: readonly DdlOperation[] = [
  'CREATE_TABLE', 'ALTER_TABLE', 'DROP_TABLE', 'RENAME_TABLE', 'TRUNCATE_TABLE', 'CREATE_VIEW', 'ALTER_VIEW', 'DROP_VIEW',
  'CREATE_PROCEDURE', 'ALTER_PROCEDURE', 'DROP_PROCEDURE', 'CREATE_FUNCTION', 'DROP_FUNCTION', 'CREATE_INDEX', 'DROP_INDEX',
];

/** A whole source database, every DML and DDL, optionally mapped to another destination database. */
export function databaseObject(database: string, targetDatabase?: string, extra: Partial<ObjectSpec> = {}): ObjectSpec {
  return { database, ...(targetDatabase ? { targetDatabase } : {}), dml: [...ALL_DML], ddl: [...ALL_MYSQL_DDL], ...extra };
}

/** The destination instance read as a source (cascading A -> B -> C): the read-only `dts` account on 23307. */
export function destinationAsSourceEndpoint(): MySqlEndpointSpec {
  return { ...sourceEndpoint(), port: DESTINATION_PORT, user: DTS_USER, host: STACK_HOST };
}

export interface MySqlTaskOptions {
  readonly name: string;
  readonly objects: readonly ObjectSpec[];
  readonly syncTypes?: Partial<TaskSpec['syncTypes']>;
  readonly source?: MySqlEndpointSpec;
  readonly mysql?: Partial<MySqlOptionsSpec>;
  readonly serverId?: number;
  readonly overrides?: Partial<TaskSpec>;
}

export function mysqlTask(o: MySqlTaskOptions): TaskSpec {
  return {
    name: o.name,
    source: o.source ?? sourceEndpoint(),
    destination: mysqlDestinationEndpoint(),
    syncTypes: { schema: true, full: true, incremental: true, ...o.syncTypes },
    conflictingTables: 'precheck-and-report',
    objects: o.objects,
    capitalization: 'dts-default',
    retry: { connectionMinutes: 720, otherMinutes: 10 },
    throttle: {},
    heartbeat: false,
    mysql: { ...MYSQL_OPTION_DEFAULTS, ...o.mysql },
    serverId: o.serverId ?? 70_000 + Math.floor(Math.random() * 100_000),
    ...o.overrides,
  };
}

/** 'primary': sysbench's own table; 'unique': the same columns whose only key is UNIQUE (id) — a replica without a PK shows duplicates. */
export type TableKey = 'primary' | 'unique';

export interface WorkloadTable {
  readonly database: string;
  readonly table: string;
  readonly key: TableKey;
}

export function sysbenchTableDdl(t: WorkloadTable): string {
  const id = t.key === 'primary' ? 'id INT NOT NULL AUTO_INCREMENT PRIMARY KEY' : 'id INT NOT NULL, UNIQUE KEY uk_id (id)';
  return `CREATE TABLE \`${t.database}\`.\`${t.table}\` (${id}, k INT NOT NULL DEFAULT 0, c CHAR(120) NOT NULL DEFAULT '', pad CHAR(60) NOT NULL DEFAULT '', KEY k_${t.table} (k)) ENGINE=InnoDB`;
}

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
/** sysbench's c and pad: groups of 11 digits joined by '-'. */
const cValue = () => Array.from({ length: 10 }, () => digits(11)).join('-');
const padValue = () => Array.from({ length: 5 }, () => digits(11)).join('-');

/** Creates the table and inserts ids 1..rows in multi-row INSERTs. */
export async function prepareTable(conn: mysql.Connection, t: WorkloadTable, rows: number, batch = 1000): Promise<void> {
  await conn.query(sysbenchTableDdl(t));
  for (let start = 1; start <= rows; start += batch) {
    const values: (string | number)[] = [];
    const end = Math.min(rows, start + batch - 1);
    for (let id = start; id <= end; id++) values.push(id, Math.floor(Math.random() * rows) + 1, cValue(), padValue());
    const tuples = Array.from({ length: end - start + 1 }, () => '(?, ?, ?, ?)').join(',');
    await conn.query(`INSERT INTO \`${t.database}\`.\`${t.table}\` (id, k, c, pad) VALUES ${tuples}`, values);
  }
}

export interface WorkloadStats {
  readonly transactions: number;
  /** Row changes the committed transactions made (update = 1, delete = 1, insert = 1). */
  readonly rowChanges: number;
  /** Transactions rolled back on a deadlock or lock wait (retried with other ids). */
  readonly retries: number;
}

export interface Workload {
  /** Stops the connections after their current transaction; resolves with what committed. */
  stop(): Promise<WorkloadStats>;
  stats(): WorkloadStats;
  /** Resolves when every connection has ended (durationMs elapsed or stop()). */
  readonly finished: Promise<WorkloadStats>;
}

export interface WorkloadOptions {
  readonly connection: MariaDbConnectionOptions;
  readonly tables: readonly WorkloadTable[];
  /** Ids are drawn from 1..rowsPerTable (the delete+insert keeps that set stable). */
  readonly rowsPerTable: number;
  readonly connections: number;
  /** Stop by itself after this long (otherwise only on stop()). */
  readonly durationMs?: number;
  /** Pause between transactions per connection, to keep two shared cores usable. */
  readonly pauseMs?: number;
}

const TRANSIENT = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/** Starts `connections` loops, each running oltp_write_only-style transactions on a random table. */
export function startWorkload(o: WorkloadOptions): Workload {
  let stopped = false;
  let transactions = 0;
  let rowChanges = 0;
  let retries = 0;
  const pick = (n: number) => Math.floor(Math.random() * n) + 1;
  const loop = async (): Promise<void> => {
    const conn = await mysql.createConnection(o.connection);
    const deadline = o.durationMs !== undefined ? Date.now() + o.durationMs : Infinity;
    try {
      while (!stopped && Date.now() < deadline) {
        const t = o.tables[pick(o.tables.length) - 1]!;
        const name = `\`${t.database}\`.\`${t.table}\``;
        const id = pick(o.rowsPerTable);
        let changed = 0;
        try {
          await conn.query('BEGIN');
          const [a] = await conn.query(`UPDATE ${name} SET k = k + 1 WHERE id = ?`, [pick(o.rowsPerTable)]);
          const [b] = await conn.query(`UPDATE ${name} SET c = ? WHERE id = ?`, [cValue(), pick(o.rowsPerTable)]);
          const [d] = await conn.query(`DELETE FROM ${name} WHERE id = ?`, [id]);
          const [i] = await conn.query(`INSERT INTO ${name} (id, k, c, pad) VALUES (?, ?, ?, ?)`, [id, pick(o.rowsPerTable), cValue(), padValue()]);
          for (const r of [a, b, d, i]) changed += (r as mysql.ResultSetHeader).affectedRows;
          await conn.query('COMMIT');
          transactions++;
          rowChanges += changed;
        } catch (e) {
          await conn.query('ROLLBACK').catch(() => undefined);
          if (!TRANSIENT.has((e as { code?: string }).code ?? '')) throw e;
          retries++;
        }
        if (o.pauseMs) await new Promise((r) => setTimeout(r, o.pauseMs));
      }
    } finally {
      await conn.end().catch(() => undefined);
    }
  };
  const loops = Promise.all(Array.from({ length: o.connections }, loop));
  const stats = (): WorkloadStats => ({ transactions, rowChanges, retries });
  const finished = loops.then(stats);
  finished.catch(() => undefined); // surfaced by stop() or by whoever awaits finished
  return {
    stats,
    finished,
    async stop() {
      stopped = true;
      await loops;
      return stats();
    },
  };
}
