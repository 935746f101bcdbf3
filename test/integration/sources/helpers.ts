import mysql from 'mysql2/promise';
import { ADMIN_USER, DTS_USER, sourceConnection } from '../../../scripts/stack/index.js';
import type { MySqlConnectionConfig } from '../../../runtime/sources/mysql/connection.js';

/** The least-privilege account the engine uses (REPLICATION CLIENT/SLAVE, SHOW VIEW, SELECT only). */
export function dtsConfig(): MySqlConnectionConfig {
  const o = sourceConnection(DTS_USER);
  return { host: o.host, port: o.port, user: o.user, password: o.password };
}

/** The admin account: writes test data and flips server settings. */
export async function adminConnection(): Promise<mysql.Connection> {
  const o = sourceConnection(ADMIN_USER);
  const conn = await mysql.createConnection({ ...o, supportBigNumbers: true, bigNumberStrings: true, dateStrings: true, multipleStatements: true });
  await conn.query("SET time_zone = '+00:00'");
  return conn;
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

let serverIdCounter = 0;
/** Distinct replication server_ids per reader so parallel test files never clash. */
export function testServerId(): number {
  return 40_000 + (process.pid % 10_000) * 10 + (serverIdCounter++ % 10);
}
