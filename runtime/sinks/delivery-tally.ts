/**
 * What one destination transaction delivers, summed per (source table, operation, phase), reported to
 * the DeliveryObserver once that transaction committed: the MySQL sink's counterpart of the RocketMQ
 * sink's report per acknowledged message, so both kinds of task feed the same rows/s, MB/s and
 * latency (the newest source commit time delivered).
 */
import type { ChangeEvent } from '../events/change-event.js';
import type { Delivery, DeliveryObserver } from './sink.js';

const OPERATION = { insert: 'INSERT', update: 'UPDATE', delete: 'DELETE', ddl: 'DDL' } as const;

export class DeliveryTally {
  private readonly sums = new Map<string, { table: string; operation: Delivery['operation']; phase: Delivery['phase']; rows: number; bytes: number; sourceTimestampMs?: number }>();

  /** One source row change (or DDL: 0 rows) and the bytes it adds to the destination transaction. */
  add(event: ChangeEvent, phase: Delivery['phase'], bytes: number): void {
    const table = event.table === undefined ? event.database : `${event.database}.${event.table}`;
    const operation = OPERATION[event.kind];
    const key = `${table}\u0000${operation}\u0000${phase}`;
    let sum = this.sums.get(key);
    if (!sum) this.sums.set(key, (sum = { table, operation, phase, rows: 0, bytes: 0 }));
    if (event.kind !== 'ddl') sum.rows++;
    sum.bytes += bytes;
    if (phase === 'incremental' && event.commitTime !== undefined) sum.sourceTimestampMs = Math.max(sum.sourceTimestampMs ?? 0, event.commitTime);
  }

  /** `rows` source row changes of the kind and table of `event` (a full-sync chunk), adding `bytes`. */
  addRows(event: ChangeEvent, phase: Delivery['phase'], rows: number, bytes: number): void {
    if (rows === 0) return;
    this.add(event, phase, bytes);
    const table = event.table === undefined ? event.database : `${event.database}.${event.table}`;
    this.sums.get(`${table}\u0000${OPERATION[event.kind]}\u0000${phase}`)!.rows += rows - 1;
  }

  get empty(): boolean {
    return this.sums.size === 0;
  }

  /** Reports every sum (after the commit) and forgets them. */
  report(observer: DeliveryObserver | undefined): void {
    if (observer) for (const s of this.sums.values()) observer.delivered({ ...s });
    this.sums.clear();
  }
}
