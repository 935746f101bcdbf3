/**
 * Turns one source DDL event into the statements the destination runs (or a reason to skip it):
 * selection (a touched table or the database is selected, and the object lists the operation),
 * name mapping (rewriteDdl), RENAME semantics, online-DDL helper tables and statements MySQL
 * replication of this kind must not repeat (temporary tables, triggers, database drops).
 */
import type { ChangeEvent } from '../../events/change-event.js';
import type { ObjectSpec, TaskSpec } from '../../manifest/types.js';
import { classifyDdl, type DdlClassification, type TableRef } from '../../transforms/ddl.js';
import type { ObjectSelector } from '../../transforms/select.js';
import { rewriteDdl, type DdlNames } from './ddl-rewrite.js';
import type { TableName } from './naming.js';
import { isShadowCopy, onlineDdlTable } from './online-ddl.js';
import type { TableRouting } from './routing.js';
import { quoteIdent, qualifiedName } from '../../util/sql-identifiers.js';
import { isIdentifier, significant, tokenize, upperWord } from './sql-tokens.js';

export interface DdlPlan {
  /** Statements to run in order; empty = the event is skipped (see `skipped`). */
  readonly statements: readonly string[];
  /** Destination database to USE first (for names the statement leaves unqualified). */
  readonly useDatabase?: string;
  readonly warnings: readonly string[];
  readonly skipped?: string;
  readonly classification: DdlClassification;
  /** A cut-over plan: once its statements ran, DdlPlanner.applied(key) forgets the deferred ALTERs. */
  readonly consumesDeferred?: string;
}

const TABLE_SHAPE_OPS = new Set(['CREATE_TABLE', 'ALTER_TABLE', 'CREATE_INDEX', 'DROP_INDEX']);

export class DdlPlanner {
  /**
   * ALTERs run by gh-ost / pt-osc on their shadow copy (_x_gho, _x_new), by original table "db.x",
   * rewritten for the destination x: applied at the tool's cut-over (RENAME ... _x_gho TO x), when the
   * source's x takes the new shape, never before (x's rows keep the old shape until then). Persisted
   * with the sink's checkpoint (deferredState / restoreDeferred), so a restart in between keeps them.
   */
  private readonly deferred = new Map<string, string[]>();

  constructor(
    private readonly task: TaskSpec,
    private readonly selector: ObjectSelector,
    private readonly routing: TableRouting,
  ) {}

