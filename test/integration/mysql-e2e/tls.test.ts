// "SSL-encrypted" endpoints that really are: a full + incremental MySQL -> MySQL task with TLS on both
// ends, verified against the stack's own CA, while both servers refuse unencrypted connections
// (require_secure_transport), so every connection of the task (prechecks, schema copy, full-sync
// reads, the binlog stream, the sink, verify) is proven encrypted; a wrong CA, a wrong server name and
// a plain connection to a server that requires TLS each fail the precheck naming the endpoint and the fix.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import mysql from 'mysql2/promise';
import type { TaskSpec } from '../../../runtime/manifest/types.js';
import { makeCa, stackTlsPaths } from '../../../scripts/stack/tls.js';
import { stackPaths } from '../../../scripts/stack/config.js';
import { runUntilCaughtUp, scratchDir, writeManifest } from '../../support/engine.js';
import { mysqlDestinationEndpoint, sourceEndpoint } from '../../support/task-spec.js';
import { dts, e2eTask, verify } from './helpers.js';

const CA = stackTlsPaths(stackPaths().root).ca;
const tls = (ca = CA, extra: object = {}) => ({ ca: { fromFile: ca }, verifyCertificate: true, verifyServerName: true, minVersion: 'TLSv1.2' as const, ...extra });

const e2e = e2eTask('tls', {
  overrides: { source: { ...sourceEndpoint(), ssl: tls() }, destination: { ...mysqlDestinationEndpoint(), ssl: tls() } },
  prepare: async (src, db) => {
    await src.query(`CREATE TABLE ${db}.orders (id INT PRIMARY KEY, customer VARCHAR(40) NOT NULL, note TEXT)`);
    await src.query(`INSERT INTO ${db}.orders SELECT seq, CONCAT('c', seq), REPEAT('x', seq % 50) FROM ${db}.seq_1_to_2000`);
  },
});

/** `dts precheck --json` of a copy of the task with other endpoint settings; its failed connection checks. */
async function precheckFailures(name: string, over: Partial<TaskSpec>): Promise<{ id: string; message: string; fix?: string }[]> {
  const dir = scratchDir(`tls-${name}`);
  const manifest = writeManifest(dir, [{ ...e2e.task, name: `${e2e.task.name}_${name}`, ...over }]);
  const r = await dts(['precheck', manifest, '--json']);
  if (!r.stdout.trim().startsWith('{')) throw new Error(`dts precheck printed no report (exit ${r.code}): ${r.stderr.slice(-2000)}`);
  const report = JSON.parse(r.stdout) as { tasks?: { results: { id: string; status: string; message: string; fix?: string }[] }[]; results?: { id: string; status: string; message: string; fix?: string }[] };
  const results = report.tasks?.flatMap((t) => t.results) ?? report.results ?? [];
  // Connection checks only: the first test's tables make "conflicting tables" fail for these copies.
  return results.filter((x) => x.status === 'fail' && (x.id === 'connectivity' || x.id === 'dest-connect'));
}

describe('TLS to MySQL (stack servers with their own CA)', () => {
  let admins: mysql.Connection[] = [];
  const requireTls = async (on: boolean) => {
    for (const a of admins) await a.query(`SET GLOBAL require_secure_transport = ${on ? 'ON' : 'OFF'}`);
  };
  beforeAll(() => {
    admins = [e2e.src, e2e.dst];
  });
  afterAll(async () => {
    await requireTls(false);
  });

  it('full + incremental over TLS while both servers refuse plain connections; the precheck reports the negotiated version', async () => {
    await requireTls(true);
    try {
      const first = await runUntilCaughtUp(e2e.manifest, { stateDir: e2e.stateDir });
      expect({ code: first.exit.code, stderr: first.exit.code === 0 ? '' : first.engine.stderr().slice(-2000) }).toEqual({ code: 0, stderr: '' });
      const encrypted = first.engine.logs.filter((l) => /encrypted with TLSv1\.[23] \(/.test(String(l.msg)));
      expect(encrypted.map((l) => l.id).sort()).toEqual(['connectivity', 'dest-connect']);
      await e2e.src.query(`UPDATE ${e2e.db}.orders SET note = 'over TLS' WHERE id <= 100`);
      await e2e.src.query(`DELETE FROM ${e2e.db}.orders WHERE id > 1900`);
      const second = await runUntilCaughtUp(e2e.manifest, { stateDir: e2e.stateDir });
      expect(second.exit.code).toBe(0);
      const v = await verify(e2e.manifest);
      expect({ code: v.code, equal: v.report?.equal }).toEqual({ code: 0, equal: true });
    } finally {
      await requireTls(false);
    }
    const [rows] = await e2e.dst.query(`SELECT COUNT(*) AS n, SUM(note = 'over TLS') AS tls FROM ${e2e.target}.orders`);
    expect((rows as { n: number; tls: string }[])[0]).toMatchObject({ n: 1900, tls: '100' });
  }, 240_000);

  it('a CA that did not sign the server certificate fails the precheck naming the endpoint and the fix', async () => {
    const other = makeCa(scratchDir('tls-other-ca'), 'other-ca').cert;
    const failed = await precheckFailures('wrongca', { source: { ...sourceEndpoint(), ssl: tls(other) } });
    expect(failed).toHaveLength(1);
    expect(failed[0]!.message).toMatch(/source 127\.0\.0\.1:23306: TLS: the server's certificate is not signed by the CA named in ssl\.ca\. Fix: set ssl\.ca to the CA that signed the server certificate/);
  }, 120_000);

  it('a host name the certificate does not carry fails unless verifyServerName is off', async () => {
    const byName = { ...mysqlDestinationEndpoint(), host: 'localhost' };
    const failed = await precheckFailures('wrongname', { destination: { ...byName, ssl: tls() } });
    expect(failed.map((f) => f.message).join('\n')).toMatch(/destination localhost:23307: TLS: the server's certificate does not name localhost\. Fix: connect with a host name the certificate names/);
    expect(await precheckFailures('namenotchecked', { destination: { ...byName, ssl: tls(CA, { verifyServerName: false }) } })).toEqual([]);
  }, 120_000);

  it('a plain connection to a server that requires TLS fails the precheck saying to turn ssl on', async () => {
    await requireTls(true);
    try {
      const failed = await precheckFailures('plain', { source: { ...sourceEndpoint(), ssl: false } });
      // The stack's CA is not one the system trusts: the login is not retried over unverified TLS.
      expect(failed[0]!.message).toMatch(/source 127\.0\.0\.1:23306: access denied for dts on an unencrypted connection \(.*\): the password is wrong, or the server accepts only encrypted connections for dts \(require_secure_transport, or an account with REQUIRE SSL; MariaDB answers both alike\)\. The login was not tried over TLS .* Fix: check the password secret; if the server requires TLS, turn ssl on for this endpoint/);
    } finally {
      await requireTls(false);
    }
  }, 120_000);
});

