// The console without a browser: history bounds, escaping, routes and the token rules.
import { describe, expect, it } from '@jest/globals';
import { decideAccess, isLoopback, requireTokenFor, validToken } from '../../../runtime/console/access.js';
import { ConsoleHistory, HISTORY_EVENTS, HISTORY_SECONDS, HISTORY_STEP_SECONDS } from '../../../runtime/console/history.js';
import { chart, taskListMain } from '../../../runtime/console/pages.js';
import { consoleReply, type ConsoleOptions } from '../../../runtime/console/routes.js';
import type { TaskStatusRow } from '../../../runtime/observability/status-model.js';

const row = (over: Partial<TaskStatusRow> = {}): TaskStatusRow => ({
  stack: 'shop',
  task: 'orders-to-mq',
  state: 'Synchronizing',
  since: '2026-11-30T00:00:00.000Z',
  latencySeconds: 0.4,
  rps: 1200,
  mbps: 0.5,
  fullSync: null,
  checkpoint: 'mariadb-bin.000001:4',
  lastError: null,
  origin: 'engine',
  ...over,
});

describe('ConsoleHistory', () => {
  it('keeps one point per step for an hour, and at most HISTORY_EVENTS events', () => {
    let now = 0;
    const h = new ConsoleHistory(() => now);
    for (let s = 0; s < 2 * HISTORY_SECONDS; s++, now += 1000) h.observe([row({ rps: s, lastError: `e${Math.floor(s / 10)}` })]);
    const { points, events } = h.of('shop', 'orders-to-mq');
    expect(points.length).toBe(HISTORY_SECONDS / HISTORY_STEP_SECONDS + 1);
    expect(points[points.length - 1]!.at - points[0]!.at).toBe(HISTORY_SECONDS * 1000);
    expect(events).toHaveLength(HISTORY_EVENTS);
    expect(events[events.length - 1]).toMatchObject({ kind: 'error', text: `e${2 * HISTORY_SECONDS / 10 - 1}` });
  });

  it('records state changes with their reason', () => {
    const h = new ConsoleHistory(() => 5);
    h.observe([row({ state: 'FullSync' })]);
    h.observe([row({ state: 'FullSync' })]);
    h.observe([row({ state: 'Suspended', reason: 'suspended from the console' })]);
    expect(h.of('shop', 'orders-to-mq').events.map((e) => e.text)).toEqual(['FullSync', 'Suspended: suspended from the console']);
  });
});

describe('pages', () => {
  it('escapes every text a task carries', () => {
    const html = taskListMain([row({ task: '<script>x</script>', lastError: 'a "b" & <c>', environmentTag: "o'k" })], { actions: true });
    expect(html).not.toContain('<script>x');
    expect(html).toContain('&#60;script&#62;x&#60;/script&#62;');
    expect(html).toContain('a &#34;b&#34; &#38; &#60;c&#62;');
    expect(html).toContain('o&#39;k');
  });

  it('offers Suspend while a task runs and Resume once it is suspended', () => {
    const running = taskListMain([row()], { actions: true });
    expect(running).toMatch(/data-action="suspend">Suspend/);
    expect(running).toMatch(/data-action="resume" disabled>Resume/);
    const suspended = taskListMain([row({ state: 'Suspended' })], { actions: true });
    expect(suspended).toMatch(/data-action="suspend" disabled>Suspend/);
    expect(suspended).toMatch(/data-action="resume">Resume/);
    expect(taskListMain([row()], { actions: false, actionsNote: 'no engine runs' })).not.toContain('<button');
  });

  it('draws a chart with a point per known value', () => {
    const svg = chart('Latency', [{ at: 0, latencySeconds: 1, rps: 0, mbps: 0, fullSyncRows: null }, { at: 10, latencySeconds: null, rps: 0, mbps: 0, fullSyncRows: null }, { at: 20, latencySeconds: 3, rps: 0, mbps: 0, fullSyncRows: null }], (p) => p.latencySeconds, 's');
    expect(svg).toMatch(/points="0\.0,[\d.]+ 360\.0,8\.0"/);
    expect(svg).toContain('now 3.00 s');
  });
});

