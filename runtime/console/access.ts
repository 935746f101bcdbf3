/**
 * Who may use the engine's port. On loopback (the default) anyone on the machine, as with /metrics.
 * On any other bind address a token is required (`DTS_CONSOLE_TOKEN`, or `--token-file`): a request
 * carries it as `Authorization: Bearer <token>` (Prometheus' `authorization` setting), as the
 * `dts_token` cookie, or once as `?token=` (a browser's first visit; the reply sets the cookie, and
 * the page is reached again without it, so the token does not stay in the address bar or history).
 * The token is compared in constant time and never logged.
 */
import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

export const TOKEN_ENV = 'DTS_CONSOLE_TOKEN';
const COOKIE = 'dts_token';

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/** Fails at start when the address is reachable from other machines and no token is set. */
export function requireTokenFor(host: string, token: string | undefined, what: string): void {
  if (isLoopback(host) || (token !== undefined && token.length > 0)) return;
  throw new Error(
    `${what}: binding to ${host} exposes the console and its Suspend/Resume actions beyond this machine, and no token is set. ` +
      `Fix: set ${TOKEN_ENV} (at least 16 characters) or --token-file FILE, or bind to 127.0.0.1`,
  );
}

export function validToken(token: string, what: string): string {
  const t = token.trim();
  if (t.length < 16) throw new Error(`${what}: the console token is ${t.length} characters; use at least 16 (for example: openssl rand -hex 16)`);
  return t;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `decodeURIComponent`, or undefined for a malformed escape (`%`, `%zz`, a lone surrogate): never throws. */
export function decodeComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

function cookieToken(cookie: string | undefined): string | undefined {
  for (const part of (cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return decodeComponent(v.join('='));
  }
  return undefined;
}

/**
 * Whether a request's Host header may reach a console that needs no token: an IP literal or
 * `localhost` (with any port). A DNS-rebinding page reaches a loopback engine under its own name, so
 * its requests carry that name and are refused; an address typed by a user, a kubelet probe or
 * Prometheus' target carries an address.
 */
export function hostAllowed(header: string | undefined): boolean {
  if (header === undefined) return false;
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\[\]]+))(?::(\d{1,5}))?$/.exec(header.trim());
  if (m === null) return false;
  const name = (m[1] ?? m[2]!).toLowerCase();
  if (m[1] !== undefined) return isIP(name) === 6;
  return isIP(name) === 4 || name === 'localhost' || name.endsWith('.localhost');
}

export type AccessDecision =
  | { readonly ok: true }
  /** The token came in the query: set the cookie and send the browser to the same page without it. */
  | { readonly ok: true; readonly redirect: string; readonly setCookie: string }
  | { readonly ok: false };

export function decideAccess(token: string | undefined, url: URL, headers: { authorization?: string; cookie?: string }): AccessDecision {
  if (token === undefined) return { ok: true };
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
  if (bearer !== undefined && same(bearer.trim(), token)) return { ok: true };
  const cookie = cookieToken(headers.cookie);
  if (cookie !== undefined && same(cookie, token)) return { ok: true };
  const query = url.searchParams.get('token');
  if (query !== null && same(query, token)) {
    const clean = new URL(url.href);
    clean.searchParams.delete('token');
    return { ok: true, redirect: `${clean.pathname}${clean.search}`, setCookie: `${COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/` };
  }
  return { ok: false };
}
