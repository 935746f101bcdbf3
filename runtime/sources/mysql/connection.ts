import mysql from 'mysql2/promise';
import type { ConnectionOptions } from 'mysql2';
import { TLS_DEFAULTS } from '../../manifest/defaults.js';
import type { MySqlEndpointSpec, TlsSpec } from '../../manifest/types.js';
import { resolveSecret } from '../../secrets.js';
import { explainTlsFailure, tlsRequiredInstead } from './tls.js';

/** TLS as a connection uses it: the CA read from its reference, every default applied. */
export interface ResolvedTls {
  /** PEM; undefined = the system's CAs. */
  readonly ca?: string;
  readonly verifyCertificate: boolean;
  readonly verifyServerName: boolean;
  readonly minVersion: 'TLSv1.2' | 'TLSv1.3';
}

/** What the engine needs to open a connection to a source (password already resolved). */
export interface MySqlConnectionConfig {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Absent: no TLS. */
  readonly tls?: ResolvedTls;
  /** Who the connection is for ("task t: source 127.0.0.1:3306"), to name it in errors. */
  readonly label?: string;
  /** Connect timeout in ms (default 10 s). */
  readonly connectTimeoutMs?: number;
}

export function connectionConfigFor(spec: MySqlEndpointSpec, password: string, tls?: ResolvedTls, label?: string): MySqlConnectionConfig {
  return { host: spec.host, port: spec.port, user: spec.user, password, ...(tls ? { tls } : {}), ...(label ? { label } : {}) };
}

/** The endpoint's TLS with defaults applied and the CA read; undefined when TLS is off. */
export function resolveTls(ssl: boolean | TlsSpec, read: (ref: NonNullable<TlsSpec['ca']>) => string): ResolvedTls | undefined {
  if (ssl === false) return undefined;
  const spec: TlsSpec = ssl === true ? {} : ssl;
  return { ...TLS_DEFAULTS, ...spec, ...(spec.ca ? { ca: read(spec.ca) } : {}) } as ResolvedTls;
}

/** A task endpoint's connection config, its password (and TLS CA) read from the references at run time. */
export function resolveConnection(
  spec: MySqlEndpointSpec,
  role: 'source' | 'destination',
  context: { readonly task: string; readonly baseDir?: string },
): MySqlConnectionConfig {
  const password = resolveSecret(spec.password, { task: context.task, what: `${role} password`, baseDir: context.baseDir });
  const tls = resolveTls(spec.ssl, (ref) => resolveSecret(ref, { task: context.task, what: `${role} TLS CA (ssl.ca)`, baseDir: context.baseDir }));
  return connectionConfigFor(spec, password, tls, `task ${context.task}: ${role} ${spec.host}:${spec.port}`);
}

/** mysql2's `ssl` option for a resolved TLS setting. */
function mysql2Tls(tls: ResolvedTls): NonNullable<ConnectionOptions['ssl']> {
  return {
    ...(tls.ca !== undefined ? { ca: tls.ca } : {}),
    rejectUnauthorized: tls.verifyCertificate,
    verifyIdentity: tls.verifyCertificate && tls.verifyServerName,
    minVersion: tls.minVersion,
  } as NonNullable<ConnectionOptions['ssl']>;
}

/**
 * mysql2 options shared by query connections and the binlog reader, chosen so snapshot rows and
 * binlog rows decode identically: DATETIME/TIMESTAMP/DATE as strings (microseconds kept), DECIMAL as
 * exact strings, BIGINT as a number when safe and an exact string beyond 2^53, utf8mb4, UTC for
 * TIMESTAMP (the session time_zone is set to +00:00 by openConnection and timezone 'Z' is what the
 * binlog decoder uses), JSON text, spatial bytes.
 */
