// stop() at any moment of a source's start settles the start promptly and leaves no binlog dump of
// its own on the server (a stop that came before the reader was created used to start it anyway, streaming
// with nobody to stop it; a dump that never starts now fails the start after a minute instead of
// waiting for ever).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { BinlogReader } from '../../../runtime/sources/binlog/reader.js';
import { ChangeSource } from '../../../runtime/sources/change-source.js';
import { adminConnection, dtsConfig, testServerId } from './helpers.js';

const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p.then(() => 'settled', () => 'settled'), new Promise<string>((r) => setTimeout(() => r('still waiting'), ms))]);

/** The server threads of a reader's binlog connections (zongji's control and dump connections). */
function threadsOf(reader: BinlogReader | undefined): number[] {
  const z = (reader as unknown as { zongji?: { connection?: { threadId?: number | null }; ctrlConnection?: { threadId?: number | null } } } | undefined)?.zongji;
  return [z?.connection?.threadId, z?.ctrlConnection?.threadId].filter((id): id is number => typeof id === 'number');
}

describe('stop while starting (real MariaDB)', () => {
  let admin: mysql.Connection;
  /** Those of `threads` still dumping the binlog after up to 3 s. */
  const leftOver = async (threads: readonly number[]) => {
    if (threads.length === 0) return [];
    const deadline = Date.now() + 3000;
    for (;;) {
      // A dump still streaming is the leak; a connection cut during its handshake may linger a moment.
      const [rows] = await admin.query(`SELECT ID AS id FROM information_schema.PROCESSLIST WHERE ID IN (${threads.join(',')}) AND COMMAND = 'Binlog Dump'`);
      const ids = (rows as { id: number }[]).map((r) => Number(r.id));
      if (ids.length === 0 || Date.now() > deadline) return ids;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  beforeAll(async () => {
    admin = await adminConnection();
  });
  afterAll(async () => {
    await admin.end();
  });

  it('a binlog reader stopped at any moment of its start settles at once and leaves no dump', async () => {
    for (const delayMs of [0, 5, 15, 30, 60, 120]) {
      const reader = new BinlogReader({ task: 't', connection: dtsConfig(), serverId: testServerId(), start: { kind: 'end' } });
      const started = reader.start();
      await new Promise((r) => setTimeout(r, delayMs));
      await reader.stop();
      expect({ delayMs, start: await within(5000, started) }).toEqual({ delayMs, start: 'settled' });
      expect(await within(1000, reader.next())).toBe('settled');
      expect({ delayMs, left: await leftOver(threadsOf(reader)) }).toEqual({ delayMs, left: [] });
    }
  });

  it('a change source stopped at any moment of its start starts no reader after the stop', async () => {
    for (const delayMs of [0, 2, 10, 40, 100]) {
      const source = new ChangeSource({ task: 't', connection: dtsConfig(), serverId: testServerId() });
      const started = source.start();
      await new Promise((r) => setTimeout(r, delayMs));
      await source.stop();
      expect({ delayMs, start: await within(5000, started) }).toEqual({ delayMs, start: 'settled' });
      await source.stop();
      expect({ delayMs, left: await leftOver(threadsOf(source.binlogReader)) }).toEqual({ delayMs, left: [] });
    }
  });
});
