// A MySQL batch is bounded by MYSQL_BATCH_BYTES of its estimated bytes (runtime/sinks/mysql/batch.ts).
// The estimate must not be below what the batch really keeps in the heap, or a large batchRows of
// small rows outgrows the engine's heap (20,000 sysbench-size changes did). Measured here: the heap
// a batch of UPDATE changes retains, after garbage collection, against the bytes it counted.
import { describe, expect, it } from '@jest/globals';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ChangeEvent, ColumnMeta } from '../../../../runtime/events/change-event.js';
import type { TaskSpec } from '../../../../runtime/manifest/types.js';
import { Batch } from '../../../../runtime/sinks/mysql/batch.js';
import { EventMapper } from '../../../../runtime/sinks/mysql/event-mapper.js';
import { NameMapper } from '../../../../runtime/sinks/mysql/naming.js';
import { TableRouting } from '../../../../runtime/sinks/mysql/routing.js';
import { ObjectSelector } from '../../../../runtime/transforms/select.js';
import { mysqlDestinationEndpoint, sourceEndpoint } from '../../../support/task-spec.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const COLUMNS: ColumnMeta[] = [
  { name: 'id', mysqlType: 'int(11)', sqlType: 4, nullable: false },
  { name: 'k', mysqlType: 'int(11)', sqlType: 4, nullable: false },
  { name: 'c', mysqlType: 'char(120)', sqlType: 1, nullable: false, charset: 'utf8mb4' },
  { name: 'pad', mysqlType: 'char(60)', sqlType: 1, nullable: false, charset: 'utf8mb4' },
];

describe('MySQL batch memory bound', () => {
  it('counts at least the heap its changes retain (small rows, where object overhead dominates)', () => {
    const task = {
      name: 't', source: sourceEndpoint(), destination: mysqlDestinationEndpoint(), syncTypes: { schema: false, full: false, incremental: true },
      conflictingTables: 'precheck-and-report', objects: [{ database: 'db', dml: ['INSERT', 'UPDATE', 'DELETE'], ddl: [] }], capitalization: 'dts-default',
      retry: { connectionMinutes: 1, otherMinutes: 1 }, throttle: {}, heartbeat: false, serverId: 9,
    } as unknown as TaskSpec;
    const selector = new ObjectSelector(task);
    const mapper = new EventMapper('t', selector, new TableRouting(task, selector, new NameMapper(task, selector), false));
    const text = (n: number, i: number) => `${i}-`.padEnd(n, String.fromCharCode(97 + (i % 26)));
    const changes = 20_000;
    gc();
    const before = process.memoryUsage().heapUsed;
    let batch: Batch | undefined = new Batch();
    for (let i = 0; i < changes; i++) {
      const event: ChangeEvent = {
        kind: 'update', database: 'db', table: 'sbtest1', primaryKey: ['id'], columns: COLUMNS, origin: 'binlog',
        before: { id: i, k: i * 7, c: text(119, i), pad: text(59, i) }, after: { id: i, k: i * 7 + 1, c: text(119, i + 1), pad: text(59, i + 1) },
        position: { file: 'b.000001', pos: 4 + i }, commitTime: 0, transactionId: `tx${i}`, seq: i, rowInTransaction: 0,
      };
      for (const change of mapper.map(event)) expect(batch.add(change)).toBe(true);
    }
    gc();
    const retained = process.memoryUsage().heapUsed - before;
    expect(batch.changes).toBe(changes);
    // The count bounds the batch: it must cover what the batch really holds.
    expect(batch.bytes).toBeGreaterThanOrEqual(retained);
    batch = undefined;
  });
});
