/** Alerts POSTed to a real HTTP receiver on loopback, with a controlled clock; every event is logged. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createLogger } from '../../../runtime/log.js';
import { AlertMonitor, type AlertEvent } from '../../../runtime/observability/alerts.js';

let receiver: Server;
let url = '';
let received: AlertEvent[] = [];
let answer = 200;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      expect(req.headers['content-type']).toBe('application/json');
      received.push(JSON.parse(body) as AlertEvent);
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise<void>((r) => receiver.close(() => r()));
});

let logLines: Record<string, unknown>[] = [];
beforeEach(() => {
  received = [];
  logLines = [];
  answer = 200;
});
function logger() {
  const sink = new Writable({ write(chunk: Buffer, _e, cb) { for (const l of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(l) as Record<string, unknown>); cb(); } });
  return createLogger({ destination: sink, level: 'info' });
}

describe('AlertMonitor', () => {
  it('fires latency only after it stays above the threshold for latencyForSeconds, then resolves', async () => {
    let clock = Date.parse('2025-01-01T00:00:00Z');
    const m = new AlertMonitor({ stack: 'shop', task: 'to-mq', alerting: { latencySeconds: 10, latencyForSeconds: 30, onFailure: true, webhookUrl: url }, logger: logger(), now: () => clock });
    const tick = (latencySeconds: number, seconds = 1): AlertEvent[] => {
      const events: AlertEvent[] = [];
      for (let i = 0; i < seconds; i++) {
        events.push(...m.evaluate({ state: 'Synchronizing', latencySeconds }));
        clock += 1000;
      }
      return events;
    };
    expect(tick(5, 5)).toEqual([]);
    expect(tick(20, 20)).toEqual([]); // above for 20 s < 30 s
    expect(tick(8, 1)).toEqual([]); // dips below: the 30 s start over
    expect(tick(25, 30)).toEqual([]);
    const fired = tick(25, 1);
    expect(fired).toEqual([expect.objectContaining({ status: 'firing', alert: 'latency', thresholdSeconds: 10, forSeconds: 30, latencySeconds: 25, startsAt: '2025-01-01T00:00:26.000Z' })]);
    expect(tick(40, 10)).toEqual([]); // fires once
    expect(m.active()).toEqual(['latency']);
    const resolved = tick(2, 1);
    expect(resolved).toEqual([expect.objectContaining({ status: 'resolved', alert: 'latency', startsAt: '2025-01-01T00:00:26.000Z' })]);
    await m.flush();
    expect(received.map((e) => [e.status, e.alert, e.task])).toEqual([['firing', 'latency', 'to-mq'], ['resolved', 'latency', 'to-mq']]);
    expect(logLines.filter((l) => 'alertEvent' in l).map((l) => [l.level, l.msg])).toEqual([
      [40, 'alert firing: to-mq: latency 25.0 s above 10 s for 30 s'],
      [30, 'alert resolved: to-mq: latency back to 2.0 s (threshold 10 s)'],
    ]);
  });

  it('fires when the task enters Failed and resolves when it leaves it', async () => {
    const m = new AlertMonitor({ stack: 'shop', task: 'to-mysql', alerting: { onFailure: true, webhookUrl: url }, logger: logger() });
    expect(m.evaluate({ state: 'Synchronizing', latencySeconds: 1 })).toEqual([]);
    expect(m.evaluate({ state: 'Failed', latencySeconds: null, reason: 'binlog purged' })).toHaveLength(1);
    expect(m.evaluate({ state: 'Failed', latencySeconds: null, reason: 'binlog purged' })).toEqual([]);
    expect(m.evaluate({ state: 'Synchronizing', latencySeconds: 0 })).toHaveLength(1);
    await m.flush();
    expect(received).toEqual([
      expect.objectContaining({ status: 'firing', alert: 'failure', reason: 'binlog purged', summary: 'to-mysql: task failed: binlog purged', state: 'Failed' }),
      expect.objectContaining({ status: 'resolved', alert: 'failure', state: 'Synchronizing' }),
    ]);
  });

  it('does not alert on failure when onFailure is off, and only logs without a webhook', async () => {
    const m = new AlertMonitor({ stack: 's', task: 't', alerting: { onFailure: false, latencySeconds: 1 }, logger: logger() });
    expect(m.evaluate({ state: 'Failed', latencySeconds: 0 })).toEqual([]);
    expect(m.evaluate({ state: 'Synchronizing', latencySeconds: 5 })).toHaveLength(1); // latencyForSeconds absent: at once
    await m.flush();
    expect(received).toEqual([]);
    expect(logLines.some((l) => l.msg === 'alert firing: t: latency 5.0 s above 1 s for 0 s')).toBe(true);
  });

  it('logs a webhook that refuses or is down, and keeps going', async () => {
    answer = 500;
    const m = new AlertMonitor({ stack: 's', task: 't', alerting: { onFailure: true, webhookUrl: url }, logger: logger() });
    m.evaluate({ state: 'Failed', latencySeconds: null });
    await m.flush();
    expect(logLines.some((l) => l.msg === 'alert webhook answered HTTP 500')).toBe(true);
    const down = new AlertMonitor({ stack: 's', task: 't', alerting: { onFailure: true, webhookUrl: 'http://127.0.0.1:1/hook' }, logger: logger() });
    down.evaluate({ state: 'Failed', latencySeconds: null });
    await down.flush();
    expect(logLines.some((l) => typeof l.msg === 'string' && l.msg.startsWith('alert webhook failed') && l.msg.includes('check alerting.webhookUrl of task t'))).toBe(true);
  });
});
