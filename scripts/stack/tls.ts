// The stack's TLS material, made once with Debian's openssl: its own CA and a server certificate for
// 127.0.0.1 (an IP SAN, no host name) that both MariaDB instances present. Clients connect with or
// without TLS; tests that need TLS name stackTls().ca as the endpoint's CA.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDebianTool } from './apt.js';
import { STACK_HOST } from './config.js';

export interface StackTls {
  readonly dir: string;
  /** The CA that signed the server certificate (PEM): what a client names to verify the stack. */
  readonly ca: string;
  readonly serverCert: string;
  readonly serverKey: string;
}

export function stackTlsPaths(root: string): StackTls {
  const dir = join(root, 'tls');
  return { dir, ca: join(dir, 'ca.pem'), serverCert: join(dir, 'server.pem'), serverKey: join(dir, 'server-key.pem') };
}

/**
 * A new CA (key and self-signed certificate, `name` as its common name) in `dir`; returns the paths.
 * Also used by tests for a CA that did not sign the server's certificate.
 */
export function makeCa(dir: string, name: string): { cert: string; key: string } {
  const openssl = ensureDebianTool('openssl', 'openssl', 'stack TLS certificates');
  mkdirSync(dir, { recursive: true });
  const key = join(dir, `${name}-key.pem`);
  const cert = join(dir, `${name}.pem`);
  execFileSync(openssl, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650', '-subj', `/CN=${name}`, '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert, key };
}

/** Creates the CA and the server certificate when missing; returns their paths. */
export function ensureStackTls(root: string): StackTls {
  const paths = stackTlsPaths(root);
  if (existsSync(paths.ca) && existsSync(paths.serverCert) && existsSync(paths.serverKey)) return paths;
  const openssl = ensureDebianTool('openssl', 'openssl', 'stack TLS certificates');
  const ca = makeCa(paths.dir, 'ca');
  const csr = join(paths.dir, 'server.csr');
  const ext = join(paths.dir, 'server.ext');
  writeFileSync(ext, `subjectAltName=IP:${STACK_HOST}\nextendedKeyUsage=serverAuth\n`);
  execFileSync(openssl, ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=dts-stack-mariadb', '-keyout', paths.serverKey, '-out', csr], { stdio: 'ignore' });
  execFileSync(
    openssl,
    ['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-days', '3650', '-extfile', ext, '-out', paths.serverCert],
    { stdio: 'ignore' },
  );
  return paths;
}
