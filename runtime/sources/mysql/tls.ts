/**
 * TLS failures and facts of MySQL connections, in words that name the endpoint and the fix: the raw
 * errors ("self-signed certificate in certificate chain", "Hostname/IP does not match certificate's
 * altnames") name neither. Used by every connection the engine opens (openConnection) and by the
 * prechecks, which also report the negotiated version and cipher.
 */
import type { MySqlConnectionConfig, QueryConnection } from './connection.js';

const UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/** A TLS refusal of this connection explained (endpoint, cause, fix), or undefined for other errors. */
export function explainTlsFailure(error: unknown, config: MySqlConnectionConfig): Error | undefined {
  const e = error as { code?: string; errno?: number; message?: string };
  const where = config.label ?? `${config.host}:${config.port}`;
  const raw = e.message ?? String(error);
  const explained = (text: string) => Object.assign(new Error(`${where}: ${text} (${raw})`, { cause: error }), { code: e.code, tls: true });
  // mysql2 reports every handshake failure as HANDSHAKE_SSL_ERROR with Node's message: tell them apart by it.
  const is = (code: string, pattern: RegExp) => e.code === code || (e.code === 'HANDSHAKE_SSL_ERROR' && pattern.test(raw));
  if ((e.code !== undefined && UNTRUSTED.has(e.code)) || is('SELF_SIGNED_CERT_IN_CHAIN', /self[- ]signed certificate|unable to verify|unable to get (local )?issuer|certificate signature failure|certificate is not trusted/i)) {
    return explained(
      `TLS: the server's certificate is not signed by ${config.tls?.ca ? 'the CA named in ssl.ca' : 'a CA this system trusts'}. ` +
        'Fix: set ssl.ca to the CA that signed the server certificate (RDS: the CA bundle of the instance\'s region, from the RDS console\'s data security page)',
    );
  }
  if (is('ERR_TLS_CERT_ALTNAME_INVALID', /does not match certificate's altnames/i)) {
    return explained(
      `TLS: the server's certificate does not name ${config.host}. ` +
        'Fix: connect with a host name the certificate names (for RDS, the instance\'s connection string), or set ssl.verifyServerName to false (the certificate is still checked against the CA)',
    );
  }
  if (is('CERT_HAS_EXPIRED', /certificate has expired/i) || is('CERT_NOT_YET_VALID', /certificate is not yet valid/i)) {
    return explained('TLS: the server\'s certificate is outside its validity period. Fix: renew the server certificate, or check this machine\'s clock');
  }
  if (e.code === 'HANDSHAKE_NO_SSL_SUPPORT') {
    return explained('TLS was asked for (ssl) and the server offers none. Fix: enable TLS on the server (ssl_cert, ssl_key), or set ssl to false if an unencrypted connection is acceptable');
  }
  if (is('ERR_SSL_UNSUPPORTED_PROTOCOL', /wrong version number|unsupported protocol|protocol version/i)) {
    return explained(`TLS: the server offers no TLS version at or above ${config.tls?.minVersion ?? 'TLSv1.2'}. Fix: enable TLS 1.2 or later on the server, or lower ssl.minVersion`);
  }
  // MySQL's refusal of an unencrypted connection under require_secure_transport (MariaDB answers
  // "access denied" instead: see requiresTls).
  if (e.errno === 3159 || /insecure transport are prohibited/i.test(raw)) return requiredExplained(config, error);
  return undefined;
}

function requiredExplained(config: MySqlConnectionConfig, cause: unknown): Error {
  const where = config.label ?? `${config.host}:${config.port}`;
  return Object.assign(
    new Error(`${where}: the server accepts only encrypted connections for ${config.user} (require_secure_transport, or an account with REQUIRE SSL). Fix: turn ssl on for this endpoint`, { cause }),
    { tls: true },
  );
}

/**
 * After "access denied" on an unencrypted connection: does the same login succeed over TLS? MariaDB
 * refuses a plain connection under require_secure_transport (or REQUIRE SSL) with "access denied", as
 * for a wrong password. The probe's TLS is verified (the system's CAs, the server's name): credentials
 * go only to a peer that proved who it is, never to whatever answers on the path. Returns:
 * - the login succeeded over verified TLS: "the server accepts only encrypted connections ... turn ssl on";
 * - the certificate could not be verified: the login was not tried; the error says both causes and fixes;
 * - undefined (the original error stands) when the probe was refused too, or the server offers no TLS.
 */
export async function tlsRequiredInstead(error: unknown, config: MySqlConnectionConfig, connect: (config: MySqlConnectionConfig) => Promise<{ end(): Promise<void> }>): Promise<Error | undefined> {
  if ((error as { errno?: number }).errno !== 1045 || config.tls !== undefined) return undefined;
  const probe: MySqlConnectionConfig = { ...config, tls: { verifyCertificate: true, verifyServerName: true, minVersion: 'TLSv1.2' } };
  try {
    const conn = await connect(probe);
    await conn.end().catch(() => undefined);
    return requiredExplained(config, error);
  } catch (probeError) {
    const tls = explainTlsFailure(probeError, probe);
    if (tls === undefined || (probeError as { code?: string }).code === 'HANDSHAKE_NO_SSL_SUPPORT') return undefined;
    const where = config.label ?? `${config.host}:${config.port}`;
    return Object.assign(
      new Error(
        `${where}: access denied for ${config.user} on an unencrypted connection (${(error as Error).message}): the password is wrong, or the server accepts only encrypted connections for ${config.user} ` +
          '(require_secure_transport, or an account with REQUIRE SSL; MariaDB answers both alike). The login was not tried over TLS because the server\'s certificate ' +
          'is not one this system can verify. Fix: check the password secret; if the server requires TLS, turn ssl on for this endpoint with ssl.ca naming the CA that signed its certificate',
        { cause: error },
      ),
      { tls: true, errno: 1045 },
    );
  }
}

/** The negotiated TLS version and cipher of a connection ('' when it is not encrypted). */
export async function sessionTls(conn: QueryConnection): Promise<{ version: string; cipher: string }> {
  const [rows] = await conn.query("SHOW SESSION STATUS WHERE Variable_name IN ('Ssl_version', 'Ssl_cipher')");
  const value = (name: string) => String((rows as { Variable_name: string; Value: string }[]).find((r) => r.Variable_name === name)?.Value ?? '');
  return { version: value('Ssl_version'), cipher: value('Ssl_cipher') };
}

/** The connectivity precheck's words for a connection's encryption. */
export function describeTls(tls: { version: string; cipher: string }, asked: boolean): { ok: boolean; text: string } {
  if (tls.version !== '') return { ok: true, text: `encrypted with ${tls.version} (${tls.cipher})` };
  return asked ? { ok: false, text: 'TLS was asked for (ssl) but the connection is not encrypted' } : { ok: true, text: 'not encrypted (ssl is off)' };
}
