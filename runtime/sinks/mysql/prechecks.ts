/**
 * Destination-side prechecks of a MySQL -> MySQL task:
 * - dest-connect: the destination answers with the configured account;
 * - dest-privileges: the account can create and write the mapped databases and the engine schema;
 * - conflicting-tables: no selected table already exists on the destination (conflictingTables
 *   'precheck-and-report'); 'ignore' skips the check with the seed's warning;
 * - source-triggers: triggers on selected source tables (their effects replicate as rows; a trigger
 *   re-created on the destination would apply them twice), a warning as the seed documents;
 * - routine-privileges: creating functions with binary logging on needs SUPER or
 *   log_bin_trust_function_creators=1.
 */
import type { TaskSpec } from '../../manifest/types.js';
import { openConnection, queryRows, type MySqlConnectionConfig, type QueryConnection } from '../../sources/mysql/connection.js';
import { describeTls, sessionTls } from '../../sources/mysql/tls.js';
import type { ObjectSelector } from '../../transforms/select.js';
import type { SinkPrecheck } from '../sink.js';
import type { TableRouting } from './routing.js';
import { readCheckpoint, readSchemaSyncState } from './checkpoint.js';
import { listSourceObjects } from './source-objects.js';
import { classifyFailure } from '../../util/retry.js';

export interface DestinationPrecheckInput {
  readonly task: TaskSpec;
  readonly destination: MySqlConnectionConfig;
  readonly source?: MySqlConnectionConfig;
  readonly routing: TableRouting;
  readonly selector: ObjectSelector;
  readonly engineSchema: string;
}

const NEEDED = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'CREATE', 'DROP', 'ALTER', 'INDEX'];

export async function destinationPrechecks(input: DestinationPrecheckInput): Promise<SinkPrecheck[]> {
  const { task } = input;
  const out: SinkPrecheck[] = [];
  let dest: QueryConnection;
  try {
    dest = await openConnection(input.destination);
  } catch (err) {
    return [{
      id: 'dest-connect', status: 'fail',
      message: `task ${task.name}: cannot connect to the destination ${input.destination.host}:${input.destination.port} as ${input.destination.user}: ${(err as Error).message}`,
      fix: (err as { tls?: boolean }).tls ? 'the fix named above' : 'check the destination host, port, account and password, and that it accepts connections from the engine',
      ...(classifyFailure(err) === 'connection' ? { retry: 'connection' as const } : {}),
    }];
  }
  let source: QueryConnection | undefined;
  try {
    const tls = describeTls(await sessionTls(dest), input.destination.tls !== undefined);
    out.push({
      id: 'dest-connect',
      status: tls.ok ? 'pass' : 'fail',
      message: `destination ${input.destination.host}:${input.destination.port} reachable, ${tls.text}`,
      ...(tls.ok ? {} : { fix: 'enable TLS on the destination server (ssl_cert, ssl_key)' }),
    });
    out.push(await privilegeCheck(dest, input));
    if (input.source) {
      try {
        source = await openConnection(input.source);
      } catch (err) {
        // The source precheck reports this connection's failure, with its fix; these checks wait for it.
        out.push({ id: 'conflicting-tables', status: 'warn', message: `task ${task.name}: conflicting tables not checked: the source connection failed (${(err as Error).message})` });
        return out;
      }
      const objects = await listSourceObjects(source, task, input.routing);
      out.push(await conflictCheck(dest, input, objects.tables));
      out.push(
        !objects.triggersVisible && objects.triggers.length === 0
          ? {
              id: 'source-triggers', status: 'warn',
              message: `task ${task.name}: the source account ${input.source.user} cannot list triggers (no TRIGGER privilege), so triggers on selected tables could not be ruled out; a trigger that changes another synchronized table makes source and destination inconsistent`,
              fix: 'check the selected tables for triggers with an account that holds TRIGGER, or grant TRIGGER to the source account for this check',
            }
          : objects.triggers.length === 0
          ? { id: 'source-triggers', status: 'pass', message: 'no triggers on selected source tables' }
          : {
              id: 'source-triggers', status: 'warn',
              message: `task ${task.name}: selected source tables have triggers (${objects.triggers.map((t) => `${t.database}.${t.table}:${t.name}`).join(', ')}); if a trigger changes another synchronized table, source and destination can become inconsistent`,
              fix: 'do not create these triggers on the destination (their effects arrive as rows), or synchronize the tables they write as well',
            },
      );
      if (objects.routines.some((r) => r.type === 'FUNCTION')) out.push(await routineCheck(dest, task));
    } else {
      out.push({ id: 'conflicting-tables', status: 'warn', message: `task ${task.name}: conflicting tables not checked (no source connection given)` });
    }
  } finally {
    await dest.end().catch(() => {});
    await source?.end().catch(() => {});
  }
  return out;
}

