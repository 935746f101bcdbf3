// The console end to end in a real browser (Debian's chromium, driven by playwright-core): a real
// `dts run` of a MySQL -> MySQL task on the stack; the task list shows FullSync with rows rising, then
// Synchronizing; Suspend leaves the task Suspended with its checkpoint saved while the engine keeps
// serving; rows written meanwhile arrive after Resume. Then `dts console` shows the state dir without
// an engine, and beyond loopback nothing is served without the token.
// DTS_SCREENSHOTS_DIR=docs/console writes the README's screenshots (default: the test's scratch dir).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureDebianTool } from '../../../scripts/stack/apt.js';
import { REPO_ROOT, engineUrl, readTaskCheckpoint, readTaskStatus, scratchDir, spawnEngine, waitForExit } from '../../support/engine.js';
import { e2eTask } from '../mysql-e2e/helpers.js';

const ROWS = 40_000;
const e2e = e2eTask('console', {
  overrides: { environmentTag: 'staging', throttle: { full: { rps: 8000 } } },
  prepare: async (src, db) => {
    await src.query(`CREATE TABLE ${db}.orders (id INT PRIMARY KEY, customer VARCHAR(40) NOT NULL, amount DECIMAL(10,2) NOT NULL)`);
    await src.query(`INSERT INTO ${db}.orders SELECT seq, CONCAT('customer-', seq % 977), seq % 1000 / 7 FROM ${db}.seq_1_to_${ROWS}`);
  },
});

