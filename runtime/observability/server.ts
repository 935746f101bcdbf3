/**
 * The engine's HTTP endpoint: `/metrics` (Prometheus text format), `/status` (JSON, the rows
 * `dts status` shows) and, when given, the console (runtime/console/routes.ts). Loopback by default;
 * any other address needs a token (runtime/console/access.ts), checked on every path but the probes:
 * `/livez` (200 while the engine answers) and `/readyz` (503 once a task Failed or failed its
 * precheck; a task standing by is ready). Port 0 lets the
 * OS pick; the bound port is returned so the engine can print it and write it to engine.json.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decideAccess, requireTokenFor } from '../console/access.js';
import { consoleReply, type ConsoleOptions } from '../console/routes.js';
import type { EngineMetrics } from './metrics.js';
import type { StatusReport } from './status-model.js';

export interface ObservabilityServerOptions {
  readonly metrics: EngineMetrics;
  /** Defaults to every task handle's snapshot. */
  readonly status?: () => StatusReport | Promise<StatusReport>;
  readonly port?: number;
  readonly host?: string;
  /** Required on an address other than loopback. */
  readonly token?: string;
  readonly console?: ConsoleOptions;
}

export interface ObservabilityServer {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export function statusFromMetrics(metrics: EngineMetrics): StatusReport {
  return { version: 1, tasks: metrics.tasks().map((t) => t.snapshot()) };
}

const TEXT = 'text/plain; charset=utf-8';

export async function startObservabilityServer(options: ObservabilityServerOptions): Promise<ObservabilityServer> {
  const host = options.host ?? '127.0.0.1';
  requireTokenFor(host, options.token, 'the engine console');
  const status = options.status ?? (() => statusFromMetrics(options.metrics));
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://console');
    const reply = (code: number, type: string, body: string, headers: Record<string, string> = {}): void => {
      res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    // Probes (Kubernetes' kubelet carries no token) say only whether the engine is alive and ready.
    if (url.pathname === '/livez') return reply(200, TEXT, 'ok\n');
    if (url.pathname === '/readyz') {
      void Promise.resolve(status()).then(
        (s) => {
          const failed = s.tasks.filter((t) => t.state === 'Failed' || t.state === 'PrecheckFailed');
          const states = s.tasks.map((t) => `${t.task} ${t.state}`).join(', ');
          reply(failed.length === 0 ? 200 : 503, TEXT, `${failed.length === 0 ? 'ready' : 'not ready'}: ${states || 'no task yet'}\n`);
        },
        (e: unknown) => reply(503, TEXT, `not ready: ${(e as Error).message}\n`),
      );
      return;
    }
    const access = decideAccess(options.token, url, { authorization: req.headers.authorization, cookie: req.headers.cookie });
    if (!access.ok) return reply(401, TEXT, 'a token is required: Authorization: Bearer <token>, or open /?token=<token> once\n', { 'www-authenticate': 'Bearer' });
    if ('redirect' in access) return reply(303, TEXT, 'see other\n', { location: access.redirect, 'set-cookie': access.setCookie });
    void (async () => {
      try {
        if (url.pathname === '/metrics' || url.pathname === '/status') {
          if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, TEXT, 'only GET\n');
          if (url.pathname === '/metrics') return reply(200, options.metrics.contentType, await options.metrics.metricsText());
          return reply(200, 'application/json; charset=utf-8', `${JSON.stringify(await status(), null, 2)}\n`);
        }
        const page = options.console ? await consoleReply(req.method ?? 'GET', url, headersOf(req), options.console) : undefined;
        if (page) return reply(page.code, page.type, page.body);
        return reply(404, TEXT, `not found: try ${options.console ? '/ (the console), ' : ''}/metrics or /status\n`);
      } catch (e) {
        return reply(500, TEXT, `${(e as Error).message}\n`);
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    host,
    port,
    url: `http://${shown}:${port}`,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => (err ? reject(err) : resolve()));
    }),
  };
}

function headersOf(req: IncomingMessage): Record<string, string | string[] | undefined> {
  return req.headers;
}
