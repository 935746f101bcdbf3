/**
 * Which source tables a MySQL task writes, and where: the object selection plus the online-DDL
 * helper-table rule, on top of the name mapping. Used by the row path (EventMapper) and the DDL
 * path (rewriteDdl's DdlNames).
 */
import type { TaskSpec } from '../../manifest/types.js';
import type { ObjectSelector } from '../../transforms/select.js';
import type { DdlNames } from './ddl-rewrite.js';
import type { NameMapper, TableName } from './naming.js';
import { onlineDdlTable } from './online-ddl.js';

export interface TableRoute {
  /** The source table whose object entry (operations, filter, columns) applies. */
  readonly selectAs: string;
  readonly destination: TableName;
  /** True for an online-DDL helper table replicated next to its original. */
  readonly helper: boolean;
}

export class TableRouting implements DdlNames {
  private readonly databases: ReadonlySet<string>;

  constructor(
    task: TaskSpec,
    private readonly selector: ObjectSelector,
    readonly names: NameMapper,
    readonly replicateHelperTables: boolean,
  ) {
    this.databases = new Set(task.objects.map((o) => o.database));
  }

  /** Where a source table's rows go; undefined when the task does not write it. */
  route(database: string, table: string): TableRoute | undefined {
    const helper = onlineDdlTable(table);
    if (helper !== undefined && this.selector.isTableSelected(database, helper.original)) {
      if (!this.replicateHelperTables) return undefined;
      const original = this.names.table(database, helper.original);
      return { selectAs: helper.original, destination: { database: original.database, table: `_${original.table}_${helper.role}` }, helper: true };
    }
    if (!this.selector.isTableSelected(database, table)) return undefined;
    return { selectAs: table, destination: this.names.table(database, table), helper: false };
  }

  isSelectedDatabase(database: string): boolean {
    return this.databases.has(database);
  }

  isSelectedTable(database: string, table: string): boolean {
    return this.route(database, table) !== undefined;
  }

  database(database: string): string {
    return this.names.database(database);
  }

  table(database: string, table: string): TableName {
    return this.route(database, table)?.destination ?? this.names.table(database, table);
  }

  renamesOf(database: string, table: string): ReadonlyMap<string, string> {
    const r = this.route(database, table);
    return this.names.renamesOf(database, r?.selectAs ?? table);
  }
}