describe('routes', () => {
  const calls: string[] = [];
  const options: ConsoleOptions = {
    status: () => ({ version: 1, tasks: [row()] }),
    actions: { suspend: async (s, t) => void calls.push(`suspend ${s}/${t}`), resume: async (s, t) => void calls.push(`resume ${s}/${t}`) },
  };
  const get = (path: string) => consoleReply('GET', new URL(`http://h${path}`), {}, options);

  it('serves the list, a task page, its fragment and its JSON, and 404s an unknown task', async () => {
    expect((await get('/'))!.body).toContain('<!doctype html>');
    expect((await get('/tasks/shop/orders-to-mq'))!.body).toContain('Full sync by table');
    expect((await get('/tasks/shop/orders-to-mq?fragment=1'))!.body.startsWith('<h1>')).toBe(true);
    expect(JSON.parse((await get('/console/api/tasks/shop/orders-to-mq'))!.body).row.task).toBe('orders-to-mq');
    expect((await get('/tasks/shop/nope'))!.code).toBe(404);
    expect(await get('/metrics')).toBeUndefined();
  });

  it('takes actions only as POST with the action header', async () => {
    const url = new URL('http://h/tasks/shop/orders-to-mq/suspend');
    expect((await consoleReply('GET', url, {}, options))!.code).toBe(405);
    expect((await consoleReply('POST', url, {}, options))!.code).toBe(403);
    expect((await consoleReply('POST', url, { 'x-dts-action': '1' }, options))!.code).toBe(202);
    expect(calls).toEqual(['suspend shop/orders-to-mq']);
    const readOnly = await consoleReply('POST', url, { 'x-dts-action': '1' }, { status: options.status, actionsNote: 'start dts run to act' });
    expect(readOnly).toMatchObject({ code: 409, body: 'task orders-to-mq: start dts run to act\n' });
  });
});

describe('access', () => {
  const token = 'a'.repeat(20);
  it('needs a token beyond loopback', () => {
    expect(isLoopback('127.0.0.1') && isLoopback('::1') && isLoopback('localhost')).toBe(true);
    expect(isLoopback('0.0.0.0') || isLoopback('10.0.0.5') || isLoopback('::')).toBe(false);
    expect(() => requireTokenFor('0.0.0.0', undefined, 'dts run')).toThrow(/dts run: binding to 0\.0\.0\.0 .* Fix: set DTS_CONSOLE_TOKEN/);
    expect(() => requireTokenFor('0.0.0.0', token, 'dts run')).not.toThrow();
    expect(() => requireTokenFor('127.0.0.1', undefined, 'dts run')).not.toThrow();
    expect(() => validToken('short', 'dts run')).toThrow(/at least 16/);
  });

  it('accepts the bearer header, the cookie, and the query once (then a cookie and a clean address)', () => {
    const url = new URL('http://h/tasks/s/t');
    expect(decideAccess(undefined, url, {})).toEqual({ ok: true });
    expect(decideAccess(token, url, {})).toEqual({ ok: false });
    expect(decideAccess(token, url, { authorization: `Bearer ${token}` })).toEqual({ ok: true });
    expect(decideAccess(token, url, { authorization: 'Bearer wrong' })).toEqual({ ok: false });
    expect(decideAccess(token, url, { cookie: `x=1; dts_token=${token}` })).toEqual({ ok: true });
    const first = decideAccess(token, new URL(`http://h/tasks/s/t?token=${token}&fragment=1`), {});
    expect(first).toEqual({ ok: true, redirect: '/tasks/s/t?fragment=1', setCookie: expect.stringContaining('HttpOnly; SameSite=Strict') });
  });
});