describe('console in a real browser (dts run on the stack, headless chromium)', () => {
  let browser: Browser;
  const shots = process.env.DTS_SCREENSHOTS_DIR ? join(REPO_ROOT, process.env.DTS_SCREENSHOTS_DIR) : scratchDir('console-shots');

  beforeAll(async () => {
    const executablePath = ensureDebianTool('chromium', 'chromium', 'console browser test');
    browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
    mkdirSync(shots, { recursive: true });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  const badge = (page: Page) => page.locator(`tr[data-task="${e2e.task.name}"] [data-state]`);
  const fullRows = async (page: Page) => Number(await page.locator(`tr[data-task="${e2e.task.name}"] [data-full-rows]`).getAttribute('data-full-rows'));

  it('shows FullSync with rows rising, then Synchronizing; Suspend saves the checkpoint, Resume continues', async () => {
    const engine = spawnEngine(e2e.manifest, { stateDir: e2e.stateDir });
    const page = await browser.newPage({ viewport: { width: 1400, height: 640 } });
    try {
      const url = await engineUrl(engine, Date.now() + 60_000);
      await page.goto(`${url}/`);
      await expect(page.title()).resolves.toBe('Tasks · cdktf-dts');
      await page.waitForSelector(`tr[data-task="${e2e.task.name}"] [data-state="FullSync"]`, { timeout: 60_000 });
      await page.waitForSelector(`tr[data-task="${e2e.task.name}"] [data-full-rows]`, { timeout: 30_000 });
      const first = await fullRows(page);
      await page.waitForFunction(
        ([task, n]: readonly [string, number]) => Number(document.querySelector(`tr[data-task="${task}"] [data-full-rows]`)?.getAttribute('data-full-rows')) > n,
        [e2e.task.name, first] as const,
        { timeout: 30_000 },
      );
      expect(await fullRows(page)).toBeGreaterThan(first);
      expect(await page.locator(`tr[data-task="${e2e.task.name}"]`).innerText()).toContain('staging');
      await page.waitForSelector(`tr[data-task="${e2e.task.name}"] [data-state="Synchronizing"]`, { timeout: 90_000 });
      // Incremental traffic for a while: the speed column and the charts (a point every 5 s).
      const until = Date.now() + 16_000;
      for (let i = 1; Date.now() < until; i++) {
        await e2e.src.query(`UPDATE ${e2e.db}.orders SET amount = amount + 1 WHERE id = ?`, [(i % ROWS) + 1]);
        if (i % 50 === 0) await new Promise((r) => setTimeout(r, 50));
      }
      await page.waitForTimeout(2500);
      expect(Number((await page.locator(`tr[data-task="${e2e.task.name}"] td.num`).nth(1).innerText()).replace(/,/g, ''))).toBeGreaterThan(0);
      await page.screenshot({ path: join(shots, 'task-list.png') });

      await page.click(`tr[data-task="${e2e.task.name}"] a`);
      await page.waitForSelector('[data-chart="Throughput"] svg polyline');
      const points = (await page.locator('[data-chart="Throughput"] polyline').getAttribute('points'))!.split(' ');
      expect(points.length).toBeGreaterThanOrEqual(3);
      expect(await page.locator('main').innerText()).toContain(`${e2e.db}.orders`);
      await page.screenshot({ path: join(shots, 'task-page.png'), fullPage: true });

      await page.click('button[data-action="suspend"]');
      await page.waitForSelector('[data-state="Suspended"]', { timeout: 60_000 });
      const saved = readTaskCheckpoint(e2e.stateDir, e2e.task.name);
      expect(readTaskStatus(e2e.stateDir, e2e.task.name)).toMatchObject({ state: 'Suspended', reason: 'stopped by Suspend in the console' });
      expect(await page.locator('[data-checkpoint]').innerText()).toMatch(new RegExp(`^${saved.binlog!.file.replace('.', '\\.')}:${saved.binlog!.pos}( |$)`));
      await page.waitForFunction(() => document.querySelector('main')!.textContent!.includes('Suspended: stopped by Suspend in the console'), undefined, { timeout: 10_000 });
      expect(engine.child.exitCode).toBeNull(); // the engine keeps serving while the task waits

      await e2e.src.query(`INSERT INTO ${e2e.db}.orders VALUES (${ROWS + 1}, 'while suspended', 1.00)`);
      await page.click('button[data-action="resume"]');
      await page.waitForSelector('[data-state="Synchronizing"]', { timeout: 60_000 });
      const deadline = Date.now() + 60_000;
      let arrived: unknown[] = [];
      while (arrived.length === 0 && Date.now() < deadline) {
        [arrived] = (await e2e.dst.query(`SELECT id FROM ${e2e.target}.orders WHERE id = ${ROWS + 1}`)) as unknown as [unknown[]];
        if (arrived.length === 0) await new Promise((r) => setTimeout(r, 300));
      }
      expect(arrived).toHaveLength(1);
    } finally {
      await page.close();
      engine.kill('SIGTERM');
      await waitForExit(engine);
    }
    expect(existsSync(join(shots, 'task-list.png')) && existsSync(join(shots, 'task-page.png'))).toBe(true);
  }, 300_000);

  it('dts console shows the state dir read-only once the engine is gone', async () => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'runtime/cli/dts.mjs'), 'console', '--state-dir', e2e.stateDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const page = await browser.newPage();
    try {
      const deadline = Date.now() + 30_000;
      while (!/console: (http:\/\/\S+)\//.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const url = /console: (http:\/\/\S+)\//.exec(out)![1]!;
      await page.goto(`${url}/`);
      await page.waitForSelector(`tr[data-task="${e2e.task.name}"] [data-state="Suspended"]`);
      const text = await page.locator(`tr[data-task="${e2e.task.name}"]`).innerText();
      expect(text).toContain('read-only here');
      expect(await page.locator('button').count()).toBe(0);
    } finally {
      await page.close();
      child.kill('SIGTERM');
    }
  }, 120_000);

  it('beyond loopback: refuses to start without a token, and serves nothing without it', async () => {
    const dts = (env: NodeJS.ProcessEnv, args: string[]) =>
      spawn(process.execPath, [join(REPO_ROOT, 'runtime/cli/dts.mjs'), 'console', '--state-dir', e2e.stateDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    const refused = dts({ DTS_CONSOLE_TOKEN: '' }, ['--host', '0.0.0.0']);
    let err = '';
    refused.stderr.on('data', (d: Buffer) => (err += d.toString()));
    expect(await new Promise((r) => refused.on('exit', r))).toBe(1);
    expect(err).toMatch(/binding to 0\.0\.0\.0 .* Fix: set DTS_CONSOLE_TOKEN/);

    const token = 'console-test-token-0123456789';
    const tokenFile = join(scratchDir('console-token'), 'token');
    writeFileSync(tokenFile, `${token}\n`);
    const child = dts({}, ['--host', '0.0.0.0', '--token-file', tokenFile]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const deadline = Date.now() + 30_000;
      while (!/console: http:\/\/\S+:(\d+)\//.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(out).not.toContain(token);
      const port = /console: http:\/\/\S+:(\d+)\//.exec(out)![1];
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/`)).status).toBe(401);
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      expect((await fetch(`${base}/status`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      const first = await fetch(`${base}/?token=${token}`, { redirect: 'manual' });
      expect(first.status).toBe(303);
      expect(first.headers.get('location')).toBe('/');
      const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
      expect((await fetch(`${base}/`, { headers: { cookie } })).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  }, 120_000);
});
