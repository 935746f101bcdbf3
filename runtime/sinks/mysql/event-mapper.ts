/**
 * Source row events -> destination row changes: selection, filter, column ETL, capitalization and
 * name mapping, in that order (the filter reads source column names, the mapping is last).
 *
 * Filter semantics for a keyed table (the MySQL sink keeps the destination equal to the filtered
 * source, so it needs both images' verdicts):
 * - INSERT kept            -> upsert of the after image
 * - DELETE kept            -> delete of the before key
 * - UPDATE in -> in        -> upsert (plus a delete of the old key when the key changed)
 * - UPDATE in -> out       -> delete of the old key (the row left the filter)
 * - UPDATE out -> in       -> upsert (the row entered the filter)
 * Keyless tables cannot be merged or addressed by key: their changes stay ordered and address the
 * whole before image.
 */
import type { ChangeEvent, ColumnMeta, Row } from '../../events/change-event.js';
import { keyValueText } from '../../events/key-text.js';
import type { DmlOperation, ObjectSpec } from '../../manifest/types.js';
import { ColumnTransformer } from '../../transforms/columns.js';
import { capitalizeEvent } from '../../transforms/names.js';
import { DML_OF, type ObjectSelector } from '../../transforms/select.js';
import type { NameMapper, TableName } from './naming.js';
import type { TableRoute, TableRouting } from './routing.js';
import { isJsonColumn } from './sql-literal.js';

export interface RowChange {
  readonly table: TableName;
  /** Destination key columns; empty for a keyless table. */
  readonly key: readonly string[];
  /** upsert: after is the full row. delete: before holds the key (or the whole row when keyless).
   *  update-keyless: before is the whole old row, after the new one. */
  readonly op: 'upsert' | 'delete' | 'update-keyless';
  readonly before?: Row;
  readonly after?: Row;
  readonly columns: readonly ColumnMeta[];
  readonly jsonColumns: ReadonlySet<string>;
  /** Source "db.table", for counters and error messages. */
  readonly source: string;
}

interface TableRule {
  readonly route: TableRoute | undefined;
  /** The table's object, when events map as they are (no filter, no column rules, source names kept). */
  readonly plain?: ObjectSpec;
  readonly dml?: ReadonlySet<DmlOperation>;
  /** "db.table" of the source, for counters and messages. */
  readonly source: string;
}

/** A full-sync chunk's rows as upserts of one keyed destination table (`table` undefined: no row is delivered). */
export type ChunkUpserts =
  | (Omit<RowChange, 'op' | 'before' | 'after'> & { readonly rows: readonly Row[] })
  | { readonly table: undefined; readonly rows: readonly Row[] };

export class EventMapper {
  private readonly transformers = new Map<ObjectSpec, ColumnTransformer>();
  private readonly jsonCache = new WeakMap<readonly ColumnMeta[], ReadonlySet<string>>();
  private readonly rules = new Map<string, Map<string, TableRule>>();

  constructor(
    private readonly task: string,
    private readonly selector: ObjectSelector,
    private readonly routing: TableRouting,
  ) {}

  private get names(): NameMapper {
    return this.routing.names;
  }

  /**
   * Per source table: its route, and its object when that neither filters rows nor shapes columns
   * and capitalization keeps source names (then an event maps as it is: no decision object, no copy).
   */
  private rule(database: string, table: string): TableRule {
    let byTable = this.rules.get(database);
    if (!byTable) this.rules.set(database, (byTable = new Map()));
    let r = byTable.get(table);
    if (!r) {
      const route = this.routing.route(database, table);
      const object = route && !route.helper ? this.selector.objectFor(database, table) : undefined;
      const keepsNames = this.names.capitalization === 'dts-default' || this.names.capitalization === 'source';
      const plain = object && !this.selector.filterOf(object) && !object.columns && keepsNames ? object : undefined;
      r = { route, ...(plain ? { plain, dml: new Set(plain.dml) } : {}), source: `${database}.${table}` };
      byTable.set(table, r);
    }
    return r;
  }

