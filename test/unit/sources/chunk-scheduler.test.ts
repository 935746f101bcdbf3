import { describe, expect, it } from '@jest/globals';
import type { ChangeEvent, Row } from '../../../runtime/events/change-event.js';
import type { BinlogPosition } from '../../../runtime/state/offsets.js';
import type { TableMeta } from '../../../runtime/sources/schema/catalog.js';
import type { Chunk, ChunkMode } from '../../../runtime/sources/snapshot/chunk-reader.js';
import {
  ChunkScheduler,
  type ChunkReadRequest,
  type HandoverItem,
  type SnapshotState,
  type StreamTransaction,
} from '../../../runtime/sources/snapshot/chunk-scheduler.js';

const at = (pos: number): BinlogPosition => ({ file: 'bin.000001', pos });
const meta = (table: string): TableMeta => ({
  database: 'd', table, columns: [], primaryKey: ['id'], keyKind: 'primary', numericKey: true, estimatedRows: 0, jsonColumns: new Set(),
});
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Tx extends StreamTransaction { readonly label: string }
const tx = (pos: number, table?: string, ids: number[] = []): Tx => ({
  label: `tx@${pos}`,
  position: at(pos),
  events: table
    ? ids.map((id): ChangeEvent => ({
        kind: 'update', database: 'd', table, before: { id }, after: { id }, primaryKey: ['id'], columns: [],
        position: at(pos), commitTime: 0, transactionId: `t${pos}`, seq: 0, origin: 'binlog',
      }))
    : [],
});

interface FakeRead {
  readonly req: ChunkReadRequest;
  complete(ids: number[], high: number, last: boolean): void;
  fail(err: Error): void;
  low?: number;
}

/** A fake chunk reader whose reads pin and complete only when the test says so, and a scripted stream. */
function harness(tables: string[], parallelism: number, mode: ChunkMode, stream: Tx[]) {
  const reads: FakeRead[] = [];
  const state: SnapshotState = {
    order: tables.map((table) => ({ database: 'd', table })),
    tables: Object.fromEntries(tables.map((t) => [`d.${t}`, { status: 'pending' as const, rowsDone: 0, rowsEstimated: 0 }])),
    done: false,
  };
  let maxPending = 0;
  const scheduler = new ChunkScheduler<Tx>(
    {
      task: 't1', mode, parallelism,
      read: (req) =>
        new Promise<Chunk>((resolve, reject) => {
          const r: FakeRead = {
            req,
            complete: (ids, high, last) => {
              const rows: Row[] = ids.map((id) => ({ id }));
              const lastId = ids[ids.length - 1];
              resolve({
                meta: meta(req.ref.table), rows, low: at(r.low ?? high), high: at(high), last, bytes: 0, queries: 3,
                ...(lastId !== undefined ? { lastKey: [lastId] } : {}),
              });
            },
            fail: reject,
          };
          reads.push(r);
        }),
    },
    state,
  );
  const pin = (i: number, low: number) => {
    const r = reads[i]!;
    r.low = low;
    r.req.described(meta(r.req.ref.table));
    r.req.pinned(at(low));
  };
  let position = at(0);
  const delivered: string[] = [];
  const items: HandoverItem<Tx>[] = [];
  const source = { next: async () => stream.shift() };
  /** One next() call; `resolved()` tells whether it has produced an item yet. */
  const step = () => {
    let done = false;
    const promise = scheduler.next(source, position).then((item) => {
      done = true;
      maxPending = Math.max(maxPending, scheduler.pending);
      if (item) items.push(item);
      if (item?.kind === 'binlog') {
        position = item.transaction.position;
        delivered.push(item.transaction.label);
      } else if (item?.kind === 'chunk') {
        delivered.push(`${item.table}#${item.readOrder}[${item.rows.map((r) => r.id).join(',')}]`);
      } else if (item?.kind === 'snapshot-done') {
        delivered.push('done');
      }
      return item;
    });
    return { promise, resolved: () => done };
  };
  return { reads, state, pin, step, delivered, items, maxPending: () => maxPending, scheduler };
}

