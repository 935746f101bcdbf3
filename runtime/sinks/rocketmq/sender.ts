/**
 * Ordered, parallel, bounded delivery to FIFO topics.
 *
 * - Messages of one messageGroup are sent one after the other, each awaited before the next: the
 *   proxy keeps a group's order only if its sends do not overlap.
 * - Different groups are sent in parallel, at most `window` sends in flight in total.
 * - At most `maxBuffered` messages, and `maxBufferedBytes` of bodies (one message always fits), wait
 *   in the sender; `enqueue` resolves only when there is room, which is how backpressure reaches the
 *   binlog reader.
 * - Every message gets a sequence number in enqueue order. `ackedThrough()` is the highest sequence
 *   below which every message is acknowledged by the broker; the pipeline advances its checkpoint to
 *   the last transaction whose messages all lie at or below it.
 */
import { ROCKETMQ_BUFFERED_BYTES } from '../../manifest/defaults.js';
import { Throttle } from '../../util/token-bucket.js';

export interface OutgoingMessage {
  readonly topic: string;
  readonly messageGroup: string;
  readonly body: Buffer;
  readonly keys: readonly string[];
  readonly tag?: string;
  readonly properties: ReadonlyMap<string, string>;
  /** Rows carried, for the rows/s throttle and metrics. */
  readonly rows: number;
  /** "db.table" of the rows (metrics); absent for DDL tied to no table. */
  readonly table?: string;
  /** What the message carries, for metrics. */
  readonly operation?: 'INSERT' | 'UPDATE' | 'DELETE' | 'DDL';
  readonly phase?: 'full' | 'incremental';
  /** Source commit time of the newest row (ms). */
  readonly commitTime?: number;
}

export type SendFn = (message: OutgoingMessage) => Promise<void>;

/** Decides, for a failed send, whether to retry after a delay or give up with a final error. */
export type RetryDecision = { readonly retryAfterMs: number } | { readonly fail: Error };
export type RetryPolicy = (error: unknown, attempt: number, message: OutgoingMessage) => RetryDecision;

export interface SenderOptions {
  readonly send: SendFn;
  readonly retry: RetryPolicy;
  readonly window?: number;
  readonly maxBuffered?: number;
  /** Bytes of bodies waiting at most (default ROCKETMQ_BUFFERED_BYTES). */
  readonly maxBufferedBytes?: number;
  readonly throttle?: Throttle;
  readonly onDelivered?: (message: OutgoingMessage) => void;
}

interface Pending {
  readonly seq: number;
  readonly message: OutgoingMessage;
}

export class OrderedSender {
  private readonly window: number;
  private readonly maxBuffered: number;
  private readonly groups = new Map<string, Pending[]>();
  /** Groups with queued messages and no send in flight, in arrival order (fairness). */
  private readonly ready: string[] = [];
  private readonly busy = new Set<string>();
  private readonly unacked = new Set<number>();
  private nextSeq = 0;
  private lowestUnacked = 0;
  private buffered = 0;
  private bufferedBytes = 0;
  private readonly maxBufferedBytes: number;
  private inFlight = 0;
  private failure: Error | undefined;
  private roomWaiters: (() => void)[] = [];
  private drainWaiters: (() => void)[] = [];

  constructor(private readonly options: SenderOptions) {
    this.window = options.window ?? 64;
    this.maxBuffered = options.maxBuffered ?? 4096;
    this.maxBufferedBytes = options.maxBufferedBytes ?? ROCKETMQ_BUFFERED_BYTES;
  }

  /** Queues a message; resolves with its sequence number once the sender has room for it. */
  async enqueue(message: OutgoingMessage): Promise<number> {
    this.throwIfFailed();
    while (this.buffered >= this.maxBuffered || (this.buffered > 0 && this.bufferedBytes + message.body.length > this.maxBufferedBytes)) {
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
      this.throwIfFailed();
    }
    const seq = this.nextSeq++;
    this.unacked.add(seq);
    this.buffered++;
    this.bufferedBytes += message.body.length;
    let queue = this.groups.get(message.messageGroup);
    if (!queue) {
      queue = [];
      this.groups.set(message.messageGroup, queue);
    }
    queue.push({ seq, message });
    if (queue.length === 1 && !this.busy.has(message.messageGroup)) this.ready.push(message.messageGroup);
    this.pump();
    return seq;
  }

  /** The last sequence number assigned so far (-1 before the first message). */
  lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Every message with seq <= the returned value is acknowledged by the broker. */
  ackedThrough(): number {
    return this.lowestUnacked - 1;
  }

  /** The error that stopped the sender, if any. */
  error(): Error | undefined {
    return this.failure;
  }

  bufferedCount(): number {
    return this.buffered;
  }

  /** Resolves when every enqueued message is acknowledged; rejects if the sender failed. */
  async drain(): Promise<void> {
    while (this.buffered > 0) {
      this.throwIfFailed();
      await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
    }
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  private pump(): void {
    while (!this.failure && this.inFlight < this.window && this.ready.length > 0) {
      const group = this.ready.shift()!;
      const queue = this.groups.get(group);
      if (!queue || queue.length === 0) continue;
      this.busy.add(group);
      this.inFlight++;
      void this.sendHead(group, queue);
    }
  }

  private async sendHead(group: string, queue: Pending[]): Promise<void> {
    const head = queue[0]!;
    try {
      await this.options.throttle?.take({ messages: 1, rows: head.message.rows, bytes: head.message.body.length });
      await this.sendWithRetry(head.message);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
      return;
    } finally {
      this.inFlight--;
      this.busy.delete(group);
    }
    queue.shift();
    if (queue.length === 0) this.groups.delete(group);
    else this.ready.push(group);
    this.bufferedBytes -= head.message.body.length;
    this.acknowledge(head.seq);
    this.options.onDelivered?.(head.message);
    this.pump();
  }

  private async sendWithRetry(message: OutgoingMessage): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.send(message);
        return;
      } catch (error) {
        const decision = this.options.retry(error, attempt, message);
        if ('fail' in decision) throw decision.fail;
        await new Promise((r) => setTimeout(r, decision.retryAfterMs));
        if (this.failure) throw this.failure;
      }
    }
  }

  private acknowledge(seq: number): void {
    this.unacked.delete(seq);
    this.buffered--;
    while (this.lowestUnacked < this.nextSeq && !this.unacked.has(this.lowestUnacked)) this.lowestUnacked++;
    const room = this.roomWaiters.shift();
    room?.();
    if (this.buffered === 0) this.wake('drain');
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.wake('room');
    this.wake('drain');
  }

  private wake(which: 'room' | 'drain'): void {
    const waiters = which === 'room' ? this.roomWaiters : this.drainWaiters;
    if (which === 'room') this.roomWaiters = [];
    else this.drainWaiters = [];
    for (const w of waiters) w();
  }
}