async function privilegeCheck(dest: QueryConnection, input: DestinationPrecheckInput): Promise<SinkPrecheck> {
  const grants = (await queryRows(dest, 'SHOW GRANTS')).map((r) => String(Object.values(r)[0]));
  const databases = [...new Set(input.task.objects.map((o) => input.routing.database(o.database))), input.engineSchema];
  const missing: string[] = [];
  for (const db of databases) {
    const relevant = grants.filter((g) => / ON \*\.\* /i.test(g) || g.includes(` ON \`${db}\`.* `) || g.includes(` ON \`${db.replace(/_/g, '\\_')}\`.* `));
    if (relevant.some((g) => /GRANT ALL PRIVILEGES/i.test(g))) continue;
    const have = new Set(relevant.flatMap((g) => (/^GRANT (.+?) ON /i.exec(g)?.[1] ?? '').split(',').map((p) => p.trim().toUpperCase())));
    const lacking = NEEDED.filter((p) => !have.has(p));
    if (lacking.length) missing.push(`${db}: ${lacking.join(', ')}`);
  }
  if (missing.length === 0) return { id: 'dest-privileges', status: 'pass', message: 'destination account can create and write the mapped databases' };
  return {
    id: 'dest-privileges', status: 'fail',
    message: `task ${input.task.name}: the destination account ${input.destination.user} lacks privileges (${missing.join('; ')})`,
    fix: `GRANT ${NEEDED.join(', ')}, CREATE VIEW, CREATE ROUTINE, ALTER ROUTINE ON each mapped database (and ${input.engineSchema}) TO the destination account`,
  };
}

async function conflictCheck(dest: QueryConnection, input: DestinationPrecheckInput, tables: readonly { database: string; table: string }[]): Promise<SinkPrecheck> {
  const { task } = input;
  if (task.conflictingTables === 'ignore') {
    return { id: 'conflicting-tables', status: 'warn', message: `task ${task.name}: conflicting tables are not checked (Ignore Errors and Proceed): selecting this option can cause data inconsistency` };
  }
  if (!task.syncTypes.schema) return { id: 'conflicting-tables', status: 'pass', message: 'schema synchronization off: destination tables are expected to exist' };
  // A restart: the tables are this task's own (its schema sync started, or it holds a checkpoint).
  if ((await readSchemaSyncState(dest, input.engineSchema, task.name)) !== 'none' || (await readCheckpoint(dest, input.engineSchema, task.name))) {
    return { id: 'conflicting-tables', status: 'pass', message: 'destination tables were created by this task (restart)' };
  }
  const conflicts: string[] = [];
  for (const t of tables) {
    const d = input.routing.table(t.database, t.table);
    const rows = await queryRows(dest, 'SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?', [d.database, d.table]);
    if (rows.length) conflicts.push(`${t.database}.${t.table} -> ${d.database}.${d.table}`);
  }
  if (conflicts.length === 0) return { id: 'conflicting-tables', status: 'pass', message: `none of the ${tables.length} selected tables exists on the destination` };
  return {
    id: 'conflicting-tables', status: 'fail',
    message: `task ${task.name}: destination tables already exist: ${conflicts.join(', ')}`,
    fix: 'drop or rename them on the destination, map the objects to other names (targetDatabase/targetTable), or set conflictingTables to "ignore"',
  };
}

async function routineCheck(dest: QueryConnection, task: TaskSpec): Promise<SinkPrecheck> {
  const rows = await queryRows(dest, 'SELECT @@GLOBAL.log_bin AS logBin, @@GLOBAL.log_bin_trust_function_creators AS trust');
  const grants = (await queryRows(dest, 'SHOW GRANTS')).map((r) => String(Object.values(r)[0]));
  const superUser = grants.some((g) => /GRANT (ALL PRIVILEGES|.*\bSUPER\b).* ON \*\.\*/i.test(g));
  if (Number(rows[0]?.logBin) !== 1 || Number(rows[0]?.trust) === 1 || superUser) {
    return { id: 'routine-privileges', status: 'pass', message: 'the destination account can create stored functions' };
  }
  return {
    id: 'routine-privileges', status: 'fail',
    message: `task ${task.name}: the destination has binary logging on and the account lacks SUPER, so CREATE FUNCTION fails (ER 1419)`,
    fix: 'set log_bin_trust_function_creators=1 on the destination, or grant SUPER to the destination account',
  };
}
