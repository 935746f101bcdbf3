/**
 * One owner per task, wherever engines run: a lease on the source MySQL.
 *
 * - The lease is a named lock (`GET_LOCK`, which needs no grant) held on a connection of its own. The
 *   server releases it the moment that connection ends: a process killed with -9 hands over at once.
 * - The lease connection's `wait_timeout` is the lease's time to live (LEASE_DEFAULTS.ttlSeconds): a
 *   holder that stops answering (SIGSTOP, a frozen VM, a partition) loses the lock that long after its
 *   last renewal, and a standby waiting in GET_LOCK takes it.
 * - The holder renews every `renewMs` and counts its lease valid only until `ttl - safety` after it
 *   SENT its last successful renewal, which is before the server can have released the lock. `valid()`
 *   is a clock comparison: a process revived after a pause knows it lost the lease before any I/O, and
 *   the engine checks it before every send, commit and checkpoint write ("stops delivering at once").
 * - Losing the lease (renewal failed, connection lost, time up) aborts `lost`; the engine stops the
 *   task without draining and waits for the lease again, as a standby does. A destination that keeps
 *   its own checkpoint also fences a revived holder (runtime/sinks/mysql/checkpoint.ts, owner epoch).
 */
import { createHash } from 'node:crypto';
import { LEASE_DEFAULTS } from '../manifest/defaults.js';
import { openConnection, queryRows, type MySqlConnectionConfig, type QueryConnection } from '../sources/mysql/connection.js';
import { classifyFailure, RetryClock, type RetryWindows } from '../util/retry.js';

/** Thrown by `assertValid` once the lease is lost: the caller must not deliver. */
export class LeaseLostError extends Error {
  readonly leaseLost = true;
}

/** The lease could not be taken: the source refused (not a lost connection), or stayed unreachable for the task's connection window. */
export class LeaseUnavailableError extends Error {
  constructor(
    message: string,
    override readonly cause: unknown,
    /** 'unreachable': the connection window was spent; 'refused': the source answered with an error. */
    readonly kind: 'refused' | 'unreachable',
    /** The source's own error message. */
    readonly detail: string,
  ) {
    super(message);
  }
}

export function isLeaseLost(error: unknown): boolean {
  return (error as { leaseLost?: unknown } | undefined)?.leaseLost === true;
}

/** The lock name of a task: readable when it fits MySQL's 64 characters, else a digest. */
export function leaseName(stack: string, task: string): string {
  return lockName('dts', stack, task);
}

/**
 * The lock the owner's binlog dump connection holds. A dump of a paused engine blocks the next
 * owner's dump (same server id: the source waits for the old one, stuck writing to a socket nobody
 * reads, for net_write_timeout); the new owner finds it by this lock and ends it (KILL CONNECTION,
 * which an account may do to its own connections without any grant).
 */
export function dumpLockName(stack: string, task: string): string {
  return lockName('dts-dump', stack, task);
}

function lockName(prefix: string, stack: string, task: string): string {
  const readable = `${prefix}/${stack}/${task}`;
  if (readable.length <= 64) return readable;
  return `${prefix}/${createHash('sha256').update(`${stack}\u0000${task}`).digest('hex').slice(0, 63 - prefix.length)}`;
}

export interface LeaseOptions {
  readonly connection: MySqlConnectionConfig;
  readonly stack: string;
  readonly task: string;
  readonly ttlSeconds?: number;
  readonly renewMs?: number;
  readonly safetyMs?: number;
  /** Told, while waiting, which server connection holds the lease (once per holder). */
  readonly onWaiting?: (holderConnectionId: number | undefined) => void;
  /** Told when taking the lease ended an earlier owner's binlog dump (dumpLockName). */
  readonly onEvicted?: (dumpConnectionId: number) => void;
  /** Retry windows of the task: a source that cannot be reached is tried again for connectionMinutes. */
  readonly retry?: RetryWindows;
  /** Told of each failed attempt to reach the source while taking the lease (it is tried again). */
  readonly onUnreachable?: (error: unknown, attempt: number) => void;
}

