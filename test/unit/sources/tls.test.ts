// TLS settings resolved for connections, and TLS refusals explained with the endpoint and the fix.
import { describe, expect, it } from '@jest/globals';
import { TLS_DEFAULTS } from '../../../runtime/manifest/defaults.js';
import { mysql2Options, resolveTls, type MySqlConnectionConfig } from '../../../runtime/sources/mysql/connection.js';
import { describeTls, explainTlsFailure, tlsRequiredInstead } from '../../../runtime/sources/mysql/tls.js';

const config: MySqlConnectionConfig = { host: '10.0.0.5', port: 3306, user: 'dts', password: 'x', label: 'task t: source 10.0.0.5:3306', tls: { ...TLS_DEFAULTS, ca: 'PEM' } };

describe('resolveTls', () => {
  it('off, the shorthand, and an object with defaults filled and the CA read from its reference', () => {
    const read = (ref: unknown) => `read ${JSON.stringify(ref)}`;
    expect(resolveTls(false, read)).toBeUndefined();
    expect(resolveTls(true, read)).toEqual(TLS_DEFAULTS);
    expect(resolveTls({ ca: { fromFile: 'ca.pem' }, verifyServerName: false }, read)).toEqual({ ...TLS_DEFAULTS, verifyServerName: false, ca: 'read {"fromFile":"ca.pem"}' });
  });

  it('becomes mysql2 options that verify unless told not to', () => {
    expect(mysql2Options(config).ssl).toEqual({ ca: 'PEM', rejectUnauthorized: true, verifyIdentity: true, minVersion: 'TLSv1.2' });
    expect(mysql2Options({ ...config, tls: { ...TLS_DEFAULTS, verifyServerName: false } }).ssl).toEqual({ rejectUnauthorized: true, verifyIdentity: false, minVersion: 'TLSv1.2' });
    expect(mysql2Options({ ...config, tls: undefined }).ssl).toBeUndefined();
  });
});

describe('explainTlsFailure', () => {
  const fail = (code: string, message = 'raw', errno?: number) => explainTlsFailure(Object.assign(new Error(message), { code, ...(errno ? { errno } : {}) }), config);

  it('names the endpoint, the cause and the fix', () => {
    expect(fail('SELF_SIGNED_CERT_IN_CHAIN')?.message).toMatch(/^task t: source 10\.0\.0\.5:3306: TLS: the server's certificate is not signed by the CA named in ssl\.ca\. Fix: set ssl\.ca/);
    expect(fail('ERR_TLS_CERT_ALTNAME_INVALID')?.message).toMatch(/does not name 10\.0\.0\.5\. Fix: connect with a host name the certificate names .* or set ssl\.verifyServerName to false/);
    expect(fail('HANDSHAKE_NO_SSL_SUPPORT')?.message).toMatch(/the server offers none\. Fix: enable TLS on the server/);
    expect(fail('ER_SECURE_TRANSPORT_REQUIRED', 'Connections using insecure transport are prohibited while --require_secure_transport=ON.', 3159)?.message).toMatch(/only encrypted connections for dts \(require_secure_transport, or an account with REQUIRE SSL\)\. Fix: turn ssl on/);
    // mysql2 reports handshake failures as HANDSHAKE_SSL_ERROR with Node's message.
    expect(fail('HANDSHAKE_SSL_ERROR', 'self-signed certificate in certificate chain')?.message).toMatch(/not signed by the CA named in ssl\.ca/);
    expect(fail('HANDSHAKE_SSL_ERROR', "Hostname/IP does not match certificate's altnames: IP: 10.0.0.5 is not in the cert's list:")?.message).toMatch(/does not name 10\.0\.0\.5/);
    expect(fail('CERT_HAS_EXPIRED')?.message).toMatch(/validity period/);
    expect((fail('SELF_SIGNED_CERT_IN_CHAIN') as { tls?: boolean }).tls).toBe(true);
  });

  it('tells "TLS required" from a wrong password by trying the same login over TLS', async () => {
    const plain = { ...config, tls: undefined };
    const denied = Object.assign(new Error('Access denied'), { errno: 1045 });
    const seen: unknown[] = [];
    const ok = async (c: MySqlConnectionConfig) => (seen.push(c.tls), { end: async () => undefined });
    expect((await tlsRequiredInstead(denied, plain, ok))?.message).toMatch(/^task t: source 10\.0\.0\.5:3306: the server accepts only encrypted connections for dts .* Fix: turn ssl on/);
    // The probe's TLS is verified: the credentials never go to a peer that did not prove its name.
    expect(seen).toEqual([{ verifyCertificate: true, verifyServerName: true, minVersion: 'TLSv1.2' }]);
    // A certificate this system cannot verify: no login is tried; both causes and fixes are named.
    const untrusted = Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'HANDSHAKE_SSL_ERROR' });
    const unverified = await tlsRequiredInstead(denied, plain, () => Promise.reject(untrusted));
    expect(unverified?.message).toMatch(/access denied for dts on an unencrypted connection \(Access denied\): the password is wrong, or the server accepts only encrypted connections .* The login was not tried over TLS .* Fix: check the password secret; if the server requires TLS, turn ssl on/);
    expect((unverified as { errno?: number }).errno).toBe(1045);
    // A server with no TLS at all: the password is what is wrong.
    expect(await tlsRequiredInstead(denied, plain, () => Promise.reject(Object.assign(new Error('no ssl'), { code: 'HANDSHAKE_NO_SSL_SUPPORT' })))).toBeUndefined();
    expect(await tlsRequiredInstead(denied, plain, () => Promise.reject(new Error('Access denied')))).toBeUndefined();
    expect(await tlsRequiredInstead(denied, config, ok)).toBeUndefined(); // TLS was on already
    expect(await tlsRequiredInstead(new Error('ECONNREFUSED'), plain, ok)).toBeUndefined();
  });

  it('leaves other errors alone', () => {
    expect(fail('ECONNREFUSED')).toBeUndefined();
    expect(fail('ER_ACCESS_DENIED_ERROR', 'denied', 1045)).toBeUndefined();
  });
});

describe('describeTls', () => {
  it('reports the negotiated version and cipher, and fails when TLS was asked for and is absent', () => {
    expect(describeTls({ version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' }, true)).toEqual({ ok: true, text: 'encrypted with TLSv1.3 (TLS_AES_256_GCM_SHA384)' });
    expect(describeTls({ version: '', cipher: '' }, false)).toEqual({ ok: true, text: 'not encrypted (ssl is off)' });
    expect(describeTls({ version: '', cipher: '' }, true).ok).toBe(false);
  });
});