  plan(event: ChangeEvent): DdlPlan {
    const sql = event.sql ?? '';
    const c = classifyDdl(sql, event.database);
    const skip = (why: string, warnings: string[] = []): DdlPlan => ({ statements: [], warnings, skipped: why, classification: c });
    const op = c.operation;
    const useDatabase = this.routing.isSelectedDatabase(event.database) ? this.routing.database(event.database) : undefined;
    const base = { warnings: [] as string[], classification: c, ...(useDatabase !== undefined ? { useDatabase } : {}) };

    if (c.temporary) return skip('temporary tables are not replicated (row-based binlog carries their effects)');
    if (op === 'CREATE_DATABASE') {
      if (!this.routing.isSelectedDatabase(c.database)) return skip('database not selected');
      return { ...base, statements: [`CREATE DATABASE IF NOT EXISTS ${quoteIdent(this.routing.database(c.database))}`] };
    }
    if (op === 'DROP_DATABASE' || op === 'ALTER_DATABASE') return skip(`${op} is not replicated`, this.routing.isSelectedDatabase(c.database) ? [`task ${this.task.name}: ${op} on selected database ${c.database} was not replayed on the destination`] : []);
    if (op === 'CREATE_TRIGGER' || op === 'DROP_TRIGGER') {
      return skip('triggers are not replicated', this.objectOf(c) ? [`task ${this.task.name}: ${sql.slice(0, 80)} was not replayed: triggers on the source are incompatible with synchronization (their effects already arrive as rows)`] : []);
    }
    if (op === 'OTHER' || op.endsWith('_EVENT')) return skip('not a replicated DDL');

    const helperPlan = this.helperTablePlan(c, sql, base);
    if (helperPlan) return helperPlan;

    const object = this.objectOf(c);
    if (!object) return skip('object not selected');
    if (!(object.ddl as readonly string[]).includes(op)) return skip(`operation ${op} not selected for ${object.database}.${object.table ?? '*'}`);

    switch (op) {
      case 'DROP_TABLE': {
        const names = c.tables.filter((t) => this.routing.isSelectedTable(t.database, t.table)).map((t) => this.dest(t));
        return { ...base, statements: [`DROP TABLE IF EXISTS ${names.map(fq).join(', ')}`] };
      }
      case 'TRUNCATE_TABLE':
        return { ...base, statements: [`TRUNCATE TABLE ${fq(this.dest(c.tables[0]!))}`] };
      case 'RENAME_TABLE': {
        const pairs: string[] = [];
        const warnings: string[] = [];
        for (const r of c.renames) {
          const fromSelected = this.routing.isSelectedTable(r.from.database, r.from.table);
          const toSelected = this.routing.isSelectedTable(r.to.database, r.to.table);
          if (!fromSelected && !toSelected) continue;
          if (!fromSelected) {
            warnings.push(`task ${this.task.name}: RENAME TABLE ${r.from.database}.${r.from.table} TO ${r.to.database}.${r.to.table} brings an unsynchronized table into the selection: its existing rows are not on the destination; run a full sync of it`);
            continue;
          }
          if (!toSelected || this.isTableLevel(r.from)) {
            warnings.push(`task ${this.task.name}: RENAME TABLE ${r.from.database}.${r.from.table} TO ${r.to.database}.${r.to.table}: ${r.from.database}.${r.from.table} is selected as a table, so ${r.to.database}.${r.to.table} is no longer synchronized; select database ${r.from.database} to follow renames`);
          }
          pairs.push(`${fq(this.dest(r.from))} TO ${fq(this.dest(r.to))}`);
        }
        if (!pairs.length) return skip('no selected table renamed', warnings);
        return { ...base, warnings, statements: [`RENAME TABLE ${pairs.join(', ')}`] };
      }
      default: {
        const target = c.tables[0];
        const columnsOf = TABLE_SHAPE_OPS.has(op) && target
          ? { columnsOf: target }
          : op === 'CREATE_VIEW' || op === 'ALTER_VIEW' ? { columnsOf: viewSources(sql, event.database, this.routing) } : {};
        const warnings: string[] = [];
        for (const r of c.renames) {
          if (this.isTableLevel(r.from)) {
            warnings.push(`task ${this.task.name}: ALTER TABLE ${r.from.database}.${r.from.table} RENAME TO ${r.to.database}.${r.to.table}: table-level selection, ${r.to.database}.${r.to.table} is no longer synchronized; select database ${r.from.database} to follow renames`);
          }
        }
        return { ...base, warnings, statements: [rewriteDdl(sql, this.routing, { defaultDatabase: event.database, ...columnsOf })] };
      }
    }
  }

  deferredState(): Record<string, string[]> | undefined {
    return this.deferred.size ? Object.fromEntries(this.deferred) : undefined;
  }

  restoreDeferred(state: Record<string, string[]> | undefined): void {
    this.deferred.clear();
    for (const [k, v] of Object.entries(state ?? {})) this.deferred.set(k, [...v]);
  }

  /** The cut-over's statements ran on the destination: its deferred ALTERs are done. */
  applied(key: string): void {
    this.deferred.delete(key);
  }

