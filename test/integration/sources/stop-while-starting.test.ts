// stop() at any moment of a source's start settles the start promptly and leaves no binlog dump behind
// on the server (a stop that came before the reader was created used to start it anyway, streaming
// with nobody to stop it; a dump that never starts now fails the start after a minute instead of
// waiting for ever).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type mysql from 'mysql2/promise';
import { BinlogReader } from '../../../runtime/sources/binlog/reader.js';
import { ChangeSource } from '../../../runtime/sources/change-source.js';
import { adminConnection, dtsConfig, testServerId } from './helpers.js';

const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p.then(() => 'settled', () => 'settled'), new Promise<string>((r) => setTimeout(() => r('still waiting'), ms))]);

describe('stop while starting (real MariaDB)', () => {
  let admin: mysql.Connection;
  let baseline = 0;
  const dumps = async () => {
    const [rows] = await admin.query("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = 'dts' AND COMMAND = 'Binlog Dump'");
    return Number((rows as { n: number }[])[0]!.n);
  };
  const noDumpLeft = async () => {
    const deadline = Date.now() + 3000;
    while ((await dumps()) > baseline && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    return dumps();
  };
  beforeAll(async () => {
    admin = await adminConnection();
    baseline = await dumps();
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
      expect({ delayMs, dumps: await noDumpLeft() }).toEqual({ delayMs, dumps: baseline });
    }
  });

  it('a change source stopped at any moment of its start settles at once and leaves no dump', async () => {
    for (const delayMs of [0, 2, 10, 40, 100]) {
      const source = new ChangeSource({ task: 't', connection: dtsConfig(), serverId: testServerId() });
      const started = source.start();
      await new Promise((r) => setTimeout(r, delayMs));
      await source.stop();
      expect({ delayMs, start: await within(5000, started) }).toEqual({ delayMs, start: 'settled' });
      await source.stop();
      expect({ delayMs, dumps: await noDumpLeft() }).toEqual({ delayMs, dumps: baseline });
    }
  });
});
