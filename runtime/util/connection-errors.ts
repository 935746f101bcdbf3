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
