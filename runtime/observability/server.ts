/**
 * The engine's observability endpoint on a loopback port: `/metrics` (Prometheus text format) and
 * `/status` (JSON, the rows `dts status` shows). Port 0 lets the OS pick; the bound port is returned
 * so the engine can print it and write it to engine.json.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EngineMetrics } from './metrics.js';
import type { StatusReport } from './status-model.js';

export interface ObservabilityServerOptions {
  readonly metrics: EngineMetrics;
  /** Defaults to every task handle's snapshot. */
  readonly status?: () => StatusReport | Promise<StatusReport>;
  readonly port?: number;
  readonly host?: string;
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

export async function startObservabilityServer(options: ObservabilityServerOptions): Promise<ObservabilityServer> {
  const host = options.host ?? '127.0.0.1';
  const status = options.status ?? (() => statusFromMetrics(options.metrics));
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    const reply = (code: number, type: string, body: string): void => {
      res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, 'text/plain; charset=utf-8', 'only GET\n');
    void (async () => {
      try {
        if (url.pathname === '/metrics') return reply(200, options.metrics.contentType, await options.metrics.metricsText());
        if (url.pathname === '/status') return reply(200, 'application/json; charset=utf-8', `${JSON.stringify(await status(), null, 2)}\n`);
        return reply(404, 'text/plain; charset=utf-8', 'not found: try /metrics or /status\n');
      } catch (e) {
        return reply(500, 'text/plain; charset=utf-8', `${(e as Error).message}\n`);
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    host,
    port,
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => (err ? reject(err) : resolve()));
    }),
  };
}
