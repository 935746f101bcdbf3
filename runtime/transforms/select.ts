/**
 * Object and operation selection, topic routing and row filtering for one task.
 * - Objects: a database entry selects every table of the database; a table entry selects that table
 *   and wins over its database's entry (its topic, operations, filter and partition key apply).
 * - Operations: DML/DDL lists apply to incremental changes only (as DTS documents); full-sync rows
 *   are always delivered when their table is selected and the filter keeps them.
 * - Topic (RocketMQ): table entry topic > database entry topic > destination topic; DDL goes to the
 *   DDL topic when one is set.
 * - Filter: INSERT uses the after image, DELETE the before image, UPDATE is delivered when either
 *   image matches. Both results are returned so a MySQL sink can turn "left the filter" into a
 *   DELETE and "entered the filter" into an upsert.
 */
import type { ChangeEvent, ColumnMeta, Row } from '../events/change-event.js';
import type { DmlOperation, ObjectSpec, TaskSpec } from '../manifest/types.js';
import { classifyDdl } from './ddl.js';
import type { DdlClassification } from './ddl.js';
import { parseFilterOrThrow } from './filter/parse.js';
import { compileExpression } from './filter/evaluate.js';
import type { CompiledExpression, SqlDialect } from './filter/evaluate.js';
import type { FilterExpr } from './filter/ast.js';

export type SkipReason = 'object-not-selected' | 'operation-not-selected' | 'filtered-out' | 'ddl-not-selectable';

export type SelectionDecision =
  | { readonly deliver: false; readonly reason: SkipReason }
  | {
      readonly deliver: true;
      /** The entry that applies (table entry if any, else the database entry). */
      readonly object: ObjectSpec;
      /** RocketMQ destination topic; undefined for a MySQL destination. */
      readonly topic: string | undefined;
      /** Filter result per image: true when there is no filter or the image matches; undefined when the image is absent. */
      readonly beforeMatches: boolean | undefined;
      readonly afterMatches: boolean | undefined;
      /** DDL only: what the statement is and touches. */
      readonly ddl?: DdlClassification;
    };

export interface SelectorOptions {
  /** Source dialect for filter comparisons (see filter/evaluate.ts). */
  readonly dialect?: SqlDialect;
  /** lower_case_table_names=1 on the source: object names match case-insensitively. */
  readonly caseInsensitiveNames?: boolean;
}

export const DML_OF: Readonly<Record<'insert' | 'update' | 'delete', DmlOperation>> = { insert: 'INSERT', update: 'UPDATE', delete: 'DELETE' };

export class ObjectSelector {
  private readonly databases = new Map<string, ObjectSpec>();
  private readonly tables = new Map<string, ObjectSpec>();
  private readonly filters = new Map<ObjectSpec, FilterExpr>();
  private readonly compiled = new WeakMap<readonly ColumnMeta[], Map<ObjectSpec, CompiledExpression>>();
  private readonly dialect: SqlDialect;
  private readonly fold: (s: string) => string;

  constructor(private readonly task: TaskSpec, options: SelectorOptions = {}) {
    this.dialect = options.dialect ?? 'mysql';
    this.fold = options.caseInsensitiveNames ? (s) => s.toLowerCase() : (s) => s;
    for (const o of task.objects) {
      if (o.table === undefined) this.databases.set(this.fold(o.database), o);
      else this.tables.set(this.key(o.database, o.table), o);
      if (o.filter !== undefined && o.filter.trim() !== '') {
        this.filters.set(o, parseFilterOrThrow(o.filter, `task ${task.name}, object ${o.database}.${o.table ?? '*'}`));
      }
    }
  }

  private key(database: string, table: string): string {
    return `${this.fold(database)}\u0000${this.fold(table)}`;
  }

  /** The entry that applies to a table (table entry wins), or undefined when not selected. */
  objectFor(database: string, table?: string): ObjectSpec | undefined {
    if (table !== undefined) {
      const t = this.tables.get(this.key(database, table));
      if (t) return t;
    }
    return this.databases.get(this.fold(database));
  }

  isTableSelected(database: string, table: string): boolean {
    return this.objectFor(database, table) !== undefined;
  }

  /** The parsed filter of an object, for pushing into the full-sync SELECT. */
  filterOf(object: ObjectSpec): FilterExpr | undefined {
    return this.filters.get(object);
  }

  topicFor(object: ObjectSpec, isDdl: boolean): string | undefined {
    const dest = this.task.destination;
    if (dest.engine !== 'rocketmq') return undefined;
    if (isDdl && dest.ddlTopic) return dest.ddlTopic;
    if (object.topic) return object.topic;
    if (object.table !== undefined) {
      const db = this.databases.get(this.fold(object.database));
      if (db?.topic) return db.topic;
    }
    return dest.topic;
  }

  decide(event: ChangeEvent): SelectionDecision {
    return event.kind === 'ddl' ? this.decideDdl(event) : this.decideDml(event);
  }

  private decideDml(event: ChangeEvent): SelectionDecision {
    if (event.kind === 'ddl' || event.table === undefined) return { deliver: false, reason: 'object-not-selected' };
    const object = this.objectFor(event.database, event.table);
    if (!object) return { deliver: false, reason: 'object-not-selected' };
    if (event.origin === 'binlog' && !object.dml.includes(DML_OF[event.kind])) return { deliver: false, reason: 'operation-not-selected' };
    const filter = this.compiledFilter(object, event.columns);
    const test = (row: Row | undefined): boolean | undefined => (row === undefined ? undefined : filter ? filter.matches(row) : true);
    const beforeMatches = event.kind === 'insert' ? undefined : test(event.before);
    const afterMatches = event.kind === 'delete' ? undefined : test(event.after);
    if (beforeMatches !== true && afterMatches !== true) return { deliver: false, reason: 'filtered-out' };
    return { deliver: true, object, topic: this.topicFor(object, false), beforeMatches, afterMatches };
  }

  private decideDdl(event: ChangeEvent): SelectionDecision {
    const ddl = classifyDdl(event.sql ?? '', event.database);
    const op = ddl.operation;
    // The first selected table the statement touches decides (RENAME a TO b: either name).
    let object: ObjectSpec | undefined;
    for (const t of ddl.tables) {
      object = this.objectFor(t.database, t.table);
      if (object) break;
    }
    if (!object && ddl.tables.length === 0) object = this.databases.get(this.fold(ddl.database));
    if (!object) return { deliver: false, reason: 'object-not-selected' };
    if (!(object.ddl as readonly string[]).includes(op)) {
      return { deliver: false, reason: op === 'OTHER' || op.endsWith('_DATABASE') ? 'ddl-not-selectable' : 'operation-not-selected' };
    }
    return { deliver: true, object, topic: this.topicFor(object, true), beforeMatches: undefined, afterMatches: undefined, ddl };
  }

  private compiledFilter(object: ObjectSpec, columns: readonly ColumnMeta[]): CompiledExpression | undefined {
    const expr = this.filters.get(object);
    if (!expr) return undefined;
    let perColumns = this.compiled.get(columns);
    if (!perColumns) { perColumns = new Map(); this.compiled.set(columns, perColumns); }
    let c = perColumns.get(object);
    if (!c) { c = compileExpression(expr, columns, { dialect: this.dialect }); perColumns.set(object, c); }
    return c;
  }
}
