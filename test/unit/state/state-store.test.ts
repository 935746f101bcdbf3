import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StateCorruptError, TaskStateStore, decodeKeyValue, defaultStateDir, encodeKeyValue } from '../../../runtime/state/index.js';

describe('TaskStateStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dts-state-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('defaults to .dts/state/<stack>/<task>', () => {
    expect(defaultStateDir('shop', 'orders-to-mq', '/x')).toBe('/x/.dts/state/shop/orders-to-mq');
  });

  it('reports NotStarted and no checkpoint for a fresh task', async () => {
    const store = new TaskStateStore(path.join(dir, 'a', 'b'));
    expect((await store.readStatus()).state).toBe('NotStarted');
    expect(await store.readCheckpoint()).toBeUndefined();
  });

  it('round-trips status with reason and a checkpoint', async () => {
    const store = new TaskStateStore(dir);
    await store.writeStatus('Failed', 'source connection refused');
    const status = await store.readStatus();
    expect(status.state).toBe('Failed');
    expect(status.reason).toBe('source connection refused');
    await store.writeCheckpoint({
      binlog: { file: 'mysql-bin.000003', pos: 1234, gtid: '0-1-77', gtidSet: '0-1-77' },
      snapshot: { done: false, tables: { 'shop.orders': { status: 'in-progress', lastKey: [42, { $bigint: '18446744073709551615' }], rowsDone: 100, rowsEstimated: 1000 } } },
      lastSeq: 9,
    });
    const cp = await store.readCheckpoint();
    expect(cp?.binlog).toEqual({ file: 'mysql-bin.000003', pos: 1234, gtid: '0-1-77', gtidSet: '0-1-77' });
    expect(cp?.snapshot?.tables['shop.orders']?.lastKey?.map(decodeKeyValue)).toEqual([42, 18446744073709551615n]);
    expect(cp?.lastSeq).toBe(9);
    // Only the two state files exist: no temp files linger after a successful write.
    expect((await fs.readdir(dir)).sort()).toEqual(['checkpoint.json', 'status.json']);
  });

  it('survives a crash mid-write: a partial temp file never replaces the checkpoint', async () => {
    const store = new TaskStateStore(dir);
    await store.writeCheckpoint({ binlog: { file: 'bin.000001', pos: 500 } });
    // Simulate a writer killed after writing half of the temp file, before the rename.
    const partial = path.join(dir, `.checkpoint.json.999.1.abc.tmp`);
    await fs.writeFile(partial, '{"version":1,"binlog":{"file":"bin.0000');
    const cp = await store.readCheckpoint();
    expect(cp?.binlog?.pos).toBe(500);
    expect(await store.cleanup()).toEqual(['.checkpoint.json.999.1.abc.tmp']);
    expect(await fs.readdir(dir)).toEqual(['checkpoint.json']);
  });

  it('refuses a corrupt checkpoint with an error naming the file and the fix', async () => {
    const store = new TaskStateStore(dir);
    await fs.writeFile(store.checkpointFile, '{"version":1,"binlog":{"file":"bin.0');
    const err = await store.readCheckpoint().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateCorruptError);
    expect((err as Error).message).toContain(store.checkpointFile);
    expect((err as Error).message).toMatch(/restore it from a backup, or delete it/);
    // The corrupt file is left in place for the operator.
    expect(await fs.readFile(store.checkpointFile, 'utf8')).toContain('bin.0');
  });

  it('refuses an empty or structurally wrong file', async () => {
    const store = new TaskStateStore(dir);
    await fs.writeFile(store.checkpointFile, '');
    await expect(store.readCheckpoint()).rejects.toThrow(/is empty/);
    await fs.writeFile(store.checkpointFile, JSON.stringify({ version: 1, binlog: { file: 'x', pos: -3 } }));
    await expect(store.readCheckpoint()).rejects.toThrow(/non-negative integer/);
    await fs.writeFile(store.statusFile, JSON.stringify({ state: 'Running', since: 'x' }));
    await expect(store.readStatus()).rejects.toThrow(/unknown state "Running"/);
  });

  it('encodes key values exactly', () => {
    const buf = Buffer.from([0, 255, 7]);
    expect(decodeKeyValue(encodeKeyValue(buf))).toEqual(buf);
    expect(decodeKeyValue(encodeKeyValue(2n ** 64n - 1n))).toBe(2n ** 64n - 1n);
    expect(decodeKeyValue(encodeKeyValue('18446744073709551615'))).toBe('18446744073709551615');
    expect(decodeKeyValue(encodeKeyValue(null))).toBeNull();
  });
});
