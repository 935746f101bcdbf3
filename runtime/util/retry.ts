/**
 * The seed's two retry windows: connection failures to the source or destination are retried for
 * `connectionMinutes` (default 720), other failures (a DML/DDL refused) for `otherMinutes` (default 10).
 * Past the window the task fails with the last error. Backoff is exponential, capped at 30 s.
 */
import { CONNECTION_ERRNOS, CONNECTION_ERROR_CODES, CONNECTION_MESSAGE } from './connection-errors.js';

export type FailureClass = 'connection' | 'other';

export interface RetryWindows {
  readonly connectionMinutes: number;
  readonly otherMinutes: number;
}

/** gRPC status codes: 4 DEADLINE_EXCEEDED, 14 UNAVAILABLE. RocketMQ proxy: 40401/50401-ish timeouts. */
const GRPC_CONNECTION_CODES = new Set([4, 14]);

/**
 * By the error's kind, not its wording: a typed error (the binlog reader's, whose `kind` says
 * 'connection' for a lost link or heartbeat silence), a socket or mysql2 code, a server errno, a gRPC
 * status; a wrapping error (a sink's) is classified by its cause.
 */
export function classifyFailure(error: unknown, depth = 0): FailureClass {
  const e = error as { code?: unknown; errno?: unknown; name?: unknown; message?: unknown; kind?: unknown; cause?: unknown } | undefined;
  if (e && e.kind === 'connection') return 'connection';
  // A broker's answer over remoting is an answer, whatever its wording (RemotingError.kind).
  if (e && e.kind === 'other' && e.name === 'RemotingError') return 'other';
  if (e && typeof e.errno === 'number' && CONNECTION_ERRNOS.has(e.errno)) return 'connection';
  if (e && e.cause !== undefined && depth < 4 && classifyFailure(e.cause, depth + 1) === 'connection') return 'connection';
  if (e && typeof e.code === 'string' && CONNECTION_ERROR_CODES.has(e.code)) return 'connection';
  if (e && typeof e.code === 'number' && GRPC_CONNECTION_CODES.has(e.code)) return 'connection';
  if (e && (e.name === 'ProxyTimeoutException' || e.name === 'TooManyRequestsException')) return 'connection';
  const message = typeof e?.message === 'string' ? e.message : '';
  if (CONNECTION_MESSAGE.test(message)) return 'connection';
  return 'other';
}

export function backoffMs(attempt: number): number {
  return Math.min(30_000, 100 * 2 ** Math.min(attempt - 1, 16));
}

/**
 * Test-only time scale of the retry windows: DTS_RETRY_SCALE=0.005 turns a 10-minute window into 3 s,
 * so tests can watch a task give up without waiting minutes. Deliberately an environment variable,
 * not a manifest field: production windows are whole minutes (the manifest schema's minimums).
 */
export function retryScale(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DTS_RETRY_SCALE;
  if (raw === undefined || raw.trim() === '') return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new Error(`DTS_RETRY_SCALE must be a positive number (a test-only factor on the retry windows), got "${raw}": unset it or fix it`);
  }
  return scale;
}

/** Tracks one failing operation: whether another attempt is still within its window. */
export class RetryClock {
  private firstFailure: number | undefined;

  constructor(
    private readonly windows: RetryWindows,
    private readonly now: () => number = Date.now,
    private readonly scale: number = retryScale(),
  ) {}

  /** Returns the delay before the next attempt, or undefined when the window is spent. */
  next(error: unknown, attempt: number): number | undefined {
    const t = this.now();
    this.firstFailure ??= t;
    const minutes = classifyFailure(error) === 'connection' ? this.windows.connectionMinutes : this.windows.otherMinutes;
    if (t - this.firstFailure >= minutes * 60_000 * this.scale) return undefined;
    return backoffMs(attempt);
  }

  reset(): void {
    this.firstFailure = undefined;
  }
}
