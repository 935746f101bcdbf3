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
  if (e.code !== undefined && UNTRUSTED.has(e.code)) {
    return explained(
      `TLS: the server's certificate is not signed by ${config.tls?.ca ? 'the CA named in ssl.ca' : 'a CA this system trusts'}. ` +
        'Fix: set ssl.ca to the CA that signed the server certificate (RDS: the CA bundle of the instance\'s region, from the RDS console\'s data security page)',
    );
  }
  if (e.code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return explained(
      `TLS: the server's certificate does not name ${config.host}. ` +
        'Fix: connect with a host name the certificate names (for RDS, the instance\'s connection string), or set ssl.verifyServerName to false (the certificate is still checked against the CA)',
    );
  }
  if (e.code === 'CERT_HAS_EXPIRED' || e.code === 'CERT_NOT_YET_VALID') {
    return explained('TLS: the server\'s certificate is outside its validity period. Fix: renew the server certificate, or check this machine\'s clock');
  }
  if (e.code === 'HANDSHAKE_NO_SSL_SUPPORT') {
    return explained('TLS was asked for (ssl) and the server offers none. Fix: enable TLS on the server (ssl_cert, ssl_key), or set ssl to false if an unencrypted connection is acceptable');
  }
  if (e.code === 'ERR_SSL_UNSUPPORTED_PROTOCOL' || e.code === 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' || /wrong version number|unsupported protocol/i.test(raw)) {
    return explained(`TLS: the server offers no TLS version at or above ${config.tls?.minVersion ?? 'TLSv1.2'}. Fix: enable TLS 1.2 or later on the server, or lower ssl.minVersion`);
  }
  // MariaDB's and MySQL's refusal of an unencrypted connection under require_secure_transport.
  if (e.errno === 3159 || e.errno === 4151 || /insecure transport are prohibited/i.test(raw)) {
    return explained('the server accepts only encrypted connections (require_secure_transport). Fix: turn ssl on for this endpoint');
  }
  return undefined;
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