  /** Row changes for one DML event (empty when the event is not selected or filtered out). */
  map(event: ChangeEvent): RowChange[] {
    if (event.kind === 'ddl' || event.table === undefined) return [];
    const rule = this.rule(event.database, event.table);
    const route = rule.route;
    if (!route) return [];
    let shaped: ChangeEvent;
    let beforeMatches: boolean | undefined;
    let afterMatches: boolean | undefined;
    if (rule.plain) {
      // What decide() and shape() give for an object without filter or column rules.
      if (event.origin === 'binlog' && !rule.dml!.has(DML_OF[event.kind])) return [];
      shaped = event;
      beforeMatches = event.kind === 'insert' ? undefined : true;
      afterMatches = event.kind === 'delete' ? undefined : true;
    } else {
      // An online-DDL helper table is selected, filtered and shaped as the table it copies.
      const asSelected = route.helper ? { ...event, table: route.selectAs } : event;
      const decision = this.selector.decide(asSelected);
      if (!decision.deliver) return [];
      shaped = this.shape(asSelected, decision.object);
      beforeMatches = decision.beforeMatches;
      afterMatches = decision.afterMatches;
    }
    const table = route.destination;
    const key = shaped.primaryKey;
    const base = { table, key, columns: shaped.columns, jsonColumns: this.jsonOf(shaped.columns), source: rule.source };
    if (key.length === 0) {
      if (shaped.kind === 'insert') return [{ ...base, op: 'upsert', after: shaped.after! }];
      if (shaped.kind === 'delete') return [{ ...base, op: 'delete', before: shaped.before! }];
      if (beforeMatches && afterMatches) return [{ ...base, op: 'update-keyless', before: shaped.before!, after: shaped.after! }];
      if (beforeMatches) return [{ ...base, op: 'delete', before: shaped.before! }];
      return [{ ...base, op: 'upsert', after: shaped.after! }];
    }
    switch (shaped.kind) {
      case 'insert':
        return [{ ...base, op: 'upsert', after: shaped.after! }];
      case 'delete':
        return [{ ...base, op: 'delete', before: pick(shaped.before!, key) }];
      default: {
        const out: RowChange[] = [];
        const keyChanged = !sameKey(shaped.before!, shaped.after!, key);
        if (beforeMatches && (!afterMatches || keyChanged)) out.push({ ...base, op: 'delete', before: pick(shaped.before!, key) });
        if (afterMatches) out.push({ ...base, op: 'upsert', after: shaped.after! });
        return out;
      }
    }
  }

  /**
   * The upserts of one full-sync chunk (inserts of one source table, one column list), or undefined
   * when its rows do not all become upserts of one keyed destination table (the caller then applies
   * it change by change). The route and the selection are looked up once; when the object neither
   * filters rows nor shapes columns and capitalization keeps source names, every row is its own
   * upsert as it is, which is what map() would make of it. Otherwise each row goes through map().
   */
  mapChunk(events: readonly ChangeEvent[]): ChunkUpserts | undefined {
    const first = events[0];
    if (!first || first.kind !== 'insert' || first.table === undefined) return undefined;
    const rule = this.rule(first.database, first.table);
    if (!rule.route) return { table: undefined, rows: [] };
    const uniform = events.every((e) => e.kind === 'insert' && e.columns === first.columns && e.table === first.table && e.database === first.database);
    if (rule.plain && uniform) {
      if (first.primaryKey.length === 0) return undefined;
      return { table: rule.route.destination, key: first.primaryKey, columns: first.columns, jsonColumns: this.jsonOf(first.columns), source: rule.source, rows: events.map((e) => e.after!) };
    }
    const changes = events.flatMap((e) => this.map(e));
    const c = changes[0];
    if (!c) return { table: undefined, rows: [] };
    if (c.key.length === 0 || changes.some((x) => x.op !== 'upsert' || x.table.database !== c.table.database || x.table.table !== c.table.table)) return undefined;
    return { table: c.table, key: c.key, columns: c.columns, jsonColumns: c.jsonColumns, source: c.source, rows: changes.map((x) => x.after!) };
  }

  /** Capitalize column names, then the object's include/exclude/rename/computed. */
  private shape(event: ChangeEvent, object: ObjectSpec): ChangeEvent {
    const capitalized = capitalizeEvent(event, this.names.capitalization, { engine: 'mysql' });
    const restored = capitalized === event ? event : { ...capitalized, database: event.database, ...(event.table !== undefined ? { table: event.table } : {}) };
    if (!object.columns) return restored;
    let t = this.transformers.get(object);
    if (!t) {
      t = new ColumnTransformer(object.columns, `task ${this.task}, object ${object.database}.${object.table ?? '*'}`);
      this.transformers.set(object, t);
    }
    return t.apply(restored);
  }

  private jsonOf(columns: readonly ColumnMeta[]): ReadonlySet<string> {
    let s = this.jsonCache.get(columns);
    if (!s) {
      s = new Set(columns.filter(isJsonColumn).map((c) => c.name));
      this.jsonCache.set(columns, s);
    }
    return s;
  }
}

export function pick(row: Row, columns: readonly string[]): Row {
  const out: Record<string, Row[string]> = {};
  for (const c of columns) out[c] = row[c] ?? null;
  return out;
}

function sameKey(a: Row, b: Row, key: readonly string[]): boolean {
  return key.every((k) => keyValueText(a[k]) === keyValueText(b[k]));
}

