/**
 * A token bucket for throttles (messages/s, rows/s, bytes/s). `take(n)` resolves once n tokens are
 * available; a request larger than the burst is let through when the bucket is full, so one big
 * record never deadlocks the pipeline. Burst defaults to one second of rate.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly burst: number;

  constructor(
    private readonly ratePerSecond: number,
    burst?: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    if (!(ratePerSecond > 0)) throw new Error(`token bucket rate must be > 0, got ${ratePerSecond}`);
    this.burst = burst ?? Math.max(1, ratePerSecond);
    this.tokens = this.burst;
    this.last = this.now();
  }

  async take(n = 1): Promise<void> {
    for (;;) {
      this.refill();
      const need = Math.min(n, this.burst);
      if (this.tokens >= need) {
        this.tokens -= n;
        return;
      }
      await this.sleep(Math.ceil(((need - this.tokens) / this.ratePerSecond) * 1000));
    }
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
  }
}

/** Several optional throttles taken together; absent rates cost nothing. */
export class Throttle {
  private readonly messages?: TokenBucket;
  private readonly rows?: TokenBucket;
  private readonly bytes?: TokenBucket;

  constructor(limits: { messagesPerSecond?: number; rowsPerSecond?: number; megabytesPerSecond?: number }) {
    if (limits.messagesPerSecond) this.messages = new TokenBucket(limits.messagesPerSecond);
    if (limits.rowsPerSecond) this.rows = new TokenBucket(limits.rowsPerSecond);
    if (limits.megabytesPerSecond) this.bytes = new TokenBucket(limits.megabytesPerSecond * 1024 * 1024);
  }

  async take(cost: { messages?: number; rows?: number; bytes?: number }): Promise<void> {
    if (this.messages && cost.messages) await this.messages.take(cost.messages);
    if (this.rows && cost.rows) await this.rows.take(cost.rows);
    if (this.bytes && cost.bytes) await this.bytes.take(cost.bytes);
  }
}
