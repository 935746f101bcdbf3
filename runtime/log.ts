/**
 * Structured logs, one JSON object a line (pino). Anything that looks like a secret is redacted by
 * key, as a second line of defence: secrets are resolved late and never passed to the logger.
 */
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

const REDACT = ['password', 'secret', 'secretKey', 'accessKey', 'accessSecret', '*.password', '*.secret', '*.secretKey', '*.accessSecret'];

function wrap(p: PinoLogger): Logger {
  return {
    info: (msg, fields) => p.info(fields ?? {}, msg),
    warn: (msg, fields) => p.warn(fields ?? {}, msg),
    error: (msg, fields) => p.error(fields ?? {}, msg),
    debug: (msg, fields) => p.debug(fields ?? {}, msg),
    child: (bindings) => wrap(p.child(bindings)),
  };
}

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const level = options.level ?? process.env.DTS_LOG_LEVEL ?? 'info';
  const base = { level, base: undefined, redact: { paths: REDACT, censor: '(sensitive)' }, timestamp: pino.stdTimeFunctions.isoTime };
  return wrap(options.destination ? pino(base, options.destination) : pino(base, pino.destination(2)));
}

/** A logger that drops everything (tests that do not assert on logs). */
export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  child: () => silentLogger,
};
