import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { createTopic, deleteTopic, sourceConnection, uniqueName } from '../../support/stack.js';
import { REPO_ROOT, engineUrl, scratchDir, spawnEngine, waitForExit, writeManifest } from '../../support/engine.js';
import { ALL_DML, rocketMqTask } from '../../support/task-spec.js';
import { e2eTask } from '../mysql-e2e/helpers.js';

interface StatusRow { task: string; state: string; latencySeconds: number | null; rps: number | null; checkpoint: string | null; origin: string; fullSync: { rowsDone: number; percent: number | null } | null }

describe('a running engine reports status and metrics (real dts run process)', () => {
  const db = uniqueName('obs');
  const topic = uniqueName('obs_topic');
  let admin: mysql.Connection;

  beforeAll(async () => {
    admin = await mysql.createConnection(sourceConnection());
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL)`);
    await admin.query(`INSERT INTO ${db}.t VALUES ${Array.from({ length: 500 }, (_, i) => `(${i + 1}, 'seed')`).join(',')}`);
    await createTopic(topic, { fifo: true });
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.end();
    await deleteTopic(topic).catch(() => undefined);
  });

  it('serves /status and /metrics with the delivered counts, and dts status asks the engine', async () => {
    const dir = scratchDir('obs');
    const stateDir = join(dir, 'state');
    const task = rocketMqTask({ name: 'obs-task', topic, full: true, objects: [{ database: db, dml: [...ALL_DML], ddl: [] }] });
    const manifest = writeManifest(dir, [task], 'obs-stack');
    const engine = spawnEngine(manifest, { stateDir });
    try {
      const deadline = Date.now() + 60_000;
      const url = await engineUrl(engine, deadline);
      const status = async (): Promise<StatusRow> => ((await (await fetch(`${url}/status`)).json()) as { tasks: StatusRow[] }).tasks[0]!;
      while ((await status()).state !== 'Synchronizing' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 300));
      // 120 incremental changes.
      for (let i = 1; i <= 120; i++) await admin.query(`UPDATE ${db}.t SET v = ? WHERE id = ?`, [`u${i}`, i]);
      let row = await status();
      while (!(row.checkpoint && (await metricsText(url!)).includes('operation="UPDATE"')) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 300));
        row = await status();
      }
      await new Promise((r) => setTimeout(r, 1500));
      row = await status();
      expect(row).toMatchObject({ task: 'obs-task', state: 'Synchronizing', origin: 'engine' });
      expect(row.fullSync).toMatchObject({ rowsDone: 500, percent: 100 });
      expect(row.latencySeconds).not.toBeNull();
      expect(row.latencySeconds!).toBeLessThan(30);
      expect(row.checkpoint).toMatch(/^mariadb-bin\.\d+:\d+/);

      const text = await metricsText(url!);
      expect(metricValue(text, 'UPDATE', 'incremental')).toBe(120);
      expect(metricValue(text, 'INSERT', 'full')).toBe(500);

      const cli = JSON.parse(
        execFileSync(process.execPath, [join(REPO_ROOT, 'runtime/cli/dts.mjs'), 'status', '--state-dir', stateDir, '--json'], { encoding: 'utf8' }),
      ) as { tasks: StatusRow[] };
      expect(cli.tasks[0]).toMatchObject({ task: 'obs-task', state: 'Synchronizing', origin: 'engine' });
    } finally {
      engine.kill('SIGTERM');
      await waitForExit(engine);
    }
    // Engine gone: dts status falls back to the state dir.
    const after = JSON.parse(
      execFileSync(process.execPath, [join(REPO_ROOT, 'runtime/cli/dts.mjs'), 'status', '--state-dir', stateDir, '--json'], { encoding: 'utf8' }),
    ) as { tasks: StatusRow[] };
    expect(after.tasks[0]).toMatchObject({ task: 'obs-task', state: 'Suspended', origin: 'state-dir' });
  });
});

describe('a running MySQL -> MySQL engine reports its deliveries (real dts run process)', () => {
  const e2e = e2eTask('obs_mysql', {
    prepare: async (src, db) => {
      await src.query(`CREATE TABLE ${db}.t (id INT PRIMARY KEY, v VARCHAR(20) NOT NULL)`);
      await src.query(`INSERT INTO ${db}.t SELECT seq, 'seed' FROM ${db}.seq_1_to_500`);
    },
  });

  it('counts rows per operation and phase after each destination commit, with latency and speed', async () => {
    const engine = spawnEngine(e2e.manifest, { stateDir: e2e.stateDir });
    try {
      const deadline = Date.now() + 60_000;
      const url = await engineUrl(engine, deadline);
      const status = async (): Promise<StatusRow> => ((await (await fetch(`${url}/status`)).json()) as { tasks: StatusRow[] }).tasks[0]!;
      // Listed from the endpoint's first answer, before the task starts (NotStarted) or whatever it reached since.
      expect((await status())?.task).toBe(e2e.task.name);
      while ((await status()).state !== 'Synchronizing' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 300));
      for (let i = 1; i <= 120; i++) await e2e.src.query(`UPDATE ${e2e.db}.t SET v = ? WHERE id = ?`, [`u${i}`, i]);
      await e2e.src.query(`DELETE FROM ${e2e.db}.t WHERE id > 470`);
      while (metricValue(await metricsText(url), 'DELETE', 'incremental') < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 300));
      // The speed counts whole seconds gone by.
      await new Promise((r) => setTimeout(r, 1500));
      const text = await metricsText(url);
      expect(metricValue(text, 'INSERT', 'full')).toBe(500);
      expect(metricValue(text, 'UPDATE', 'incremental')).toBe(120);
      expect(metricValue(text, 'DELETE', 'incremental')).toBe(30);
      expect(text).toMatch(new RegExp(`dts_rows_delivered_total\\{[^}]*table="${e2e.db}\\.t"`));
      const bytes = /dts_bytes_delivered_total\{[^}]*operation="UPDATE"[^}]*phase="incremental"[^}]*\} (\d+)/.exec(text);
      expect(Number(bytes?.[1])).toBeGreaterThan(120 * 8);
      const row = await status();
      expect(row.latencySeconds).not.toBeNull();
      expect(row.latencySeconds!).toBeLessThan(30);
      expect(row.rps).toBeGreaterThan(0);
    } finally {
      engine.kill('SIGTERM');
      await waitForExit(engine);
    }
  });
});

async function metricsText(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`)).text();
}

/** Sum of the rows-delivered counter for one operation and phase (across tables). */
function metricValue(text: string, operation: string, phase: string): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('dts_rows_delivered_total{')) continue;
    if (line.includes(`operation="${operation}"`) && line.includes(`phase="${phase}"`)) total += Number(line.split(' ').pop());
  }
  return total;
}