describe('parallel full sync: chunk scheduler', () => {
  it('consistent snapshot: chunks are emitted in read start order, each exactly at its position, whatever order reads finish in', async () => {
    const h = harness(['a', 'b', 'c'], 3, 'consistent-snapshot', [tx(10, 'a', [1]), tx(20, 'b', [9]), tx(30, 'c', [5]), tx(40), tx(50, 'a', [7])]);
    const first = h.step();
    await settle();
    // Reads pin one after the other: b's read does not start before a's is pinned.
    expect(h.reads.length).toBe(1);
    h.pin(0, 20);
    await settle();
    expect(h.reads.length).toBe(2);
    h.pin(1, 30);
    await settle();
    h.pin(2, 40);
    await settle();
    expect(h.reads.map((r) => r.req.ref.table)).toEqual(['a', 'b', 'c']);
    await first.promise; // the stream is drained towards a's position while a is still reading
    await h.step().promise;
    expect(h.delivered).toEqual(['tx@10', 'tx@20']);
    // Stream is at a's position: nothing more is drained until a completes, even though b and c finish first.
    const waiting = h.step();
    h.reads[2]!.complete([1, 2], 40, true);
    h.reads[1]!.complete([3], 30, true);
    await settle();
    expect(waiting.resolved()).toBe(false);
    // Checkpoint progress does not include read-but-unemitted chunks.
    expect(h.state.tables['d.b']).toEqual({ status: 'pending', rowsDone: 0, rowsEstimated: 0 });
    h.reads[0]!.complete([1, 2], 20, false);
    await waiting.promise;
    expect(h.delivered).toEqual(['tx@10', 'tx@20', 'd.a#1[1,2]']);
    expect(h.state.tables['d.a']).toEqual({ status: 'in-progress', lastKey: [2], rowsDone: 2, rowsEstimated: 0 });
    expect(h.state.tables['d.b']!.status).toBe('pending');
    // a's next chunk starts from the emitted chunk's last key, after b and c in emission order.
    await settle();
    expect(h.reads[3]!.req.lastKey).toEqual([2]);
    h.pin(3, 50);
    h.reads[3]!.complete([3], 50, true);
    for (let i = 0; i < 6; i++) await h.step().promise;
    expect(h.delivered).toEqual(['tx@10', 'tx@20', 'd.a#1[1,2]', 'tx@30', 'd.b#2[3]', 'tx@40', 'd.c#3[1,2]', 'tx@50', 'd.a#4[3]']);
    expect(h.state.done).toBe(true);
    expect(h.maxPending()).toBeLessThanOrEqual(3);
  });

  it('keeps at most P reads, one per table, and fewer when fewer tables remain', async () => {
    const h = harness(['a', 'b', 'c', 'd'], 2, 'consistent-snapshot', []);
    const s = h.step();
    await settle();
    h.pin(0, 0);
    await settle();
    h.pin(1, 0);
    await settle();
    expect(h.reads.map((r) => r.req.ref.table)).toEqual(['a', 'b']);
    h.reads[0]!.complete([1], 0, true);
    h.reads[1]!.complete([1], 0, true);
    await s.promise;
    await settle();
    // a emitted: c starts; b is still buffered, so d waits.
    expect(h.reads.map((r) => r.req.ref.table)).toEqual(['a', 'b', 'c']);
    expect(h.scheduler.pending).toBe(2);
    await h.step().promise; // b
    await settle();
    expect(h.reads.length).toBe(3); // d's read waits for c to be pinned
    h.pin(2, 0);
    await settle();
    expect(h.reads.map((r) => r.req.ref.table)).toEqual(['a', 'b', 'c', 'd']);
    h.pin(3, 0);
    h.reads[2]!.complete([1], 0, false);
    h.reads[3]!.complete([1], 0, true); // d is done after this chunk: only c remains
    await h.step().promise;
    await h.step().promise;
    await settle();
    expect(h.reads.length).toBe(5);
    expect(h.reads[4]!.req.ref.table).toBe('c');
    expect(h.scheduler.pending).toBe(1);
  });

  it('consistent snapshot: a chunk whose position is behind the delivered stream is an internal error, not silently emitted', async () => {
    const h = harness(['a', 'b'], 2, 'consistent-snapshot', [tx(10, 'x', [1]), tx(20, 'x', [2])]);
    const s = h.step();
    await settle();
    h.pin(0, 20);
    await settle();
    h.pin(1, 10); // a broken reader: pinned before the earlier read
    h.reads[0]!.complete([1], 20, true);
    h.reads[1]!.complete([1], 10, true);
    await s.promise;
    await h.step().promise;
    await h.step().promise;
    expect(h.delivered).toEqual(['tx@10', 'tx@20', 'd.a#1[1]']);
    await expect(h.step().promise).rejects.toThrow(/task t1: internal error in the full sync handover: the chunk of d\.b read at binlog position bin\.000001:10 .* up to bin\.000001:20/);
  });

  it('watermarks: a chunk emitted after the stream passed its high watermark drops exactly the keys touched after its low watermark', async () => {
    const h = harness(['a', 'b'], 2, 'watermarks', [tx(10, 'b', [1]), tx(20, 'b', [2]), tx(30, 'b', [3]), tx(40, 'a', [4])]);
    const s = h.step();
    await settle();
    h.pin(0, 5);
    await settle();
    h.pin(1, 15); // b's low: the change to id 1 (at 10) is older than b's read
    await s.promise; // tx@10 drained up to a's low watermark
    h.reads[1]!.complete([1, 2, 3, 4, 5], 18, true); // b finishes first, high 18
    h.reads[0]!.complete([4, 6], 30, true); // a's high 30 is beyond b's
    for (let i = 0; i < 4; i++) await h.step().promise;
    // a is emitted at its high (30) and only drops keys of a; b is emitted at 30 > 18, without ids 2 and 3 (touched at 20, 30).
    expect(h.delivered).toEqual(['tx@10', 'tx@20', 'tx@30', 'd.a#1[4,6]', 'd.b#2[1,4,5]']);
    expect(h.state.tables['d.b']!.rowsDone).toBe(3);
  });

  it('watermarks: the keys of a large transaction delivered in pieces count as touched at the transaction, not at the boundary before it', async () => {
    // Piece of a transaction that began at 12: it carries the boundary (10) as its position, its events 12.
    const piece: Tx = { ...tx(12, 'a', [1]), label: 'piece', position: at(10), partial: true };
    const h = harness(['a'], 1, 'watermarks', [tx(10), piece, tx(20, 'a', [2]), tx(30)]);
    const s = h.step();
    await settle();
    h.pin(0, 10); // the read's low watermark is exactly that boundary
    await s.promise;
    h.reads[0]!.complete([1, 2, 3], 25, true);
    for (let i = 0; i < 4; i++) await h.step().promise;
    // Ids 1 and 2 were changed after the low watermark: the stream's images win, the chunk drops both.
    expect(h.delivered).toEqual(['tx@10', 'piece', 'tx@20', 'tx@30', 'd.a#1[3]']);
  });

  it('a failed read fails the next call with its error, even when it is not the oldest read', async () => {
    const h = harness(['a', 'b'], 2, 'watermarks', []);
    const s = h.step();
    await settle();
    h.pin(0, 0);
    await settle();
    h.reads[1]!.fail(new Error('task t1: full sync read of d.b failed: boom'));
    await expect(s.promise).rejects.toThrow(/d\.b failed: boom/);
  });
});
