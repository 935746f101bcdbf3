import type { ColumnMeta } from '../../events/change-event.js';
import { queryRows, type QueryConnection } from '../mysql/connection.js';
import { baseType, jdbcTypeOf } from './sql-type.js';

export interface TableMeta {
  readonly database: string;
  readonly table: string;
  readonly columns: readonly ColumnMeta[];
  /** Primary key, else the first UNIQUE key whose columns are all NOT NULL, else empty. */
  readonly primaryKey: readonly string[];
  readonly keyKind: 'primary' | 'unique' | 'none';
  /** Columns the key columns' values should compare as (for keyset pagination): true = numeric. */
  readonly numericKey: boolean;
  /** information_schema.TABLES.TABLE_ROWS (InnoDB: an estimate). */
  readonly estimatedRows: number;
  /** Columns stored as JSON (MySQL JSON, or MariaDB LONGTEXT with a json_valid CHECK). */
  readonly jsonColumns: ReadonlySet<string>;
}

interface IndexColumn {
  readonly index: string;
  readonly nonUnique: boolean;
  readonly seq: number;
  readonly column: string;
}

const NUMERIC_BASE = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'integer', 'bigint', 'decimal', 'numeric', 'float', 'double', 'year']);

/**
 * Reads table metadata from information_schema (SELECT privilege is enough) and caches it.
 * The binlog reader calls `invalidate` on DDL so later rows are described by the new schema.
 */
export class SchemaCatalog {
  private readonly cache = new Map<string, Promise<TableMeta | undefined>>();

  constructor(private readonly conn: QueryConnection) {}

  /** Metadata of db.table, or undefined when the table does not exist (or is not visible). */
  get(database: string, table: string): Promise<TableMeta | undefined> {
    const key = `${database}\u0000${table}`;
    let entry = this.cache.get(key);
    if (!entry) {
      entry = loadTableMeta(this.conn, database, table);
      this.cache.set(key, entry);
      entry.catch(() => this.cache.delete(key));
    }
    return entry;
  }

  /** Forget one table, or every table of a database, or everything. */
  invalidate(database?: string, table?: string): void {
    if (database === undefined) {
      this.cache.clear();
      return;
    }
    for (const key of [...this.cache.keys()]) {
      const [db, t] = key.split('\u0000');
      if (db === database && (table === undefined || t === table)) this.cache.delete(key);
    }
  }

  /** Base tables of a database (views excluded). */
  async listTables(database: string): Promise<string[]> {
    const rows = await queryRows(
      this.conn,
      "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
      [database],
    );
    return rows.map((r) => String(r.name));
  }
}

export async function loadTableMeta(conn: QueryConnection, database: string, table: string): Promise<TableMeta | undefined> {
  const tables = await queryRows(
    conn,
    "SELECT TABLE_ROWS AS tableRows FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND TABLE_TYPE = 'BASE TABLE'",
    [database, table],
  );
  if (tables.length === 0) return undefined;
  const columnRows = await queryRows(
    conn,
    `SELECT COLUMN_NAME AS name, COLUMN_TYPE AS columnType, DATA_TYPE AS dataType, IS_NULLABLE AS nullable,
            CHARACTER_SET_NAME AS charset, EXTRA AS extra
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
    [database, table],
  );
  const indexRows = await queryRows(
    conn,
    `SELECT INDEX_NAME AS indexName, NON_UNIQUE AS nonUnique, SEQ_IN_INDEX AS seq, COLUMN_NAME AS columnName
       FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
    [database, table],
  );
  const jsonColumns = new Set<string>(columnRows.filter((c) => String(c.dataType).toLowerCase() === 'json').map((c) => String(c.name)));
  for (const col of await mariadbJsonColumns(conn, database, table)) jsonColumns.add(col);

  const columns: ColumnMeta[] = columnRows.map((c) => {
    const name = String(c.name);
    const mysqlType = jsonColumns.has(name) ? 'json' : String(c.columnType);
    return {
      name,
      mysqlType,
      sqlType: jdbcTypeOf(mysqlType),
      nullable: String(c.nullable).toUpperCase() === 'YES',
      unsigned: /\bunsigned\b/i.test(mysqlType),
      charset: c.charset === null || c.charset === undefined ? null : String(c.charset),
      ...(/\bGENERATED\b|^(VIRTUAL|PERSISTENT|STORED)$/i.test(String(c.extra ?? '')) ? { generated: true } : {}),
    };
  });
  const indexes: IndexColumn[] = indexRows.map((r) => ({
    index: String(r.indexName),
    nonUnique: Number(r.nonUnique) !== 0,
    seq: Number(r.seq),
    column: String(r.columnName),
  }));
  const { primaryKey, keyKind } = chooseKey(columns, indexes);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const numericKey = primaryKey.length > 0 && primaryKey.every((k) => NUMERIC_BASE.has(baseType(byName.get(k)?.mysqlType ?? '')));
  return {
    database,
    table,
    columns,
    primaryKey,
    keyKind,
    numericKey,
    estimatedRows: Number(tables[0]?.tableRows ?? 0) || 0,
    jsonColumns,
  };
}

/** PRIMARY, else the first UNIQUE index (fewest columns, then name) whose columns are all NOT NULL. */
export function chooseKey(
  columns: readonly ColumnMeta[],
  indexes: readonly IndexColumn[],
): { primaryKey: string[]; keyKind: 'primary' | 'unique' | 'none' } {
  const byIndex = new Map<string, IndexColumn[]>();
  for (const ix of indexes) {
    const list = byIndex.get(ix.index) ?? [];
    list.push(ix);
    byIndex.set(ix.index, list);
  }
  const cols = (list: IndexColumn[]) => [...list].sort((a, b) => a.seq - b.seq).map((i) => i.column);
  const primary = byIndex.get('PRIMARY');
  if (primary) return { primaryKey: cols(primary), keyKind: 'primary' };
  const nullable = new Map(columns.map((c) => [c.name, c.nullable]));
  const candidates = [...byIndex.entries()]
    .filter(([, list]) => list.every((i) => !i.nonUnique) && list.every((i) => nullable.get(i.column) === false))
    .sort(([an, a], [bn, b]) => a.length - b.length || (an < bn ? -1 : an > bn ? 1 : 0));
  const first = candidates[0];
  if (first) return { primaryKey: cols(first[1]), keyKind: 'unique' };
  return { primaryKey: [], keyKind: 'none' };
}

/** MariaDB stores JSON as LONGTEXT with CHECK (json_valid(`col`)); MySQL has a real JSON type. */
async function mariadbJsonColumns(conn: QueryConnection, database: string, table: string): Promise<string[]> {
  let rows: Record<string, unknown>[];
  try {
    rows = await queryRows(
      conn,
      'SELECT CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?',
      [database, table],
    );
  } catch {
    return []; // MySQL: CHECK_CONSTRAINTS has no TABLE_NAME; JSON columns are typed there.
  }
  const out: string[] = [];
  for (const r of rows) {
    const m = /^\s*json_valid\(`((?:[^`]|``)+)`\)\s*$/i.exec(String(r.clause));
    if (m?.[1]) out.push(m[1].replace(/``/g, '`'));
  }
  return out;
}