/** The view of the lease that deliveries check. */
export interface OwnerGuard {
  valid(): boolean;
  /** Throws LeaseLostError naming `what` when the lease is no longer valid. */
  assertValid(what: string): void;
  readonly lost: AbortSignal;
}

export class TaskLease implements OwnerGuard {
  readonly name: string;
  private readonly ttlMs: number;
  private readonly renewMs: number;
  private readonly safetyMs: number;
  private conn?: QueryConnection;
  private validUntil = 0;
  private timer?: NodeJS.Timeout;
  private controller = new AbortController();
  private lostReason?: string;

  constructor(private readonly options: LeaseOptions) {
    this.name = leaseName(options.stack, options.task);
    this.ttlMs = (options.ttlSeconds ?? LEASE_DEFAULTS.ttlSeconds) * 1000;
    this.renewMs = options.renewMs ?? LEASE_DEFAULTS.renewMs;
    this.safetyMs = options.safetyMs ?? LEASE_DEFAULTS.safetyMs;
    if (this.safetyMs + 2 * this.renewMs >= this.ttlMs) {
      throw new Error(`task ${options.task}: lease ttl ${this.ttlMs} ms leaves no validity after the safety margin (${this.safetyMs} ms) and two renewals (${this.renewMs} ms each)`);
    }
  }

