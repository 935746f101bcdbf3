/**
 * The engine's HTTP endpoint: `/metrics` (Prometheus text format), `/status` (JSON, the rows
 * `dts status` shows) and, when given, the console (runtime/console/routes.ts). Loopback by default;
 * any other address needs a token (runtime/console/access.ts), checked on every path but the probes:
 * `/livez` (200 while the engine answers) and `/readyz` (503 once a task Failed or failed its
 * precheck; a task standing by is ready). The probes say only that: no task name, no state.
 *
 * Every request is untrusted and none may stop the engine:
 * - the whole handler runs inside one try: a request line Node accepts but URL rejects (`GET //[`),
 *   a malformed cookie or path escape gets 400, any other throw 500, never an exception on the loop;
 * - without a token, the Host header must be an IP literal or `localhost` (a DNS-rebinding page
 *   carries its own name, so it is refused: 421), see HTTP_LIMITS for the rest;
 * - connections, header size and the time to send headers and a request are bounded (HTTP_LIMITS), so
 *   slow or oversized clients cannot hold the descriptors of the process that holds the database and
 *   broker connections;
 * - every reply forbids framing (`X-Frame-Options`, CSP `frame-ancestors 'none'`) and sniffing.
 * Port 0 lets the OS pick; the bound port is returned so the engine can print it and write it to engine.json.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { decideAccess, hostAllowed, requireTokenFor } from '../console/access.js';
import { consoleReply, type ConsoleOptions } from '../console/routes.js';
import type { EngineMetrics } from './metrics.js';
import type { StatusReport } from './status-model.js';

/** Bounds of the engine's listener; one statement, read by the server and its tests. */
export const HTTP_LIMITS = {
  /** Open connections at most; more are closed at once. */
  maxConnections: 64,
  /** Bytes of request line and headers at most (431 beyond). */
  maxHeaderBytes: 16 * 1024,
  /** A client must send its headers within this (408 and close). */
  headersTimeoutMs: 5_000,
  /** ... and the whole request within this. */
  requestTimeoutMs: 15_000,
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: 5_000,
  /** How often Node checks the two timeouts above. */
  checkIntervalMs: 1_000,
} as const;

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
const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  // The pages carry their style and script inline and fetch only from themselves.
  'content-security-policy':
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
} as const;

/** A request the server refuses with a status of its own (bad URL, escape, Host). */
export class BadRequest extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

export async function startObservabilityServer(options: ObservabilityServerOptions): Promise<ObservabilityServer> {
  const host = options.host ?? '127.0.0.1';
  requireTokenFor(host, options.token, 'the engine console');
  const status = options.status ?? (() => statusFromMetrics(options.metrics));

  const handle = async (req: IncomingMessage, reply: Reply): Promise<void> => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://console');
    } catch {
      throw new BadRequest(400, 'bad request target');
    }
    // Probes (Kubernetes' kubelet carries no token) say only whether the engine is alive and ready.
    if (url.pathname === '/livez') return reply(200, TEXT, 'ok\n');
    if (url.pathname === '/readyz') {
      let failed: number;
      try {
        failed = (await status()).tasks.filter((t) => t.state === 'Failed' || t.state === 'PrecheckFailed').length;
      } catch {
        return reply(503, TEXT, 'not ready: the status cannot be read\n');
      }
      return reply(failed === 0 ? 200 : 503, TEXT, failed === 0 ? 'ready\n' : `not ready: ${failed} task${failed === 1 ? '' : 's'} failed (see /status)\n`);
    }
    if (options.token === undefined && !hostAllowed(req.headers.host)) {
      throw new BadRequest(421, 'this engine answers only to an IP address or localhost in the Host header (no token is set); open it by address, or set a token');
    }
    const access = decideAccess(options.token, url, { authorization: req.headers.authorization, cookie: req.headers.cookie });
    if (!access.ok) return reply(401, TEXT, 'a token is required: Authorization: Bearer <token>, or open /?token=<token> once\n', { 'www-authenticate': 'Bearer' });
    if ('redirect' in access) return reply(303, TEXT, 'see other\n', { location: access.redirect, 'set-cookie': access.setCookie });
    if (url.pathname === '/metrics' || url.pathname === '/status') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, TEXT, 'only GET\n');
      if (url.pathname === '/metrics') return reply(200, options.metrics.contentType, await options.metrics.metricsText());
      return reply(200, 'application/json; charset=utf-8', `${JSON.stringify(await status(), null, 2)}\n`);
    }
    const page = options.console ? await consoleReply(req.method ?? 'GET', url, req.headers, options.console) : undefined;
    if (page) return reply(page.code, page.type, page.body);
    return reply(404, TEXT, `not found: try ${options.console ? '/ (the console), ' : ''}/metrics or /status\n`);
  };

  const server: Server = createServer(
    {
      maxHeaderSize: HTTP_LIMITS.maxHeaderBytes,
      headersTimeout: HTTP_LIMITS.headersTimeoutMs,
      requestTimeout: HTTP_LIMITS.requestTimeoutMs,
      keepAliveTimeout: HTTP_LIMITS.keepAliveTimeoutMs,
      connectionsCheckingInterval: HTTP_LIMITS.checkIntervalMs,
    },
    (req, res) => {
      const reply = replier(req, res);
      // No route reads a body: drain whatever comes, within the request timeout.
      req.resume();
      req.on('error', () => res.destroy());
      handle(req, reply).catch((e: unknown) => {
        if (e instanceof BadRequest) reply(e.code, TEXT, `${e.message}\n`, e.code >= 400 ? { connection: 'close' } : {});
        else reply(500, TEXT, `${e instanceof Error ? e.message : String(e)}\n`);
      });
    },
  );
  server.maxConnections = HTTP_LIMITS.maxConnections;
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // Malformed or oversized requests: answer when the socket still takes it, then close.
    if (socket.writable && !socket.writableEnded) {
      const code = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
      socket.end(`HTTP/1.1 ${code} ${code === 431 ? 'Request Header Fields Too Large' : code === 408 ? 'Request Timeout' : 'Bad Request'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    }
    socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A listener error after start (EMFILE on accept) is logged by Node's default only if unhandled: keep serving.
  server.on('error', () => undefined);
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

type Reply = (code: number, type: string, body: string, headers?: Record<string, string>) => void;

function replier(req: IncomingMessage, res: ServerResponse): Reply {
  return (code, type, body, headers = {}) => {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(code, { 'content-type': type, ...SECURITY_HEADERS, ...headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
