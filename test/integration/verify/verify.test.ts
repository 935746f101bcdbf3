import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type mysql from 'mysql2/promise';
import { verifyTask } from '../../../runtime/verify/verify.js';
import { verifyCommand } from '../../../runtime/cli/verify.js';
import { MANIFEST_VERSION } from '../../../runtime/manifest/types.js';
import { admin, dbObject, destWriter, mysqlTask, replicate, sourceDts, uniqueDb } from '../sinks/mysql/harness.js';

describe('dts verify (real MariaDB)', () => {
  let src: mysql.Connection;
  let dst: mysql.Connection;
  const db = uniqueDb('verify');
  const target = `${db}_v`;
  const task = mysqlTask(`${db}_t`, [
    dbObject(db, { targetDatabase: target }),
    dbObject(db, { table: 'orders', targetDatabase: target, targetTable: 'orders_v', filter: "status <> 'void'", columns: { rename: { amount: 'total' }, exclude: ['secret'] } }),
  ]);
  let dir: string;

  beforeAll(async () => {
    src = await admin('source');
    dst = await admin('destination');
    await src.query(`CREATE DATABASE ${db}`);
    await src.query(`CREATE TABLE ${db}.orders (id INT PRIMARY KEY, status VARCHAR(8), amount DECIMAL(10,2), js JSON, secret VARCHAR(8))`);
    await src.query(`CREATE TABLE ${db}.pairs (a INT, b VARCHAR(4), v INT, PRIMARY KEY (a, b))`);
    await src.query(`CREATE TABLE ${db}.bag (x INT)`);
    const rep = await replicate(task, { schemaSync: true });
    const values = Array.from({ length: 2500 }, (_, i) => `(${i}, '${i % 10 === 0 ? 'void' : 'ok'}', ${i}.5, '{"k": ${i}, "s": "a b"}', 's')`).join(',');
    await src.query(`INSERT INTO ${db}.orders VALUES ${values}`);
    await src.query(`INSERT INTO ${db}.pairs VALUES ${Array.from({ length: 300 }, (_, i) => `(${i % 7}, 'k${i}', ${i})`).join(',')}`);
    await src.query(`INSERT INTO ${db}.bag VALUES (1), (1), (2)`);
    await rep.catchUp();
    await rep.stop();
    dir = mkdtempSync(join(tmpdir(), 'dts-verify-'));
    writeFileSync(join(dir, 'dts.manifest.json'), JSON.stringify({ version: MANIFEST_VERSION, stack: 'verify-test', tasks: [{ ...task, retry: { connectionMinutes: 720, otherMinutes: 10 } }] }));
  });
  afterAll(async () => {
    await src.query(`DROP DATABASE IF EXISTS ${db}`);
    await dst.query(`DROP DATABASE IF EXISTS ${target}`);
    await dst.query(`DELETE FROM __dts.checkpoints WHERE task = '${task.name}'`);
    await src.end();
    await dst.end();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (extra: object = {}) => verifyTask({ task, source: sourceDts(), destination: destWriter(), chunkRows: 400, recheckDelayMs: 200, ...extra });

  it('passes when equal, honouring mapping, filter and excluded columns', async () => {
    const r = await run();
    expect(r.equal).toBe(true);
    const orders = r.tables.find((t) => t.source === `${db}.orders`)!;
    expect(orders.destination).toBe(`${target}.orders_v`);
    expect(orders.rowsCompared).toBe(2250);
    expect(orders.chunks).toBeGreaterThan(5);
    expect(r.tables.map((t) => t.source).sort()).toEqual([`${db}.bag`, `${db}.orders`, `${db}.pairs`]);
  });

  it('detects injected differences and prints the differing keys; --sample compares a subset', async () => {
    await dst.query(`UPDATE ${target}.orders_v SET total = 0 WHERE id = 1234`);
    await dst.query(`DELETE FROM ${target}.orders_v WHERE id = 7`);
    await dst.query(`INSERT INTO ${target}.orders_v (id, status, total) VALUES (100000, 'ok', 1)`);
    await dst.query(`UPDATE ${target}.pairs SET v = -1 WHERE a = 3 AND b = 'k3'`);
    await dst.query(`INSERT INTO ${target}.bag VALUES (1)`);
    try {
      const r = await run();
      expect(r.equal).toBe(false);
      const diffs = Object.fromEntries(r.tables.map((t) => [t.source, t.differences]));
      expect(diffs[`${db}.orders`]).toEqual(expect.arrayContaining([
        { kind: 'different', key: { id: 1234 } },
        { kind: 'missing-on-destination', key: { id: 7 } },
        { kind: 'extra-on-destination', key: { id: 100000 } },
      ]));
      expect(diffs[`${db}.orders`]).toHaveLength(3);
      expect(diffs[`${db}.pairs`]).toEqual([{ kind: 'different', key: { a: 3, b: 'k3' } }]);
      expect(diffs[`${db}.bag`]).toHaveLength(1);
      expect(diffs[`${db}.bag`]![0]!.kind).toBe('extra-on-destination');

      const sampled = await run({ samplePercent: 30, random: (() => { let i = 0; return () => ((i++ * 37) % 100); })() });
      const orders = sampled.tables.find((t) => t.source === `${db}.orders`)!;
      expect(orders.chunksCompared).toBeLessThan(orders.chunks);

      // The CLI: exit 2 and the keys in the JSON report.
      const out: string[] = [];
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((s: string) => { out.push(s); return true; }) as typeof process.stdout.write;
      let code: number;
      try {
        code = await verifyCommand([dir, '--task', task.name, '--json', '--recheck-delay', '0.1', '--chunk', '500']);
      } finally {
        process.stdout.write = write;
      }
      expect(code).toBe(2);
      const report = JSON.parse(out.join('')) as { equal: boolean; tasks: { tables: { source: string; differences: unknown[] }[] }[] };
      expect(report.equal).toBe(false);
      expect(report.tasks[0]!.tables.find((t) => t.source === `${db}.orders`)!.differences).toContainEqual({ kind: 'different', key: { id: 1234 } });
    } finally {
      await dst.query(`UPDATE ${target}.orders_v SET total = 1234.5 WHERE id = 1234`);
      await dst.query(`INSERT INTO ${target}.orders_v (id, status, total, js) SELECT 7, 'ok', 7.5, js FROM ${target}.orders_v WHERE id = 8`);
      await dst.query(`UPDATE ${target}.orders_v SET js = '{"k": 7, "s": "a b"}' WHERE id = 7`);
      await dst.query(`DELETE FROM ${target}.orders_v WHERE id = 100000`);
      await dst.query(`UPDATE ${target}.pairs SET v = 3 WHERE a = 3 AND b = 'k3'`);
      await dst.query(`DELETE FROM ${target}.bag WHERE x = 1 LIMIT 1`);
    }
    expect((await run()).equal).toBe(true);
  });

  it('rechecks differences after a delay so in-flight changes (lag) are not reported', async () => {
    const rep = await replicate(task);
    try {
      await src.query(`UPDATE ${db}.orders SET amount = 1 WHERE id = 42`);
      // Verification starts while the change is not yet applied; replication catches up during the recheck delay.
      const pending = run({ recheckDelayMs: 3000 });
      await new Promise((r) => setTimeout(r, 300));
      await rep.catchUp();
      expect((await pending).equal).toBe(true);
    } finally {
      await rep.stop();
    }
  });

  it('the CLI exits 0 when equal', async () => {
    const code = await verifyCommand([dir, '--task', task.name, '--json', '--recheck-delay', '0.1']);
    expect(code).toBe(0);
  });
});