  get lost(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the lease was lost (undefined while held or before it was taken). */
  get reason(): string | undefined {
    return this.lostReason;
  }

  valid(): boolean {
    return !this.controller.signal.aborted && now() < this.validUntil;
  }

  assertValid(what: string): void {
    if (this.valid()) return;
    this.markLost(this.lostReason ?? `the lease expired (no renewal for ${Math.round(now() - (this.validUntil - this.ttlMs + this.safetyMs))} ms)`);
    throw new LeaseLostError(`task ${this.options.task}: ${what} refused: this engine no longer holds the task's lease (${this.lostReason}); another engine owns the task now`);
  }

  /**
   * Waits until this engine holds the lease; false when `signal` aborted first. A source that cannot
   * be reached is tried again within the task's connection window (a standby outlives source
   * restarts); any other refusal (a wrong password, a TLS setting) throws LeaseUnavailableError at once.
   */
  async acquire(signal: AbortSignal): Promise<boolean> {
    let lastHolder: number | undefined | null = null;
    const clock = new RetryClock(this.options.retry ?? { connectionMinutes: 720, otherMinutes: 10 });
    let failures = 0;
    while (!signal.aborted) {
      try {
        if (!this.conn) {
          this.conn = await openConnection(this.options.connection);
          await this.conn.query('SET SESSION wait_timeout = ?', [Math.ceil(this.ttlMs / 1000)]);
        }
        const sentAt = now();
        // A short wait per round, so a stop is seen within it.
        const rows = await queryRows(this.conn, 'SELECT GET_LOCK(?, 1) AS got, IS_USED_LOCK(?) AS holder', [this.name, this.name]);
        if (Number(rows[0]?.got) === 1) {
          // A stopping engine takes nothing: it gives the lock straight back (a standby stopped by
          // SIGTERM while its GET_LOCK was in flight must not start the task, nor claim an owner epoch).
          if (signal.aborted) {
            await this.conn.query('DO RELEASE_LOCK(?)', [this.name]).catch(() => undefined);
            await this.dropConnection();
            return false;
          }
          await this.endEarlierDump(this.conn);
          this.controller = new AbortController();
          this.lostReason = undefined;
          this.validUntil = sentAt + this.ttlMs - this.safetyMs;
          this.timer = setInterval(() => void this.renew(), this.renewMs);
          this.timer.unref();
          this.watchConnection(this.conn);
          return true;
        }
        const holder = rows[0]?.holder === null || rows[0]?.holder === undefined ? undefined : Number(rows[0].holder);
        if (holder !== lastHolder) this.options.onWaiting?.(holder);
        lastHolder = holder;
        clock.reset();
        failures = 0;
      } catch (error) {
        await this.dropConnection();
        const message = error instanceof Error ? error.message : String(error);
        if (classifyFailure(error) !== 'connection') {
          // An explained TLS refusal (sources/mysql/tls.ts) names its own fixes.
          const fix = (error as { errno?: number }).errno === 1045 && (error as { tls?: boolean }).tls !== true ? '; fix: check the account name and the password secret' : '';
          throw new LeaseUnavailableError(`task ${this.options.task}: cannot take the task's lease on the source ${this.options.connection.host}:${this.options.connection.port} as ${this.options.connection.user}: ${message}${fix}`, error, 'refused', message);
        }
        const wait = clock.next(error, ++failures);
        if (wait === undefined) {
          throw new LeaseUnavailableError(
            `task ${this.options.task}: the source ${this.options.connection.host}:${this.options.connection.port} stayed unreachable for the task's connection window while taking its lease (${message}); fix the source or the network and start again`,
            error,
            'unreachable',
            message,
          );
        }
        this.options.onUnreachable?.(error, failures);
        await delay(Math.min(wait, 5000), signal);
      }
    }
    return false;
  }

  /**
   * Ends the binlog dump an earlier owner may have left (paused, cut off): see dumpLockName. Told
   * (onEvicted) only when the KILL took effect; a dump gone meanwhile (1094, unknown thread) is fine;
   * any other refusal is an error of the takeover (the new owner's dump would wait behind the old one).
   */
  private async endEarlierDump(conn: QueryConnection): Promise<void> {
    const name = dumpLockName(this.options.stack, this.options.task);
    const rows = await queryRows(conn, 'SELECT IS_USED_LOCK(?) AS holder', [name]);
    const holder = rows[0]?.holder;
    if (holder === null || holder === undefined) return;
    try {
      await conn.query(`KILL CONNECTION ${Number(holder)}`);
    } catch (error) {
      if ((error as { errno?: number }).errno === 1094) return;
      throw error;
    }
    this.options.onEvicted?.(Number(holder));
  }

  /**
   * The lease connection's end or error loses the lease at once: the server released the lock with the
   * connection (a KILL, a restart), so nothing may be sent on its strength any more.
   */
  private watchConnection(conn: QueryConnection): void {
    const gone = (what: string) => () => {
      if (this.conn === conn) this.markLost(`the lease connection ${what}`);
    };
    conn.once('end', gone('ended'));
    conn.once('error', gone('failed'));
  }

  private renewing = false;

  private async renew(): Promise<void> {
    if (this.controller.signal.aborted) return;
    if (now() >= this.validUntil) {
      this.markLost('the lease expired before a renewal came back (the source did not answer, or this process was paused)');
      return;
    }
    if (this.renewing || !this.conn) return;
    this.renewing = true;
    const sentAt = now();
    try {
      const rows = await queryRows(this.conn, 'SELECT IS_USED_LOCK(?) = CONNECTION_ID() AS mine', [this.name]);
      if (Number(rows[0]?.mine) !== 1) this.markLost('the source no longer records this engine as the lease holder');
      else if (!this.controller.signal.aborted) this.validUntil = Math.max(this.validUntil, sentAt + this.ttlMs - this.safetyMs);
    } catch (error) {
      this.markLost(`the lease connection failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.renewing = false;
    }
  }

  private markLost(reason: string): void {
    if (this.controller.signal.aborted) return;
    this.lostReason = reason;
    this.validUntil = 0;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.controller.abort(new LeaseLostError(reason));
    // The lock must go with the claim: a half-dead connection could otherwise keep it.
    void this.dropConnection();
  }

  /** Gives the lease up (a graceful stop): a standby takes it at once. */
  async release(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.validUntil = 0;
    if (!this.controller.signal.aborted) {
      this.lostReason = 'released';
      this.controller.abort(new LeaseLostError('released'));
    }
    if (this.conn) await this.conn.query('DO RELEASE_LOCK(?)', [this.name]).catch(() => undefined);
    await this.dropConnection();
  }

  private async dropConnection(): Promise<void> {
    const conn = this.conn;
    this.conn = undefined;
    if (!conn) return;
    await conn.end().catch(() => undefined);
    conn.destroy();
  }
}

/** The lease's clock: monotonic (a wall-clock step, NTP or by hand, neither extends nor ends a lease). */
function now(): number {
  return performance.now();
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
