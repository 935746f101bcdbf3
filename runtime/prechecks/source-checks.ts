import { describeTls, sessionTls } from '../sources/mysql/tls.js';
import type { MySqlEndpointSpec, TaskSpec } from '../manifest/types.js';
import { openConnection, type MySqlConnectionConfig } from '../sources/mysql/connection.js';
import { gatherSourceFacts, type SourceFacts } from './source-facts.js';
import type { Precheck, PrecheckResult } from './types.js';

export interface SourceCheckContext {
  readonly task: string;
  readonly sourceKind: MySqlEndpointSpec['kind'];
  readonly serverId: number;
  readonly destinationEngine: 'mysql' | 'rocketmq';
  /** Databases named by the selection (for the database-level privilege fallback). */
  readonly databases: readonly string[];
}

const pass = (id: string, message: string): PrecheckResult => ({ id, status: 'pass', message, fix: '' });

/** Judges recorded facts; pure, so every branch is unit-tested on fixtures. */
export function evaluateSourceFacts(f: SourceFacts, ctx: SourceCheckContext): PrecheckResult[] {
  const v = (name: string) => f.variables[name]?.toUpperCase();
  const out: PrecheckResult[] = [];
  const where = `task ${ctx.task}: source`;

  out.push(
    v('log_bin') === 'ON' || v('log_bin') === '1'
      ? pass('binlog-enabled', 'binary logging is on')
      : { id: 'binlog-enabled', status: 'fail', message: `${where} has binary logging off (log_bin=${f.variables.log_bin ?? 'unknown'})`, fix: 'enable log_bin in the server configuration and restart it' },
  );
  out.push(
    v('binlog_format') === 'ROW'
      ? pass('binlog-format', 'binlog_format=ROW')
      : { id: 'binlog-format', status: 'fail', message: `${where} has binlog_format=${f.variables.binlog_format ?? 'unknown'}, row events are required`, fix: 'SET GLOBAL binlog_format = ROW (and in the configuration file), then reconnect writers' },
  );
  out.push(
    v('binlog_row_image') === 'FULL'
      ? pass('binlog-row-image', 'binlog_row_image=FULL')
      : { id: 'binlog-row-image', status: 'fail', message: `${where} has binlog_row_image=${f.variables.binlog_row_image ?? 'unknown'}, full before/after images are required`, fix: 'SET GLOBAL binlog_row_image = FULL (and in the configuration file)' },
  );
  out.push(checkPrivileges(f, ctx));
  out.push(checkRetention(f, ctx));
  out.push(checkServerId(f, ctx));
  out.push(checkReplicaUpdates(f, ctx));
  out.push(checkKeys(f, ctx));
  out.push(checkMissing(f, ctx));
  out.push(checkInvisible(f, ctx));
  out.push(
    f.tableLevelObjects > 1000
      ? { id: 'table-count', status: 'fail', message: `${where}: ${f.tableLevelObjects} tables are selected one by one; a task supports at most 1,000 table-level objects`, fix: 'split the tables across several tasks or select whole databases' }
      : pass('table-count', `${f.tableLevelObjects} table-level objects (limit 1,000)`),
  );
  const compression = v('binlog_transaction_compression') === 'ON' || v('binlog_transaction_compression') === '1';
  const partialJson = (v('binlog_row_value_options') ?? '').includes('PARTIAL_JSON');
  out.push(
    compression || partialJson
      ? {
          id: 'binlog-decodable',
          status: 'fail',
          message: `${where} writes ${[compression ? 'compressed transactions (binlog_transaction_compression=ON)' : '', partialJson ? 'partial JSON updates (binlog_row_value_options=PARTIAL_JSON)' : ''].filter(Boolean).join(' and ')}, which the binlog decoder cannot read`,
          fix: [compression ? 'SET GLOBAL binlog_transaction_compression = OFF' : '', partialJson ? "SET GLOBAL binlog_row_value_options = ''" : ''].filter(Boolean).join('; '),
        }
      : pass('binlog-decodable', 'no compressed transactions or partial JSON updates'),
  );
  const meta = v('binlog_row_metadata');
  out.push(
    meta === undefined || meta === 'FULL'
      ? pass('binlog-row-metadata', meta === 'FULL' ? 'binlog_row_metadata=FULL' : 'binlog_row_metadata not supported by this server (column metadata comes from information_schema)')
      : { id: 'binlog-row-metadata', status: 'warn', message: `${where} has binlog_row_metadata=${f.variables.binlog_row_metadata}: column metadata is read from information_schema, so a DDL racing the stream can misdescribe rows`, fix: 'SET GLOBAL binlog_row_metadata = FULL' },
  );
  if (ctx.destinationEngine === 'mysql') {
    out.push(
      f.triggers.length > 0
        ? {
            id: 'triggers',
            status: 'warn',
            message: `${where} has triggers on selected tables (${f.triggers.slice(0, 5).map((t) => `${t.database}.${t.table}:${t.name}`).join(', ')}${f.triggers.length > 5 ? ', ...' : ''}): rows a trigger writes into another selected table are replicated twice`,
            fix: 'drop or disable those triggers on the destination, or exclude the tables they write to',
          }
        : pass('triggers', 'no triggers on selected tables'),
    );
  }
  return out;
}

