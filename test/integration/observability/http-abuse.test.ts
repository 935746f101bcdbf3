// The engine's listener under a seeded fuzzer, against real `dts run` engines: an owner (loopback, no
// token) and a standby (a token), one MySQL -> MySQL task on one state dir, under a write workload.
// At least 10,000 requests (malformed request lines, targets, versions, headers, cookies, tokens and
// bodies; oversized headers; slow and unfinished clients) plus the named cases of issue 25. Each
// request must be answered or closed; neither engine may exit; the owner keeps delivering (a row
// written after the storm reaches the destination) and still serves /status; the standby never takes
// over. The seed is printed, and given back by DTS_HTTP_FUZZ_SEED.
import { afterAll, describe, expect, it } from '@jest/globals';
import { Rng } from '../../torture/rng.js';
import { fuzzRequest, sendRaw, type FuzzRequest } from '../../support/http-fuzz.js';
import { engineUrl, spawnEngine, type EngineProcess } from '../../support/engine.js';
import { prepareTable, startWorkload, type WorkloadTable } from '../../support/mysql-task.js';
import { sourceConnection } from '../../support/stack.js';
import { e2eTask, waitUntil } from '../mysql-e2e/helpers.js';

const REQUESTS = 10_000;
const TOKEN = 'fuzz-token-0123456789abcdef';
const SEED = Number(process.env.DTS_HTTP_FUZZ_SEED ?? Date.now() % 1_000_000);

describe('HTTP abuse against a running owner and standby (seeded fuzzer)', () => {
  const engines: EngineProcess[] = [];
  afterAll(() => {
    for (const e of engines) e.kill('SIGKILL');
  });
  const c = e2eTask('httpfuzz', {
    prepare: async (src, db) => {
      await prepareTable(src, { database: db, table: 'sbtest1', key: 'primary' }, 500);
      await src.query(`CREATE TABLE ${db}.markers (id INT PRIMARY KEY)`);
    },
  });

  it(`answers or closes ${REQUESTS} hostile requests, keeps delivering, never exits`, async () => {
    const seedNote = `http fuzz seed ${SEED} (replay: DTS_HTTP_FUZZ_SEED=${SEED})`;
    const owner = spawnEngine(c.manifest, { stateDir: c.stateDir, args: ['run', c.manifest, '--state-dir', c.stateDir, '--metrics-port', '0'] });
    engines.push(owner);
    await owner.waitForLog((l) => l.msg === 'this engine owns the task now', 30_000);
    const standby = spawnEngine(c.manifest, { stateDir: c.stateDir, env: { DTS_CONSOLE_TOKEN: TOKEN }, args: ['run', c.manifest, '--state-dir', c.stateDir, '--metrics-port', '0'] });
    engines.push(standby);
    await standby.waitForLog((l) => l.msg === 'standing by', 30_000);
    await owner.waitForLog((l) => l.msg === 'task state Synchronizing', 60_000);
    const ports = [owner, standby].map(async (e) => Number(new URL(await engineUrl(e, Date.now() + 20_000)).port));
    const [ownerPort, standbyPort] = await Promise.all(ports);
    const tables: WorkloadTable[] = [{ database: c.db, table: 'sbtest1', key: 'primary' }];
    const workload = startWorkload({ connection: sourceConnection(), tables, rowsPerTable: 500, connections: 1, pauseMs: 5 });

    const rng = new Rng(SEED);
    const shapes = new Set<string>();
    const labels = new Set<string>();
    const outcome = { answered: 0, closed: 0, malformed: 0, slow: 0 };
    const statuses = new Map<number, number>();
    const queue: { port: number; req: FuzzRequest }[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const toStandby = rng.chance(0.3);
      const req = fuzzRequest(rng, { stack: 'engine-qa', task: c.task.name, ...(toStandby ? { token: TOKEN } : {}) });
      queue.push({ port: toStandby ? standbyPort! : ownerPort!, req });
    }
    const normal = queue.filter((q) => !q.req.slow);
    const slow = queue.filter((q) => q.req.slow);
    const worker = async (items: typeof queue, maxMs: number) => {
      for (let item = items.shift(); item; item = items.shift()) {
        const r = await sendRaw(item.port, item.req, maxMs);
        if (item.req.shape !== '') (outcome.malformed++, shapes.add(item.req.shape));
        for (const l of item.req.shape.split(',').filter(Boolean)) labels.add(l);
        if (item.req.slow) outcome.slow++;
        if (r.status > 0) outcome.answered++;
        else outcome.closed++;
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    };
    const started = Date.now();
    try {
      await Promise.all([...Array.from({ length: 24 }, () => worker(normal, 3000)), ...Array.from({ length: 12 }, () => worker(slow, 12_000))]);
    } finally {
      await workload.stop();
    }
    const summary = `${seedNote}: ${REQUESTS} requests in ${Math.round((Date.now() - started) / 1000)} s; ${outcome.malformed} malformed: ${labels.size} kinds of fault in ${shapes.size} distinct combinations, ${outcome.slow} slow; ` +
      `${outcome.answered} answered, ${outcome.closed} closed; statuses ${JSON.stringify(Object.fromEntries(statuses))}; engine exits: ${engines.filter((e) => e.child.exitCode !== null || e.child.signalCode !== null).length}`;
    process.stdout.write(`${summary}\n`);

    // Neither engine exited; the owner still owns and delivers; the standby never took over.
    expect({ seed: SEED, owner: owner.child.exitCode, standby: standby.child.exitCode }).toEqual({ seed: SEED, owner: null, standby: null });
    expect(outcome.answered + outcome.closed).toBe(REQUESTS);
    expect(labels.size).toBeGreaterThan(40);
    expect(statuses.get(202) ?? 0).toBe(0); // no action was carried out
    expect(outcome.answered).toBeGreaterThan(REQUESTS / 2);
    expect(standby.logs.some((l) => l.msg === 'this engine owns the task now')).toBe(false);
    await c.src.query(`INSERT INTO ${c.db}.markers VALUES (1)`);
    await waitUntil('a row written after the storm on the destination', async () => {
      const [r] = await c.dst.query(`SELECT 1 FROM ${c.target}.markers WHERE id = 1`).catch(() => [[]]);
      return (r as unknown[]).length === 1;
    }, 30_000, 100);
    const status = await fetch(`http://127.0.0.1:${ownerPort}/status`);
    expect(status.status).toBe(200);
    expect(((await status.json()) as { tasks: { state: string }[] }).tasks[0]!.state).toBe('Synchronizing');
    // The standby's token still opens its status; without it, nothing.
    expect((await fetch(`http://127.0.0.1:${standbyPort}/status`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${standbyPort}/status`)).status).toBe(401);
    // No error line came from the listener in either engine.
    for (const e of [owner, standby]) expect(e.logs.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([]);
  }, 600_000);
});
