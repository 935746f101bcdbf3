/**
 * The engine's listener against the requests issue 25 named: each is answered or closed, the server
 * keeps serving, and nothing sensitive leaks without a token. Raw sockets, so the bytes are exactly
 * those an attacker sends (fetch would normalise them). The seeded fuzzer against a real `dts run` is
 * test/integration/observability/http-abuse.test.ts.
 */
import { connect } from 'node:net';
import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from '@jest/globals';
import { hostAllowed } from '../../../runtime/console/access.js';
import { taskMain } from '../../../runtime/console/pages.js';
import { EngineMetrics, fetchEngineStatus, HTTP_LIMITS, startObservabilityServer, type ObservabilityServer } from '../../../runtime/observability/index.js';
import { parseStatusReport, type TaskStatusRow } from '../../../runtime/observability/status-model.js';

let server: ObservabilityServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const TOKEN = 'a-token-of-16-chars-or-more';

async function start(token?: string): Promise<ObservabilityServer> {
  const metrics = new EngineMetrics();
  metrics.task('shop', 'secret-task-name').setState('Synchronizing');
  const actions = { suspend: async () => undefined, resume: async () => undefined };
  server = await startObservabilityServer({ metrics, ...(token ? { token } : {}), console: { status: () => ({ version: 1, tasks: metrics.tasks().map((t) => t.snapshot()) }), actions } });
  return server;
}

/** Sends raw bytes; resolves with what came back before the server closed (or `waitMs` passed). */
function raw(port: number, bytes: string, waitMs = 3000): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let got = '';
    const done = () => {
      clearTimeout(t);
      s.destroy();
      resolve(got);
    };
    const t = setTimeout(done, waitMs);
    s.on('data', (d) => {
      got += d.toString('latin1');
      if (/\r\n\r\n/.test(got) && /connection: close/i.test(got)) setTimeout(done, 50);
    });
    s.on('error', done);
    s.on('close', done);
    s.write(bytes);
  });
}

const statusLine = (reply: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0);

async function stillServes(port: number): Promise<void> {
  const r = await fetch(`http://127.0.0.1:${port}/livez`);
  expect(await r.text()).toBe('ok\n');
}