  /** gh-ost / pt-osc helper tables when they are not replicated: only the schema change reaches x, at the cut-over. */
  private helperTablePlan(c: DdlClassification, sql: string, base: Omit<DdlPlan, 'statements'>): DdlPlan | undefined {
    if (this.routing.replicateHelperTables) return undefined; // replicated like any selected table (routing maps them)
    const helpers = c.tables.map((t) => ({ t, h: onlineDdlTable(t.table) })).filter((x) => x.h && this.selector.isTableSelected(x.t.database, x.h.original));
    if (!helpers.length) return undefined;
    const skip = (why: string): DdlPlan => ({ ...base, statements: [], skipped: why });
    if (c.operation === 'ALTER_TABLE' && helpers.length === 1 && isShadowCopy(helpers[0]!.h!)) {
      const { t, h } = helpers[0]!;
      const original: TableRef = { database: t.database, table: h!.original };
      const object = this.selector.objectFor(original.database, original.table);
      if (!object || !(object.ddl as readonly string[]).includes('ALTER_TABLE')) return skip('operation ALTER_TABLE not selected');
      // Point the helper's name at the original table, then rewrite as usual.
      const redirect: DdlNames = {
        isSelectedDatabase: (d) => this.routing.isSelectedDatabase(d),
        isSelectedTable: (d, n) => (d === t.database && n === t.table) || this.routing.isSelectedTable(d, n),
        database: (d) => this.routing.database(d),
        table: (d, n) => (d === t.database && n === t.table ? this.routing.table(original.database, original.table) : this.routing.table(d, n)),
        renamesOf: (d, n) => this.routing.renamesOf(d, d === t.database && n === t.table ? original.table : n),
      };
      const key = `${original.database}.${original.table}`;
      this.deferred.set(key, [...(this.deferred.get(key) ?? []), rewriteDdl(sql, redirect, { defaultDatabase: c.database, columnsOf: t })]);
      return skip(`${h!.tool} ALTER on ${t.table} deferred until its cut-over to ${original.table}`);
    }
    if (c.operation === 'RENAME_TABLE') {
      // The cut-over: the shadow copy becomes x (gh-ost: x TO _x_del, _x_gho TO x; pt-osc: x TO _x_old, _x_new TO x).
      const shadow = helpers.find((x) => isShadowCopy(x.h!));
      if (shadow) {
        const key = `${shadow.t.database}.${shadow.h!.original}`;
        const pending = this.deferred.get(key);
        if (pending?.length) return { ...base, statements: pending, consumesDeferred: key };
      }
    }
    if (c.operation === 'DROP_TABLE') {
      // The tool gave up (its shadow copy dropped before any cut-over): nothing reaches x.
      for (const x of helpers) if (isShadowCopy(x.h!)) this.deferred.delete(`${x.t.database}.${x.h!.original}`);
    }
    if (c.operation === 'DROP_TABLE' && helpers.length < c.tables.length) return undefined; // other tables dropped too: see the generic path
    return skip(`online-DDL helper table ${helpers[0]!.t.table} (${helpers[0]!.h!.tool}) is not replicated (onlineDdlTempTables off)`);
  }

  /** The object entry that applies: the first selected table the statement touches, else the database entry. */
  private objectOf(c: DdlClassification): ObjectSpec | undefined {
    for (const t of c.tables) {
      const r = this.routing.route(t.database, t.table);
      if (r) return this.selector.objectFor(t.database, r.selectAs);
    }
    if (c.tables.length === 0 || c.operation === 'CREATE_TABLE') {
      const dbEntry = this.task.objects.find((o) => o.database === c.database && o.table === undefined);
      if (dbEntry) return dbEntry;
    }
    return undefined;
  }

  private isTableLevel(t: TableRef): boolean {
    return this.selector.objectFor(t.database, t.table)?.table !== undefined;
  }

  private dest(t: TableRef): TableName {
    return this.routing.table(t.database, t.table);
  }
}

/** Selected tables a view body reads (qualified names, and unqualified names after FROM/JOIN). */
export function viewSources(sql: string, defaultDatabase: string, routing: TableRouting): TableRef[] {
  const toks = tokenize(sql).filter(significant);
  const out: TableRef[] = [];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (!isIdentifier(t)) continue;
    const qualifiedName = toks[k + 1]?.value === '.' && isIdentifier(toks[k + 2]);
    const ref = qualifiedName ? { database: t.value, table: toks[k + 2]!.value } : ['FROM', 'JOIN'].includes(upperWord(toks[k - 1])) ? { database: defaultDatabase, table: t.value } : undefined;
    if (ref && routing.isSelectedTable(ref.database, ref.table) && !out.some((o) => o.database === ref.database && o.table === ref.table)) out.push(ref);
  }
  return out;
}

function fq(t: TableName): string {
  return qualifiedName(t.database, t.table);
}
