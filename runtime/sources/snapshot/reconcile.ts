import type { ChangeEvent, Row } from '../../events/change-event.js';
import type { BinlogPosition } from '../../state/offsets.js';
import { keyValueText } from '../../events/key-text.js';
import { comparePositions } from '../mysql/position.js';

/** A stable string for a key tuple (used for set membership, never for ordering). */
export function keyString(row: Row | undefined, key: readonly string[]): string | undefined {
  if (!row || key.length === 0) return undefined;
  return JSON.stringify(key.map((k) => keyValueText(row[k])));
}

/** Keys (before and after images) a binlog event touched on `database.table`. */
export function touchedKeys(events: readonly ChangeEvent[], database: string, table: string, key: readonly string[], into: Set<string>): void {
  for (const e of events) {
    if (e.database !== database || e.table !== table || e.kind === 'ddl') continue;
    const b = keyString(e.before, key);
    const a = keyString(e.after, key);
    if (b) into.add(b);
    if (a) into.add(a);
  }
}

/**
 * Like touchedKeys, remembering the position of the last transaction that touched each key, for a chunk
 * whose low watermark is not known yet when the stream delivers the transaction (parallel reads).
 */
export function recordTouchedKeys(
  events: readonly ChangeEvent[],
  meta: { readonly database: string; readonly table: string; readonly primaryKey: readonly string[] },
  position: BinlogPosition,
  into: Map<string, BinlogPosition>,
): void {
  const keys = new Set<string>();
  touchedKeys(events, meta.database, meta.table, meta.primaryKey, keys);
  for (const k of keys) into.set(k, position);
}

/** The recorded keys last touched strictly after `low` (the transactions a chunk read at `low` cannot reflect). */
export function keysTouchedAfter(touched: ReadonlyMap<string, BinlogPosition>, low: BinlogPosition): Set<string> {
  const out = new Set<string>();
  for (const [k, p] of touched) if (comparePositions(p, low) > 0) out.add(k);
  return out;
}

/**
 * DBLog-style reconciliation: chunk rows whose key a binlog event touched between the chunk's low and
 * high watermarks are dropped, because the stream already delivered a change at least as new for them.
 */
export function reconcileChunk(rows: readonly Row[], key: readonly string[], touched: ReadonlySet<string>): Row[] {
  if (touched.size === 0) return [...rows];
  return rows.filter((r) => {
    const k = keyString(r, key);
    return k === undefined || !touched.has(k);
  });
}
