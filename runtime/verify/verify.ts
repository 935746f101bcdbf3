/**
 * Data verification of a MySQL -> MySQL task, as DTS does it: every selected table is cut into
 * primary-key ranges (keyset boundaries on the source); each range's row count and order-independent
 * digest are compared on both sides (source rows through the object's filter, destination names
 * through the mapping); inside a mismatching range, rows are compared by key. Differing keys are
 * compared again after a delay, so changes still in flight (replication lag) are not reported.
 */
import type { Row } from '../events/change-event.js';
import type { TaskSpec } from '../manifest/types.js';
import { openConnection, type MySqlConnectionConfig, type QueryConnection } from '../sources/mysql/connection.js';
import { loadTableMeta } from '../sources/schema/catalog.js';
import { keyValueText } from '../events/key-text.js';
import { NameMapper } from '../sinks/mysql/naming.js';
import { TableRouting } from '../sinks/mysql/routing.js';
import { listSourceObjects } from '../sinks/mysql/source-objects.js';
import { filterToSql } from '../transforms/filter/to-sql.js';
import { ObjectSelector } from '../transforms/select.js';
import { allRowDigestsSql, chunkChecksumSql, keyDigestsSql, nextBoundarySql, rowDigestsSql, type KeyRange, type KeyTuple, type TableSide } from './checksum.js';

export interface VerifyOptions {
  readonly task: TaskSpec;
  readonly source: MySqlConnectionConfig;
  readonly destination: MySqlConnectionConfig;
  /** Percentage of chunks compared (random sample); 100 = everything. */
  readonly samplePercent?: number;
  readonly chunkRows?: number;
  /** Wait before comparing differing keys again (lag); default 5 s. */
  readonly recheckDelayMs?: number;
  readonly random?: () => number;
  readonly onProgress?: (line: string) => void;
}

export type DifferenceKind = 'missing-on-destination' | 'extra-on-destination' | 'different';

export interface Difference {
  readonly kind: DifferenceKind;
  /** Source key column -> value (the row digest for tables without a key). */
  readonly key: Readonly<Record<string, unknown>>;
}

export interface TableVerifyResult {
  readonly source: string;
  readonly destination: string;
  readonly chunks: number;
  readonly chunksCompared: number;
  readonly rowsCompared: number;
  readonly differences: Difference[];
}

export interface VerifyReport {
  readonly task: string;
  readonly equal: boolean;
  readonly tables: TableVerifyResult[];
}

interface PreparedTable {
  readonly src: TableSide;
  readonly dst: TableSide;
  readonly result: { chunks: number; chunksCompared: number; rowsCompared: number; differences: Difference[] };
  readonly label: { source: string; destination: string };
  /** Keys to compare again after the delay. */
  suspects: KeyTuple[];
}

export async function verifyTask(options: VerifyOptions): Promise<VerifyReport> {
  const { task } = options;
  const sample = Math.min(100, Math.max(0, options.samplePercent ?? 100));
  const chunkRows = options.chunkRows ?? 1000;
  const random = options.random ?? Math.random;
  const selector = new ObjectSelector(task);
  const routing = new TableRouting(task, selector, new NameMapper(task, selector), false);
  const src = await openConnection(options.source);
  const dst = await openConnection(options.destination);
  try {
    const objects = await listSourceObjects(src, task, routing);
    const prepared: PreparedTable[] = [];
    for (const t of objects.tables) {
      const p = await prepare(src, selector, routing, t.database, t.table);
      if (p) prepared.push(p);
    }
    for (const p of prepared) {
      options.onProgress?.(`verifying ${p.label.source} -> ${p.label.destination}`);
      if (p.src.key.length === 0) {
        await compareKeyless(src, dst, p);
        continue;
      }
      let lo: KeyTuple | undefined;
      for (;;) {
        const b = nextBoundarySql(p.src, lo, chunkRows);
        const [rows] = (await src.query(b.sql, b.params)) as unknown as [Record<string, unknown>[]];
        const hi = rows[0] ? p.src.key.map((k) => rows[0]![k]) : undefined;
        const range: KeyRange = { ...(lo ? { lo } : {}), ...(hi ? { hi } : {}) };
        p.result.chunks++;
        if (sample >= 100 || random() * 100 < sample) {
          p.result.chunksCompared++;
          await compareRange(src, dst, p, range);
        }
        if (!hi) break;
        lo = hi;
      }
    }
    const suspects = prepared.filter((p) => p.suspects.length > 0);
    if (suspects.length > 0) {
      const delay = options.recheckDelayMs ?? 5000;
      options.onProgress?.(`rechecking ${suspects.reduce((n, p) => n + p.suspects.length, 0)} differing rows in ${delay} ms (replication lag)`);
      await new Promise((r) => setTimeout(r, delay));
      for (const p of suspects) p.result.differences.push(...(await recheck(src, dst, p)));
    }
    const tables = prepared.map((p) => ({ ...p.label, ...p.result }));
    return { task: task.name, equal: tables.every((t) => t.differences.length === 0), tables };
  } finally {
    await src.end().catch(() => {});
    await dst.end().catch(() => {});
  }
}

