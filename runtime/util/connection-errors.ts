/**
 * Error codes (Node socket and mysql2) that mean "the connection to a server was lost or could not be
 * made". Shared by the binlog reader's error typing and the retry windows, so both agree on what a
 * connection failure is (retried for the connection window) and what is any other failure.
 */
export const CONNECTION_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'ERR_STREAM_WRITE_AFTER_END',
  'ER_CONNECTION_KILLED', 'ER_SERVER_SHUTDOWN', 'ER_CON_COUNT_ERROR',
]);

/** Server error numbers that mean the session is gone: 1053 shutdown, 1927 connection killed, 2006 gone away, 2013 lost. */
export const CONNECTION_ERRNOS: ReadonlySet<number> = new Set([1053, 1927, 2006, 2013]);

/**
 * Messages of errors thrown without a code that mean the same: mysql2 refusing a command on a
 * connection already closed (a killed session), gRPC's UNAVAILABLE / DEADLINE_EXCEEDED.
 */
export const CONNECTION_MESSAGE = /ECONNREFUSED|ECONNRESET|UNAVAILABLE|DEADLINE_EXCEEDED|No connection established|connect ETIMEDOUT|Connection lost|connection unavailable|connection is in closed state/i;
