/**
 * A seeded generator of hostile HTTP/1.x requests for the engine's listener, and a raw-socket client
 * that sends one and tells what came back. Each request is built from parts (method, target, version,
 * headers, body) chosen by a seeded PRNG; `shape` names the malformed parts it holds, so a run can
 * say how many distinct kinds of malformed request it sent. The same seed makes the same requests.
 */
import { connect } from 'node:net';
import { Rng } from '../torture/rng.js';

export interface FuzzTarget {
  readonly stack: string;
  readonly task: string;
  readonly token?: string;
}

export interface FuzzRequest {
  readonly bytes: Buffer;
  /** Sorted labels of what is malformed or hostile in it ('' for a well-formed request). */
  readonly shape: string;
  /** A request that is slow on purpose (dripped byte by byte, or never finished). */
  readonly slow: boolean;
}

const METHODS = ['GET', 'GET', 'GET', 'HEAD', 'POST', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT'];

export function fuzzRequest(rng: Rng, t: FuzzTarget): FuzzRequest {
  const shape = new Set<string>();
  const bad = (label: string) => shape.add(label);
  // Method.
  let method = rng.pick(METHODS);
  if (rng.chance(0.04)) (method = rng.pick(['', 'G ET', 'get', 'X'.repeat(rng.int(20, 300)), '\u00e9', 'GET\u0000'])), bad('method');
  // Target.
  const real = [`/tasks/${t.stack}/${t.task}`, `/console/api/tasks/${t.stack}/${t.task}`];
  const fine = ['/', '/status', '/metrics', '/livez', '/readyz', '/tasks', '/nope', ...real, '/tasks/other/none', '/console/api/tasks/x/y'];
  let target = rng.pick(fine);
  if (rng.chance(0.12)) {
    // An action on the real task only without the console's header or with a wrong token: never a real Suspend.
    target = `${rng.pick(real.slice(0, 1))}/${rng.pick(['suspend', 'resume'])}`;
    bad('action');
  }
  if (rng.chance(0.3)) {
    const malformed = [
      '//[', '//[::1', '/%', '/%zz', '/tasks/%E0%A4%A/x', '/tasks/%/%', `/tasks/${t.stack}/%uD800`, '*', 'http://evil.example/status',
      'http://[/', '/?token=%', '/?token=', `/?token=${'a'.repeat(rng.int(1, 64))}`, '/status?fragment=1&fragment=2', '/?fragment=1',
      `/${'a/'.repeat(rng.int(100, 3000))}`, '/\u0001\u0002', '/..%2f..%2fetc%2fpasswd', '/tasks/a/b/c/d/e', '/%00', '/\u00ff\u00fe',
      `/tasks/${'%41'.repeat(rng.int(1, 500))}/x`, '', ' ', '/#frag', '/metrics?x=' + '%'.repeat(rng.int(1, 50)),
    ];
    target = rng.pick(malformed);
    bad(`target:${malformed.indexOf(target) < 0 ? 'long' : malformed.indexOf(target)}`);
  }
  // Version.
  let version = 'HTTP/1.1';
  if (rng.chance(0.06)) (version = rng.pick(['HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTP/1.1', '', 'HTTP/1.1 extra'])), bad(`version:${version}`);
  // Headers.
  const headers: string[] = [];
  const hostChoice = rng.int(0, 9);
  if (hostChoice <= 5) headers.push('Host: 127.0.0.1');
  else if (hostChoice === 6) (headers.push(`Host: ${rng.pick(['evil.example', 'evil.example:80', '127.0.0.1.nip.io', '[::1', 'a b', ''])}`), bad('host'));
  else if (hostChoice === 7) (headers.push('Host: 127.0.0.1', 'Host: evil.example'), bad('host:duplicate'));
  else if (hostChoice === 8) bad('host:missing');
  else headers.push('Host: localhost');
  // The console's header, but never '1' on an action of the real task: the storm must not Suspend it.
  if (method === 'POST' && rng.chance(0.7)) headers.push(`x-dts-action: ${rng.pick(shape.has('action') ? ['0', '', '11', 'true'] : ['1', '0', '', '11'])}`);
  if (rng.chance(0.25)) (headers.push(`Cookie: ${rng.pick(['dts_token=%', 'dts_token=%E0%A4%A', 'dts_token=', 'dts_token==', 'a=b; dts_token=%uD800', `dts_token=${'x'.repeat(rng.int(1, 4000))}`, ';;;', 'dts_token'])}`), bad('cookie'));
  if (rng.chance(0.2)) (headers.push(`Authorization: ${rng.pick(['Bearer', 'Bearer ', 'Bearer x', 'Basic Zm9vOmJhcg==', `Bearer ${'y'.repeat(rng.int(1, 200))}`, 'Bearer \u00e9'])}`), bad('authorization'));
  if (t.token && rng.chance(0.05)) headers.push(`Authorization: Bearer ${t.token}`);
  if (rng.chance(0.05)) (headers.push(`X-Big: ${'b'.repeat(rng.int(16 * 1024, 40 * 1024))}`), bad('header:oversized'));
  if (rng.chance(0.04)) (headers.push(...Array.from({ length: rng.int(100, 400) }, (_, i) => `X-H${i}: ${i}`)), bad('header:many'));
  if (rng.chance(0.04)) (headers.push(rng.pick(['NoColonHere', ': empty-name', 'X-Fold: a\r\n folded', 'X-Ctl: \u0001\u0007', 'X Space: 1', 'X-Nul: a\u0000b'])), bad('header:malformed'));
  if (rng.chance(0.04)) (headers.push('Origin: http://evil.example', 'Sec-Fetch-Site: cross-site'), bad('origin'));
  // Body.
  let body = '';
  const bodyChoice = rng.int(0, 29);
  if (bodyChoice === 0) (headers.push('Content-Length: 10'), (body = 'abc'), bad('body:short'));
  else if (bodyChoice === 1) (headers.push('Content-Length: -1'), bad('body:negative-length'));
  else if (bodyChoice === 2) (headers.push('Transfer-Encoding: chunked'), (body = 'zz\r\nhello\r\n0\r\n\r\n'), bad('body:bad-chunk'));
  else if (bodyChoice === 3) (headers.push('Content-Length: 5', 'Transfer-Encoding: chunked'), (body = '0\r\n\r\n'), bad('body:smuggle'));
  else if (bodyChoice === 4) (headers.push(`Content-Length: ${rng.int(1000, 200_000)}`), (body = 'x'.repeat(rng.int(0, 1000))), bad('body:long'));
  else if (bodyChoice === 5) (headers.push('Content-Length: 99999999999999999999'), bad('body:huge-length'));
  const close = rng.chance(0.6);
  if (close) headers.push('Connection: close');
  // Lines, with an occasional bare LF or missing end.
  let eol = '\r\n';
  if (rng.chance(0.03)) (eol = '\n'), bad('eol:lf');
  const requestLine = rng.chance(0.02) ? (bad('request-line:garbage'), rng.pick(['\u0016\u0003\u0001\u0000', 'PRI * HTTP/2.0', '\r\n\r\n', 'GET'])) : `${method} ${target} ${version}`.replace(/ +$/, '');
  let text = `${requestLine}${eol}${headers.join(eol)}${headers.length ? eol : ''}${eol}${body}`;
  let slow = false;
  if (rng.chance(0.003)) (text = text.slice(0, rng.int(1, Math.max(1, text.length - 4))), (slow = true), bad('slow:unfinished'));
  else if (rng.chance(0.003)) (slow = true), bad('slow:drip');
  return { bytes: Buffer.from(text, 'latin1'), shape: [...shape].sort().join(','), slow };
}

export interface SendResult {
  /** The status code of the first response, or 0 when the server closed without one. */
  readonly status: number;
  readonly ms: number;
}

/** Sends one request on its own connection; resolves once the server answered or closed (or `maxMs` passed). */
export function sendRaw(port: number, request: FuzzRequest, maxMs: number): Promise<SendResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(got)?.[1] ?? 0), ms: Date.now() - started });
    };
    const timer = setTimeout(done, maxMs);
    socket.on('error', done);
    socket.on('close', done);
    socket.on('data', (d) => {
      got += d.toString('latin1');
      if (got.includes('\r\n\r\n') && !request.slow) setTimeout(done, 20);
    });
    socket.on('connect', () => {
      if (request.shape.includes('slow:drip')) {
        let i = 0;
        const drip = setInterval(() => {
          if (settled || i >= request.bytes.length) return clearInterval(drip);
          socket.write(request.bytes.subarray(i, i + 1));
          i++;
        }, 300);
      } else socket.write(request.bytes);
    });
  });
}