function checkPrivileges(f: SourceFacts, ctx: SourceCheckContext): PrecheckResult {
  const global = new Set<string>();
  const perDb = new Map<string, Set<string>>();
  for (const line of f.grants) {
    const m = /^GRANT\s+(.+?)\s+ON\s+(\S+)\s+TO\s/i.exec(line);
    if (!m?.[1] || !m[2]) continue;
    const privs = m[1].split(',').map((p) => p.trim().toUpperCase());
    const target = m[2].replace(/`/g, '');
    const set = target === '*.*' ? global : perDb.get(target.replace(/\.\*$/, '')) ?? new Set<string>();
    if (target !== '*.*' && target.endsWith('.*')) perDb.set(target.replace(/\.\*$/, ''), set);
    for (const p of privs) set.add(p);
  }
  const all = global.has('ALL PRIVILEGES') || global.has('ALL');
  const has = (p: string, alt: string[] = []) => all || [p, ...alt].some((x) => global.has(x));
  const onEveryDb = (p: string) => has(p) || (ctx.databases.length > 0 && ctx.databases.every((d) => { const s = perDb.get(d); return !!s && (s.has(p) || s.has('ALL PRIVILEGES') || s.has('ALL')); }));
  const missing: string[] = [];
  if (!has('REPLICATION CLIENT', ['BINLOG MONITOR'])) missing.push('REPLICATION CLIENT');
  if (!has('REPLICATION SLAVE')) missing.push('REPLICATION SLAVE');
  if (!onEveryDb('SELECT')) missing.push('SELECT');
  if (!onEveryDb('SHOW VIEW')) missing.push('SHOW VIEW');
  if (missing.length === 0) return pass('privileges', 'the account has REPLICATION CLIENT, REPLICATION SLAVE, SELECT and SHOW VIEW');
  return {
    id: 'privileges',
    status: 'fail',
    message: `task ${ctx.task}: the source account lacks ${missing.join(', ')}`,
    fix: `GRANT ${missing.join(', ')} ON *.* TO '<account>'@'%'`,
  };
}

function checkRetention(f: SourceFacts, ctx: SourceCheckContext): PrecheckResult {
  const seconds = Number(f.variables.binlog_expire_logs_seconds ?? 0);
  const days = Number(f.variables.expire_logs_days ?? 0);
  // Either setting at 0 means "no automatic purge" only when the other is 0 as well.
  const effective = seconds > 0 ? seconds / 86400 : days > 0 ? days : Infinity;
  const min = ctx.sourceKind === 'rds' ? 3 : 7;
  if (effective >= min) {
    return pass('binlog-retention', effective === Infinity ? 'binlogs are never purged automatically' : `binlogs are kept ${round(effective)} days (minimum ${min})`);
  }
  return {
    id: 'binlog-retention',
    status: 'warn',
    message: `task ${ctx.task}: the source keeps binlogs ${round(effective)} days, under the ${min}-day minimum for ${ctx.sourceKind === 'rds' ? 'RDS' : 'self-managed'} MySQL: a task stopped longer than that cannot resume`,
    fix: ctx.sourceKind === 'rds' ? 'raise the RDS binlog retention to at least 3 days (7 recommended)' : `SET GLOBAL binlog_expire_logs_seconds = ${min * 86400}`,
  };
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

function checkServerId(f: SourceFacts, ctx: SourceCheckContext): PrecheckResult {
  const sourceId = Number(f.variables.server_id);
  if (sourceId === ctx.serverId) {
    return { id: 'server-id', status: 'fail', message: `task ${ctx.task}: the engine's serverId ${ctx.serverId} equals the source's server_id`, fix: 'give the task a different serverId (unique among the source and all its replicas)' };
  }
  if (f.replicaServerIds?.includes(ctx.serverId)) {
    return { id: 'server-id', status: 'fail', message: `task ${ctx.task}: serverId ${ctx.serverId} is already used by a replica connected to the source`, fix: 'give the task a serverId no replica uses' };
  }
  return pass('server-id', `engine serverId ${ctx.serverId} differs from the source's ${sourceId}${f.replicaServerIds ? ' and its replicas\'' : ''}`);
}

function checkReplicaUpdates(f: SourceFacts, ctx: SourceCheckContext): PrecheckResult {
  if (f.isReplica !== true) {
    return pass('log-slave-updates', f.isReplica === false ? 'the source is not a replica' : 'the account may not read replica status; assuming the source is not a replica');
  }
  const on = ['ON', '1'].includes((f.variables.log_slave_updates ?? f.variables.log_replica_updates ?? '').toUpperCase());
  return on
    ? pass('log-slave-updates', 'the source is a replica and logs replicated changes')
    : {
        id: 'log-slave-updates',
        status: 'fail',
        message: `task ${ctx.task}: the source is a replica with log_slave_updates off: changes it receives by replication are missing from its binlog`,
        fix: 'set log_slave_updates=ON (log_replica_updates on MySQL 8) in the configuration and restart',
      };
}

function checkKeys(f: SourceFacts, ctx: SourceCheckContext): PrecheckResult {
  const keyless = f.tables.filter((t) => t.keyKind === 'none');
  if (keyless.length === 0) return pass('primary-keys', `all ${f.tables.length} selected tables have a primary or unique key`);
  const names = keyless.map((t) => `${t.database}.${t.table}`);
  return {
    id: 'primary-keys',
    status: 'fail',
    message:
      keyless.length === 1
        ? `task ${ctx.task}: table ${names[0]} has no primary key or unique key: add one or exclude the table`
        : `task ${ctx.task}: tables ${names.join(', ')} have no primary key or unique key`,
    fix: 'add a primary key (or a UNIQUE key on NOT NULL columns) to each, or exclude them from the objects',
  };
}

function checkMissing(f: SourceFacts, ctx: SourceCheckContext): PrecheckResult {
  const missing = [...f.missingDatabases.map((d) => `database ${d}`), ...f.missingTables.map((t) => `table ${t}`)];
  if (missing.length === 0) return pass('objects-exist', 'every selected database and table exists');
  return {
    id: 'objects-exist',
    status: 'fail',
    message: `task ${ctx.task}: ${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist on the source (or the account cannot see ${missing.length === 1 ? 'it' : 'them'})`,
    fix: 'create them, fix the names in the objects, or grant SELECT on them',
  };
}

function checkInvisible(f: SourceFacts, ctx: SourceCheckContext): PrecheckResult {
  const hits = f.tables.filter((t) => t.invisibleColumns.length > 0);
  if (hits.length === 0) return pass('invisible-columns', 'no invisible columns in selected tables');
  const list = hits.map((t) => `${t.database}.${t.table}(${t.invisibleColumns.join(', ')})`).join(', ');
  const first = hits[0]!;
  return {
    id: 'invisible-columns',
    status: 'warn',
    message: `task ${ctx.task}: invisible columns in ${list}: SELECT * and consumers that expect visible columns miss them (a generated invisible primary key counts)`,
    fix: `ALTER TABLE ${first.database}.${first.table} ALTER COLUMN ${first.invisibleColumns[0]} SET VISIBLE (for each listed column)`,
  };
}

/** The source suite as one Precheck: connectivity first, then every check from one read of the server. */
export function sourcePrecheck(task: TaskSpec, connection: MySqlConnectionConfig): Precheck {
  return {
    id: 'source',
    async run(): Promise<PrecheckResult[]> {
      let conn;
      try {
        conn = await openConnection(connection);
      } catch (err) {
        const e = err as { code?: string; errno?: number; message?: string };
        const denied = e.errno === 1045;
        return [
          {
            id: 'connectivity',
            status: 'fail',
            message: (err as { tls?: boolean }).tls && !denied
              ? (e.message ?? '')
              : `task ${task.name}: cannot ${denied ? 'log in to' : 'connect to'} the source ${connection.host}:${connection.port} as ${connection.user} (${e.code ?? ''} ${e.message ?? ''})`.replace(/\s+\)/, ')'),
            fix: (err as { tls?: boolean }).tls ? 'the fix named above' : denied ? 'check the account name and the password secret' : 'check host, port, firewall/whitelist and that the server runs',
          },
        ];
      }
      try {
        const facts = await gatherSourceFacts(conn, task.objects);
        const ctx: SourceCheckContext = {
          task: task.name,
          sourceKind: task.source.kind,
          serverId: task.serverId,
          destinationEngine: task.destination.engine,
          databases: [...new Set(task.objects.map((o) => o.database))],
        };
        const tls = describeTls(await sessionTls(conn), connection.tls !== undefined);
        const connectivity: PrecheckResult = tls.ok
          ? pass('connectivity', `connected to ${facts.version} as ${connection.user}, ${tls.text}`)
          : { id: 'connectivity', status: 'fail', message: `task ${task.name}: source ${connection.host}:${connection.port}: ${tls.text}`, fix: 'enable TLS on the source server (ssl_cert, ssl_key)' };
        return [connectivity, ...evaluateSourceFacts(facts, ctx)];
      } finally {
        await conn.end().catch(() => {});
      }
    },
  };
}
