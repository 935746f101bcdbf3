/**
 * Schema synchronization: databases, then tables (SHOW CREATE TABLE with column include/exclude and
 * name mapping), then functions, views and procedures. Views and functions may depend on each other:
 * they are created in rounds, an object whose dependency is missing waits for the next round, so
 * any acyclic order works. SHOW CREATE needs only SELECT for tables and SHOW VIEW for views; routines
 * need more (the owner, or SELECT on mysql.proc, or SHOW CREATE ROUTINE on MariaDB 10.11): the server
 * then returns NULL as the body, which is reported with the grant to add.
 */
import type { TaskSpec } from '../../manifest/types.js';
import type { Logger } from '../../log.js';
import { queryRows, type QueryConnection } from '../../sources/mysql/connection.js';
import type { ObjectSelector } from '../../transforms/select.js';
import { rewriteDdl } from './ddl-rewrite.js';
import { viewSources } from './ddl-replay.js';
import type { TableRouting } from './routing.js';
import { listSourceObjects } from './source-objects.js';
import { stringLiteral } from './sql-literal.js';
import { quoteIdent, qualifiedName } from '../../util/sql-identifiers.js';
import { tokenize } from './sql-tokens.js';

export interface SchemaSyncReport {
  readonly databases: string[];
  readonly tables: string[];
  readonly views: string[];
  readonly routines: string[];
  /** Objects skipped, with why (existing table under 'ignore', unreadable routine ...). */
  readonly skipped: { readonly object: string; readonly reason: string }[];
}

export interface SchemaSyncInput {
  readonly task: TaskSpec;
  readonly source: QueryConnection;
  readonly destination: QueryConnection;
  readonly routing: TableRouting;
  readonly selector: ObjectSelector;
  readonly log: Logger;
  /** Resuming an interrupted schema sync of this task: tables that exist are its own, kept. */
  readonly keepExisting?: boolean;
}

export class SchemaSyncError extends Error {}

/** Errors that mean "a referenced object does not exist yet". */
const MISSING_DEPENDENCY = new Set([1146, 1305, 1356, 1049]);

