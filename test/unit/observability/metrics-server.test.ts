/** The metrics registry the engine updates, read back through /metrics and /status on loopback. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { EngineMetrics, startObservabilityServer, type ObservabilityServer, type StatusReport } from '../../../runtime/observability/index.js';

let clock = 1_700_000_000_000;
const now = (): number => clock;
let server: ObservabilityServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** One sample line's value from Prometheus text, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)\{(.*)\} (\S+)$/.exec(line);
    if (m === null || m[1] !== name) continue;
    const have = m[2]!.split(',');
    if (want.every((w) => have.includes(w)) && have.length === want.length) return Number(m[3]);
  }
  return undefined;
}

function feed(metrics: EngineMetrics): void {
  const t = metrics.task('shop', 'to-mq');
  t.setState('FullSync');
  t.fullSyncProgress('shop.orders', 600, 1000);
  t.fullSyncProgress('shop.customers', 50, 50, 'done');
  t.delivered({ table: 'shop.orders', operation: 'INSERT', phase: 'full', rows: 600, bytes: 60_000 });
  clock += 1000;
  t.setState('Synchronizing');
  // 12 s of incremental traffic: 100 rows / 200 kB per second, source commits 2.5 s behind.
  for (let i = 0; i < 12; i++) {
    t.delivered({ table: 'shop.orders', operation: 'UPDATE', phase: 'incremental', rows: 80, bytes: 160_000, sourceTimestampMs: clock - 2500 });
    t.delivered({ table: 'shop.orders', operation: 'DELETE', phase: 'incremental', rows: 20, bytes: 40_000, sourceTimestampMs: clock - 2500 });
    clock += 1000;
  }
  t.checkpointed('mariadb-bin.000002:4567 (gtid 0-1-99)', clock - 1000 - 2500 - 3000);
  t.error('destination', 'send to dts-shop timed out');
  t.retry('connection');
  t.retry('connection');
  t.retry('other');
  t.filteredLargeRecord('shop.orders');
}

describe('EngineMetrics', () => {
  it('counts deliveries per task/table/operation/phase and derives latency, speed, lag and progress', async () => {
    const metrics = new EngineMetrics(now);
    feed(metrics);
    const text = await metrics.metricsText();
    const l = { stack: 'shop', task: 'to-mq' };
    expect(sample(text, 'dts_rows_delivered_total', { ...l, table: 'shop.orders', operation: 'INSERT', phase: 'full' })).toBe(600);
    expect(sample(text, 'dts_rows_delivered_total', { ...l, table: 'shop.orders', operation: 'UPDATE', phase: 'incremental' })).toBe(960);
    expect(sample(text, 'dts_rows_delivered_total', { ...l, table: 'shop.orders', operation: 'DELETE', phase: 'incremental' })).toBe(240);
    expect(sample(text, 'dts_bytes_delivered_total', { ...l, table: 'shop.orders', operation: 'UPDATE', phase: 'incremental' })).toBe(1_920_000);
    // Last delivery: source time = (clock - 1000) - 2500 -> latency 3.5 s now.
    expect(sample(text, 'dts_latency_seconds', l)).toBe(3.5);
    expect(sample(text, 'dts_checkpoint_lag_seconds', l)).toBe(3);
    expect(sample(text, 'dts_full_sync_rows_done', { ...l, table: 'shop.orders' })).toBe(600);
    expect(sample(text, 'dts_full_sync_rows_estimated', { ...l, table: 'shop.orders' })).toBe(1000);
    expect(sample(text, 'dts_full_sync_progress_percent', l)).toBe(61.9); // 650 / 1050
    expect(sample(text, 'dts_errors_total', { ...l, kind: 'destination' })).toBe(1);
    expect(sample(text, 'dts_retries_total', { ...l, kind: 'connection' })).toBe(2);
    expect(sample(text, 'dts_retries_total', { ...l, kind: 'other' })).toBe(1);
    expect(sample(text, 'dts_filtered_large_records_total', { ...l, table: 'shop.orders' })).toBe(1);
    expect(sample(text, 'dts_task_state', { ...l, state: 'Synchronizing' })).toBe(1);
    expect(sample(text, 'dts_task_state', { ...l, state: 'FullSync' })).toBe(0);
    // Incremental speed over the last 10 full seconds: 100 rows/s, 200 kB/s.
    expect(sample(text, 'dts_incremental_records_per_second', l)).toBe(100);
    expect(sample(text, 'dts_incremental_megabytes_per_second', l)).toBe(0.2);
  });

  it('latency follows the clock while idle, and drops to zero when the engine reports it caught up', () => {
    const metrics = new EngineMetrics(now);
    const t = metrics.task('s', 't');
    expect(t.latencySeconds()).toBeNull();
    t.delivered({ table: 'd.t', operation: 'INSERT', phase: 'incremental', rows: 1, bytes: 10, sourceTimestampMs: clock - 1000 });
    clock += 9000;
    expect(t.latencySeconds()).toBe(10);
    t.caughtUp();
    expect(t.latencySeconds()).toBe(0);
    clock += 20_000;
    expect(t.speed()).toEqual({ rps: 0, mbps: 0 });
  });
});

describe('observability server', () => {
  it('serves /metrics and /status on a loopback port it picked', async () => {
    const metrics = new EngineMetrics(now);
    feed(metrics);
    server = await startObservabilityServer({ metrics, port: 0 });
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);

    const m = await fetch(`${server.url}/metrics`);
    expect(m.status).toBe(200);
    expect(m.headers.get('content-type')).toContain('text/plain');
    expect(sample(await m.text(), 'dts_rows_delivered_total', { stack: 'shop', task: 'to-mq', table: 'shop.orders', operation: 'INSERT', phase: 'full' })).toBe(600);

    const s = await fetch(`${server.url}/status`);
    expect(s.headers.get('content-type')).toContain('application/json');
    const report = (await s.json()) as StatusReport;
    expect(report.tasks).toHaveLength(1);
    expect(report.tasks[0]).toMatchObject({
      stack: 'shop', task: 'to-mq', state: 'Synchronizing', latencySeconds: 3.5, rps: 100, mbps: 0.2,
      checkpoint: 'mariadb-bin.000002:4567 (gtid 0-1-99)', lastError: 'send to dts-shop timed out', origin: 'engine',
      fullSync: { rowsDone: 650, rowsEstimated: 1050, percent: 61.9, done: false },
    });
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).toBe(405);
  });
});

describe('probes (Kubernetes liveness and readiness)', () => {
  it('answer without the token and name no task; ready while tasks run or stand by, not once one failed', async () => {
    const metrics = new EngineMetrics(now);
    const owner = metrics.task('shop', 'to-mq');
    owner.setState('Synchronizing');
    metrics.task('shop', 'other').setState('Standby');
    server = await startObservabilityServer({ metrics, host: '0.0.0.0', token: 'a-token-of-16-chars-or-more' });
    const get = async (path: string) => {
      const r = await fetch(`http://127.0.0.1:${server!.port}${path}`);
      return { code: r.status, body: await r.text() };
    };
    expect(await get('/livez')).toEqual({ code: 200, body: 'ok\n' });
    expect(await get('/readyz')).toEqual({ code: 200, body: 'ready\n' });
    expect((await get('/metrics')).code).toBe(401); // everything else still needs the token
    owner.setState('Failed');
    expect(await get('/readyz')).toEqual({ code: 503, body: 'not ready: 1 task failed (see /status)\n' });
  });
});