export function mysql2Options(config: MySqlConnectionConfig): ConnectionOptions {
  return {
    host: config.host,
    port: config.port,
    user: config.user,
    password: config.password,
    ssl: config.tls ? mysql2Tls(config.tls) : undefined,
    connectTimeout: config.connectTimeoutMs ?? 10_000,
    charset: 'UTF8MB4_GENERAL_CI',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
    decimalNumbers: false,
    timezone: 'Z',
    multipleStatements: false,
    // mysql2 formats every query, scanning its whole text for placeholders even when there are no
    // values (a 4 MB multi-row INSERT scanned once more): without values the text is sent as it is,
    // which is what the scan returns; with values its own format runs.
    queryFormat(this: { config: { stringifyObjects?: boolean; timezone?: string } }, sql: string, values: unknown): string {
      if (values === undefined || values === null || (Array.isArray(values) && values.length === 0)) return sql;
      return mysql.format(sql, values as Parameters<typeof mysql.format>[1], this.config.stringifyObjects, this.config.timezone);
    },
    // JSON as its text (never parsed and re-serialised), spatial values as their stored bytes
    // (SRID + WKB) instead of mysql2's lossy {x, y} objects: the binlog decoder gives the same.
    // A column typeCast replaces the connection's for that query only when the query passes its own.
    jsonStrings: true,
    // FLOAT/DOUBLE from the server's text with Number(): mysql2's own text-to-double parse is not
    // correctly rounded (99532.07988291979 came back one ulp off), while the binlog carries the bits.
    typeCast: (field, next) => {
      if (field.type === 'GEOMETRY') return field.buffer();
      if (field.type === 'DOUBLE' || field.type === 'FLOAT') {
        const text = field.string();
        return text === null ? null : Number(text);
      }
      return next();
    },
  };
}

export type QueryConnection = mysql.Connection;

/** Opens a query connection with the session in UTC (TIMESTAMP values then match the binlog decoder). */
export interface OpenOptions {
  /**
   * Several statements per query (`a; b; c`): the MySQL sink's apply sessions send a transaction's
   * statements in one round trip. Only for connections whose SQL the engine builds itself.
   */
  readonly multipleStatements?: boolean;
}

export async function openConnection(config: MySqlConnectionConfig, open: OpenOptions = {}): Promise<QueryConnection> {
  let conn: QueryConnection;
  try {
    conn = await mysql.createConnection({ ...mysql2Options(config), ...(open.multipleStatements ? { multipleStatements: true } : {}) });
  } catch (error) {
    // A TLS refusal names the endpoint and the fix (the raw error names neither).
    throw explainTlsFailure(error, config) ?? (await tlsRequiredInstead(error, config, (c) => mysql.createConnection(mysql2Options(c)))) ?? error;
  }
  // A dead server must not leave an unhandled 'error' event behind.
  conn.on('error', () => {});
  await conn.query("SET time_zone = '+00:00'");
  return conn;
}

/** Opens a connection for one piece of work and always closes it afterwards. */
export async function withConnection<T>(config: MySqlConnectionConfig, work: (conn: QueryConnection) => Promise<T>): Promise<T> {
  const conn = await openConnection(config);
  try {
    return await work(conn);
  } finally {
    await conn.end().catch(() => undefined);
  }
}

export { quoteIdent, qualifiedName } from '../../util/sql-identifiers.js';

type Scalar = string | number | bigint | boolean | null;
export type QueryRow = Record<string, unknown>;

export async function queryRows(conn: QueryConnection, sql: string, params: readonly Scalar[] | readonly unknown[] = []): Promise<QueryRow[]> {
  const [rows] = await conn.query(sql, params as unknown[]);
  return rows as QueryRow[];
}

/** Reads one global/session variable; undefined when the server does not know it. */
export async function readVariable(conn: QueryConnection, name: string): Promise<string | undefined> {
  const rows = await queryRows(conn, 'SHOW VARIABLES LIKE ?', [name]);
  const row = rows[0];
  return row === undefined ? undefined : String(row.Value ?? row.VALUE ?? '');
}