async function prepare(src: QueryConnection, selector: ObjectSelector, routing: TableRouting, database: string, table: string): Promise<PreparedTable | undefined> {
  const meta = await loadTableMeta(src, database, table);
  const route = routing.route(database, table);
  if (!meta || !route) return undefined;
  const object = selector.objectFor(database, route.selectAs);
  const names = routing.names;
  const kept = meta.columns.filter((c) => names.keepsColumn(database, route.selectAs, c.name, meta.primaryKey));
  const filter = object ? selector.filterOf(object) : undefined;
  const srcSide: TableSide = {
    database, table, key: meta.primaryKey,
    columns: kept.map((c) => ({ name: c.name, json: meta.jsonColumns.has(c.name) })),
    ...(filter ? { filter: filterToSql(filter) } : {}),
  };
  const dstSide: TableSide = {
    database: route.destination.database, table: route.destination.table,
    key: meta.primaryKey.map((k) => names.column(database, route.selectAs, k)),
    columns: kept.map((c) => ({ name: names.column(database, route.selectAs, c.name), json: meta.jsonColumns.has(c.name) })),
  };
  return {
    src: srcSide, dst: dstSide, suspects: [],
    result: { chunks: 0, chunksCompared: 0, rowsCompared: 0, differences: [] },
    label: { source: `${database}.${table}`, destination: `${route.destination.database}.${route.destination.table}` },
  };
}

async function query(conn: QueryConnection, q: { sql: string; params: unknown[] }): Promise<Record<string, unknown>[]> {
  const [rows] = (await conn.query(q.sql, q.params)) as unknown as [Record<string, unknown>[]];
  return rows;
}

async function compareRange(src: QueryConnection, dst: QueryConnection, p: PreparedTable, range: KeyRange): Promise<void> {
  const [a, b] = await Promise.all([query(src, chunkChecksumSql(p.src, range)), query(dst, chunkChecksumSql(p.dst, range))]);
  p.result.rowsCompared += Number(a[0]?.n ?? 0);
  if (String(a[0]?.n) === String(b[0]?.n) && String(a[0]?.x) === String(b[0]?.x)) return;
  const [sr, dr] = await Promise.all([query(src, rowDigestsSql(p.src, range)), query(dst, rowDigestsSql(p.dst, range))]);
  p.suspects.push(...diffRows(p, sr, dr).map((d) => d.tuple));
}

interface RowDiff { readonly kind: DifferenceKind; readonly tuple: KeyTuple }

function diffRows(p: PreparedTable, sourceRows: Record<string, unknown>[], destRows: Record<string, unknown>[]): RowDiff[] {
  const keyOf = (t: KeyTuple) => t.map((v) => keyValueText(v as Row[string])).join('\u0001');
  const srcMap = new Map(sourceRows.map((r) => { const t = p.src.key.map((k) => r[k]); return [keyOf(t), { t, h: r.__h }]; }));
  const dstMap = new Map(destRows.map((r) => { const t = p.dst.key.map((k) => r[k]); return [keyOf(t), { t, h: r.__h }]; }));
  const out: RowDiff[] = [];
  for (const [k, s] of srcMap) {
    const d = dstMap.get(k);
    if (!d) out.push({ kind: 'missing-on-destination', tuple: s.t });
    else if (String(d.h) !== String(s.h)) out.push({ kind: 'different', tuple: s.t });
  }
  for (const [k, d] of dstMap) if (!srcMap.has(k)) out.push({ kind: 'extra-on-destination', tuple: d.t });
  return out;
}

async function recheck(src: QueryConnection, dst: QueryConnection, p: PreparedTable): Promise<Difference[]> {
  const out: Difference[] = [];
  for (let i = 0; i < p.suspects.length; i += 500) {
    const keys = p.suspects.slice(i, i + 500);
    const [sr, dr] = await Promise.all([query(src, keyDigestsSql(p.src, keys)), query(dst, keyDigestsSql(p.dst, keys))]);
    for (const d of diffRows(p, sr, dr)) out.push({ kind: d.kind, key: Object.fromEntries(p.src.key.map((k, j) => [k, d.tuple[j]])) });
  }
  return out;
}

/** No key: compare the multiset of row digests of the whole table. */
async function compareKeyless(src: QueryConnection, dst: QueryConnection, p: PreparedTable): Promise<void> {
  p.result.chunks++;
  p.result.chunksCompared++;
  const digests = async (conn: QueryConnection, side: TableSide) => {
    const rows = await query(conn, allRowDigestsSql(side));
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(String(r.__h), (counts.get(String(r.__h)) ?? 0) + 1);
    return { counts, n: rows.length };
  };
  const [a, b] = await Promise.all([digests(src, p.src), digests(dst, p.dst)]);
  p.result.rowsCompared += a.n;
  for (const [h, n] of a.counts) {
    const m = b.counts.get(h) ?? 0;
    for (let i = m; i < n; i++) p.result.differences.push({ kind: 'missing-on-destination', key: { rowDigest: h } });
  }
  for (const [h, m] of b.counts) {
    const n = a.counts.get(h) ?? 0;
    for (let i = n; i < m; i++) p.result.differences.push({ kind: 'extra-on-destination', key: { rowDigest: h } });
  }
}