describe('requests that used to stop the engine', () => {
  it('a request target URL cannot parse (GET //[) gets 400', async () => {
    const s = await start();
    const reply = await raw(s.port, 'GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(statusLine(reply)).toBe(400);
    await stillServes(s.port);
  });

  it('a malformed dts_token cookie is no token (401), not a crash', async () => {
    const s = await start(TOKEN);
    for (const cookie of ['dts_token=%', 'dts_token=%E0%A4%A', 'dts_token=%uD800']) {
      expect(statusLine(await raw(s.port, `GET /status HTTP/1.1\r\nHost: x\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`))).toBe(401);
    }
    await stillServes(s.port);
  });

  it('a bad escape in a task path gets 400', async () => {
    const s = await start();
    expect(statusLine(await raw(s.port, 'GET /tasks/%E0%A4%A/x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'))).toBe(400);
    expect(statusLine(await raw(s.port, 'POST /tasks/%/x/suspend HTTP/1.1\r\nHost: 127.0.0.1\r\nx-dts-action: 1\r\nConnection: close\r\n\r\n'))).toBe(400);
    await stillServes(s.port);
  });
});

describe('DNS rebinding, framing and the probes', () => {
  it('without a token, a Host that is a name (a rebinding page) is refused; addresses and localhost are served', async () => {
    const s = await start();
    const get = (host: string, path = '/status', extra = '') => raw(s.port, `GET ${path} HTTP/1.1\r\nHost: ${host}\r\n${extra}Connection: close\r\n\r\n`);
    for (const host of ['attacker.example', `attacker.example:${s.port}`, '127.0.0.1.nip.io', 'localhost.attacker.example']) {
      const reply = await get(host);
      expect(statusLine(reply)).toBe(421);
      expect(reply).not.toContain('secret-task-name');
    }
    const post = await raw(s.port, `POST /tasks/shop/secret-task-name/suspend HTTP/1.1\r\nHost: attacker.example:${s.port}\r\nx-dts-action: 1\r\nConnection: close\r\n\r\n`);
    expect(statusLine(post)).toBe(421);
    expect(statusLine(await raw(s.port, 'GET /status HTTP/1.1\r\nConnection: close\r\n\r\n'))).toBe(400); // no Host at all: HTTP/1.1 requires one (Node answers 400)
    for (const host of [`127.0.0.1:${s.port}`, 'localhost', `[::1]:${s.port}`, '10.1.2.3:9464']) expect(statusLine(await get(host))).toBe(200);
  });

  it('with a token any Host is served once the token is given (a pod is reached by its name)', async () => {
    const s = await start(TOKEN);
    expect(statusLine(await raw(s.port, `GET /status HTTP/1.1\r\nHost: dts-0.dts.svc\r\nConnection: close\r\n\r\n`))).toBe(401);
    expect(statusLine(await raw(s.port, `GET /status HTTP/1.1\r\nHost: dts-0.dts.svc\r\nAuthorization: Bearer ${TOKEN}\r\nConnection: close\r\n\r\n`))).toBe(200);
  });

  it('every reply forbids framing and sniffing', async () => {
    const s = await start();
    for (const path of ['/', '/status', '/nope', '/livez']) {
      const r = await fetch(`http://127.0.0.1:${s.port}${path}`);
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('/readyz names no task and no state', async () => {
    const s = await start(TOKEN);
    const r = await fetch(`http://127.0.0.1:${s.port}/readyz`);
    expect(await r.text()).toBe('ready\n');
  });
});

describe('slow and oversized clients', () => {
  it('headers beyond HTTP_LIMITS.maxHeaderBytes get 431', async () => {
    const s = await start();
    const reply = await raw(s.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(HTTP_LIMITS.maxHeaderBytes + 10)}\r\n\r\n`);
    expect(statusLine(reply)).toBe(431);
    await stillServes(s.port);
  });

  it('a client that never finishes its headers is closed after HTTP_LIMITS.headersTimeoutMs', async () => {
    const s = await start();
    const started = Date.now();
    const reply = await raw(s.port, 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1', HTTP_LIMITS.headersTimeoutMs + 5000);
    const took = Date.now() - started;
    expect(took).toBeLessThan(HTTP_LIMITS.headersTimeoutMs + 3000);
    expect(reply === '' || statusLine(reply) === 408).toBe(true);
  }, 20_000);

  it('connections beyond HTTP_LIMITS.maxConnections are closed at once; the server serves again when they go', async () => {
    const s = await start();
    const held = await Promise.all(Array.from({ length: HTTP_LIMITS.maxConnections }, () => new Promise<ReturnType<typeof connect>>((resolve) => {
      const c = connect(s.port, '127.0.0.1', () => resolve(c));
      c.on('error', () => undefined);
    })));
    await new Promise((r) => setTimeout(r, 100));
    const extra = await raw(s.port, 'GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 2000);
    expect(extra).toBe('');
    for (const c of held) c.destroy();
    await new Promise((r) => setTimeout(r, 100));
    await stillServes(s.port);
  });
});

describe('what dts status and dts console read from another process', () => {
  const row: TaskStatusRow = {
    stack: 's', task: 't', state: 'Synchronizing', since: 'x', latencySeconds: 1, rps: null, mbps: null,
    fullSync: { rowsDone: 1, rowsEstimated: 2, percent: 50, done: false, tables: [{ table: 'd.t', status: 'in-progress', rowsDone: 1, rowsEstimated: 2 }] },
    checkpoint: null, lastError: null, origin: 'engine',
  };

  it('a /status whose fields have other types is refused', () => {
    expect(parseStatusReport({ version: 1, tasks: [row] })).toBeDefined();
    for (const bad of [
      { ...row, rps: '<img src=x onerror=alert(1)>' },
      { ...row, state: '<b>' },
      { ...row, fullSync: { ...row.fullSync!, percent: '100%"><script>' } },
      { ...row, fullSync: { ...row.fullSync!, tables: [{ table: 'd.t', status: '<i>', rowsDone: 1, rowsEstimated: 1 }] } },
    ]) expect(parseStatusReport({ version: 1, tasks: [bad] })).toBeUndefined();
    expect(parseStatusReport({ version: 2, tasks: [] })).toBeUndefined();
    expect(parseStatusReport(null)).toBeUndefined();
  });

  it('pages escape numbers and statuses even when a row is not what its type says', () => {
    const html = taskMain({ ...row, rps: '<x1>' as unknown as number, fullSync: { ...row.fullSync!, percent: '"><x2>' as unknown as number, tables: [{ table: 't', status: '<x3>' as 'done', rowsDone: 1, rowsEstimated: 1 }] } }, { points: [], events: [] }, { actions: false });
    for (const tag of ['<x1>', '<x2>', '<x3>']) expect(html).not.toContain(tag);
  });

  it('the console token goes only to loopback; a name in engine.json is not followed', async () => {
    const seen: (string | undefined)[] = [];
    const fake = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.end(JSON.stringify({ version: 1, tasks: [row] }));
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    const port = (fake.address() as { port: number }).port;
    const before = process.env.DTS_CONSOLE_TOKEN;
    process.env.DTS_CONSOLE_TOKEN = TOKEN;
    try {
      expect(await fetchEngineStatus({ pid: 1, port, host: '127.0.0.1' }, 2000)).toBeDefined();
      expect(seen).toEqual([`Bearer ${TOKEN}`]);
      expect(await fetchEngineStatus({ pid: 1, port, host: 'localhost' }, 2000)).toBeUndefined(); // a name: not followed
      expect(seen).toHaveLength(1);
    } finally {
      if (before === undefined) delete process.env.DTS_CONSOLE_TOKEN;
      else process.env.DTS_CONSOLE_TOKEN = before;
      await new Promise((r) => fake.close(r));
    }
  });

  it('hostAllowed: IP literals and localhost, nothing else', () => {
    for (const h of ['127.0.0.1', '127.0.0.1:80', '[::1]:9464', '[::1]', '10.0.0.7:9464', 'localhost:1', 'LOCALHOST', 'a.localhost']) expect(hostAllowed(h)).toBe(true);
    for (const h of [undefined, '', 'evil.example', 'evil.example:80', '127.0.0.1.evil', '[evil]', '::1', '127.0.0.1:80:80']) expect(hostAllowed(h)).toBe(false);
  });
});
