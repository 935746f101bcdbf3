/**
 * Source -> destination names for a MySQL destination ("object name mapping"):
 * - database: the database entry's targetDatabase, else the capitalized source name;
 * - table: the table entry's targetDatabase/targetTable win, then the database entry's
 *   targetDatabase, else capitalized source names (mapped names are final: not capitalized again);
 * - column: ColumnTransformSpec.rename (final), else the capitalized source name.
 * Unselected objects keep their (capitalized) names: views and routines may reference them.
 */
import type { Capitalization, ObjectSpec, TaskSpec } from '../../manifest/types.js';
import { capitalize, type DestinationNaming } from '../../transforms/names.js';
import type { ObjectSelector } from '../../transforms/select.js';

export interface TableName {
  readonly database: string;
  readonly table: string;
}

export class NameMapper {
  private readonly policy: Capitalization;
  private readonly databaseEntries = new Map<string, ObjectSpec>();

  constructor(
    task: TaskSpec,
    private readonly selector: ObjectSelector,
    private readonly destination: DestinationNaming = { engine: 'mysql' },
  ) {
    this.policy = task.capitalization;
    for (const o of task.objects) if (o.table === undefined) this.databaseEntries.set(o.database, o);
  }

  database(sourceDatabase: string): string {
    const entry = this.databaseEntries.get(sourceDatabase);
    return entry?.targetDatabase ?? capitalize(sourceDatabase, 'database', this.policy, this.destination);
  }

  table(sourceDatabase: string, sourceTable: string): TableName {
    const entry = this.selector.objectFor(sourceDatabase, sourceTable);
    const tableEntry = entry?.table !== undefined ? entry : undefined;
    return {
      database: tableEntry?.targetDatabase ?? this.database(sourceDatabase),
      table: tableEntry?.targetTable ?? capitalize(sourceTable, 'table', this.policy, this.destination),
    };
  }

  /** Destination name of a column of a selected table (rename wins, else capitalization). */
  column(sourceDatabase: string, sourceTable: string, column: string): string {
    const rename = this.renamesOf(sourceDatabase, sourceTable);
    return rename.get(column.toLowerCase()) ?? capitalize(column, 'column', this.policy, this.destination);
  }

  /** Lower-cased source column -> destination column, from the applying object's ColumnTransformSpec. */
  renamesOf(sourceDatabase: string, sourceTable: string): ReadonlyMap<string, string> {
    const entry = this.selector.objectFor(sourceDatabase, sourceTable);
    const rename = entry?.columns?.rename ?? {};
    return new Map(Object.entries(rename).map(([from, to]) => [from.toLowerCase(), to]));
  }

  /** True when the column survives include/exclude for this table (key columns always do). */
  keepsColumn(sourceDatabase: string, sourceTable: string, column: string, keyColumns: readonly string[]): boolean {
    const spec = this.selector.objectFor(sourceDatabase, sourceTable)?.columns;
    if (!spec) return true;
    const lower = column.toLowerCase();
    if (keyColumns.some((k) => k.toLowerCase() === lower)) return true;
    if (spec.include && !spec.include.some((c) => c.toLowerCase() === lower)) return false;
    return !(spec.exclude ?? []).some((c) => c.toLowerCase() === lower);
  }

  get capitalization(): Capitalization {
    return this.policy;
  }
}
