import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { BinlogReader } from '../../../runtime/sources/binlog/reader.js';
import { openConnection, type QueryConnection } from '../../../runtime/sources/mysql/connection.js';
import { comparePositions, readMasterStatus } from '../../../runtime/sources/mysql/position.js';
import type { ResumePosition } from '../../../runtime/state/offsets.js';
import { adminConnection, dtsConfig, testServerId, uniqueName } from './helpers.js';

async function insertBatches(admin: mysql.Connection, table: string, batches: number, rowsPerBatch: number, payload: string): Promise<void> {
  let id = 0;
  for (let b = 0; b < batches; b++) {
    const values: string[] = [];
    for (let r = 0; r < rowsPerBatch; r++) values.push(`(${++id}, ${b}, '${payload}')`);
    await admin.query(`INSERT INTO ${table} VALUES ${values.join(',')}`);
  }
}

describe('binlog reader backpressure and throughput (real MariaDB)', () => {
  let admin: mysql.Connection;
  let dts: QueryConnection;
  const db = uniqueName('bp');

  beforeAll(async () => {
    admin = await adminConnection();
    dts = await openConnection(dtsConfig());
    await admin.query(`CREATE DATABASE ${db}`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
    await dts.end();
  });

  it('a slow consumer keeps the queue and the heap bounded over a large backlog', async () => {
    await admin.query(`CREATE TABLE ${db}.big (id INT PRIMARY KEY, b INT, payload VARCHAR(2000))`);
    const start: ResumePosition = await readMasterStatus(dts);
    const BATCHES = 60;
    const ROWS = 1000;
    await insertBatches(admin, `${db}.big`, BATCHES, ROWS, 'x'.repeat(1000)); // ~60 MB of row data in the binlog
    const end = await readMasterStatus(dts);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const reader = new BinlogReader({
      task: 'bp', connection: dtsConfig(), serverId: testServerId(), start: { kind: 'position', file: start.file, pos: start.pos },
      include: (d) => d === db, maxQueuedRows: 2000, maxQueuedBytes: 4 * 1024 * 1024,
    });
    await reader.start();
    let rows = 0;
    let maxQueuedRows = 0;
    let maxHeapDelta = 0;
    for (;;) {
      const t = await reader.next();
      if (!t) break;
      rows += t.events.length;
      maxQueuedRows = Math.max(maxQueuedRows, reader.queuedRowCount);
      maxHeapDelta = Math.max(maxHeapDelta, process.memoryUsage().heapUsed - heapBefore);
      await new Promise((r) => setTimeout(r, 20)); // slow sink
      if (comparePositions(t.position, end) >= 0) break;
    }
    const pauses = reader.backpressurePauses;
    await reader.stop();
    expect(rows).toBe(BATCHES * ROWS);
    expect(pauses).toBeGreaterThan(0);
    // Bound: the configured 2,000 rows plus the one transaction being assembled when the pause hit.
    expect(maxQueuedRows).toBeLessThanOrEqual(2000 + ROWS);
    // The whole backlog is ~60 MB of payload (twice that as JS strings); the heap grows far less.
    expect(maxHeapDelta).toBeLessThan(40 * 1024 * 1024);
    process.stderr.write(`[backpressure] rows=${rows} pauses=${pauses} maxQueuedRows=${maxQueuedRows} maxHeapDelta=${(maxHeapDelta / 1048576).toFixed(1)} MB\n`);
  });

  it('measures raw binlog read rows/s for simple rows (200 x 1,000-row inserts)', async () => {
    await admin.query(`CREATE TABLE ${db}.simple (id INT PRIMARY KEY, b INT, s VARCHAR(16))`);
    const start = await readMasterStatus(dts);
    await insertBatches(admin, `${db}.simple`, 200, 1000, 'abc');
    const end = await readMasterStatus(dts);
    const reader = new BinlogReader({ task: 'rate', connection: dtsConfig(), serverId: testServerId(), start: { kind: 'position', file: start.file, pos: start.pos }, include: (d) => d === db });
    const began = performance.now();
    await reader.start();
    let rows = 0;
    for (;;) {
      const t = await reader.next();
      if (!t) break;
      rows += t.events.length;
      if (comparePositions(t.position, end) >= 0) break;
    }
    const seconds = (performance.now() - began) / 1000;
    await reader.stop();
    expect(rows).toBe(200_000);
    const rate = Math.round(rows / seconds);
    process.stderr.write(`[throughput] raw binlog read: ${rows} rows in ${seconds.toFixed(2)} s = ${rate} rows/s\n`);
    expect(rate).toBeGreaterThan(10_000);
  });
});
