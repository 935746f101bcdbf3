/**
 * Merges the row changes of consecutive source transactions into one destination batch, per key,
 * last writer wins: the batch keeps only each key's final state (a full row to upsert, or absent).
 * - insert, update...        -> upsert of the final row
 * - insert ... delete        -> delete (of a key that is normally absent: harmless, and right when a
 *                               snapshot row for it already landed during the full-sync handover)
 * - delete, insert           -> upsert (the upsert replaces whatever is there)
 * - update changing the key  -> delete of the old key + upsert of the new one
 * Keyless tables cannot be merged: their changes stay in order.
 *
 * Keys compare by value. Two keys that differ only in case, trailing spaces or accents may be one
 * row to a case-insensitive collation and two rows to a binary one; rather than guess the
 * collation, `add` reports such a collision and the sink flushes before adding the change, so the
 * destination sees the two in source order.
 */
import type { ColumnMeta, Row } from '../../events/change-event.js';
import { keyValueText } from '../../events/key-text.js';
import { estimateRowBytes } from '../../sources/mysql/values.js';
import { DeliveryTally } from '../delivery-tally.js';
import type { ChunkUpserts, RowChange } from './event-mapper.js';
import type { TableName } from './naming.js';

export interface TableBatch {
  readonly table: TableName;
  readonly key: readonly string[];
  /** Final state per key: the row to upsert, or null = absent (delete); keyRow holds the key columns (maybe more). */
  readonly finals: Map<string, { readonly keyRow: Row; readonly row: Row | null }>;
  /** Folded key (what a case/accent/pad-insensitive collation compares) -> the exact key batched under it. */
  readonly folded: Map<string, string>;
  /** Keyless tables: changes in source order. */
  readonly ordered: RowChange[];
  columns: readonly ColumnMeta[];
  jsonColumns: ReadonlySet<string>;
  readonly sources: Set<string>;
  /** Every row has the same columns in the same order (a full-sync chunk): one statement shape. */
  readonly uniform?: boolean;
}

/** Estimated bytes of a change's row images (the delivery metrics). */
export const changeBytes = (change: RowChange): number => estimateRowBytes(change.after) + estimateRowBytes(change.before);

/**
 * What a batched change holds in the engine's heap besides its values' bytes: the row objects, the
 * change, its key texts and map entries (measured on 4-column rows: test/unit/sinks/mysql/batch-memory.test.ts).
 * Counted into Batch.bytes, so MYSQL_BATCH_BYTES bounds a batch of many small rows too: without it a
 * batchRows of 20,000 small changes held three times their estimate and ran the engine out of heap.
 */
export const CHANGE_HEAP_OVERHEAD = 1024;

export class Batch {
  readonly tables = new Map<string, TableBatch>();
  /** The source changes this batch delivers, for metrics once it committed. */
  constructor(readonly delivered = new DeliveryTally()) {}

  /** Row changes accepted (before merging), the bound for batchRows. */
  changes = 0;
  /** Estimated heap bytes of the changes accepted (before merging), the bound for MYSQL_BATCH_BYTES. */
  bytes = 0;

  get empty(): boolean {
    return this.changes === 0;
  }

  /** False (and nothing added) when the change's key collides with a different spelling already batched. */
  add(change: RowChange): boolean {
    const tableKey = tableKeyOf(change.table);
    let tb = this.tables.get(tableKey);
    if (tb && tb.key !== change.key && !sameColumns(tb.key, change.key)) return false; // the key changed (DDL between): keep order
    // The image holding the key: a delete's `before` is its key already (event-mapper.ts).
    const image = change.op === 'upsert' ? change.after! : change.before!;
    let exact: string | undefined;
    let fold: string | undefined;
    if (change.key.length > 0) {
      exact = change.key.length === 1 ? keyValueText(image[change.key[0]!]) : keyText(image, change.key);
      fold = foldKey(exact);
      const seen = tb?.folded.get(fold);
      if (seen !== undefined && seen !== exact) return false;
    }
    if (!tb) {
      tb = { table: change.table, key: change.key, finals: new Map(), ordered: [], columns: change.columns, jsonColumns: change.jsonColumns, sources: new Set(), folded: new Map() };
      this.tables.set(tableKey, tb);
    }
    tb.columns = change.columns;
    tb.jsonColumns = change.jsonColumns;
    tb.sources.add(change.source);
    this.changes++;
    this.bytes += changeBytes(change) + CHANGE_HEAP_OVERHEAD;
    if (exact === undefined) {
      tb.ordered.push(change);
      return true;
    }
    tb.folded.set(fold!, exact);
    // A key's entry keeps its first place in the map; its state is the last change's.
    tb.finals.set(exact, { keyRow: image, row: change.op === 'upsert' ? change.after! : null });
    return true;
  }
}

/** "db\0table" of a destination table, kept per name object (the routing hands out one per table). */
const tableKeys = new WeakMap<TableName, string>();
export function tableKeyOf(t: TableName): string {
  let k = tableKeys.get(t);
  if (k === undefined) tableKeys.set(t, (k = `${t.database}\u0000${t.table}`));
  return k;
}

/**
 * Upserts of rows known to have distinct keys and one column list (a full-sync chunk of a keyed
 * table), added without merging or the collision check: each is its key's final state already.
 */
export function chunkBatch(chunk: ChunkUpserts & { readonly table: TableName }, delivered: DeliveryTally): Batch {
  const batch = new Batch(delivered);
  const tb: TableBatch = { table: chunk.table, key: chunk.key, finals: new Map(), ordered: [], columns: chunk.columns, jsonColumns: chunk.jsonColumns, sources: new Set([chunk.source]), folded: new Map(), uniform: true };
  batch.tables.set(tableKeyOf(chunk.table), tb);
  let i = 0;
  for (const row of chunk.rows) tb.finals.set(String(i++), { keyRow: row, row });
  batch.changes = chunk.rows.length;
  return batch;
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

export function keyText(row: Row, key: readonly string[]): string {
  return key.map((k) => keyValueText(row[k])).join('\u0001');
}

const PLAIN_KEY = /^[0-9.:+\-\u0001]*$/;

/** What a case/accent/pad-insensitive collation would consider the same key. */
function foldKey(text: string): string {
  // Digits, signs and separators fold to themselves (integer, decimal and date keys).
  if (PLAIN_KEY.test(text)) return text;
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/ +(?=\u0001|$)/g, '');
}
