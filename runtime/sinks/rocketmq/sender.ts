/**
 * Ordered, parallel, bounded delivery to FIFO topics.
 *
 * - Every message travels in a lane (`laneOf`; by default its messageGroup). A lane's messages are
 *   sent in enqueue order, one request at a time, each awaited before the next: neither the proxy
 *   (per group) nor a queue (per batch) keeps the order of requests that overlap. A request carries
 *   up to `maxBatchMessages` messages and `maxBatchBytes` of bodies (one message always goes).
 * - Different lanes are sent in parallel, at most `window` requests in flight in total.
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
  readonly properties: Readonly<Record<string, string>>;
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

/** Sends the messages of one lane, in order, as one request; resolves when the broker stored them all. */
export type SendFn = (batch: readonly OutgoingMessage[]) => Promise<void>;

/** Decides, for a failed send, whether to retry after a delay or give up with a final error. */
export type RetryDecision = { readonly retryAfterMs: number } | { readonly fail: Error };
export type RetryPolicy = (error: unknown, attempt: number, message: OutgoingMessage) => RetryDecision;

/** How messages reach the broker: the send function and the lanes and batch sizes it needs. */
export interface Transport {
  readonly send: SendFn;
  readonly laneOf?: (message: OutgoingMessage) => string;
  readonly maxBatchMessages?: number;
  readonly maxBatchBytes?: number;
  close(): Promise<void>;
}

export interface SenderOptions {
  readonly send: SendFn;
  readonly retry: RetryPolicy;
  readonly window?: number;
  /** The lane of a message (default: its messageGroup). */
  readonly laneOf?: (message: OutgoingMessage) => string;
  /** Messages per request at most (default 1). */
  readonly maxBatchMessages?: number;
  /** Bytes of bodies per request at most (default: unbounded; one message always goes). */
  readonly maxBatchBytes?: number;
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
  /** Lanes with queued messages and no send in flight, in arrival order (fairness). */
  private readonly ready: string[] = [];
  private readonly busy = new Set<string>();
  private readonly unacked = new Set<number>();
  private nextSeq = 0;
  private lowestUnacked = 0;
  private buffered = 0;
  private bufferedBytes = 0;
  private readonly maxBufferedBytes: number;
  private readonly laneOf: (message: OutgoingMessage) => string;
  private readonly maxBatchMessages: number;
  private readonly maxBatchBytes: number;
  private inFlight = 0;
  private failure: Error | undefined;
  private roomWaiters: (() => void)[] = [];
  private drainWaiters: (() => void)[] = [];

  constructor(private readonly options: SenderOptions) {
    this.window = options.window ?? 64;
    this.maxBuffered = options.maxBuffered ?? 4096;
    this.maxBufferedBytes = options.maxBufferedBytes ?? ROCKETMQ_BUFFERED_BYTES;
    this.laneOf = options.laneOf ?? ((m) => m.messageGroup);
    this.maxBatchMessages = options.maxBatchMessages ?? 1;
    this.maxBatchBytes = options.maxBatchBytes ?? Infinity;
  }

  /** Queues a message; resolves with its sequence number once the sender has room for it. */
  async enqueue(message: OutgoingMessage): Promise<number> {
    this.throwIfFailed();
    while (!this.hasRoom(message)) {
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
      this.throwIfFailed();
    }
    return this.add(message);
  }

  /**
   * enqueue without waiting: the sequence number if there is room now, else undefined (then await
   * enqueue). Saves a promise per message on the hot path.
   */
  tryEnqueue(message: OutgoingMessage): number | undefined {
    this.throwIfFailed();
    // Never ahead of a caller already waiting for room: sequence numbers follow the callers' order.
    return this.roomWaiters.length === 0 && this.hasRoom(message) ? this.add(message) : undefined;
  }

  private hasRoom(message: OutgoingMessage): boolean {
    return this.buffered < this.maxBuffered && (this.buffered === 0 || this.bufferedBytes + message.body.length <= this.maxBufferedBytes);
  }

  private add(message: OutgoingMessage): number {
    const seq = this.nextSeq++;
    this.unacked.add(seq);
    this.buffered++;
    this.bufferedBytes += message.body.length;
    const lane = this.laneOf(message);
    let queue = this.groups.get(lane);
    if (!queue) {
      queue = [];
      this.groups.set(lane, queue);
    }
    queue.push({ seq, message });
    if (queue.length === 1 && !this.busy.has(lane)) this.ready.push(lane);
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

  /**
   * Stops the sender for good (the sink is closing): sends in flight are not retried, waiting callers
   * get `reason`. Without it a send cut off by the transport's close would retry for the whole retry
   * window and keep the process alive after the task ended.
   */
  abort(reason: Error): void {
    this.fail(reason);
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
      const lane = this.ready.shift()!;
      const queue = this.groups.get(lane);
      if (!queue || queue.length === 0) continue;
      this.busy.add(lane);
      this.inFlight++;
      void this.sendHead(lane, queue);
    }
  }

  /** The head of a lane's queue that one request may carry. */
  private takeBatch(queue: readonly Pending[]): Pending[] {
    const batch: Pending[] = [queue[0]!];
    let bytes = queue[0]!.message.body.length;
    for (let i = 1; i < queue.length && batch.length < this.maxBatchMessages; i++) {
      const next = queue[i]!;
      if (bytes + next.message.body.length > this.maxBatchBytes) break;
      batch.push(next);
      bytes += next.message.body.length;
    }
    return batch;
  }

  private async sendHead(lane: string, queue: Pending[]): Promise<void> {
    const batch = this.takeBatch(queue);
    const messages = batch.map((p) => p.message);
    try {
      let rows = 0;
      let bytes = 0;
      for (const m of messages) {
        rows += m.rows;
        bytes += m.body.length;
      }
      await this.options.throttle?.take({ messages: messages.length, rows, bytes });
      await this.sendWithRetry(messages);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
      return;
    } finally {
      this.inFlight--;
      this.busy.delete(lane);
    }
    queue.splice(0, batch.length);
    if (queue.length === 0) this.groups.delete(lane);
    else this.ready.push(lane);
    for (const p of batch) {
      this.bufferedBytes -= p.message.body.length;
      this.acknowledge(p.seq);
      this.options.onDelivered?.(p.message);
    }
    this.pump();
  }

  private async sendWithRetry(batch: readonly OutgoingMessage[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.send(batch);
        return;
      } catch (error) {
        if (this.failure) throw this.failure;
        const decision = this.options.retry(error, attempt, batch[0]!);
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