export async function syncSchema(input: SchemaSyncInput): Promise<SchemaSyncReport> {
  const { task, source, destination: dest, routing, log } = input;
  const objects = await listSourceObjects(source, task, routing);
  const report: SchemaSyncReport = { databases: [], tables: [], views: [], routines: [], skipped: [] };

  // The destination databases: those of whole-database entries, and wherever a selected table goes (a
  // table entry's targetDatabase may be one no database entry names; its source database's own name is
  // then not created). Each gets the character set of the source database it receives.
  const targets = new Map<string, string>();
  const wholeDatabases = new Set(task.objects.filter((o) => o.table === undefined).map((o) => o.database));
  for (const db of objects.databases) if (wholeDatabases.has(db) && !targets.has(routing.database(db))) targets.set(routing.database(db), db);
  for (const t of objects.tables) {
    const target = routing.table(t.database, t.table).database;
    if (!targets.has(target)) targets.set(target, t.database);
  }
  for (const [target, db] of targets) {
    const rows = await queryRows(source, 'SELECT DEFAULT_CHARACTER_SET_NAME AS cs, DEFAULT_COLLATION_NAME AS co FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [db]);
    const cs = rows[0] ? ` CHARACTER SET ${String(rows[0].cs)} COLLATE ${String(rows[0].co)}` : '';
    await dest.query(`CREATE DATABASE IF NOT EXISTS ${quoteIdent(target)}${cs}`);
    report.databases.push(target);
  }

  for (const t of objects.tables) {
    const rows = await queryRows(source, `SHOW CREATE TABLE ${qualifiedName(t.database, t.table)}`);
    const create = String(rows[0]?.['Create Table'] ?? '');
    const keyColumns = await primaryKeyColumns(source, t.database, t.table);
    const shaped = dropColumns(create, (c) => routing.names.keepsColumn(t.database, routing.route(t.database, t.table)?.selectAs ?? t.table, c, keyColumns));
    const sql = rewriteDdl(shaped, routing, { defaultDatabase: t.database, columnsOf: t });
    const target = routing.table(t.database, t.table);
    try {
      await dest.query(sql);
      report.tables.push(`${target.database}.${target.table}`);
    } catch (err) {
      if ((err as { errno?: number }).errno === 1050 && (task.conflictingTables === 'ignore' || input.keepExisting)) {
        report.skipped.push({ object: `${target.database}.${target.table}`, reason: 'exists on the destination (conflictingTables ignore): kept as is' });
        log.warn('destination table exists, kept as is (conflictingTables ignore)', { table: `${target.database}.${target.table}` });
        continue;
      }
      throw new SchemaSyncError(`task ${task.name}: creating ${target.database}.${target.table} (from ${t.database}.${t.table}) failed: ${(err as Error).message}; fix: drop the destination table or set conflictingTables to "ignore"`);
    }
  }

  // Functions and views in rounds (a view may call a function, a function may read a view).
  const pending: { label: string; kind: 'view' | 'function' | 'procedure'; sql: string; sqlMode?: string; db: string }[] = [];
  for (const v of objects.views) {
    const rows = await queryRows(source, `SHOW CREATE VIEW ${qualifiedName(v.database, v.table)}`);
    const create = String(rows[0]?.['Create View'] ?? '');
    pending.push({ label: `${v.database}.${v.table}`, kind: 'view', db: v.database, sql: rewriteDdl(create, routing, { defaultDatabase: v.database, columnsOf: viewSources(create, v.database, routing) }) });
  }
  for (const r of objects.routines) {
    const rows = await queryRows(source, `SHOW CREATE ${r.type} ${qualifiedName(r.database, r.name)}`).catch((err: unknown) => {
      throw new SchemaSyncError(`task ${task.name}: cannot read ${r.type.toLowerCase()} ${r.database}.${r.name}: ${(err as Error).message}; fix: grant the source account SELECT on mysql.proc (or SHOW CREATE ROUTINE), or deselect the database's routines`);
    });
    const body = rows[0]?.[r.type === 'PROCEDURE' ? 'Create Procedure' : 'Create Function'];
    if (body === null || body === undefined) {
      report.skipped.push({ object: `${r.database}.${r.name}`, reason: 'the source account cannot read the routine body' });
      log.warn(`task ${task.name}: ${r.type.toLowerCase()} ${r.database}.${r.name} not synchronized: the source account cannot read its body; grant it SELECT on mysql.proc (or SHOW CREATE ROUTINE)`);
      continue;
    }
    pending.push({
      label: `${r.database}.${r.name}`, kind: r.type === 'PROCEDURE' ? 'procedure' : 'function', db: r.database,
      sql: rewriteDdl(String(body), routing, { defaultDatabase: r.database }), sqlMode: String(rows[0]?.sql_mode ?? ''),
    });
  }
  let round = pending;
  while (round.length) {
    const next: typeof pending = [];
    let lastError: unknown;
    for (const p of round) {
      try {
        await dest.query(`USE ${quoteIdent(routing.database(p.db))}`);
        if (p.sqlMode !== undefined) await dest.query(`SET SESSION sql_mode = ${stringLiteral(p.sqlMode)}`);
        await dest.query(p.sql);
        (p.kind === 'view' ? report.views : report.routines).push(p.label);
      } catch (err) {
        const errno = (err as { errno?: number }).errno;
        if (errno === 1050 || errno === 1304) {
          report.skipped.push({ object: p.label, reason: 'exists on the destination' });
          continue;
        }
        if (errno !== undefined && MISSING_DEPENDENCY.has(errno)) {
          next.push(p);
          lastError = err;
          continue;
        }
        throw new SchemaSyncError(`task ${task.name}: creating ${p.kind} ${p.label} on the destination failed: ${(err as Error).message}`);
      } finally {
        await dest.query("SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION'").catch(() => {});
      }
    }
    if (next.length === round.length) {
      throw new SchemaSyncError(`task ${task.name}: ${next.map((p) => `${p.kind} ${p.label}`).join(', ')} reference objects that are not synchronized (${(lastError as Error).message}): select them too`);
    }
    round = next;
  }
  log.info('schema synchronized', { tables: report.tables.length, views: report.views.length, routines: report.routines.length });
  return report;
}

async function primaryKeyColumns(conn: QueryConnection, database: string, table: string): Promise<string[]> {
  const rows = await queryRows(
    conn,
    "SELECT COLUMN_NAME AS c FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX",
    [database, table],
  );
  return rows.map((r) => String(r.c));
}

/**
 * Removes the column definitions `keep` rejects from SHOW CREATE TABLE output (one definition per
 * line), and every index or constraint line that names one of them.
 */
export function dropColumns(create: string, keep: (column: string) => boolean): string {
  const lines = create.split('\n');
  const dropped = new Set<string>();
  for (const line of lines) {
    const m = /^ {2}`((?:[^`]|``)+)` /.exec(line);
    if (m && !keep(m[1]!.replace(/``/g, '`'))) dropped.add(m[1]!.replace(/``/g, '`').toLowerCase());
  }
  if (dropped.size === 0) return create;
  const kept = lines.filter((line) => {
    if (!line.startsWith('  ')) return true;
    const col = /^ {2}`((?:[^`]|``)+)` /.exec(line);
    if (col) return !dropped.has(col[1]!.replace(/``/g, '`').toLowerCase());
    // An index / constraint line: drop it when any quoted name in it is a dropped column.
    return !tokenize(line).some((t) => t.kind === 'quoted' && dropped.has(t.value.toLowerCase()));
  });
  // Re-punctuate: every definition line but the last ends with a comma.
  const defs = kept.map((l, i) => ({ l, i })).filter((x) => x.l.startsWith('  '));
  for (const [k, d] of defs.entries()) {
    const bare = d.l.replace(/,$/, '');
    kept[d.i] = k === defs.length - 1 ? bare : `${bare},`;
  }
  return kept.join('\n');
}
